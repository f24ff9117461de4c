/* kqueue(2) and kevent(2) for descriptor readiness (EVFILT_READ,
 * EVFILT_WRITE) on a host epoll instance: a kqueue descriptor is the
 * epoll descriptor, and the filters of one descriptor share its epoll
 * registration. Both struct kevent layouts (sys/sys/event.h): FreeBSD
 * 11's (ident, filter, flags, fflags, data, udata: long-sized) of call
 * 363, which Go uses, and FreeBSD 12's (64-bit data, ext[4]) of call 560. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "os/freebsd/fbsd_sys.h"

#define EVFILT_READ (-1)
#define EVFILT_WRITE (-2)
#define EV_ADD 0x0001
#define EV_DELETE 0x0002
#define EV_DISABLE 0x0008
#define EV_ONESHOT 0x0010
#define EV_CLEAR 0x0020
#define EV_RECEIPT 0x0040
#define EV_ERROR 0x4000
#define EV_EOF 0x8000

/* One descriptor watched by one kqueue: its read and write filters. */
struct kreg {
	int kq, fd;
	bool on[2];
	uint16_t flags[2];
	uint64_t udata[2];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct kreg *regs;
static unsigned nregs;

static struct kreg *find(int kq, int fd, bool make)
{
	for (unsigned i = 0; i < nregs; i++)
		if (regs[i].kq == kq && regs[i].fd == fd)
			return &regs[i];
	if (!make)
		return NULL;
	struct kreg *n = realloc(regs, (nregs + 1) * sizeof *regs);
	if (!n)
		return NULL;
	regs = n;
	regs[nregs] = (struct kreg){ .kq = kq, .fd = fd };
	return &regs[nregs++];
}

/* A new kqueue may reuse the number of a closed one. */
static void forget(int kq)
{
	unsigned j = 0;
	for (unsigned i = 0; i < nregs; i++)
		if (regs[i].kq != kq)
			regs[j++] = regs[i];
	nregs = j;
}

FBSD(kqueue)
{
	(void)a;
	int fd = epoll_create1(EPOLL_CLOEXEC);
	if (fd < 0)
		return -errno;
	pthread_mutex_lock(&lock);
	forget(fd);
	pthread_mutex_unlock(&lock);
	return sc_counter_fd_made(p, fd);
}

/* The layout of struct kevent: offsets of data and udata, size. */
struct klayout {
	unsigned data, udata, size;
	bool data64;
};

static struct klayout layout(const struct linux_proc *p, bool v11)
{
	unsigned w = sc_wordsize(p);
	if (v11)
		return (struct klayout){ 8 + w, 8 + 2 * w, 8 + 3 * w, w == 8 };
	return (struct klayout){ 16, 24, 64, true };
}

static int apply(int kq, int fd, int filter, unsigned flags, uint64_t udata)
{
	if (filter != EVFILT_READ && filter != EVFILT_WRITE)
		return EINVAL;
	unsigned f = filter == EVFILT_READ ? 0 : 1;
	struct kreg *r = find(kq, fd, (flags & EV_ADD) != 0);
	if (!r)
		return (flags & EV_ADD) ? ENOMEM : ENOENT;
	bool was = r->on[0] || r->on[1];
	if (flags & EV_DELETE) {
		if (!r->on[f])
			return ENOENT;
		r->on[f] = false;
	} else {
		if (!(flags & EV_ADD) && !r->on[f])
			return ENOENT;
		r->on[f] = !(flags & EV_DISABLE);
		r->flags[f] = (uint16_t)flags;
		r->udata[f] = udata;
	}
	struct epoll_event ev = { .data.fd = fd };
	ev.events = (r->on[0] ? EPOLLIN | EPOLLRDHUP : 0) | (r->on[1] ? EPOLLOUT : 0);
	if (((r->flags[0] | r->flags[1]) & EV_CLEAR))
		ev.events |= EPOLLET;
	if (((r->flags[0] | r->flags[1]) & EV_ONESHOT))
		ev.events |= EPOLLONESHOT;
	int op = !ev.events ? EPOLL_CTL_DEL : was ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
	if (epoll_ctl(kq, op, fd, &ev) == 0)
		return 0;
	/* The descriptor was closed since (which drops its knotes, and
	 * the host its epoll registration) and its number reused: an EV_ADD
	 * starts afresh, without the other filter of the old file. */
	if (op == EPOLL_CTL_MOD && errno == ENOENT && (flags & EV_ADD)) {
		r->on[1 - f] = false;
		r->flags[1 - f] = 0;
		ev.events = (f == 0 ? EPOLLIN | EPOLLRDHUP : EPOLLOUT) | ((flags & EV_CLEAR) ? EPOLLET : 0) |
			    ((flags & EV_ONESHOT) ? EPOLLONESHOT : 0);
		if (epoll_ctl(kq, EPOLL_CTL_ADD, fd, &ev) == 0)
			return 0;
	}
	return errno == EPERM ? EBADF : errno;
}

static int put_kevent(struct linux_proc *p, uint64_t addr, const struct klayout *l, uint64_t ident, int filter,
		      unsigned flags, uint64_t data, uint64_t udata)
{
	struct gimage g;
	gi_init(&g, p);
	gi_long(&g, p, 0, ident);
	gi_u16(&g, sc_wordsize(p), (uint16_t)filter);
	gi_u16(&g, sc_wordsize(p) + 2, (uint16_t)flags);
	if (l->data64)
		gi_u64(&g, l->data, data);
	else
		gi_u32(&g, l->data, (uint32_t)data);
	gi_long(&g, p, l->udata, udata);
	return gi_put(p, addr, &g, l->size);
}

static long kevent(struct linux_proc *p, const uint64_t a[6], bool v11)
{
	int kq = sc_int(a[0]), nch = sc_int(a[2]), nev = sc_int(a[4]);
	struct klayout l = layout(p, v11);
	unsigned w = sc_wordsize(p);
	if (nch < 0 || nev < 0)
		return -EINVAL;
	int nout = 0;
	for (int i = 0; i < nch; i++) {
		struct gimage g;
		if (gi_get(p, a[1] + (uint64_t)i * l.size, &g, l.size) < 0)
			return -EFAULT;
		uint64_t ident = gi_getlong(&g, p, 0), udata = gi_getlong(&g, p, l.udata);
		int filter = (int16_t)gi_get16(&g, w);
		unsigned flags = gi_get16(&g, w + 2);
		pthread_mutex_lock(&lock);
		int e = apply(kq, (int)ident, filter, flags, udata);
		pthread_mutex_unlock(&lock);
		/* Errors (and EV_RECEIPT) are reported as EV_ERROR events
		 * while there is room, else the call fails. */
		if (e || (flags & EV_RECEIPT)) {
			if (nout >= nev)
				return e ? -e : 0;
			put_kevent(p, a[3] + (uint64_t)nout * l.size, &l, ident, filter, EV_ERROR, (uint64_t)e, udata);
			nout++;
		}
	}
	if (nout || nev == 0)
		return nout;
	int ms = -1;
	if (a[5]) {
		int64_t sec;
		long nsec;
		if (fbsd_get_timespec(p, a[5], &sec, &nsec) < 0)
			return -EFAULT;
		if (sec < 0 || nsec < 0 || nsec >= 1000000000)
			return -EINVAL;
		ms = sec > 1000000 ? 1000000000 : (int)(sec * 1000 + (nsec + 999999) / 1000000);
	}
	struct epoll_event evs[64];
	int n = epoll_wait(kq, evs, nev < 64 ? nev : 64, ms);
	if (n < 0)
		return -errno;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < n && nout < nev; i++) {
		struct kreg *r = find(kq, evs[i].data.fd, false);
		if (!r)
			continue;
		unsigned eof = (evs[i].events & (EPOLLHUP | EPOLLRDHUP | EPOLLERR)) ? EV_EOF : 0;
		if (r->on[0] && (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP | EPOLLERR))) {
			int avail = 0;
			ioctl(r->fd, FIONREAD, &avail);
			put_kevent(p, a[3] + (uint64_t)nout++ * l.size, &l, (uint64_t)r->fd, EVFILT_READ,
				   (r->flags[0] & (EV_CLEAR | EV_ONESHOT)) | eof, (uint64_t)avail, r->udata[0]);
		}
		if (r->on[1] && nout < nev && (evs[i].events & (EPOLLOUT | EPOLLHUP | EPOLLERR)))
			put_kevent(p, a[3] + (uint64_t)nout++ * l.size, &l, (uint64_t)r->fd, EVFILT_WRITE,
				   (r->flags[1] & (EV_CLEAR | EV_ONESHOT)) | eof, 0, r->udata[1]);
	}
	pthread_mutex_unlock(&lock);
	return nout;
}

long fbsd_compat11_kevent(struct linux_proc *p, const uint64_t a[6]) { return kevent(p, a, true); }
FBSD(kevent) { return kevent(p, a, false); }
