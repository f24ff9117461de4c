/* File status, permissions, ownership and times. Status structures are
 * laid out by the ABI (abi_*.c); statx is the same on every ABI. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "os/linux/syscall.h"

/* Status calls have no side effect, so the buffer is checked when written. */
static long put_stat(struct linux_proc *p, uint64_t addr, int r, const struct stat *st)
{
	if (r < 0)
		return -errno;
	return p->arch->abi->put_stat(p, addr, st);
}

static long do_fstatat(struct linux_proc *p, int dirfd, uint64_t path, uint64_t buf, int flags)
{
	char host[PATH_MAX];
	struct stat st;
	int r = (flags & AT_SYMLINK_NOFOLLOW) ? sc_path_nofollow(p, path, host) : sc_path(p, path, host);
	if (r < 0)
		return r;
	return put_stat(p, buf, fstatat(dirfd, host, &st, flags), &st);
}

/* stat, lstat, fstat: the ABI's old structure where it has one. */
static long put_old(struct linux_proc *p, uint64_t addr, int r, const struct stat *st)
{
	if (r < 0)
		return -errno;
	const struct linux_abi *abi = p->arch->abi;
	return abi->put_stat_old ? abi->put_stat_old(p, addr, st) : abi->put_stat(p, addr, st);
}

static long do_stat_old(struct linux_proc *p, uint64_t path, uint64_t buf, int flags)
{
	char host[PATH_MAX];
	struct stat st;
	int r = flags ? sc_path_nofollow(p, path, host) : sc_path(p, path, host);
	if (r < 0)
		return r;
	return put_old(p, buf, fstatat(AT_FDCWD, host, &st, flags), &st);
}

SC(stat) { return do_stat_old(p, a[0], a[1], 0); }
SC(lstat) { return do_stat_old(p, a[0], a[1], AT_SYMLINK_NOFOLLOW); }
SC(fstat)
{
	struct stat st;
	return put_old(p, a[1], fstat(sc_int(a[0]), &st), &st);
}

SC(stat64) { return do_fstatat(p, AT_FDCWD, a[0], a[1], 0); }
SC(lstat64) { return do_fstatat(p, AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW); }
SC(fstatat64) { return do_fstatat(p, sc_int(a[0]), a[1], a[2], sc_int(a[3])); }

SC(fstat64)
{
	struct stat st;
	return put_stat(p, a[1], fstat(sc_int(a[0]), &st), &st);
}

static void put_stx_time(struct gimage *g, unsigned off, const struct statx_timestamp *t)
{
	gi_u64(g, off, (uint64_t)t->tv_sec);
	gi_u32(g, off + 8, t->tv_nsec);
}

SC(statx)
{
	char host[PATH_MAX];
	struct statx sx;
	int flags = sc_int(a[2]);
	int r = (flags & AT_SYMLINK_NOFOLLOW) ? sc_path_nofollow(p, a[1], host) : sc_path(p, a[1], host);
	if (r < 0)
		return r;
	if (!gmem_check(&p->mem, a[4], 256, GP_W))
		return -EFAULT;
	if (statx(sc_int(a[0]), host, flags, (unsigned)a[3], &sx) < 0)
		return -errno;
	struct gimage g;
	uint8_t raw[256];
	memset(raw, 0, sizeof raw);
	memcpy(raw, &sx, sizeof sx < sizeof raw ? sizeof sx : sizeof raw);
	gi_init(&g, p);
	gi_u32(&g, 0, sx.stx_mask);
	gi_u32(&g, 4, sx.stx_blksize);
	gi_u64(&g, 8, sx.stx_attributes);
	gi_u32(&g, 16, sx.stx_nlink);
	gi_u32(&g, 20, sx.stx_uid);
	gi_u32(&g, 24, sx.stx_gid);
	gi_u16(&g, 28, sx.stx_mode);
	gi_u64(&g, 32, sx.stx_ino);
	gi_u64(&g, 40, sx.stx_size);
	gi_u64(&g, 48, sx.stx_blocks);
	gi_u64(&g, 56, sx.stx_attributes_mask);
	put_stx_time(&g, 64, &sx.stx_atime);
	put_stx_time(&g, 80, &sx.stx_btime);
	put_stx_time(&g, 96, &sx.stx_ctime);
	put_stx_time(&g, 112, &sx.stx_mtime);
	gi_u32(&g, 128, sx.stx_rdev_major);
	gi_u32(&g, 132, sx.stx_rdev_minor);
	gi_u32(&g, 136, sx.stx_dev_major);
	gi_u32(&g, 140, sx.stx_dev_minor);
	/* stx_mnt_id, stx_dio_mem_align, stx_dio_offset_align (Linux 5.8, 6.1):
	 * taken from the host's bytes, which follow the same layout. */
	uint64_t mnt_id;
	uint32_t dio[2];
	memcpy(&mnt_id, raw + 144, 8);
	memcpy(dio, raw + 152, 8);
	gi_u64(&g, 144, mnt_id);
	gi_u32(&g, 152, dio[0]);
	gi_u32(&g, 156, dio[1]);
	return gi_put(p, a[4], &g, 256);
}

