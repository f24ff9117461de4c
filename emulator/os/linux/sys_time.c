/* Clocks, sleeps, process times and interval timers. The *_time64 calls
 * of 32-bit ABIs use the 64-bit __kernel_timespec. */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "os/linux/syscall.h"

SC(gettimeofday)
{
	struct timeval tv;
	struct timezone tz;
	if (gettimeofday(&tv, &tz) < 0)
		return -errno;
	if (a[0] && sc_put_timeval(p, a[0], &tv) < 0)
		return -EFAULT;
	if (a[1] && (sc_put32(p, a[1], (uint32_t)tz.tz_minuteswest) < 0 ||
	             sc_put32(p, a[1] + 4, (uint32_t)tz.tz_dsttime) < 0))
		return -EFAULT;
	return 0;
}

SC(settimeofday)
{
	struct timeval tv;
	if (a[0] && sc_get_timeval(p, a[0], &tv) < 0)
		return -EFAULT;
	return sc_ret(syscall(SYS_settimeofday, a[0] ? &tv : NULL, NULL));
}

static long do_clock_gettime(struct linux_proc *p, const uint64_t a[6], bool time64)
{
	struct timespec ts;
	if (clock_gettime((clockid_t)sc_int(a[0]), &ts) < 0)
		return -errno;
	return sc_put_timespec(p, a[1], &ts, time64);
}

SC(clock_gettime) { return do_clock_gettime(p, a, false); }
SC(clock_gettime64) { return do_clock_gettime(p, a, true); }

static long do_clock_getres(struct linux_proc *p, const uint64_t a[6], bool time64)
{
	struct timespec ts;
	if (clock_getres((clockid_t)sc_int(a[0]), &ts) < 0)
		return -errno;
	return a[1] ? sc_put_timespec(p, a[1], &ts, time64) : 0;
}

SC(clock_getres) { return do_clock_getres(p, a, false); }
SC(clock_getres_time64) { return do_clock_getres(p, a, true); }

/* The time left is written only when interrupted and not absolute. */
static long do_sleep(struct linux_proc *p, clockid_t clk, int flags, uint64_t req, uint64_t rem,
                     bool time64)
{
	struct timespec t, left;
	if (sc_get_timespec(p, req, &t, time64) < 0)
		return -EFAULT;
	int e = clock_nanosleep(clk, flags, &t, &left);
	if (e == EINTR && rem && !(flags & TIMER_ABSTIME) &&
	    sc_put_timespec(p, rem, &left, time64) < 0)
		return -EFAULT;
	return e == EINTR ? -LINUX_ERESTARTNOHAND : -e;
}

SC(nanosleep) { return do_sleep(p, CLOCK_MONOTONIC, 0, a[0], a[1], false); }
SC(clock_nanosleep) { return do_sleep(p, (clockid_t)sc_int(a[0]), sc_int(a[1]), a[2], a[3], false); }
SC(clock_nanosleep_time64)
{
	return do_sleep(p, (clockid_t)sc_int(a[0]), sc_int(a[1]), a[2], a[3], true);
}

/* struct tms: four clock_t (C long). */
SC(times)
{
	struct tms t;
	clock_t r = times(&t);
	if (a[0]) {
		struct gimage g;
		unsigned w = sc_wordsize(p);
		gi_init(&g, p);
		gi_long(&g, p, 0, (uint64_t)t.tms_utime);
		gi_long(&g, p, w, (uint64_t)t.tms_stime);
		gi_long(&g, p, 2 * w, (uint64_t)t.tms_cutime);
		gi_long(&g, p, 3 * w, (uint64_t)t.tms_cstime);
		if (gi_put(p, a[0], &g, 4 * w) < 0)
			return -EFAULT;
	}
	return (long)sc_ulong(p, (uint64_t)r);
}

/* struct itimerval: interval then value, two timevals. */
static long put_itimer(struct linux_proc *p, uint64_t addr, const struct itimerval *v)
{
	if (sc_put_timeval(p, addr, &v->it_interval) < 0 ||
	    sc_put_timeval(p, addr + 2 * sc_wordsize(p), &v->it_value) < 0)
		return -EFAULT;
	return 0;
}

SC(alarm)
{
	(void)p;
	return (long)alarm((unsigned)a[0]);
}

SC(getitimer)
{
	struct itimerval v;
	if (syscall(SYS_getitimer, sc_int(a[0]), &v) < 0)
		return -errno;
	return put_itimer(p, a[1], &v);
}

SC(setitimer)
{
	struct itimerval v, old;
	if (a[1] && (sc_get_timeval(p, a[1], &v.it_interval) < 0 ||
	             sc_get_timeval(p, a[1] + 2 * sc_wordsize(p), &v.it_value) < 0))
		return -EFAULT;
	if (!a[1])
		v = (struct itimerval){ { 0, 0 }, { 0, 0 } };
	if (syscall(SYS_setitimer, sc_int(a[0]), &v, &old) < 0)
		return -errno;
	return a[2] ? put_itimer(p, a[2], &old) : 0;
}
