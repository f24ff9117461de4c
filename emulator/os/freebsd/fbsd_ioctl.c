/* ioctl with FreeBSD's requests, and posix_openpt. A request encodes its
 * direction and argument size (sys/sys/ioccom.h: IOC_VOID 0x20000000,
 * IOC_OUT 0x40000000, IOC_IN 0x80000000, the size in the 13 bits from
 * bit 16, the group letter in bits 8..15). The requests of the table
 * (sys/sys/ttycom.h, sys/sys/filio.h) run through the shared ioctl with
 * FreeBSD's struct termios (fbsd_termios.c); the few whose argument
 * means something else on Linux are converted here. Any other request
 * is ENOTTY (EBADF for a bad descriptor), named under -d unimp. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <linux/sockios.h>

#include "os/freebsd/fbsd_sys.h"

#define F_IOC(dir, g, n, len) ((uint32_t)(dir) | ((uint32_t)(len) & 0x1fff) << 16 | (uint32_t)(g) << 8 | (n))
#define F_IO(g, n) F_IOC(0x20000000u, g, n, 0)
#define F_IOR(g, n, len) F_IOC(0x40000000u, g, n, len)
#define F_IOW(g, n, len) F_IOC(0x80000000u, g, n, len)
#define F_TERMIOS 44 /* sizeof(struct termios) */
#define F_WINSIZE 8

const struct ioctl_cmd fbsd_ioctls[] = {
	{ F_IOR('t', 19, F_TERMIOS), TCGETS, IO_TERMIOS_OUT, "TIOCGETA" },
	{ F_IOW('t', 20, F_TERMIOS), TCSETS, IO_TERMIOS_IN, "TIOCSETA" },
	{ F_IOW('t', 21, F_TERMIOS), TCSETSW, IO_TERMIOS_IN, "TIOCSETAW" },
	{ F_IOW('t', 22, F_TERMIOS), TCSETSF, IO_TERMIOS_IN, "TIOCSETAF" },
	{ F_IOR('t', 104, F_WINSIZE), TIOCGWINSZ, IO_WINSZ_OUT, "TIOCGWINSZ" },
	{ F_IOW('t', 103, F_WINSIZE), TIOCSWINSZ, IO_WINSZ_IN, "TIOCSWINSZ" },
	{ F_IOR('t', 119, 4), TIOCGPGRP, IO_INT_OUT, "TIOCGPGRP" },
	{ F_IOW('t', 118, 4), TIOCSPGRP, IO_INT_IN, "TIOCSPGRP" },
	{ F_IOR('t', 99, 4), TIOCGSID, IO_INT_OUT, "TIOCGSID" },
	{ F_IOR('t', 15, 4), TIOCGPTN, IO_INT_OUT, "TIOCGPTN" },
	{ F_IOR('t', 115, 4), TIOCOUTQ, IO_INT_OUT, "TIOCOUTQ" },
	{ F_IOR('t', 26, 4), TIOCGETD, IO_INT_OUT, "TIOCGETD" },  /* TTYDISC 0 is N_TTY 0 */
	{ F_IO('t', 13), TIOCEXCL, IO_NONE, "TIOCEXCL" },
	{ F_IO('t', 14), TIOCNXCL, IO_NONE, "TIOCNXCL" },
	{ F_IO('t', 113), TIOCNOTTY, IO_NONE, "TIOCNOTTY" },
	{ F_IO('t', 122), TIOCCBRK, IO_NONE, "TIOCCBRK" },
	{ F_IO('t', 123), TIOCSBRK, IO_NONE, "TIOCSBRK" },
	{ F_IO('f', 1), FIOCLEX, IO_NONE, "FIOCLEX" },
	{ F_IO('f', 2), FIONCLEX, IO_NONE, "FIONCLEX" },
	{ F_IOR('f', 127, 4), FIONREAD, IO_INT_OUT, "FIONREAD" },
	{ F_IOW('f', 126, 4), FIONBIO, IO_INT_IN, "FIONBIO" },
	{ F_IOW('f', 125, 4), FIOASYNC, IO_INT_IN, "FIOASYNC" },
	{ F_IOW('f', 124, 4), FIOSETOWN, IO_INT_IN, "FIOSETOWN" },
	{ F_IOR('f', 123, 4), FIOGETOWN, IO_INT_OUT, "FIOGETOWN" },
	{ F_IOR('f', 119, 4), TIOCOUTQ, IO_INT_OUT, "FIONWRITE" },  /* SIOCOUTQ on sockets */
	{ 0, 0, IO_NONE, NULL },
};

