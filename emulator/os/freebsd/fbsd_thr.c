/* FreeBSD threads (thr(2) calls, sys/sys/thr.h) on the shared guest
 * threads (proc_thread.c), and _umtx_op's wait and wake (sys/sys/umtx.h)
 * on the host futex: guest memory is host memory, so a futex word is the
 * guest's own. Thread ids are the host's. */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "os/freebsd/fbsd_sys.h"
#include "os/linux/proc_signal.h"
#include "os/linux/proc_thread.h"

_Thread_local struct fbsd_thread_start fbsd_thread_start;

/* struct thr_param: start_func, arg, stack_base, stack_size, tls_base,
 * tls_size, child_tid, parent_tid (long *), int flags, rtp. */
FBSD(thr_new)
{
	unsigned w = sc_wordsize(p);
	if (sc_int(a[1]) < (int)(8 * w + 4))
		return -EINVAL;
	uint64_t v[8];
	for (unsigned i = 0; i < 8; i++)
		if (sc_getlong(p, a[0] + i * w, &v[i]) < 0)
			return -EFAULT;
	/* The new CPU starts at start_func(arg) on the top of its stack
	 * (cpu_set_upcall), its thread pointer tls_base; the architecture's
	 * cpu_clone takes these from fbsd_thread_start. */
	fbsd_thread_start = (struct fbsd_thread_start){ .set = true, .pc = v[0], .arg = v[1] };
	long tid = proc_thread_create(p, CLONE_VM | CLONE_THREAD | CLONE_SIGHAND | CLONE_SETTLS,
				      v[2] + v[3], 0, v[4], 0);
	fbsd_thread_start.set = false;
	if (tid < 0)
		return tid;
	/* FreeBSD stores the id before the thread runs; a thread that reads
	 * its own child_tid at once may see it late here. */
	if ((v[6] && sc_putlong(p, v[6], (uint64_t)tid) < 0) || (v[7] && sc_putlong(p, v[7], (uint64_t)tid) < 0))
		return -EFAULT;
	return 0;
}

FBSD(thr_self) { return sc_putlong(p, a[0], (uint64_t)p->tid) < 0 ? -EFAULT : 0; }

/* The state word becomes 1 and its waiters are woken (thr_exit(2)); the
 * last thread ends the process. */
FBSD(thr_exit)
{
	if (a[0] && sc_putlong(p, a[0], 1) == 0)
		syscall(SYS_futex, gmem_host(&p->mem, a[0]), FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	linux_thread_exit(p, 0);
}

FBSD(thr_kill)
{
	struct linux_siginfo info = { .signo = sc_int(a[1]), .code = LINUX_SI_TKILL, .pid = getpid(),
				      .uid = (int)getuid() };
	if (info.signo < 0 || info.signo > 128)
		return -EINVAL;
	return linux_signal_to_thread(p, (int)sc_long(p, a[0]), &info);
}

FBSD(thr_set_name)
{
	(void)p;
	(void)a;
	return 0;
}

/* umtx.h operations and flags. */
#define UMTX_OP_WAIT 2
#define UMTX_OP_WAKE 3
#define UMTX_OP_WAIT_UINT 11
#define UMTX_OP_WAIT_UINT_PRIVATE 15
#define UMTX_OP_WAKE_PRIVATE 16
#define UMTX_OP_NWAKE_PRIVATE 21
#define UMTX_ABSTIME 1

/* The timeout of a wait: uaddr1 is the size of what uaddr2 points at, a
 * relative struct timespec or a struct _umtx_time (timespec, flags,
 * clock id). Fills the host futex timeout and operation. */
static int umtx_timeout(struct linux_proc *p, const uint64_t a[6], struct timespec *ts, int *op)
{
	if (!a[4])
		return 1;
	int64_t sec;
	long nsec;
	if (fbsd_get_timespec(p, a[4], &sec, &nsec) < 0)
		return -EFAULT;
	if (sec < 0 || nsec < 0 || nsec >= 1000000000)
		return -EINVAL;
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	if (sc_ulong(p, a[3]) <= 16)
		return 0;
	uint32_t flags, clock;
	if (sc_get32(p, a[4] + 16, &flags) < 0 || sc_get32(p, a[4] + 20, &clock) < 0)
		return -EFAULT;
	if (flags & UMTX_ABSTIME) {
		/* FUTEX_WAIT_BITSET takes an absolute time, monotonic unless asked. */
		*op = FUTEX_WAIT_BITSET | (clock == 0 || clock == 9 || clock == 10 ? FUTEX_CLOCK_REALTIME : 0);
	}
	return 0;
}

static long umtx_wait(struct linux_proc *p, const uint64_t a[6], unsigned size)
{
	uint64_t addr = a[0];
	if ((addr & (size - 1)) || !gmem_check(&p->mem, addr, size, GP_R))
		return -EFAULT;
	uint32_t word = 0;
	if (size == 8) {
		/* A 64-bit long: compared whole, then waited on the word
		 * holding its low half (the host futex is 32-bit). */
		uint64_t cur = 0;
		gmem_ld64(&p->mem, addr, &cur);
		if (cur != a[2])
			return 0;
		if (p->mem.big_endian)
			addr += 4;
		gmem_ld32(&p->mem, addr, &word);
	} else {
		word = (uint32_t)a[2];
	}
	struct timespec ts;
	int op = FUTEX_WAIT;
	int t = umtx_timeout(p, a, &ts, &op);
	if (t < 0)
		return t;
	uint32_t host_word = p->mem.big_endian ? __builtin_bswap32(word) : word;
	long r = syscall(SYS_futex, gmem_host(&p->mem, addr), op, host_word, t ? NULL : &ts, NULL,
			 FUTEX_BITSET_MATCH_ANY);
	if (r == 0 || errno == EAGAIN)
		return 0;
	return -errno;
}

static long umtx_wake(struct linux_proc *p, uint64_t addr, uint64_t n)
{
	int count = n > INT_MAX ? INT_MAX : (int)n;
	if (!gmem_check(&p->mem, addr, 4, GP_R))
		return -EFAULT;
	syscall(SYS_futex, gmem_host(&p->mem, addr), FUTEX_WAKE, count, NULL, NULL, 0);
	/* A 64-bit wait sleeps on the word of the low half. */
	if (sc_wordsize(p) == 8 && p->mem.big_endian && gmem_check(&p->mem, addr + 4, 4, GP_R))
		syscall(SYS_futex, gmem_host(&p->mem, addr + 4), FUTEX_WAKE, count, NULL, NULL, 0);
	return 0;
}

FBSD(_umtx_op)
{
	switch (sc_int(a[1])) {
	case UMTX_OP_WAIT:
		return umtx_wait(p, a, sc_wordsize(p));
	case UMTX_OP_WAIT_UINT:
	case UMTX_OP_WAIT_UINT_PRIVATE:
		return umtx_wait(p, a, 4);
	case UMTX_OP_WAKE:
	case UMTX_OP_WAKE_PRIVATE:
		return umtx_wake(p, a[0], sc_ulong(p, a[2]));
	case UMTX_OP_NWAKE_PRIVATE:
		for (uint64_t i = 0; i < sc_ulong(p, a[2]); i++) {
			uint64_t addr;
			if (sc_getlong(p, a[0] + i * sc_wordsize(p), &addr) < 0)
				return -EFAULT;
			umtx_wake(p, addr, INT_MAX);
		}
		return 0;
	default:
		return -EINVAL;
	}
}
