/* select, pselect and ppoll with FreeBSD's time structures (struct
 * timeval and struct timespec with a 64-bit tv_sec: 16 bytes on armv6 and
 * mips64) and its 16-byte sigset_t; the waits are the shared ones (poll
 * itself is the shared handler: struct pollfd is the same, its
 * POLLWRBAND goes through the ABI's table). FreeBSD's select leaves the
 * timeout as it was (kern_select), unlike Linux's. */
#define _GNU_SOURCE
#include <time.h>

#include "os/freebsd/fbsd_sys.h"

/* A timeval (usec) or timespec: EINVAL when negative or not normalised
 * (kern_select, kern_poll). */
static long get_time(struct linux_proc *p, uint64_t addr, bool usec, struct timespec *ts)
{
	int64_t sec;
	long frac;
	if (fbsd_get_timespec(p, addr, &sec, &frac) < 0)
		return -EFAULT;
	if (sec < 0 || frac < 0 || frac >= (usec ? 1000000L : 1000000000L))
		return -EINVAL;
	ts->tv_sec = (time_t)sec;
	ts->tv_nsec = usec ? frac * 1000 : frac;
	return 0;
}

FBSD(select)
{
	struct timespec ts;
	if (a[4]) {
		long r = get_time(p, a[4], true, &ts);
		if (r < 0)
			return r;
	}
	return sc_select(p, a, a[4] ? &ts : NULL);
}

/* pselect and ppoll: the wait under the temporary signal mask at set. */
static long masked_wait(struct linux_proc *p, const uint64_t a[6], uint64_t tsaddr, uint64_t set, bool sel)
{
	struct timespec ts;
	linux_sigset saved;
	if (tsaddr) {
		long r = get_time(p, tsaddr, false, &ts);
		if (r < 0)
			return r;
	}
	long r = sc_wait_mask(p, set, p->arch->abi->sigset_bytes, &saved);
	if (r < 0)
		return r;
	bool now = r == 1;
	if (now)
		ts = (struct timespec){ 0, 0 };
	struct timespec *t = tsaddr || now ? &ts : NULL;
	r = sel ? sc_select(p, a, t) : sc_poll(p, a[0], (uint32_t)a[1], t);
	if (now)
		r = sc_wait_interrupted(r);
	sc_wait_mask_end(p, set, saved, r);
	return r;
}

FBSD(pselect) { return masked_wait(p, a, a[4], a[5], true); }
FBSD(ppoll) { return masked_wait(p, a, a[2], a[3], false); }
