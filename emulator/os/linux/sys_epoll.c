/* epoll. struct epoll_event is {u32 events; u64 data} with the u64
 * naturally aligned (16 bytes) on ARM EABI and MIPS; only x86-64 packs it,
 * so events are converted both ways. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/epoll.h>

#include "os/linux/proc_signal.h"
#include "os/linux/syscall.h"

#define GUEST_EVENT_SIZE 16

SC(epoll_create)
{
	(void)p;
	if (sc_int(a[0]) <= 0)
		return -EINVAL;
	return sc_ret(epoll_create1(0));
}

SC(epoll_create1) { return sc_ret(epoll_create1(sc_open_flags_in(p, (uint32_t)a[0]))); }

SC(epoll_ctl)
{
	struct epoll_event ev = { 0, { 0 } };
	if (a[3]) {
		struct gimage g;
		if (gi_get(p, a[3], &g, GUEST_EVENT_SIZE) < 0)
			return -EFAULT;
		ev.events = gi_get32(&g, 0);
		ev.data.u64 = gi_get64(&g, 8);
	}
	return sc_ret(epoll_ctl(sc_int(a[0]), sc_int(a[1]), sc_int(a[2]), a[3] ? &ev : NULL));
}

/* Waits with the guest mask at mask (the ABI's sigset size) installed, if given. */
static long do_wait(struct linux_proc *p, const uint64_t a[6], const struct timespec *ts,
                    uint64_t mask, uint64_t masksize)
{
	proc_signalfd_view(p, p);
	int max = sc_int(a[2]);
	if (max <= 0 || max > 0x7fffffff / GUEST_EVENT_SIZE)
		return -EINVAL;
	if (!gmem_check(&p->mem, a[1], (uint64_t)max * GUEST_EVENT_SIZE, GP_W))
		return -EFAULT;
	linux_sigset saved;
	long r = sc_wait_mask(p, mask, masksize, &saved);
	if (r < 0)
		return r;
	struct epoll_event *ev = calloc((size_t)max, sizeof *ev);
	if (!ev) {
		sc_wait_mask_end(p, 0, saved, -ENOMEM);
		return -ENOMEM;
	}
	static const struct timespec zero;
	bool now = r == 1;
	r = sc_ret_nohand(epoll_pwait2(sc_int(a[0]), ev, max, now ? &zero : ts, NULL));
	if (now)
		r = sc_wait_interrupted(r);
	sc_wait_mask_end(p, mask, saved, r);
	for (long i = 0; i < r; i++) {
		struct gimage g;
		gi_init(&g, p);
		gi_u32(&g, 0, ev[i].events);
		gi_u64(&g, 8, ev[i].data.u64);
		gi_put(p, a[1] + (uint64_t)i * GUEST_EVENT_SIZE, &g, GUEST_EVENT_SIZE);
	}
	free(ev);
	return r;
}

static const struct timespec *ms_timeout(int ms, struct timespec *ts)
{
	if (ms < 0)
		return NULL;
	ts->tv_sec = ms / 1000;
	ts->tv_nsec = (ms % 1000) * 1000000L;
	return ts;
}

SC(epoll_wait)
{
	struct timespec ts;
	return do_wait(p, a, ms_timeout(sc_int(a[3]), &ts), 0, 0);
}

SC(epoll_pwait)
{
	struct timespec ts;
	return do_wait(p, a, ms_timeout(sc_int(a[3]), &ts), a[4], sc_ulong(p, a[5]));
}

/* epoll_pwait2 takes a __kernel_timespec (64-bit fields) on every ABI. */
SC(epoll_pwait2)
{
	struct timespec ts;
	if (a[3] && sc_get_timespec(p, a[3], &ts, true) < 0)
		return -EFAULT;
	return do_wait(p, a, a[3] ? &ts : NULL, a[4], sc_ulong(p, a[5]));
}
