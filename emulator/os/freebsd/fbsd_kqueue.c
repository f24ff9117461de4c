/* kqueue(2) and kevent(2): descriptor readiness (EVFILT_READ,
 * EVFILT_WRITE) on a host epoll instance: a kqueue descriptor is the
 * epoll descriptor, and the filters of one descriptor share its epoll
 * registration. The other filters are mimic's (fbsd_knote.c), collected
 * around the epoll wait. Both struct kevent layouts (sys/sys/event.h): FreeBSD
 * 11's (ident, filter, flags, fflags, data, udata: long-sized) of call
 * 363, which Go uses, and FreeBSD 12's (64-bit data, ext[4]) of call 560. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "os/freebsd/fbsd_knote.h"
#include "os/freebsd/fbsd_sys.h"

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
	fbsd_knote_forget(fd);
	return sc_counter_fd_made(p, fd);
}

/* The layout of struct kevent: ident, filter, flags, fflags at 4 + the
 * word size; offsets of data and udata, size. */
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

static int put_kevent(struct linux_proc *p, uint64_t addr, const struct klayout *l, const struct fbsd_kev *e)
{
	unsigned w = sc_wordsize(p);
	struct gimage g;
	gi_init(&g, p);
	gi_long(&g, p, 0, e->ident);
	gi_u16(&g, w, (uint16_t)e->filter);
	gi_u16(&g, w + 2, (uint16_t)e->flags);
	gi_u32(&g, w + 4, e->fflags);
	if (l->data64)
		gi_u64(&g, l->data, (uint64_t)e->data);
	else
		gi_u32(&g, l->data, (uint32_t)e->data);
	gi_long(&g, p, l->udata, e->udata);
	return gi_put(p, addr, &g, l->size);
}

static int get_kevent(struct linux_proc *p, uint64_t addr, const struct klayout *l, struct fbsd_kev *e)
{
	unsigned w = sc_wordsize(p);
	struct gimage g;
	if (gi_get(p, addr, &g, l->size) < 0)
		return -EFAULT;
	e->ident = gi_getlong(&g, p, 0);
	e->filter = (int16_t)gi_get16(&g, w);
	e->flags = gi_get16(&g, w + 2);
	e->fflags = gi_get32(&g, w + 4);
	e->data = l->data64 ? (int64_t)gi_get64(&g, l->data) : (int32_t)gi_get32(&g, l->data);
	e->udata = gi_getlong(&g, p, l->udata);
	return 0;
}

/* The descriptor events of an epoll wait's results. */
static int fd_events(int kq, const struct epoll_event *evs, int n, struct fbsd_kev *out, int max)
{
	int nout = 0;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < n && nout < max; i++) {
		struct kreg *r = find(kq, evs[i].data.fd, false);
		if (!r)
			continue;
		unsigned eof = (evs[i].events & (EPOLLHUP | EPOLLRDHUP | EPOLLERR)) ? EV_EOF : 0;
		if (r->on[0] && (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP | EPOLLERR))) {
			int avail = 0;
			ioctl(r->fd, FIONREAD, &avail);
			out[nout++] = (struct fbsd_kev){ .ident = (uint64_t)r->fd, .filter = EVFILT_READ,
							 .flags = (r->flags[0] & (EV_CLEAR | EV_ONESHOT)) | eof,
							 .data = avail, .udata = r->udata[0] };
		}
		if (r->on[1] && nout < max && (evs[i].events & (EPOLLOUT | EPOLLHUP | EPOLLERR)))
			out[nout++] = (struct fbsd_kev){ .ident = (uint64_t)r->fd, .filter = EVFILT_WRITE,
							 .flags = (r->flags[1] & (EV_CLEAR | EV_ONESHOT)) | eof,
							 .udata = r->udata[1] };
	}
	pthread_mutex_unlock(&lock);
	return nout;
}

static int64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#define MAXEV 64

/* kqueue_scan: the triggered events, waiting until there are some, the
 * timeout (deadline, monotonic ns; -1: none) passes, or a signal with a
 * handler arrives (EINTR). mimic's timers end the wait when they expire.
 * Host signals stay blocked but in the wait itself, so a wake between the
 * look at the knotes and the wait is not lost. */
