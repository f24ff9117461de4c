/* Reading, writing, opening and sizing files: passed through to the host
 * with guest buffers checked and offsets decoded per ABI. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "os/linux/proc_signal.h"
#include "os/linux/own_fds.h"
#include "os/linux/syscall.h"

/* How much of [addr, addr+n) is accessible from its start. The kernel
 * copies up to the first bad page and returns a short count, or EFAULT
 * when nothing could be copied. */
static uint64_t accessible(struct linux_proc *p, uint64_t addr, uint64_t n, unsigned need)
{
	if (gmem_check(&p->mem, addr, n, need))
		return n;
	uint64_t end = (addr | GPAGE_MASK) + 1, done = 0;
	while (done < n && gmem_check(&p->mem, addr + done, (end - addr) - done, need)) {
		done = end - addr;
		end += GPAGE_SIZE;
	}
	return done < n ? done : n;
}

/* The host buffer for n guest bytes at addr: clamped to the accessible
 * prefix, or the faulting pointer when nothing is accessible. */
static void *rw_buf(struct linux_proc *p, uint64_t addr, uint64_t *n, unsigned need)
{
	/* Linux does not look at the buffer of a zero-length transfer. */
	static uint8_t none;
	if (*n == 0)
		return &none;
	uint64_t ok = accessible(p, addr, *n, need);
	if (ok == 0)
		return SC_BAD_PTR;
	*n = ok;
	return gmem_host(&p->mem, addr);
}

SC(read)
{
	uint64_t n = sc_ulong(p, a[2]);
	long r;
	if (__atomic_load_n(&p->tg->nsfd, __ATOMIC_RELAXED) && proc_signalfd_read(p, sc_int(a[0]), a[1], n, &r))
		return r;
	void *buf = rw_buf(p, a[1], &n, GP_W);
	r = sc_ret(read(sc_int(a[0]), buf, n));
	sc_counter_fd_swap(p, sc_int(a[0]), buf, r);
	return r;
}

SC(write)
{
	uint64_t n = sc_ulong(p, a[2]);
	void *buf = rw_buf(p, a[1], &n, GP_R);
	uint64_t v;
	/* A counter written to an eventfd is swapped in a copy. */
	if (n == 8 && buf && gmem_check(&p->mem, a[1], 8, GP_R)) {
		v = gmem_raw_ld64(buf);
		sc_counter_fd_swap(p, sc_int(a[0]), &v, 8);
		buf = &v;
	}
	return sc_ret(write(sc_int(a[0]), buf, n));
}

SC(pread64)
{
	unsigned i = 3;
	int64_t off = (int64_t)sc_arg64(p, a, &i);
	uint64_t n = sc_ulong(p, a[2]);
	void *buf = rw_buf(p, a[1], &n, GP_W);
	return sc_ret(pread(sc_int(a[0]), buf, n, off));
}

SC(pwrite64)
{
	unsigned i = 3;
	int64_t off = (int64_t)sc_arg64(p, a, &i);
	uint64_t n = sc_ulong(p, a[2]);
	void *buf = rw_buf(p, a[1], &n, GP_R);
	return sc_ret(pwrite(sc_int(a[0]), buf, n, off));
}

/* Guest iovec array -> host iovecs; every buffer must be accessible. */
static long get_iov(struct linux_proc *p, uint64_t addr, uint64_t cnt, unsigned need,
                    struct iovec **out)
{
	if ((int)cnt < 0 || cnt > IOV_MAX)
		return -EINVAL;
	unsigned w = sc_wordsize(p);
	struct iovec *v = calloc(cnt ? cnt : 1, sizeof *v);
	if (!v)
		return -ENOMEM;
	uint64_t total = 0;
	for (uint64_t k = 0; k < cnt; k++) {
		uint64_t base, len;
		if (sc_getlong(p, addr + 2 * w * k, &base) < 0 ||
		    sc_getlong(p, addr + 2 * w * k + w, &len) < 0) {
			free(v);
			return -EFAULT;
		}
		total += len;
		if ((int64_t)len < 0 || (w == 4 && total > INT32_MAX)) {
			free(v);
			return -EINVAL;
		}
		if (len && !gmem_check(&p->mem, base, len, need)) {
			free(v);
			return -EFAULT;
		}
		v[k].iov_base = gmem_host(&p->mem, base);
		v[k].iov_len = len;
	}
	*out = v;
	return 0;
}

static long do_rwv(struct linux_proc *p, const uint64_t a[6], bool wr, bool positioned, int64_t off,
                   int flags)
{
	struct iovec *v;
	long r = get_iov(p, a[1], sc_ulong(p, a[2]), wr ? GP_R : GP_W, &v);
	if (r < 0)
		return r;
	int fd = sc_int(a[0]), cnt = (int)a[2];
	if (positioned)
		r = wr ? pwritev2(fd, v, cnt, off, flags) : preadv2(fd, v, cnt, off, flags);
	else
		r = wr ? writev(fd, v, cnt) : readv(fd, v, cnt);
	r = sc_ret(r);
	free(v);
	return r;
}

