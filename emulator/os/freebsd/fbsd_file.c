/* FreeBSD file calls whose arguments differ from the shared handlers':
 * 64-bit lengths, 32-bit ids, the *at flags (AT_SYMLINK_NOFOLLOW 0x200,
 * AT_SYMLINK_FOLLOW 0x400, AT_EMPTY_PATH 0x4000 of sys/sys/fcntl.h), and
 * the times of utimensat and utimes (struct timespec and struct timeval
 * of 16 bytes: a 64-bit time_t; UTIME_NOW -1, UTIME_OMIT -2 of
 * sys/sys/stat.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "os/freebsd/fbsd_sys.h"

#define F_AT_SYMLINK_NOFOLLOW 0x200u
#define F_AT_EMPTY_PATH 0x4000u
#define F_UTIME_NOW (-1L)
#define F_UTIME_OMIT (-2L)

/* The guest path at addr, followed or not. */
static int at_path(struct linux_proc *p, uint64_t addr, uint32_t flags, char path[PATH_MAX])
{
	return (flags & F_AT_SYMLINK_NOFOLLOW) ? sc_path_nofollow(p, addr, path) : sc_path(p, addr, path);
}

/* Host *at flags of FreeBSD's; -EINVAL for others than allowed. */
static int at_flags(uint32_t flags, uint32_t allowed)
{
	if (flags & ~allowed)
		return -EINVAL;
	return ((flags & F_AT_SYMLINK_NOFOLLOW) ? AT_SYMLINK_NOFOLLOW : 0) |
	       ((flags & F_AT_EMPTY_PATH) ? AT_EMPTY_PATH : 0);
}

FBSD(truncate)
{
	char path[PATH_MAX];
	int e = sc_path(p, a[0], path);
	return e < 0 ? e : sc_ret(truncate(path, (off_t)a[1]));
}

static long chown_at(struct linux_proc *p, int dirfd, uint64_t addr, uint64_t uid, uint64_t gid, uint32_t flags)
{
	char path[PATH_MAX];
	int hf = at_flags(flags, F_AT_SYMLINK_NOFOLLOW | F_AT_EMPTY_PATH);
	if (hf < 0)
		return hf;
	int e = at_path(p, addr, flags, path);
	return e < 0 ? e : sc_ret(fchownat(dirfd, path, (uid_t)uid, (gid_t)gid, hf));
}

FBSD(chown) { return chown_at(p, AT_FDCWD, a[0], a[1], a[2], 0); }
FBSD(lchown) { return chown_at(p, AT_FDCWD, a[0], a[1], a[2], F_AT_SYMLINK_NOFOLLOW); }
FBSD(fchownat) { return chown_at(p, sc_int(a[0]), a[1], a[2], a[3], (uint32_t)a[4]); }
FBSD(fchown)
{
	(void)p;
	return sc_ret(fchown(sc_int(a[0]), (uid_t)a[1], (gid_t)a[2]));
}

/* mkfifo is mknod of a FIFO (S_IFIFO 0010000 on both systems). */
static long mkfifo_at(struct linux_proc *p, uint64_t dirfd, uint64_t addr, uint64_t mode)
{
	const uint64_t b[6] = { dirfd, addr, S_IFIFO | (mode & 07777), 0 };
	return sys_mknodat(p, b);
}

FBSD(mkfifo) { return mkfifo_at(p, (uint64_t)(int64_t)AT_FDCWD, a[0], a[1]); }
FBSD(mkfifoat) { return mkfifo_at(p, a[0], a[1], a[2]); }

/* Two struct timespec at addr (NULL: now) -> host, with UTIME_NOW and
 * UTIME_OMIT; or two struct timeval when usec. 0 or -errno. */
static int get_times(struct linux_proc *p, uint64_t addr, bool usec, struct timespec ts[2], struct timespec **out)
{
	*out = NULL;
	if (!addr)
		return 0;
	for (unsigned i = 0; i < 2; i++) {
		int64_t sec;
		long frac;
		if (fbsd_get_timespec(p, addr + 16 * i, &sec, &frac) < 0)
			return -EFAULT;
		ts[i].tv_sec = (time_t)sec;
		if (usec) {
			if (frac < 0 || frac >= 1000000)
				return -EINVAL;
			ts[i].tv_nsec = frac * 1000;
		} else if (frac == F_UTIME_NOW || frac == F_UTIME_OMIT) {
			ts[i].tv_nsec = frac == F_UTIME_NOW ? UTIME_NOW : UTIME_OMIT;
		} else if (frac < 0 || frac >= 1000000000) {
			return -EINVAL;
		} else {
			ts[i].tv_nsec = frac;
		}
	}
	*out = ts;
	return 0;
}

static long utimes_at(struct linux_proc *p, int dirfd, uint64_t addr, uint64_t times, bool usec, uint32_t flags)
{
	struct timespec ts[2], *t;
	int hf = at_flags(flags, F_AT_SYMLINK_NOFOLLOW | F_AT_EMPTY_PATH);
	if (hf < 0)
		return hf;
	int e = get_times(p, times, usec, ts, &t);
	if (e < 0)
		return e;
	char path[PATH_MAX];
	e = at_path(p, addr, flags, path);
	return e < 0 ? e : sc_ret(utimensat(dirfd, path, t, hf));
}

FBSD(utimensat) { return utimes_at(p, sc_int(a[0]), a[1], a[2], false, (uint32_t)a[3]); }
FBSD(utimes) { return utimes_at(p, AT_FDCWD, a[0], a[1], true, 0); }
FBSD(lutimes) { return utimes_at(p, AT_FDCWD, a[0], a[1], true, F_AT_SYMLINK_NOFOLLOW); }
FBSD(futimesat) { return utimes_at(p, sc_int(a[0]), a[1], a[2], true, 0); }

static long utimes_fd(struct linux_proc *p, int fd, uint64_t times, bool usec)
{
	struct timespec ts[2], *t;
	int e = get_times(p, times, usec, ts, &t);
	return e < 0 ? e : sc_ret(futimens(fd, t));
}

FBSD(futimens) { return utimes_fd(p, sc_int(a[0]), a[1], false); }
FBSD(futimes) { return utimes_fd(p, sc_int(a[0]), a[1], true); }