static long scan(struct linux_proc *p, int kq, struct fbsd_kev *out, int max, int64_t deadline)
{
	sigset_t all, old;
	sigfillset(&all);
	for (;;) {
		pthread_sigmask(SIG_SETMASK, &all, &old);
		int n = fbsd_knote_ready(kq, out, max);
		bool woken = p->host_any || __atomic_load_n(&p->wake, __ATOMIC_ACQUIRE);
		int64_t wait = n || woken ? 0 : deadline < 0 ? -1 : deadline > mono_ns() ? deadline - mono_ns() : 0;
		int64_t timer = fbsd_knote_next_timer(kq);
		if (timer >= 0 && (wait < 0 || timer < wait))
			wait = timer;
		struct timespec ts = { (time_t)(wait / 1000000000), (long)(wait % 1000000000) };
		struct epoll_event evs[MAXEV];
		int got = epoll_pwait2(kq, evs, max - n < MAXEV ? max - n : MAXEV, wait < 0 ? NULL : &ts, &old);
		int e = errno;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		if (got > 0)
			n += fd_events(kq, evs, got, out + n, max - n);
		if (got < 0 && e != EINTR)
			return n ? n : -e;
		if (got < 0 || woken) {
			/* Signals raised now reach EVFILT_SIGNAL knotes first. */
			linux_signal_poll(p);
			n += fbsd_knote_ready(kq, out + n, max - n);
			if (!n && linux_signal_pending(p))
				return -EINTR;
		}
		if (n || (deadline >= 0 && mono_ns() >= deadline))
			return n;
	}
}

static long kevent(struct linux_proc *p, const uint64_t a[6], bool v11)
{
	int kq = sc_int(a[0]), nch = sc_int(a[2]), nev = sc_int(a[4]);
	struct klayout l = layout(p, v11);
	if (nch < 0 || nev < 0)
		return -EINVAL;
	int nout = 0;
	for (int i = 0; i < nch; i++) {
		struct fbsd_kev e;
		if (get_kevent(p, a[1] + (uint64_t)i * l.size, &l, &e) < 0)
			return -EFAULT;
		int err;
		if (e.filter == EVFILT_READ || e.filter == EVFILT_WRITE) {
			pthread_mutex_lock(&lock);
			err = apply(kq, (int)e.ident, e.filter, e.flags, e.udata);
			pthread_mutex_unlock(&lock);
		} else {
			err = fbsd_knote_change(p, kq, &e);
		}
		/* Errors (and EV_RECEIPT) are reported as EV_ERROR events
		 * while there is room, else the call fails. */
		if (err || (e.flags & EV_RECEIPT)) {
			if (nout >= nev)
				return err ? -err : 0;
			struct fbsd_kev r = { .ident = e.ident, .filter = e.filter, .flags = EV_ERROR, .data = err,
					      .udata = e.udata };
			put_kevent(p, a[3] + (uint64_t)nout * l.size, &l, &r);
			nout++;
		}
	}
	if (nout || nev == 0)
		return nout;
	int64_t deadline = -1;
	if (a[5]) {
		int64_t sec;
		long nsec;
		if (fbsd_get_timespec(p, a[5], &sec, &nsec) < 0)
			return -EFAULT;
		if (sec < 0 || nsec < 0 || nsec >= 1000000000)
			return -EINVAL;
		deadline = mono_ns() + (sec > 1000000000 ? 1000000000 : sec) * 1000000000 + nsec;
	}
	struct fbsd_kev evs[MAXEV];
	long n = fbsd_knote_waiting(kq, p, true);
	if (n < 0)
		return n;
	n = scan(p, kq, evs, nev < MAXEV ? nev : MAXEV, deadline);
	fbsd_knote_waiting(kq, p, false);
	for (long i = 0; i < n; i++)
		if (put_kevent(p, a[3] + (uint64_t)i * l.size, &l, &evs[i]) < 0)
			return -EFAULT;
	return n;
}

long fbsd_compat11_kevent(struct linux_proc *p, const uint64_t a[6]) { return kevent(p, a, true); }
FBSD(kevent) { return kevent(p, a, false); }
