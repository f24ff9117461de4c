/* The kqueue filters that are not descriptor readiness (fbsd_knote.c):
 * EVFILT_PROC, EVFILT_PROCDESC, EVFILT_SIGNAL, EVFILT_TIMER and
 * EVFILT_USER, kept by mimic beside the kqueue's host epoll instance
 * (fbsd_kqueue.c). */
#ifndef MIMIC_FBSD_KNOTE_H
#define MIMIC_FBSD_KNOTE_H

#include <stdbool.h>
#include <stdint.h>

#include "os/freebsd/freebsd.h"

/* sys/sys/event.h */
#define EVFILT_READ (-1)
#define EVFILT_WRITE (-2)
#define EVFILT_PROC (-5)
#define EVFILT_SIGNAL (-6)
#define EVFILT_TIMER (-7)
#define EVFILT_PROCDESC (-8)
#define EVFILT_USER (-11)
#define EV_ADD 0x0001
#define EV_DELETE 0x0002
#define EV_ENABLE 0x0004
#define EV_DISABLE 0x0008
#define EV_ONESHOT 0x0010
#define EV_CLEAR 0x0020
#define EV_RECEIPT 0x0040
#define EV_DISPATCH 0x0080
#define EV_ERROR 0x4000
#define EV_EOF 0x8000

/* One struct kevent, whichever layout the guest used. */
struct fbsd_kev {
	uint64_t ident, udata;
	int64_t data;
	int filter;
	unsigned flags;
	uint32_t fflags;
};

/* Applies a change of a filter of this file to kq: 0 or an errno. */
int fbsd_knote_change(struct linux_proc *p, int kq, const struct fbsd_kev *ev);
/* Moves up to max triggered events of kq to out; returns how many. */
int fbsd_knote_ready(int kq, struct fbsd_kev *out, int max);
/* Nanoseconds until kq's next timer expires (0: one has) or its process
 * knotes are looked at again, or -1. */
int64_t fbsd_knote_next_timer(int kq);
/* Thread t waits in kevent on kq (on), or no longer: a trigger or a
 * watched signal wakes it (proc_thread_wake). 0 or -ENOMEM. */
int fbsd_knote_waiting(int kq, struct linux_proc *t, bool on);
/* A new kqueue took the number kq: what was kept under it is dropped. */
void fbsd_knote_forget(int kq);

#endif
