/* POSIX per-process timers on host timers. struct sigevent: sigval (a
 * guest word), signo, notify, then the thread id; signal numbers go
 * through the architecture's map. A guest thread is a host thread of the
 * same id, so SIGEV_THREAD_ID aims the host timer at it. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "os/linux/syscall.h"

SC(timer_create)
{
	struct sigevent ev = { 0 };
	unsigned w = sc_wordsize(p);
	if (a[1]) {
		struct gimage g;
		if (gi_get(p, a[1], &g, 2 * w + 8) < 0)
			return -EFAULT;
		int sig = (int)gi_get32(&g, w), notify = (int)gi_get32(&g, w + 4);
		if (notify != SIGEV_SIGNAL && notify != SIGEV_NONE && notify != SIGEV_THREAD_ID)
			return -EINVAL;
		ev._sigev_un._tid = (int)gi_get32(&g, w + 8);
		ev.sigev_value.sival_ptr = (void *)(uintptr_t)gi_getlong(&g, p, 0);
		ev.sigev_signo = sig && p->arch->sig_to_host ? p->arch->sig_to_host(sig) : sig;
		ev.sigev_notify = notify;
	}
	if (!gmem_check(&p->mem, a[2], 4, GP_W))
		return -EFAULT;
	int id;
	if (syscall(SYS_timer_create, (clockid_t)sc_int(a[0]), a[1] ? &ev : NULL, &id) < 0)
		return -errno;
	return sc_put32(p, a[2], (uint32_t)id);
}

/* struct itimerspec: interval then value, old or 64-bit timespecs. */
static long get_its(struct linux_proc *p, uint64_t addr, struct itimerspec *v, bool t64)
{
	unsigned sz = t64 ? 16 : 2 * sc_wordsize(p);
	if (sc_get_timespec(p, addr, &v->it_interval, t64) < 0 ||
	    sc_get_timespec(p, addr + sz, &v->it_value, t64) < 0)
		return -EFAULT;
	return 0;
}

static long put_its(struct linux_proc *p, uint64_t addr, const struct itimerspec *v, bool t64)
{
	unsigned sz = t64 ? 16 : 2 * sc_wordsize(p);
	if (sc_put_timespec(p, addr, &v->it_interval, t64) < 0 ||
	    sc_put_timespec(p, addr + sz, &v->it_value, t64) < 0)
		return -EFAULT;
	return 0;
}

static long do_settime(struct linux_proc *p, const uint64_t a[6], bool t64)
{
	struct itimerspec v, old;
	if (get_its(p, a[2], &v, t64) < 0)
		return -EFAULT;
	if (syscall(SYS_timer_settime, sc_int(a[0]), sc_int(a[1]), &v, &old) < 0)
		return -errno;
	return a[3] ? put_its(p, a[3], &old, t64) : 0;
}

static long do_gettime(struct linux_proc *p, const uint64_t a[6], bool t64)
{
	struct itimerspec v;
	if (syscall(SYS_timer_gettime, sc_int(a[0]), &v) < 0)
		return -errno;
	return put_its(p, a[1], &v, t64);
}

SC(timer_settime) { return do_settime(p, a, false); }
SC(timer_settime64) { return do_settime(p, a, true); }
SC(timer_gettime) { return do_gettime(p, a, false); }
SC(timer_gettime64) { return do_gettime(p, a, true); }
SC(timer_getoverrun) { (void)p; return sc_ret(syscall(SYS_timer_getoverrun, sc_int(a[0]))); }
SC(timer_delete) { (void)p; return sc_ret(syscall(SYS_timer_delete, sc_int(a[0]))); }
