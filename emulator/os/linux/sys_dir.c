/* Names in directories: create, remove, rename, link, list, and the
 * current directory. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/common/host_dirent.h"
#include "os/linux/syscall.h"

static long path_op(struct linux_proc *p, uint64_t path, char host[PATH_MAX])
{
	return sc_path_nofollow(p, path, host);
}

static long do_mkdir(struct linux_proc *p, int dirfd, uint64_t path, uint64_t mode)
{
	char host[PATH_MAX];
	long r = path_op(p, path, host);
	return r < 0 ? r : sc_ret(mkdirat(dirfd, host, (mode_t)mode));
}

SC(mkdir) { return do_mkdir(p, AT_FDCWD, a[0], a[1]); }
SC(mkdirat) { return do_mkdir(p, sc_int(a[0]), a[1], a[2]); }

static long do_unlink(struct linux_proc *p, int dirfd, uint64_t path, int flags)
{
	char host[PATH_MAX];
	long r = path_op(p, path, host);
	return r < 0 ? r : sc_ret(unlinkat(dirfd, host, flags));
}

SC(rmdir) { return do_unlink(p, AT_FDCWD, a[0], AT_REMOVEDIR); }
SC(unlink) { return do_unlink(p, AT_FDCWD, a[0], 0); }
SC(unlinkat) { return do_unlink(p, sc_int(a[0]), a[1], sc_int(a[2])); }

static long do_rename(struct linux_proc *p, int ofd, uint64_t from, int nfd, uint64_t to, unsigned flags)
{
	char h1[PATH_MAX], h2[PATH_MAX];
	long r = path_op(p, from, h1);
	if (r >= 0)
		r = path_op(p, to, h2);
	return r < 0 ? r : sc_ret(syscall(SYS_renameat2, ofd, h1, nfd, h2, flags));
}

SC(rename) { return do_rename(p, AT_FDCWD, a[0], AT_FDCWD, a[1], 0); }
SC(renameat) { return do_rename(p, sc_int(a[0]), a[1], sc_int(a[2]), a[3], 0); }
SC(renameat2) { return do_rename(p, sc_int(a[0]), a[1], sc_int(a[2]), a[3], (unsigned)a[4]); }

static long do_link(struct linux_proc *p, int ofd, uint64_t from, int nfd, uint64_t to, int flags)
{
	char h1[PATH_MAX], h2[PATH_MAX];
	long r = path_op(p, from, h1);
	if (r >= 0)
		r = path_op(p, to, h2);
	return r < 0 ? r : sc_ret(linkat(ofd, h1, nfd, h2, flags));
}

SC(link) { return do_link(p, AT_FDCWD, a[0], AT_FDCWD, a[1], 0); }
SC(linkat) { return do_link(p, sc_int(a[0]), a[1], sc_int(a[2]), a[3], sc_int(a[4])); }

/* The link's content is stored as the guest wrote it (no -L prefix). */
static long do_symlink(struct linux_proc *p, uint64_t target, int dirfd, uint64_t path)
{
	char t[PATH_MAX], host[PATH_MAX];
	long r = sc_string(p, target, t, sizeof t);
	if (r >= 0)
		r = path_op(p, path, host);
	return r < 0 ? r : sc_ret(symlinkat(t, dirfd, host));
}

SC(symlink) { return do_symlink(p, a[0], AT_FDCWD, a[1]); }
SC(symlinkat) { return do_symlink(p, a[0], sc_int(a[1]), a[2]); }

static long do_readlink(struct linux_proc *p, int dirfd, uint64_t path, uint64_t buf, uint64_t size)
{
	char host[PATH_MAX], out[PATH_MAX];
	int len = sc_int(size);
	long r = path_op(p, path, host);
	if (r < 0)
		return r;
	if (len <= 0)
		return -EINVAL;
	if (sc_is_self_exe(host) && (dirfd == AT_FDCWD || host[0] == '/')) {
		r = sc_exe_path(p, out, sizeof out);
		if (r < 0)
			return r;
		r = (long)strlen(out);
	} else {
		r = readlinkat(dirfd, host, out, sizeof out);
		if (r < 0)
			return -errno;
	}
	if (r > len)
		r = len;
	return gmem_write(&p->mem, buf, out, (size_t)r) ? r : -EFAULT;
}

