/* Waiting on descriptors: poll, ppoll, select, pselect6. The temporary
 * signal mask of ppoll/pselect6 replaces the guest's mask during the wait
 * (signals are delivered by the process core when the call returns). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>

#include "os/linux/proc_signal.h"
#include "os/linux/syscall.h"

/* struct pollfd is {int, short, short} with the generic event bits. */
long sc_poll(struct linux_proc *p, uint64_t fds, uint64_t nfds, const struct timespec *ts)
{
	proc_signalfd_view(p, p);
	if (nfds > 65536)
		return -EINVAL;
	struct pollfd *h = calloc(nfds ? nfds : 1, sizeof *h);
	if (!h)
		return -ENOMEM;
	struct gimage g;
	long r = 0;
	for (uint64_t i = 0; i < nfds && r == 0; i++) {
		r = gi_get(p, fds + 8 * i, &g, 8);
		h[i].fd = (int)gi_get32(&g, 0);
		h[i].events = (short)abi_flags_in(p->arch->abi->poll_events, gi_get16(&g, 4));
	}
	if (r == 0 && !gmem_check(&p->mem, fds, 8 * nfds, GP_W))
		r = -EFAULT;
	if (r == 0)
		r = sc_ret_nohand(ppoll(h, nfds, ts, NULL));
	for (uint64_t i = 0; r >= 0 && i < nfds; i++)
		gmem_st16(&p->mem, fds + 8 * i + 6,
			  (uint16_t)abi_flags_out(p->arch->abi->poll_events, (uint16_t)h[i].revents));
	free(h);
	return r;
}

SC(poll)
{
	int ms = sc_int(a[2]);
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	return sc_poll(p, a[0], sc_ulong(p, a[1]), ms < 0 ? NULL : &ts);
}

static long do_ppoll(struct linux_proc *p, const uint64_t a[6], bool time64)
{
	struct timespec ts;
	linux_sigset saved;
	if (a[2] && sc_get_timespec(p, a[2], &ts, time64) < 0)
		return -EFAULT;
	long r = sc_wait_mask(p, a[3], sc_ulong(p, a[4]), &saved);
	if (r < 0)
		return r;
	static const struct timespec zero;
	bool now = r == 1;
	r = sc_poll(p, a[0], sc_ulong(p, a[1]), now ? &zero : a[2] ? &ts : NULL);
	if (now)
		r = sc_wait_interrupted(r);
	sc_wait_mask_end(p, a[3], saved, r);
	return r;
}

SC(ppoll) { return do_ppoll(p, a, false); }
SC(ppoll_time64) { return do_ppoll(p, a, true); }

/* fd_set: an array of guest longs, bit n in word n / bits-per-long. */
static long get_fdset(struct linux_proc *p, uint64_t addr, int n, fd_set *s)
{
	FD_ZERO(s);
	if (!addr)
		return 0;
	unsigned wb = p->arch->word_bits;
	for (int w = 0; w * (int)wb < n; w++) {
		uint64_t v;
		if (sc_getlong(p, addr + (uint64_t)w * (wb / 8), &v) < 0)
			return -EFAULT;
		for (unsigned b = 0; b < wb && w * (int)wb + (int)b < n; b++)
			if (v >> b & 1)
				FD_SET(w * (int)wb + (int)b, s);
	}
	return 0;
}

static long put_fdset(struct linux_proc *p, uint64_t addr, int n, const fd_set *s)
{
	if (!addr)
		return 0;
	unsigned wb = p->arch->word_bits;
	for (int w = 0; w * (int)wb < n; w++) {
		uint64_t v = 0;
		for (unsigned b = 0; b < wb && w * (int)wb + (int)b < n; b++)
			if (FD_ISSET(w * (int)wb + (int)b, s))
				v |= 1ull << b;
		if (sc_putlong(p, addr + (uint64_t)w * (wb / 8), v) < 0)
			return -EFAULT;
	}
	return 0;
}

/* Linux looks at no more bits than its descriptor table holds: one word
 * of bits until a descriptor beyond it is opened. A 32-bit guest's table
 * starts at 32 entries where the 64-bit host's has 64. */
static int fd_table_size(const struct linux_proc *p, int n)
{
	int first = (int)p->arch->word_bits;
	for (int fd = n - 1; fd >= first; fd--)
		if (fcntl(fd, F_GETFD) >= 0)
			return n;
	return n < first ? n : first;
}

long sc_select(struct linux_proc *p, const uint64_t a[6], struct timespec *ts)
{
	proc_signalfd_view(p, p);
	int n = sc_int(a[0]);
	fd_set s[3];
	if (n < 0)
		return -EINVAL;
	if (n > FD_SETSIZE)
		n = FD_SETSIZE;
	n = fd_table_size(p, n);
	for (int i = 0; i < 3; i++)
		if (get_fdset(p, a[1 + i], n, &s[i]) < 0)
			return -EFAULT;
	long r = sc_ret_nohand(pselect(n, &s[0], &s[1], &s[2], ts, NULL));
	if (r < 0)
		return r;
	for (int i = 0; i < 3; i++)
		if (put_fdset(p, a[1 + i], n, &s[i]) < 0)
			return -EFAULT;
	return r;
}

/* select writes back the time left, as Linux does. */
SC(_newselect)
{
	struct timeval tv;
	struct timespec ts;
	if (a[4]) {
		if (sc_get_timeval(p, a[4], &tv) < 0)
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		ts.tv_sec = tv.tv_sec + tv.tv_usec / 1000000;
		ts.tv_nsec = (tv.tv_usec % 1000000) * 1000;
	}
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	long r = sc_select(p, a, a[4] ? &ts : NULL);
	if (a[4] && r != -EFAULT) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		int64_t left = (ts.tv_sec - (now.tv_sec - start.tv_sec)) * 1000000LL +
		               (ts.tv_nsec - (now.tv_nsec - start.tv_nsec)) / 1000;
		if (left < 0)
			left = 0;
		tv.tv_sec = left / 1000000;
		tv.tv_usec = left % 1000000;
		if (sc_put_timeval(p, a[4], &tv) < 0 && r >= 0)
			return -EFAULT;
	}
	return r;
}

static long do_pselect6(struct linux_proc *p, const uint64_t a[6], bool time64)
{
	struct timespec ts;
	linux_sigset saved;
	uint64_t ss = 0, sslen = 0;
	if (a[4] && sc_get_timespec(p, a[4], &ts, time64) < 0)
		return -EFAULT;
	if (a[5]) {
		unsigned w = sc_wordsize(p);
		if (sc_getlong(p, a[5], &ss) < 0 || sc_getlong(p, a[5] + w, &sslen) < 0)
			return -EFAULT;
	}
	long r = sc_wait_mask(p, ss, sslen, &saved);
	if (r < 0)
		return r;
	bool now = r == 1;
	if (now)
		ts = (struct timespec){ 0, 0 };
	r = sc_select(p, a, a[4] || now ? &ts : NULL);
	if (now)
		r = sc_wait_interrupted(r);
	sc_wait_mask_end(p, ss, saved, r);
	return r;
}

SC(pselect6) { return do_pselect6(p, a, false); }
SC(pselect6_time64) { return do_pselect6(p, a, true); }