SC(readv) { return do_rwv(p, a, false, false, 0, 0); }
SC(writev) { return do_rwv(p, a, true, false, 0, 0); }

/* preadv/pwritev take the offset split in two registers (low, high) on
 * every ABI, not as a register pair. */
static int64_t split_off(const struct linux_proc *p, uint64_t lo, uint64_t hi)
{
	if (p->arch->word_bits == 64)
		return (int64_t)lo;
	return (int64_t)((lo & 0xffffffffu) | (hi << 32));
}

SC(preadv) { return do_rwv(p, a, false, true, split_off(p, a[3], a[4]), 0); }
SC(pwritev) { return do_rwv(p, a, true, true, split_off(p, a[3], a[4]), 0); }
/* RWF_* flags are the same on every ABI; offset -1 means the file position. */
SC(preadv2) { return do_rwv(p, a, false, true, split_off(p, a[3], a[4]), sc_int(a[5])); }
SC(pwritev2) { return do_rwv(p, a, true, true, split_off(p, a[3], a[4]), sc_int(a[5])); }

/* hflags are host open flags: creat's fixed set is not in guest numbering. */
static long open_host(struct linux_proc *p, int dirfd, uint64_t path, int hflags, uint64_t mode)
{
	char buf[PATH_MAX];
	int r = sc_path(p, path, buf);
	if (r < 0)
		return r;
	long fake;
	if (sc_proc_fake_open(p, buf, hflags, &fake))
		return fake;
	return sc_ret(openat(dirfd, buf, hflags, (mode_t)(mode & 07777)));
}

static long do_open(struct linux_proc *p, int dirfd, uint64_t path, uint64_t flags, uint64_t mode)
{
	return open_host(p, dirfd, path, sc_open_flags_in(p, (uint32_t)flags), mode);
}

SC(open) { return do_open(p, AT_FDCWD, a[0], a[1], a[2]); }
SC(openat) { return do_open(p, sc_int(a[0]), a[1], a[2], a[3]); }
SC(creat) { return open_host(p, AT_FDCWD, a[0], O_WRONLY | O_CREAT | O_TRUNC, a[1]); }
SC(close)
{
	int fd = sc_int(a[0]);
	if (fd >= 0)
		sc_fds_closed(p, (unsigned)fd, (unsigned)fd);
	return sc_ret(close(fd));
}

/* Seeks fd; directory positions go through the 32-bit cookie map. */
static int64_t do_lseek(struct linux_proc *p, int fd, int64_t off, int whence)
{
	if (whence == SEEK_SET)
		off = (int64_t)sc_dir_host_off(p, fd, (uint64_t)off);
	off_t r = lseek(fd, off, whence);
	return r < 0 ? -errno : (int64_t)sc_dir_tell(p, fd, (uint64_t)r);
}

SC(lseek)
{
	int64_t r = do_lseek(p, sc_int(a[0]), sc_long(p, a[1]), sc_int(a[2]));
	/* A 32-bit off_t cannot hold the new position (it is still moved). */
	if (p->arch->word_bits == 32 && r > INT32_MAX)
		return -EOVERFLOW;
	return r;
}

SC(_llseek)
{
	int64_t off = (int64_t)(((a[1] & 0xffffffffu) << 32) | (a[2] & 0xffffffffu));
	int64_t r = do_lseek(p, sc_int(a[0]), off, sc_int(a[4]));
	return r < 0 ? r : sc_put64(p, a[3], (uint64_t)r);
}

static long do_sendfile(struct linux_proc *p, const uint64_t a[6], bool off64)
{
	off_t off = 0;
	uint64_t count = sc_ulong(p, a[3]);
	if (a[2]) {
		if (off64) {
			if (!gmem_ld64(&p->mem, a[2], (uint64_t *)&off))
				return -EFAULT;
		} else {
			uint64_t v;
			if (sc_getlong(p, a[2], &v) < 0)
				return -EFAULT;
			off = sc_long(p, v);
		}
	}
	long r = sc_ret(sendfile(sc_int(a[0]), sc_int(a[1]), a[2] ? &off : NULL, count));
	if (r >= 0 && a[2]) {
		int w = off64 ? sc_put64(p, a[2], (uint64_t)off) : sc_putlong(p, a[2], (uint64_t)off);
		if (w < 0)
			return w;
	}
	return r;
}

SC(sendfile) { return do_sendfile(p, a, p->arch->word_bits == 64); }
SC(sendfile64) { return do_sendfile(p, a, true); }

