/* kqueue filters without a descriptor, as FreeBSD 13's kern_event.c and
 * kern_sig.c give them; the knotes live in mimic, and kevent
 * (fbsd_kqueue.c) collects the triggered ones around its epoll wait:
 * - EVFILT_TIMER: ident a timer id, data the period (NOTE_SECONDS,
 *   NOTE_MSECONDS (the default), NOTE_USECONDS, NOTE_NSECONDS) or with
 *   NOTE_ABSTIME a wall-clock time; periodic unless EV_ONESHOT or
 *   NOTE_ABSTIME; always EV_CLEAR; data reports the expirations since the
 *   last report (filt_timerattach, filt_timerexpire).
 * - EVFILT_SIGNAL: ident a signal; data counts the times it was sent since
 *   the last report, also while it is ignored (tdsendsignal's KNOTE comes
 *   before the ignore check) but for an ignored SIGCHLD, which a child's
 *   exit does not send (kqueue(2)); always EV_CLEAR (filt_sigattach).
 * - EVFILT_PROC with NOTE_EXIT: the process's exit, data its wait status,
 *   EV_EOF | EV_ONESHOT (filt_proc). mimic sees the exits of its own
 *   children only (the host's waitid); NOTE_FORK, NOTE_EXEC and
 *   NOTE_TRACK are accepted and never reported.
 * - EVFILT_PROCDESC with NOTE_EXIT: the same for the process of a process
 *   descriptor (ident; filt_procdesc).
 * - EVFILT_USER: NOTE_TRIGGER fires it; NOTE_FFAND, NOTE_FFOR, NOTE_FFCOPY
 *   update the 24 flag bits it reports (filt_usertouch).
 * A trigger or a watched signal wakes the threads waiting on the kqueue
 * (fbsd_knote_waiting). A child's exit ends a wait through its SIGCHLD;
 * pdfork's children send none, so a wait with process knotes looks again
 * every PROC_POLL_NS. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "os/freebsd/fbsd_knote.h"
#include "os/freebsd/fbsd_sys.h"
#include "os/linux/proc_signal.h"

#define NOTE_SECONDS 0x01u
#define NOTE_MSECONDS 0x02u
#define NOTE_USECONDS 0x04u
#define NOTE_NSECONDS 0x08u
#define NOTE_ABSTIME 0x10u
#define NOTE_TIMER_UNITS (NOTE_SECONDS | NOTE_MSECONDS | NOTE_USECONDS | NOTE_NSECONDS)
#define NOTE_TRIGGER 0x01000000u
#define NOTE_FFLAGSMASK 0x00ffffffu
#define NOTE_FFCTRLMASK 0xc0000000u
#define NOTE_FFAND 0x40000000u
#define NOTE_FFOR 0x80000000u
#define NOTE_FFCOPY 0xc0000000u
#define NOTE_EXIT 0x80000000u

#define PROC_POLL_NS 10000000

struct knote {
	int kq, filter;
	uint64_t ident, udata;
	int pid;               /* EVFILT_PROC, EVFILT_PROCDESC */
	unsigned flags;        /* EV_ONESHOT, EV_CLEAR, EV_DISPATCH as registered */
	bool enabled;
	uint32_t sfflags;      /* the filter's flags (EVFILT_USER: the reported ones) */
	int64_t sdata;         /* EVFILT_USER: the reported data */
	uint64_t count;        /* EVFILT_SIGNAL: sends since the last report */
	bool triggered;        /* EVFILT_USER */
	int64_t due, period;   /* EVFILT_TIMER: CLOCK_MONOTONIC ns; period 0: once */
};