static bool statfs_size_ok(const struct linux_proc *p, uint64_t size)
{
	const struct linux_abi *abi = p->arch->abi;
	return size == abi->statfs64_size || (abi->statfs64_size_alt && size == abi->statfs64_size_alt);
}

static long do_statfs(struct linux_proc *p, int r, uint64_t buf, const struct statfs *st)
{
	if (r < 0)
		return -errno;
	return p->arch->abi->put_statfs64(p, buf, st);
}

SC(statfs)
{
	char host[PATH_MAX];
	struct statfs st;
	int r = sc_path(p, a[0], host);
	if (r < 0)
		return r;
	if (statfs(host, &st) < 0)
		return -errno;
	return p->arch->abi->put_statfs(p, a[1], &st);
}

SC(fstatfs)
{
	struct statfs st;
	if (fstatfs(sc_int(a[0]), &st) < 0)
		return -errno;
	return p->arch->abi->put_statfs(p, a[1], &st);
}

SC(statfs64)
{
	char host[PATH_MAX];
	struct statfs st;
	int r = sc_path(p, a[0], host);
	if (r < 0)
		return r;
	if (!statfs_size_ok(p, sc_ulong(p, a[1])))
		return -EINVAL;
	return do_statfs(p, statfs(host, &st), a[2], &st);
}

SC(fstatfs64)
{
	struct statfs st;
	if (!statfs_size_ok(p, sc_ulong(p, a[1])))
		return -EINVAL;
	return do_statfs(p, fstatfs(sc_int(a[0]), &st), a[2], &st);
}

static long do_access(struct linux_proc *p, int dirfd, uint64_t path, int mode, int flags)
{
	char host[PATH_MAX];
	int r = sc_path(p, path, host);
	if (r < 0)
		return r;
	return sc_ret(syscall(SYS_faccessat2, dirfd, host, mode, flags));
}

SC(access) { return do_access(p, AT_FDCWD, a[0], sc_int(a[1]), 0); }
SC(faccessat) { return do_access(p, sc_int(a[0]), a[1], sc_int(a[2]), 0); }
SC(faccessat2) { return do_access(p, sc_int(a[0]), a[1], sc_int(a[2]), sc_int(a[3])); }

static long do_chmod(struct linux_proc *p, int dirfd, uint64_t path, uint64_t mode)
{
	char host[PATH_MAX];
	int r = sc_path(p, path, host);
	return r < 0 ? r : sc_ret(fchmodat(dirfd, host, (mode_t)mode, 0));
}

SC(chmod) { return do_chmod(p, AT_FDCWD, a[0], a[1]); }
SC(fchmodat) { return do_chmod(p, sc_int(a[0]), a[1], a[2]); }
SC(fchmod) { (void)p; return sc_ret(fchmod(sc_int(a[0]), (mode_t)a[1])); }

/* 16-bit ids of the old calls: 0xffff means "unchanged" like -1. */
static uid_t id16(uint64_t v)
{
	return (v & 0xffff) == 0xffff ? (uid_t)-1 : (uid_t)(v & 0xffff);
}

