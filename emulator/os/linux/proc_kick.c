/* The kick: a host signal that lands after a system call has begun but
 * before the host call it blocks in (a read, a futex wait) is recorded by
 * the handler, yet the call then blocks as if nothing had come. QEMU
 * closes that window with an assembly syscall wrapper the handler can
 * rewind; mimic instead has the handler arm a per-thread timer (on the
 * thread's own wake signal, SIGEV_THREAD_ID) while a call runs, which
 * cuts the blocking call short a few milliseconds later. A host call cut
 * short for nothing is restarted (sc_ret gives ERESTARTSYS), so a kick
 * that was not needed costs one restart; kicks stop when the call ends
 * and are repeated, further apart, while the same call goes on. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "os/linux/linux.h"
#include "os/linux/proc_signal.h"

#define KICK_FIRST_NS 2000000L  /* 2 ms, doubled for each repeat */
#define KICK_REPEATS  8

/* Every thread's kick carries this value, and its own timer id tells the
 * thread's from others': a kick can reach another thread of the process
 * (seen while a guest thread execs as many others run), and must not
 * pass for a guest signal there. */
static const char kick_tag;

void proc_kick_init(struct linux_proc *p)
{
	struct sigevent ev;
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = PROC_WAKE_SIGNAL;
	ev.sigev_value.sival_ptr = (void *)&kick_tag;
	ev._sigev_un._tid = (int)gettid();
	p->kick_armed = 0;
	p->has_kick = syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &p->kick) == 0;
}

void proc_kick_fini(struct linux_proc *p)
{
	if (p->has_kick)
		syscall(SYS_timer_delete, p->kick);
	p->has_kick = false;
}

static void arm(struct linux_proc *p, int repeat)
{
	long ns = KICK_FIRST_NS << repeat;
	struct itimerspec when = { .it_value = { ns / 1000000000L, ns % 1000000000L } };
	p->kicks = repeat;
	p->kick_seq = p->syscall_seq;
	p->kick_armed = syscall(SYS_timer_settime, p->kick, 0, &when, NULL) == 0;
}

bool proc_kick_caught(struct linux_proc *p, int hsig, const void *siginfo)
{
	const siginfo_t *si = siginfo;
	bool kick = hsig == PROC_WAKE_SIGNAL && si->si_code == SI_TIMER && si->si_value.sival_ptr == &kick_tag;
	bool own = kick && p->has_kick && si->si_timerid == p->kick;
	if (!p->has_kick || !(p->syscall_seq & 1) || (kick && !own))
		return kick;
	if (own) {
		p->kick_armed = 0;
		if (p->kick_seq == p->syscall_seq && p->kicks + 1 < KICK_REPEATS)
			arm(p, p->kicks + 1);
	} else if (!p->kick_armed) {
		arm(p, 0);
	}
	return kick;
}

void proc_syscall_end_slow(struct linux_proc *p)
{
	struct itimerspec off;
	memset(&off, 0, sizeof off);
	p->kick_armed = 0;
	syscall(SYS_timer_settime, p->kick, 0, &off, NULL);
}