static long do_truncate(struct linux_proc *p, uint64_t path, int64_t len)
{
	char buf[PATH_MAX];
	int r = sc_path(p, path, buf);
	return r < 0 ? r : sc_ret(truncate(buf, len));
}

SC(truncate) { return do_truncate(p, a[0], sc_long(p, a[1])); }
SC(ftruncate) { return sc_ret(ftruncate(sc_int(a[0]), sc_long(p, a[1]))); }

SC(truncate64)
{
	unsigned i = 1;
	return do_truncate(p, a[0], (int64_t)sc_arg64(p, a, &i));
}

SC(ftruncate64)
{
	unsigned i = 1;
	return sc_ret(ftruncate(sc_int(a[0]), (int64_t)sc_arg64(p, a, &i)));
}

SC(fsync) { (void)p; return sc_ret(fsync(sc_int(a[0]))); }
SC(fdatasync) { (void)p; return sc_ret(fdatasync(sc_int(a[0]))); }
SC(sync) { (void)p; (void)a; sync(); return 0; }
SC(syncfs) { (void)p; return sc_ret(syncfs(sc_int(a[0]))); }

/* ARM reorders fadvise64_64 so the 64-bit values land in register pairs:
 * (fd, advice, offset, len). POSIX_FADV_* values are generic. */
SC(arm_fadvise64_64)
{
	unsigned i = 2;
	int64_t off = (int64_t)sc_arg64(p, a, &i);
	int64_t len = (int64_t)sc_arg64(p, a, &i);
	return sc_ret(syscall(SYS_fadvise64, sc_int(a[0]), off, len, sc_int(a[1])));
}

/* fadvise64 of 64-bit ABIs: (fd, offset, len, advice). */
SC(fadvise64)
{
	(void)p;
	return sc_ret(syscall(SYS_fadvise64, sc_int(a[0]), (int64_t)a[1], (int64_t)a[2], sc_int(a[3])));
}

/* sync_file_range of 64-bit ABIs: (fd, offset, nbytes, flags). */
SC(sync_file_range)
{
	(void)p;
	return sc_ret(sync_file_range(sc_int(a[0]), (int64_t)a[1], (int64_t)a[2], (unsigned)a[3]));
}

/* sync_file_range2: (fd, flags, offset, nbytes). */
SC(arm_sync_file_range)
{
	unsigned i = 2;
	int64_t off = (int64_t)sc_arg64(p, a, &i);
	int64_t len = (int64_t)sc_arg64(p, a, &i);
	return sc_ret(sync_file_range(sc_int(a[0]), off, len, (unsigned)a[1]));
}

SC(fallocate)
{
	unsigned i = 2;
	int64_t off = (int64_t)sc_arg64(p, a, &i);
	int64_t len = (int64_t)sc_arg64(p, a, &i);
	return sc_ret(fallocate(sc_int(a[0]), sc_int(a[1]), off, len));
}

SC(readahead)
{
	unsigned i = 1;
	int64_t off = (int64_t)sc_arg64(p, a, &i);
	return sc_ret(readahead(sc_int(a[0]), off, sc_ulong(p, a[i])));
}

SC(memfd_create)
{
	char name[256];
	int r = sc_string(p, a[0], name, sizeof name);
	if (r < 0)
		return r == -ENAMETOOLONG ? -EINVAL : r;
	return sc_ret(memfd_create(name, (unsigned)a[1]));
}

SC(copy_file_range)
{
	int64_t in_off, out_off;
	if (a[1] && !gmem_ld64(&p->mem, a[1], (uint64_t *)&in_off))
		return -EFAULT;
	if (a[3] && !gmem_ld64(&p->mem, a[3], (uint64_t *)&out_off))
		return -EFAULT;
	long r = sc_ret(copy_file_range(sc_int(a[0]), a[1] ? &in_off : NULL, sc_int(a[2]),
	                                a[3] ? &out_off : NULL, sc_ulong(p, a[4]), (unsigned)a[5]));
	if (r >= 0 && a[1] && sc_put64(p, a[1], (uint64_t)in_off) < 0)
		return -EFAULT;
	if (r >= 0 && a[3] && sc_put64(p, a[3], (uint64_t)out_off) < 0)
		return -EFAULT;
	return r;
}

SC(close_range)
{
	unsigned lo = (unsigned)a[0], hi = (unsigned)a[1], flags = (unsigned)a[2];
	long r = sc_ret(own_fds_close_range(lo, hi, flags));
	/* CLOSE_RANGE_CLOEXEC only marks them. */
	if (r == 0 && !(flags & CLOSE_RANGE_CLOEXEC))
		sc_fds_closed(p, lo, hi);
	return r;
}