#define F_TIOCSCTTY F_IO('t', 97)
#define F_TIOCDRAIN F_IO('t', 94)
#define F_TIOCFLUSH F_IOW('t', 16, 4)
#define F_TIOCPTMASTER F_IO('t', 28)
/* struct fiodgname_arg: int len, then a pointer (aligned). */
#define F_FIODGNAME(w) F_IOW('f', 120, 2 * (w))

static long bad_fd_or(int fd, long r) { return fcntl(fd, F_GETFD) < 0 ? -EBADF : r; }

/* FIODGNAME (fdevname_r, ptsname): the device's name under /dev; a pty
 * master's is its slave's, "pts/N". */
static long dev_name(struct linux_proc *p, int fd, uint64_t arg)
{
	char name[PATH_MAX], link[64];
	int n;
	if (ioctl(fd, TIOCGPTN, &n) == 0) {
		snprintf(name, sizeof name, "pts/%d", n);
	} else {
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		ssize_t l = readlink(link, name, sizeof name - 1);
		if (l < 0)
			return -EBADF;
		name[l] = '\0';
		if (strncmp(name, "/dev/", 5) != 0)
			return -ENOTTY;
		memmove(name, name + 5, strlen(name + 5) + 1);
	}
	unsigned w = sc_wordsize(p);
	uint32_t len;
	uint64_t buf;
	if (sc_get32(p, arg, &len) < 0 || sc_getlong(p, arg + w, &buf) < 0)
		return -EFAULT;
	size_t need = strlen(name) + 1;
	if ((int32_t)len < 0 || len < need)
		return -EINVAL;
	return gmem_write(&p->mem, buf, name, need) ? 0 : -EFAULT;
}

FBSD(ioctl)
{
	int fd = sc_int(a[0]);
	/* sys_ioctl: the request is an unsigned long of which FreeBSD
	 * keeps the low 32 bits. */
	uint32_t req = (uint32_t)a[1];
	int v;
	uint32_t v32;
	switch (req) {
	case F_TIOCSCTTY:
		return sc_ret(ioctl(fd, TIOCSCTTY, 0));
	case F_TIOCDRAIN:
		return sc_ret(tcdrain(fd));
	case F_TIOCFLUSH:
		/* FREAD 1, FWRITE 2 (sys/sys/fcntl.h); 0 is both, other bits
		 * are dropped. */
		if (sc_get32(p, a[2], &v32) < 0)
			return bad_fd_or(fd, -EFAULT);
		v32 = v32 ? v32 & 3 : 3;
		if (!v32)
			return bad_fd_or(fd, isatty(fd) ? 0 : -ENOTTY);
		v = v32 == 1 ? TCIFLUSH : v32 == 2 ? TCOFLUSH : TCIOFLUSH;
		return sc_ret(ioctl(fd, TCFLSH, v));
	case F_TIOCPTMASTER:
		return ioctl(fd, TIOCGPTN, &v) == 0 ? 0 : bad_fd_or(fd, -ENOTTY);
	}
	if (req == F_FIODGNAME(sc_wordsize(p)))
		return bad_fd_or(fd, dev_name(p, fd, a[2]));
	const struct ioctl_cmd *c = fbsd_ioctls;
	while (c->name && c->guest != req)
		c++;
	if (!c->name) {
		long r = bad_fd_or(fd, -ENOTTY);
		if (r == -ENOTTY)
			fbsd_note_unimp(p, "ioctl request", req, 0);
		return r;
	}
	const uint64_t b[6] = { a[0], req, a[2] };
	return sys_ioctl(p, b);
}

/* posix_openpt: O_RDWR 2, O_NOCTTY 0x8000 and O_CLOEXEC 0x100000 only
 * (tty_pts.c); the master is always read-write. FreeBSD's pts need no
 * unlocking (unlockpt only checks the descriptor), Linux's do. */
FBSD(posix_openpt)
{
	(void)p;
	uint32_t flags = (uint32_t)a[0];
	if (flags & ~(0x2u | 0x8000u | 0x100000u))
		return -EINVAL;
	int fd = open("/dev/ptmx", O_RDWR | O_NOCTTY | ((flags & 0x100000u) ? O_CLOEXEC : 0));
	if (fd < 0)
		return sc_err();
	int unlock = 0;
	if (ioctl(fd, TIOCSPTLCK, &unlock) < 0) {
		long r = sc_err();
		close(fd);
		return r;
	}
	return fd;
}