/* A thread waiting in kevent on kq. */
struct waiter {
	int kq;
	struct linux_proc *t;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct knote *notes;
static unsigned nnotes;
static struct waiter *waiters;
static unsigned nwaiters;

/* With the lock held. */
static void wake_waiters(int kq)
{
	for (unsigned i = 0; i < nwaiters; i++)
		if (waiters[i].kq == kq)
			proc_thread_wake(waiters[i].t);
}

int fbsd_knote_waiting(int kq, struct linux_proc *t, bool on)
{
	int r = 0;
	pthread_mutex_lock(&lock);
	if (on) {
		struct waiter *n = realloc(waiters, (nwaiters + 1) * sizeof *waiters);
		if (n) {
			waiters = n;
			waiters[nwaiters++] = (struct waiter){ kq, t };
		} else {
			r = -ENOMEM;
		}
	} else {
		for (unsigned i = 0; i < nwaiters; i++)
			if (waiters[i].kq == kq && waiters[i].t == t) {
				waiters[i] = waiters[--nwaiters];
				break;
			}
	}
	pthread_mutex_unlock(&lock);
	return r;
}

static int64_t now_ns(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static struct knote *find(int kq, int filter, uint64_t ident)
{
	for (unsigned i = 0; i < nnotes; i++)
		if (notes[i].kq == kq && notes[i].filter == filter && notes[i].ident == ident)
			return &notes[i];
	return NULL;
}

static void drop(struct knote *k) { *k = notes[--nnotes]; }

/* The signals some knote watches (proc_signal_watched). */
static linux_sigset watched(void)
{
	linux_sigset set = 0;
	for (unsigned i = 0; i < nnotes; i++)
		if (notes[i].filter == EVFILT_SIGNAL)
			set |= (linux_sigset)1 << (notes[i].ident - 1);
	return set;
}

static void observe(struct linux_proc *p, int sig)
{
	(void)p;
	pthread_mutex_lock(&lock);
	for (unsigned i = 0; i < nnotes; i++)
		if (notes[i].filter == EVFILT_SIGNAL && notes[i].ident == (uint64_t)sig) {
			notes[i].count++;
			wake_waiters(notes[i].kq);
		}
	pthread_mutex_unlock(&lock);
}

/* Keeps the host catching the watched signals (a guest SIG_IGN would
 * leave them to the host, unseen). Outside the knote lock: the observer
 * takes it with the process locked. */
static void sync_watched(struct linux_proc *p, linux_sigset before)
{
	pthread_mutex_lock(&lock);
	linux_sigset now = watched();
	pthread_mutex_unlock(&lock);
	proc_signal_observer = observe;
	proc_lock(p);
	proc_signal_watched = now;
	proc_unlock(p);
	for (int sig = 1; sig <= proc_nsig(p); sig++)
		if ((before ^ now) & SIGBIT(sig))
			proc_signal_sync_host(p, sig);
}

/* a + b for times (b >= 0), held below "never" (INT64_MAX). */
static int64_t later(int64_t a, int64_t b) { return b >= INT64_MAX - 1 - a ? INT64_MAX - 1 : a + b; }

/* A timer's period in ns from data and its unit (timer2sbintime). */
static int64_t timer_ns(int64_t data, uint32_t fflags)
{
	int64_t unit = (fflags & NOTE_SECONDS) ? 1000000000 : (fflags & NOTE_USECONDS) ? 1000
		     : (fflags & NOTE_NSECONDS) ? 1 : 1000000;
	return data > INT64_MAX / unit ? INT64_MAX : data * unit;
}

/* filt_timervalidate and attach: EINVAL for a negative time or more than
 * one unit; a periodic timer of 0 is one of 1 unit. */
static int timer_arm(struct knote *k, const struct fbsd_kev *ev)
{
	uint32_t units = ev->fflags & NOTE_TIMER_UNITS;
	if (ev->data < 0 || (units & (units - 1)) || (ev->fflags & ~(NOTE_TIMER_UNITS | NOTE_ABSTIME)))
		return EINVAL;
	int64_t t = timer_ns(ev->data, ev->fflags);
	if (ev->fflags & NOTE_ABSTIME) {
		int64_t real = now_ns(CLOCK_REALTIME);
		k->due = t > real ? later(now_ns(CLOCK_MONOTONIC), t - real) : now_ns(CLOCK_MONOTONIC);
		k->period = 0;
		return 0;
	}
	if (t == 0 && !(ev->flags & EV_ONESHOT))
		t = timer_ns(1, ev->fflags);
	k->due = later(now_ns(CLOCK_MONOTONIC), t);
	k->period = (ev->flags & EV_ONESHOT) ? 0 : t;
	return 0;
}

/* filt_usertouch's EVENT_REGISTER. */
static void user_touch(struct knote *k, const struct fbsd_kev *ev)
{
	uint32_t f = ev->fflags & NOTE_FFLAGSMASK;
	if (ev->fflags & NOTE_TRIGGER) {
		k->triggered = true;
		wake_waiters(k->kq);
	}
	switch (ev->fflags & NOTE_FFCTRLMASK) {
	case NOTE_FFAND: k->sfflags &= f; break;
	case NOTE_FFOR: k->sfflags |= f; break;
	case NOTE_FFCOPY: k->sfflags = f; break;
	default: break;
	}
	k->sdata = ev->data;
	if (ev->flags & EV_CLEAR) {
		k->triggered = false;
		k->sfflags = 0;
	}
}

/* What the filter checks when a knote is added (EINVAL, ESRCH). */
static int attach_check(struct linux_proc *p, const struct fbsd_kev *ev)
{
	switch (ev->filter) {
	case EVFILT_SIGNAL:
		return ev->ident < 1 || ev->ident > (uint64_t)proc_nsig(p) ? EINVAL : 0;
	case EVFILT_PROC:
		return ev->ident > INT32_MAX || (kill((pid_t)ev->ident, 0) != 0 && errno == ESRCH) ? ESRCH : 0;
	case EVFILT_PROCDESC:
		return ev->ident > INT32_MAX || fbsd_procdesc_pid((int)ev->ident) < 0 ? EBADF : 0;
	default:
		return 0;
	}
}

static int change(struct linux_proc *p, int kq, const struct fbsd_kev *ev)
{
	struct knote *k = find(kq, ev->filter, ev->ident);
	if (ev->flags & EV_DELETE) {
		if (!k)
			return ENOENT;
		drop(k);
		return 0;
	}
	if (!k) {
		if (!(ev->flags & EV_ADD))
			return ENOENT;
		int e = attach_check(p, ev);
		if (e)
			return e;
		struct knote *n = realloc(notes, (nnotes + 1) * sizeof *notes);
		if (!n)
			return ENOMEM;
		notes = n;
		k = &notes[nnotes];
		*k = (struct knote){ .kq = kq, .filter = ev->filter, .ident = ev->ident,
				     .sfflags = ev->filter == EVFILT_USER ? 0 : ev->fflags,
				     .pid = ev->filter == EVFILT_PROCDESC ? fbsd_procdesc_pid((int)ev->ident)
									  : (int)ev->ident };
		if (ev->filter == EVFILT_TIMER) {
			e = timer_arm(k, ev);
			if (e)
				return e;
		}
		nnotes++;
	} else if (ev->filter == EVFILT_TIMER && (ev->flags & EV_ADD)) {
		/* Adding again restarts the timer with the new values. */
		int e = timer_arm(k, ev);
		if (e)
			return e;
		k->sfflags = ev->fflags;
	}
	k->udata = ev->udata;
	unsigned kept = EV_ONESHOT | EV_CLEAR | EV_DISPATCH;
	if (ev->flags & EV_ADD)
		k->flags = ev->flags & kept;
	if (ev->filter == EVFILT_TIMER || ev->filter == EVFILT_SIGNAL)
		k->flags |= EV_CLEAR;
	if (ev->flags & (EV_ADD | EV_ENABLE))
		k->enabled = true;
	if (ev->flags & EV_DISABLE)
		k->enabled = false;
	if (ev->filter == EVFILT_USER)
		user_touch(k, ev);
	return 0;
}

int fbsd_knote_change(struct linux_proc *p, int kq, const struct fbsd_kev *ev)
{
	switch (ev->filter) {
	case EVFILT_PROC:
	case EVFILT_PROCDESC:
	case EVFILT_SIGNAL:
	case EVFILT_TIMER:
	case EVFILT_USER:
		break;
	default:
		return EINVAL;
	}
	pthread_mutex_lock(&lock);
	linux_sigset before = watched();
	int e = change(p, kq, ev);
	pthread_mutex_unlock(&lock);
	if (ev->filter == EVFILT_SIGNAL && !e)
		sync_watched(p, before);
	return e;
}

/* The event a knote reports now, if any (its state cleared as
 * EV_CLEAR asks). */
static bool fire(struct knote *k, int64_t now, struct fbsd_kev *out)
{
	*out = (struct fbsd_kev){ .ident = k->ident, .udata = k->udata, .filter = k->filter, .flags = k->flags };
	switch (k->filter) {
	case EVFILT_TIMER:
		if (now < k->due)
			return false;
		out->data = 1;
		if (k->period) {
			int64_t more = (now - k->due) / k->period;
			out->data += more;
			k->due = later(k->due, more < INT64_MAX / k->period - 1 ? (more + 1) * k->period : INT64_MAX);
		} else {
			k->due = INT64_MAX;
		}
		return true;
	case EVFILT_SIGNAL:
		if (!k->count)
			return false;
		out->data = (int64_t)k->count;
		k->count = 0;
		return true;
	case EVFILT_USER:
		if (!k->triggered)
			return false;
		out->fflags = k->sfflags;
		out->data = k->sdata;
		if (k->flags & EV_CLEAR) {
			k->triggered = false;
			k->sfflags = 0;
		}
		return true;
	case EVFILT_PROC:
	case EVFILT_PROCDESC: {
		uint32_t status;
		if (!(k->sfflags & NOTE_EXIT) || fbsd_child_exit_status(k->pid, &status) <= 0)
			return false;
		out->data = status;
		out->fflags = NOTE_EXIT;
		out->flags |= EV_EOF | EV_ONESHOT;
		k->flags |= EV_ONESHOT;
		return true;
	}
	default:
		return false;
	}
}

int fbsd_knote_ready(int kq, struct fbsd_kev *out, int max)
{
	int n = 0;
	int64_t now = now_ns(CLOCK_MONOTONIC);
	pthread_mutex_lock(&lock);
	for (unsigned i = 0; i < nnotes && n < max;) {
		struct knote *k = &notes[i];
		if (k->kq != kq || !k->enabled || !fire(k, now, &out[n])) {
			i++;
			continue;
		}
		n++;
		if (k->flags & EV_ONESHOT) {
			drop(k);
			continue;
		}
		if (k->flags & EV_DISPATCH)
			k->enabled = false;
		i++;
	}
	pthread_mutex_unlock(&lock);
	return n;
}

int64_t fbsd_knote_next_timer(int kq)
{
	int64_t next = -1, now = now_ns(CLOCK_MONOTONIC);
	pthread_mutex_lock(&lock);
	for (unsigned i = 0; i < nnotes; i++) {
		const struct knote *k = &notes[i];
		if (k->kq != kq || !k->enabled)
			continue;
		int64_t left;
		if (k->filter == EVFILT_PROC || k->filter == EVFILT_PROCDESC)
			left = PROC_POLL_NS;
		else if (k->filter == EVFILT_TIMER && k->due != INT64_MAX)
			left = k->due > now ? k->due - now : 0;
		else
			continue;
		if (next < 0 || left < next)
			next = left;
	}
	pthread_mutex_unlock(&lock);
	return next;
}

void fbsd_knote_forget(int kq)
{
	pthread_mutex_lock(&lock);
	for (unsigned i = 0; i < nnotes;)
		if (notes[i].kq == kq)
			drop(&notes[i]);
		else
			i++;
	pthread_mutex_unlock(&lock);
}
