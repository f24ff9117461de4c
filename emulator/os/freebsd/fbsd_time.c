/* Time: FreeBSD's struct timespec and timeval have a 64-bit tv_sec on
 * arm and mips64 and a C long tv_nsec/tv_usec (time.h, _timeval.h), and
 * its clock ids (time.h) differ from Linux's. */
#define _GNU_SOURCE
#include <sys/time.h>
#include <time.h>

#include "os/freebsd/fbsd_sys.h"

int fbsd_get_timespec(struct linux_proc *p, uint64_t addr, int64_t *sec, long *nsec)
{
	struct gimage g;
	if (gi_get(p, addr, &g, 8 + sc_wordsize(p)) < 0)
		return -EFAULT;
	*sec = (int64_t)gi_get64(&g, 0);
	*nsec = sc_long(p, gi_getlong(&g, p, 8));
	return 0;
}

int fbsd_put_timespec(struct linux_proc *p, uint64_t addr, int64_t sec, long nsec)
{
	struct gimage g;
	gi_init(&g, p);
	gi_u64(&g, 0, (uint64_t)sec);
	gi_long(&g, p, 8, (uint64_t)nsec);
	return gi_put(p, addr, &g, 16);
}

/* CLOCK_REALTIME 0, VIRTUAL 1, PROF 2, MONOTONIC 4, UPTIME 5,
 * UPTIME_PRECISE 7, UPTIME_FAST 8, REALTIME_PRECISE 9, REALTIME_FAST 10,
 * MONOTONIC_PRECISE 11, MONOTONIC_FAST 12, SECOND 13,
 * THREAD_CPUTIME_ID 14, PROCESS_CPUTIME_ID 15. */
static clockid_t host_clock(uint64_t id)
{
	static const signed char clocks[16] = {
		[0] = CLOCK_REALTIME, [1] = -1, [2] = -1, [3] = -1, [4] = CLOCK_MONOTONIC,
		[5] = CLOCK_MONOTONIC, [6] = -1, [7] = CLOCK_MONOTONIC, [8] = CLOCK_MONOTONIC_COARSE,
		[9] = CLOCK_REALTIME, [10] = CLOCK_REALTIME_COARSE, [11] = CLOCK_MONOTONIC,
		[12] = CLOCK_MONOTONIC_COARSE, [13] = CLOCK_REALTIME_COARSE,
		[14] = CLOCK_THREAD_CPUTIME_ID, [15] = CLOCK_PROCESS_CPUTIME_ID,
	};
	return id < 16 ? clocks[id] : -1;
}

FBSD(clock_gettime)
{
	clockid_t c = host_clock(a[0]);
	struct timespec ts;
	if (c < 0)
		return -EINVAL;
	if (clock_gettime(c, &ts) != 0)
		return -errno;
	/* CLOCK_SECOND: whole seconds. */
	if (a[0] == 13)
		ts.tv_nsec = 0;
	return fbsd_put_timespec(p, a[1], ts.tv_sec, ts.tv_nsec) < 0 ? -EFAULT : 0;
}

FBSD(clock_getres)
{
	clockid_t c = host_clock(a[0]);
	struct timespec ts;
	if (c < 0)
		return -EINVAL;
	if (clock_getres(c, &ts) != 0)
		return -errno;
	return a[1] && fbsd_put_timespec(p, a[1], ts.tv_sec, ts.tv_nsec) < 0 ? -EFAULT : 0;
}

/* Cut short by a signal: EINTR with the time left. */
FBSD(nanosleep)
{
	int64_t sec;
	long nsec;
	if (fbsd_get_timespec(p, a[0], &sec, &nsec) < 0)
		return -EFAULT;
	if (sec < 0 || nsec < 0 || nsec >= 1000000000)
		return -EINVAL;
	struct timespec req = { sec, nsec }, rem;
	if (nanosleep(&req, &rem) == 0)
		return 0;
	if (errno != EINTR)
		return -errno;
	if (a[1] && fbsd_put_timespec(p, a[1], rem.tv_sec, rem.tv_nsec) < 0)
		return -EFAULT;
	return -EINTR;
}

FBSD(gettimeofday)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	if (a[0] && fbsd_put_timespec(p, a[0], tv.tv_sec, tv.tv_usec) < 0)
		return -EFAULT;
	/* struct timezone: two ints, zero on FreeBSD. */
	if (a[1] && (sc_put32(p, a[1], 0) < 0 || sc_put32(p, a[1] + 4, 0) < 0))
		return -EFAULT;
	return 0;
}

/* struct itimerval: two timevals of the timespec's shape. */
FBSD(setitimer)
{
	int which = sc_int(a[0]);
	struct itimerval nv, ov;
	int64_t s[2];
	long us[2];
	if (which < 0 || which > 2)
		return -EINVAL;
	for (unsigned i = 0; i < 2; i++)
		if (fbsd_get_timespec(p, a[1] + 16 * i, &s[i], &us[i]) < 0)
			return -EFAULT;
	if (us[0] < 0 || us[0] >= 1000000 || us[1] < 0 || us[1] >= 1000000)
		return -EINVAL;
	nv.it_interval.tv_sec = s[0];
	nv.it_interval.tv_usec = us[0];
	nv.it_value.tv_sec = s[1];
	nv.it_value.tv_usec = us[1];
	if (setitimer(which, &nv, &ov) != 0)
		return -errno;
	if (a[2] && (fbsd_put_timespec(p, a[2], ov.it_interval.tv_sec, ov.it_interval.tv_usec) < 0 ||
		     fbsd_put_timespec(p, a[2] + 16, ov.it_value.tv_sec, ov.it_value.tv_usec) < 0))
		return -EFAULT;
	return 0;
}