SC(readlink) { return do_readlink(p, AT_FDCWD, a[0], a[1], a[2]); }
SC(readlinkat) { return do_readlink(p, sc_int(a[0]), a[1], a[2], a[3]); }

/* struct linux_dirent64 is the same on every ABI apart from byte order;
 * d_off goes through the 32-bit cookie map. */
SC(getdents64)
{
	uint64_t n = (uint32_t)a[2];
	int fd = sc_int(a[0]);
	uint8_t *buf = sc_buf_or_bad(p, a[1], n, GP_W);
	long r = sc_ret(syscall(SYS_getdents64, fd, buf, n));
	for (long off = 0; off < r;) {
		struct host_dirent d = host_dirent_at(buf + off);
		struct gimage g;
		gi_init(&g, p);
		gi_u64(&g, 0, d.ino);
		gi_u64(&g, 8, sc_dir_cookie(p, fd, d.off));
		gi_u16(&g, 16, d.reclen);
		memcpy(buf + off, g.b, 18);
		off += d.reclen;
	}
	return r;
}

/* The old getdents: struct linux_dirent {long d_ino; long d_off; u16
 * d_reclen; name; NUL; d_type in the last byte}, records long-aligned.
 * Host dirent64 records are larger, so the converted ones always fit. */
SC(getdents)
{
	uint64_t n = (uint32_t)a[2];
	int fd = sc_int(a[0]);
	unsigned w = sc_wordsize(p);
	if (!gmem_check(&p->mem, a[1], n, GP_W))
		return -EFAULT;
	uint8_t *host = malloc(n ? n : 1);
	if (!host)
		return -ENOMEM;
	long r = sc_ret(syscall(SYS_getdents64, fd, host, n)), out = 0;
	for (long off = 0; off < r;) {
		struct host_dirent d = host_dirent_at(host + off);
		size_t nl = strlen(d.name);
		unsigned glen = (unsigned)((2 * w + 2 + nl + 2 + w - 1) / w * w);
		if (w == 4 && d.ino > UINT32_MAX) {
			r = -EOVERFLOW;
			break;
		}
		struct gimage g;
		gi_init(&g, p);
		unsigned o = gi_long(&g, p, 0, d.ino);
		o += gi_long(&g, p, o, sc_dir_cookie(p, fd, d.off));
		gi_u16(&g, o, (uint16_t)glen);
		if (gi_put(p, a[1] + (uint64_t)out, &g, o + 2) < 0 ||
		    !gmem_write(&p->mem, a[1] + (uint64_t)out + o + 2, d.name, nl + 1) ||
		    !gmem_st8(&p->mem, a[1] + (uint64_t)out + glen - 1, d.type)) {
			r = -EFAULT;
			break;
		}
		out += glen;
		off += d.reclen;
	}
	free(host);
	return r < 0 ? r : out;
}

SC(getcwd)
{
	char cwd[PATH_MAX];
	long r = sc_ret(syscall(SYS_getcwd, cwd, sizeof cwd));
	if (r < 0)
		return r;
	if ((uint64_t)r > sc_ulong(p, a[1]))
		return -ERANGE;
	return gmem_write(&p->mem, a[0], cwd, (size_t)r) ? r : -EFAULT;
}

SC(chdir)
{
	char host[PATH_MAX];
	long r = sc_path(p, a[0], host);
	return r < 0 ? r : sc_ret(chdir(host));
}

SC(fchdir) { (void)p; return sc_ret(fchdir(sc_int(a[0]))); }

SC(chroot)
{
	char host[PATH_MAX];
	long r = sc_path(p, a[0], host);
	return r < 0 ? r : sc_ret(chroot(host));
}

SC(umask) { (void)p; return umask((mode_t)(a[0] & 0777)); }

static long do_mknod(struct linux_proc *p, int dirfd, uint64_t path, uint64_t mode, uint64_t dev)
{
	char host[PATH_MAX];
	long r = path_op(p, path, host);
	return r < 0 ? r : sc_ret(syscall(SYS_mknodat, dirfd, host, (unsigned)mode, (unsigned)dev));
}

SC(mknod) { return do_mknod(p, AT_FDCWD, a[0], a[1], a[2]); }
SC(mknodat) { return do_mknod(p, sc_int(a[0]), a[1], a[2], a[3]); }