static long do_chown(struct linux_proc *p, int dirfd, uint64_t path, uid_t u, gid_t g, int flags)
{
	char host[PATH_MAX];
	int r = (flags & AT_SYMLINK_NOFOLLOW) ? sc_path_nofollow(p, path, host) : sc_path(p, path, host);
	return r < 0 ? r : sc_ret(fchownat(dirfd, host, u, g, flags));
}

SC(chown32) { return do_chown(p, AT_FDCWD, a[0], (uid_t)a[1], (gid_t)a[2], 0); }
SC(lchown32) { return do_chown(p, AT_FDCWD, a[0], (uid_t)a[1], (gid_t)a[2], AT_SYMLINK_NOFOLLOW); }
SC(fchown32) { (void)p; return sc_ret(fchown(sc_int(a[0]), (uid_t)a[1], (gid_t)a[2])); }
SC(chown) { return do_chown(p, AT_FDCWD, a[0], id16(a[1]), id16(a[2]), 0); }
SC(lchown) { return do_chown(p, AT_FDCWD, a[0], id16(a[1]), id16(a[2]), AT_SYMLINK_NOFOLLOW); }
SC(fchown) { (void)p; return sc_ret(fchown(sc_int(a[0]), id16(a[1]), id16(a[2]))); }
SC(fchownat) { return do_chown(p, sc_int(a[0]), a[1], (uid_t)a[2], (gid_t)a[3], sc_int(a[4])); }

/* utimensat: a NULL path with a descriptor is futimens. */
static long do_utimensat(struct linux_proc *p, const uint64_t a[6], bool time64)
{
	char host[PATH_MAX];
	struct timespec ts[2];
	int flags = sc_int(a[3]);
	if (a[2]) {
		unsigned sz = time64 ? 16 : 2 * sc_wordsize(p);
		if (sc_get_timespec(p, a[2], &ts[0], time64) < 0 ||
		    sc_get_timespec(p, a[2] + sz, &ts[1], time64) < 0)
			return -EFAULT;
	}
	const char *path = NULL;
	if (a[1]) {
		int r = (flags & AT_SYMLINK_NOFOLLOW) ? sc_path_nofollow(p, a[1], host)
		                                      : sc_path(p, a[1], host);
		if (r < 0)
			return r;
		path = host;
	}
	return sc_ret(syscall(SYS_utimensat, sc_int(a[0]), path, a[2] ? ts : NULL, flags));
}

SC(utimensat) { return do_utimensat(p, a, false); }
SC(utimensat_time64) { return do_utimensat(p, a, true); }

static long do_futimesat(struct linux_proc *p, int dirfd, uint64_t path, uint64_t times)
{
	char host[PATH_MAX];
	struct timespec ts[2];
	if (times) {
		struct timeval tv[2];
		if (sc_get_timeval(p, times, &tv[0]) < 0 ||
		    sc_get_timeval(p, times + 2 * sc_wordsize(p), &tv[1]) < 0)
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
				return -EINVAL;
			ts[i].tv_sec = tv[i].tv_sec;
			ts[i].tv_nsec = tv[i].tv_usec * 1000;
		}
	}
	int r = sc_path(p, path, host);
	if (r < 0)
		return r;
	return sc_ret(syscall(SYS_utimensat, dirfd, host, times ? ts : NULL, 0));
}

SC(utimes) { return do_futimesat(p, AT_FDCWD, a[0], a[1]); }

/* utime: struct utimbuf of two C longs (seconds); NULL means now. */
SC(utime)
{
	char host[PATH_MAX];
	struct timespec ts[2];
	if (a[1]) {
		uint64_t t[2];
		if (sc_getlong(p, a[1], &t[0]) < 0 || sc_getlong(p, a[1] + sc_wordsize(p), &t[1]) < 0)
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			ts[i].tv_sec = sc_wordsize(p) == 4 ? (int32_t)t[i] : (int64_t)t[i];
			ts[i].tv_nsec = 0;
		}
	}
	int r = sc_path(p, a[0], host);
	if (r < 0)
		return r;
	return sc_ret(syscall(SYS_utimensat, AT_FDCWD, host, a[1] ? ts : NULL, 0));
}
SC(futimesat) { return do_futimesat(p, sc_int(a[0]), a[1], a[2]); }
