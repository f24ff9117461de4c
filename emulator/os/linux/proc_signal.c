/* Guest signals: the pending set and real-time queue, choosing what to
 * deliver as Linux's get_signal does, default actions, and the host
 * handlers that turn signals sent to the emulator into guest signals. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "os/linux/abi.h"
#include "os/linux/linux.h"
#include "os/linux/proc_signal.h"

/* Default actions, asm-generic numbering. */
enum dfl { D_TERM, D_CORE, D_IGN, D_STOP };

static enum dfl default_action(int sig)
{
	static const unsigned char table[32] = {
		[SIG_QUIT] = D_CORE, [SIG_ILL] = D_CORE, [SIG_TRAP] = D_CORE, [SIG_ABRT] = D_CORE,
		[SIG_BUS] = D_CORE,  [SIG_FPE] = D_CORE, [SIG_SEGV] = D_CORE, [SIG_XCPU] = D_CORE,
		[SIG_XFSZ] = D_CORE, [SIG_SYS] = D_CORE, [SIG_CHLD] = D_IGN,  [SIG_CONT] = D_IGN,
		[SIG_URG] = D_IGN,   [SIG_WINCH] = D_IGN, [SIG_STOP] = D_STOP, [SIG_TSTP] = D_STOP,
		[SIG_TTIN] = D_STOP, [SIG_TTOU] = D_STOP,
	};
	return sig < 32 ? (enum dfl)table[sig] : D_TERM;
}

/* Signals Linux delivers first (SYNCHRONOUS_MASK), in guest numbering. */
static linux_sigset sync_mask(const struct linux_proc *p)
{
	static const int sync[] = { SIG_SEGV, SIG_BUS, SIG_ILL, SIG_TRAP, SIG_FPE, SIG_SYS };
	linux_sigset m = 0;
	for (unsigned i = 0; i < sizeof sync / sizeof sync[0]; i++)
		m |= SIGBIT(proc_sig_guest(p, sync[i]));
	return m;
}

static int host_sig(const struct linux_proc *p, int sig)
{
	return p->arch->sig_to_host ? p->arch->sig_to_host(sig) : sig;
}

static int guest_sig(const struct linux_proc *p, int hsig)
{
	return p->arch->sig_from_host ? p->arch->sig_from_host(hsig) : hsig;
}

/* ---- host side ---- */

/* The guest thread a host thread runs. */
static _Thread_local struct linux_proc *self;

struct linux_proc *linux_self(void) { return self; }
void proc_signal_set_self(struct linux_proc *p) { self = p; }

/* Makes the thread t look at its queues: its CPU stops at the next
 * instruction boundary, and a host call it is blocked in is cut short by
 * PROC_WAKE_SIGNAL (sent to itself, a wake is only the flags). */
static void set_flags(struct linux_proc *t)
{
	__atomic_store_n(&t->wake, 1, __ATOMIC_RELEASE);
	if (t->interrupt)
		__atomic_store_n(t->interrupt, 1, __ATOMIC_RELEASE);
}

void proc_thread_wake(struct linux_proc *t)
{
	set_flags(t);
	if (t != self && t->tid > 0)
		syscall(SYS_tgkill, getpid(), t->tid, PROC_WAKE_SIGNAL);
}

/* The wake signal from this process: a guest's signal to its own process
 * or threads is queued inside mimic and never travels as a host signal,
 * so whatever code it came with (tgkill's SI_TKILL; an SI_USER from our
 * own pid was seen too, 1 run in 10 of Go's TestExec at load 40) it is a
 * wake of mimic's. */
static bool is_wake(int hsig, const siginfo_t *si)
{
	return hsig == PROC_WAKE_SIGNAL && si->si_code != SI_TIMER && si->si_pid == getpid();
}

/* Host signals are taken in by the thread they arrive at (its next poll
 * raises them for the process): a handler only touches its own thread's
 * slots. Threads start with host signals blocked until self is set. */
static void on_host_signal(int hsig, siginfo_t *si, void *uc)
{
	(void)uc;
	struct linux_proc *t = self;
	if (hsig <= 0 || hsig >= LINUX_HOST_NSIG || !t)
		return;
	int e = errno;
	/* A wake from another thread of this process, or a kick, carries
	 * nothing. */
	bool kick = proc_kick_caught(t, hsig, si);
	if (!kick && !is_wake(hsig, si)) {
		memcpy(t->host_info[hsig], si, sizeof *si);
		t->host_pending[hsig] = 1;
		t->host_any = 1;
	}
	set_flags(t);
	errno = e;
}

/* A host SIGBUS inside the guest space is a file mapping whose file got
 * shorter. The page becomes an inaccessible zero page past EOF, the
 * access in progress completes (reading zeros) and the guest thread gets
 * the SIGBUS/BUS_ADRERR Linux would give. */
static bool guest_sigbus(struct linux_proc *p, uint8_t *a)
{
	if (!p || a < p->mem.host || (uint64_t)(a - p->mem.host) >= p->mem.size)
		return false;
	uint64_t g = (uint64_t)(a - p->mem.host), page = g & ~GPAGE_MASK;
	if (mmap(p->mem.host + page, GPAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0) == MAP_FAILED)
		return false;
	struct linux_mm *mm = p->mm;
	gmem_code_flush(&p->mem, page >> GPAGE_SHIFT, (page >> GPAGE_SHIFT) + 1);
	gmem_set_perm(&p->mem, page >> GPAGE_SHIFT, GP_MAPPED);
	if (mm->npast_eof < LINUX_PAST_EOF_MAX)
		mm->past_eof[mm->npast_eof++] = (struct linux_range){ page, page + GPAGE_SIZE };
	p->bus_addr = g;
	p->bus_pending = 1;
	set_flags(p);
	return true;
}

/* Synchronous host signals. Sent by a process (si_code <= 0) they are
 * the guest's like any other. Raised by a fault they are a shrunk mapped
 * file, or a fault of the emulator itself: the previous disposition
 * (default, or a sanitizer's) then takes the re-executed fault. */
static const int sync_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS };
static struct sigaction prev_sync[NSIG];

static void on_host_sync(int hsig, siginfo_t *si, void *uc)
{
	if (si->si_code <= 0) {
		on_host_signal(hsig, si, uc);
		return;
	}
	int e = errno;
	bool guest = hsig == SIGBUS && guest_sigbus(self, si->si_addr);
	errno = e;
	if (!guest)
		sigaction(hsig, &prev_sync[hsig], NULL);
}

/* Host signals whose disposition does not follow the guest's:
 * uncatchable ones, and the synchronous ones (on_host_sync). */
static bool host_forwardable(int hsig)
{
	return hsig != SIGKILL && hsig != SIGSTOP && hsig != SIGSEGV && hsig != SIGBUS &&
	       hsig != SIGILL && hsig != SIGFPE && hsig != SIGTRAP && hsig != SIGSYS;
}

void proc_signal_sync_host(struct linux_proc *p, int sig)
{
	int hsig = host_sig(p, sig);
	if (hsig <= 0 || hsig >= NSIG || !host_forwardable(hsig))
		return;
	const struct linux_sigaction *a = &p->tg->sigact[sig];
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigfillset(&sa.sa_mask);
	/* The wake signal is always caught: an ignored guest signal of that
	 * number is dropped by the guest side. A watched signal is caught
	 * even when ignored, but for SIGCHLD, whose SIG_IGN reaps children
	 * (and is not seen by EVFILT_SIGNAL). */
	bool watched = (proc_signal_watched & SIGBIT(sig)) && hsig != SIGCHLD;
	if (a->handler == LINUX_SIG_IGN && hsig != PROC_WAKE_SIGNAL && !watched) {
		sa.sa_handler = SIG_IGN;
	} else {
		sa.sa_sigaction = on_host_signal;
		sa.sa_flags = SA_SIGINFO;
		/* Child reaping and stop reports follow the guest's choice. */
		if (hsig == SIGCHLD)
			sa.sa_flags |= ((a->flags & LINUX_SA_NOCLDSTOP) ? SA_NOCLDSTOP : 0) |
				       ((a->flags & LINUX_SA_NOCLDWAIT) ? SA_NOCLDWAIT : 0);
	}
	sigaction(hsig, &sa, NULL);
}

/* After an exec: wakes and kicks of the old image pending on the wake
 * signal are dropped; anything else sent on it is kept for the guest.
 * (The guest's own blocking of that signal is not carried over an exec.) */
static void take_exec_wakes(struct linux_proc *p, sigset_t *inherited)
{
	if (sigismember(inherited, PROC_WAKE_SIGNAL) != 1)
		return;
	sigdelset(inherited, PROC_WAKE_SIGNAL);
	sigset_t wake;
	sigemptyset(&wake);
	sigaddset(&wake, PROC_WAKE_SIGNAL);
	struct timespec zero = { 0, 0 };
	siginfo_t si;
	while (sigtimedwait(&wake, &si, &zero) == PROC_WAKE_SIGNAL) {
		if (is_wake(PROC_WAKE_SIGNAL, &si) || si.si_code == SI_TIMER)
			continue;
		memcpy(p->host_info[PROC_WAKE_SIGNAL], &si, sizeof si);
		p->host_pending[PROC_WAKE_SIGNAL] = 1;
		p->host_any = 1;
	}
}

void linux_signal_init(struct linux_proc *p)
{
	if (proc_nsig(p) >= NSIG)
		proc_highsig_init();
	sigset_t old;
	sigprocmask(SIG_SETMASK, NULL, &old);
	take_exec_wakes(p, &old);
	for (int sig = 1; sig <= proc_nsig(p); sig++) {
		int hsig = host_sig(p, sig);
		if (hsig <= 0 || hsig >= NSIG)
			continue;
		if (sigismember(&old, hsig) == 1)
			p->sigmask |= SIGBIT(sig);
		struct sigaction cur;
		if (sigaction(hsig, NULL, &cur) == 0 && cur.sa_handler == SIG_IGN)
			p->tg->sigact[sig].handler = LINUX_SIG_IGN;
		proc_signal_sync_host(p, sig);
	}
	p->sigmask &= ~UNBLOCKABLE;
	for (unsigned i = 0; i < sizeof sync_signals / sizeof sync_signals[0]; i++) {
		int hsig = sync_signals[i];
		struct sigaction sa, *prev = &prev_sync[hsig];
		sigaction(hsig, NULL, prev);
		if (prev->sa_handler == SIG_IGN)
			prev->sa_handler = SIG_DFL;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_host_sync;
		sa.sa_flags = SA_SIGINFO | SA_NODEFER;
		sigaction(hsig, &sa, NULL);
	}
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

void linux_signal_exec_prepare(struct linux_proc *p)
{
	sigset_t set;
	sigemptyset(&set);
	for (int sig = 1; sig <= proc_nsig(p); sig++) {
		int hsig = host_sig(p, sig);
		if (hsig <= 0 || hsig >= NSIG)
			continue;
		if (p->sigmask & SIGBIT(sig))
			sigaddset(&set, hsig);
		if (hsig == PROC_WAKE_SIGNAL && p->tg->sigact[sig].handler == LINUX_SIG_IGN)
			signal(hsig, SIG_IGN);
	}
	/* A wake or kick already sent would stay pending across the exec and
	 * kill the new emulator before it has a handler: blocked, it waits
	 * for take_exec_wakes. */
	sigaddset(&set, PROC_WAKE_SIGNAL);
	sigprocmask(SIG_SETMASK, &set, NULL);
}


static void from_host_info(struct linux_proc *p, int sig, const siginfo_t *si, struct linux_siginfo *out)
{
	memset(out, 0, sizeof *out);
	out->signo = sig;
	out->code = si->si_code;
	out->errno_ = si->si_errno;
	out->pid = si->si_pid;
	out->uid = (int)si->si_uid;
	if (host_sig(p, sig) == SIG_CHLD) {
		/* si_status is an exit code or a signal number. */
		out->status = si->si_code == CLD_EXITED ? si->si_status : guest_sig(p, si->si_status);
		out->utime = si->si_utime;
		out->stime = si->si_stime;
	} else if (si->si_code == SI_TIMER) {
		out->timerid = si->si_timerid;
		out->overrun = si->si_overrun;
		out->value = (uint64_t)(uintptr_t)si->si_value.sival_ptr;
	} else if (si->si_code == SI_QUEUE || si->si_code == SI_MESGQ || si->si_code == SI_ASYNCIO) {
		out->value = (uint64_t)(uintptr_t)si->si_value.sival_ptr;
	} else if (host_sig(p, sig) == SIG_IO && si->si_code > 0) {
		out->band = si->si_band;
		out->fd = si->si_fd;
	}
}

void linux_signal_poll(struct linux_proc *p)
{
	__atomic_store_n(&p->wake, 0, __ATOMIC_RELAXED);
	if (p->bus_pending) {
		p->bus_pending = 0;
		linux_signal_fault(p, guest_sig(p, SIG_BUS), 2 /* BUS_ADRERR */, p->bus_addr);
	}
	if (!p->host_any)
		return;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	p->host_any = 0;
	struct linux_siginfo got[LINUX_HOST_NSIG];
	int n = 0;
	for (int hsig = 1; hsig < LINUX_HOST_NSIG; hsig++) {
		if (!p->host_pending[hsig])
			continue;
		p->host_pending[hsig] = 0;
		int sig = guest_sig(p, hsig);
		if (sig >= 1 && sig <= proc_nsig(p))
			from_host_info(p, sig, (const siginfo_t *)p->host_info[hsig], &got[n++]);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	for (int i = 0; i < n; i++)
		linux_signal_raise(p, &got[i]);
}

bool linux_signal_wait(struct linux_proc *p, const struct timespec *timeout)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	bool got = true;
	if (!p->host_any && !__atomic_load_n(&p->wake, __ATOMIC_ACQUIRE) && !p->bus_pending) {
		/* Unblocks and waits in one step, so no signal is missed. */
		sigset_t none;
		sigemptyset(&none);
		got = ppoll(NULL, 0, timeout, &none) != 0;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return got;
}

/* ---- guest side ---- */

static bool blocks(const struct linux_proc *t, int sig) { return (t->sigmask & SIGBIT(sig)) != 0; }
/* wants_signal: not blocked, or waited for in rt_sigtimedwait. */
static bool wants(const struct linux_proc *t, int sig) { return !blocks(t, sig) || (t->waiting & SIGBIT(sig)); }

/* Ignored now (drop at send time, as sig_ignored does): blocked signals
 * stay pending because the handler may change before they are unblocked. */
static bool ignored(const struct linux_proc *t, int sig)
{
	if (blocks(t, sig))
		return false;
	const struct linux_sigaction *a = &t->tg->sigact[sig];
	return a->handler == LINUX_SIG_IGN || (a->handler == LINUX_SIG_DFL && default_action(host_sig(t, sig)) == D_IGN);
}

static void queue_drop(struct linux_sigqueue *q, linux_sigset set)
{
	q->set &= ~set;
	unsigned j = 0;
	for (unsigned i = 0; i < q->rtq_len; i++)
		if (!(set & SIGBIT(q->rtq[i].signo)))
			q->rtq[j++] = q->rtq[i];
	q->rtq_len = j;
}

/* prepare_signal: a stop cancels a pending continue and back, in the
 * process's queue and every thread's. */
static void prepare(struct linux_proc *p, int sig)
{
	linux_sigset drop = 0;
	if (host_sig(p, sig) == SIG_CONT)
		drop = SIGBIT(guest_sig(p, SIG_STOP)) | SIGBIT(guest_sig(p, SIG_TSTP)) |
		       SIGBIT(guest_sig(p, SIG_TTIN)) | SIGBIT(guest_sig(p, SIG_TTOU));
	else if (sig < SIG_RTMIN && default_action(host_sig(p, sig)) == D_STOP)
		drop = SIGBIT(guest_sig(p, SIG_CONT));
	if (!drop)
		return;
	queue_drop(&p->tg->shared, drop);
	for (struct linux_proc *t = p->tg->threads; t; t = t->next)
		queue_drop(&t->pending, drop);
}

/* False when the queue already holds this standard signal or is full. */
static bool enqueue(struct linux_sigqueue *q, const struct linux_siginfo *info)
{
	int sig = info->signo;
	if (sig < SIG_RTMIN) {
		if (q->set & SIGBIT(sig))
			return false;
		q->info[sig] = *info;
	} else {
		if (q->rtq_len == LINUX_RTQ_MAX)
			return false;
		q->rtq[q->rtq_len++] = *info;
	}
	q->set |= SIGBIT(sig);
	return true;
}

/* complete_signal: the sender if it takes sig, else the first thread
 * that does not block it; none when all block it (it stays pending). */
static void complete(struct linux_proc *p, int sig)
{
	if (wants(p, sig)) {
		proc_thread_wake(p);
		return;
	}
	for (struct linux_proc *t = p->tg->threads; t; t = t->next)
		if (wants(t, sig)) {
			proc_thread_wake(t);
			return;
		}
}

linux_sigset proc_signal_watched;
void (*proc_signal_observer)(struct linux_proc *p, int sig);

void linux_signal_raise(struct linux_proc *p, const struct linux_siginfo *info)
{
	int sig = info->signo;
	if (sig < 1 || sig > proc_nsig(p))
		return;
	proc_lock(p);
	if (proc_signal_watched & SIGBIT(sig))
		proc_signal_observer(p, sig);
	prepare(p, sig);
	if (!ignored(p, sig) && enqueue(&p->tg->shared, info))
		complete(p, sig);
	proc_signalfd_update(p);
	proc_unlock(p);
}

int linux_signal_to_thread(struct linux_proc *p, int tid, const struct linux_siginfo *info)
{
	int sig = info->signo, r = -ESRCH;
	proc_lock(p);
	for (struct linux_proc *t = p->tg->threads; t; t = t->next) {
		if (t->tid != tid)
			continue;
		r = 0;
		if (sig < 1 || sig > proc_nsig(p))
			break;
		if (proc_signal_watched & SIGBIT(sig))
			proc_signal_observer(p, sig);
		prepare(p, sig);
		if (!ignored(t, sig) && enqueue(&t->pending, info))
			proc_thread_wake(t);
		proc_signalfd_update(p);
		break;
	}
	proc_unlock(p);
	return r;
}

void proc_signal_discard(struct linux_proc *p, int sig)
{
	queue_drop(&p->tg->shared, SIGBIT(sig));
	for (struct linux_proc *t = p->tg->threads; t; t = t->next)
		queue_drop(&t->pending, SIGBIT(sig));
	proc_signalfd_update(p);
}

static void dequeue_from(struct linux_sigqueue *q, int sig, struct linux_siginfo *info)
{
	if (sig < SIG_RTMIN) {
		*info = q->info[sig];
		q->set &= ~SIGBIT(sig);
		return;
	}
	bool more = false, taken = false;
	unsigned j = 0;
	for (unsigned i = 0; i < q->rtq_len; i++) {
		if (q->rtq[i].signo == sig && !taken) {
			*info = q->rtq[i];
			taken = true;
			continue;
		}
		more |= q->rtq[i].signo == sig;
		q->rtq[j++] = q->rtq[i];
	}
	q->rtq_len = j;
	if (!more)
		q->set &= ~SIGBIT(sig);
}

void proc_signal_dequeue(struct linux_proc *p, int sig, struct linux_siginfo *info)
{
	dequeue_from((p->pending.set & SIGBIT(sig)) ? &p->pending : &p->tg->shared, sig, info);
	proc_signalfd_update(p);
}

static int lowest(linux_sigset set)
{
	uint64_t lo = (uint64_t)set, hi = (uint64_t)(set >> 64);
	return lo ? __builtin_ctzll(lo) + 1 : hi ? __builtin_ctzll(hi) + 65 : 0;
}

int proc_signal_pick(const struct linux_proc *p, linux_sigset set)
{
	linux_sigset sync = sync_mask(p);
	if (set & sync)
		set &= sync;
	return lowest(set);
}

void proc_signal_set_mask(struct linux_proc *p, linux_sigset mask)
{
	linux_sigset was = p->sigmask;
	p->sigmask = mask & ~UNBLOCKABLE;
	if (was & ~p->sigmask & p->tg->shared.set)
		proc_thread_wake(p);
}

bool linux_signal_pending(struct linux_proc *p)
{
	linux_signal_poll(p);
	proc_lock(p);
	bool r = (proc_signal_pending_set(p) & ~p->sigmask) != 0;
	proc_unlock(p);
	return r;
}

void linux_signal_fault(struct linux_proc *p, int sig, int code, uint64_t addr)
{
	proc_lock(p);
	struct linux_sigaction *a = &p->tg->sigact[sig];
	bool blocked = blocks(p, sig);
	if (blocked || a->handler == LINUX_SIG_IGN) {
		a->handler = LINUX_SIG_DFL;
		if (blocked)
			p->sigmask &= ~SIGBIT(sig);
	}
	struct linux_siginfo info = { .signo = sig, .code = code, .addr = addr, .fault = true };
	enqueue(&p->pending, &info);
	proc_signalfd_update(p);
	proc_unlock(p);
}

void linux_die(struct linux_proc *p, int sig)
{
	int hsig = host_sig(p, sig);
	if (default_action(host_sig(p, sig)) == D_CORE) {
		struct rlimit none = { 0, 0 };
		setrlimit(RLIMIT_CORE, &none);
	}
	if (hsig >= NSIG)
		proc_highsig_died(sig);
	if (hsig > 0 && hsig < NSIG) {
		signal(hsig, SIG_DFL);
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, hsig);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		/* At this thread, so the process is gone before kill returns. */
		syscall(SYS_tgkill, getpid(), gettid(), hsig);
	}
	_exit(128 + (sig & 0x7f));
}

/* Stops the host process by the same signal (so a parent's wait sees
 * WSTOPSIG right), then takes the signal back. */
static void stop_self(struct linux_proc *p, int sig)
{
	int hsig = host_sig(p, sig);
	if (hsig <= 0 || hsig >= NSIG)
		return;
	if (hsig != SIGSTOP)
		signal(hsig, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, hsig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	kill(getpid(), hsig);
	if (hsig != SIGSTOP)
		proc_signal_sync_host(p, sig);
}

int linux_signal_next(struct linux_proc *p, struct linux_sigaction *act, struct linux_siginfo *info)
{
	for (;;) {
		linux_signal_poll(p);
		proc_lock(p);
		int sig = proc_signal_pick(p, proc_signal_pending_set(p) & ~p->sigmask);
		if (sig == 0) {
			bool again = p->restore_sigmask;
			/* No handler ran after rt_sigsuspend: the old mask is
			 * back, which may unblock more. */
			if (again) {
				p->restore_sigmask = false;
				proc_signal_set_mask(p, p->saved_sigmask);
			}
			proc_unlock(p);
			if (again)
				continue;
			return 0;
		}
		proc_signal_dequeue(p, sig, info);
		*act = p->tg->sigact[sig];
		proc_unlock(p);
		/* SIGKILL and SIGSTOP by their host numbers: FreeBSD's 19 is
		 * SIGCONT, MIPS's 19 SIGPWR. */
		int hsig = host_sig(p, sig);
		if (hsig != SIG_KILL && hsig != SIG_STOP && act->handler == LINUX_SIG_IGN)
			continue;
		if (hsig == SIG_KILL || hsig == SIG_STOP || act->handler == LINUX_SIG_DFL) {
			switch (default_action(hsig)) {
			case D_IGN:
				continue;
			case D_STOP:
				stop_self(p, sig);
				continue;
			default:
				linux_die(p, sig);
			}
		}
		return sig;
	}
}

void linux_signal_handle(struct linux_proc *p, int sig, const struct linux_sigaction *act,
			 const struct linux_siginfo *info)
{
	linux_sigset oldmask = p->restore_sigmask ? p->saved_sigmask : p->sigmask;
	if (p->arch->signal_frame(p, sig, act, info, oldmask) != 0) {
		/* force_sigsegv: a SIGSEGV handler that cannot run is reset. */
		int segv = guest_sig(p, SIG_SEGV);
		if (sig == segv) {
			proc_lock(p);
			p->tg->sigact[segv].handler = LINUX_SIG_DFL;
			proc_unlock(p);
		}
		linux_signal_fault(p, segv, LINUX_SI_KERNEL, 0);
		return;
	}
	proc_lock(p);
	linux_sigset mask = p->sigmask | act->mask;
	if (!(act->flags & LINUX_SA_NODEFER))
		mask |= SIGBIT(sig);
	p->restore_sigmask = false;
	p->sigmask = mask & ~UNBLOCKABLE;
	if (act->flags & LINUX_SA_RESETHAND)
		p->tg->sigact[sig].handler = LINUX_SIG_DFL;
	proc_unlock(p);
}

/* ---- alternate stack ---- */

static bool on_altstack(const struct linux_proc *p, uint64_t sp)
{
	return sp > p->altstack_sp && sp - p->altstack_sp <= p->altstack_size;
}

int proc_altstack_flags(const struct linux_proc *p, uint64_t sp)
{
	if (p->altstack_size == 0)
		return LINUX_SS_DISABLE;
	return on_altstack(p, sp) ? LINUX_SS_ONSTACK : 0;
}

uint64_t linux_sigsp(struct linux_proc *p, uint64_t sp, const struct linux_sigaction *act)
{
	if ((act->flags & LINUX_SA_ONSTACK) && proc_altstack_flags(p, sp) == 0)
		return p->altstack_sp + p->altstack_size;
	return sp;
}

void linux_save_altstack(struct linux_proc *p, uint64_t sp, uint64_t *ss_sp, int *ss_flags, uint64_t *ss_size)
{
	*ss_sp = p->altstack_sp;
	*ss_flags = proc_altstack_flags(p, sp) | p->altstack_flags;
	*ss_size = p->altstack_size;
	if (p->altstack_flags & LINUX_SS_AUTODISARM) {
		p->altstack_sp = 0;
		p->altstack_size = 0;
	}
}

int proc_sigaltstack_set(struct linux_proc *p, uint64_t ss_sp, int ss_flags, uint64_t ss_size, uint64_t sp)
{
	if (on_altstack(p, sp))
		return -EPERM;
	int mode = ss_flags & ~LINUX_SS_AUTODISARM;
	if (mode != LINUX_SS_DISABLE && mode != LINUX_SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == LINUX_SS_DISABLE) {
		ss_size = 0;
		ss_sp = 0;
	} else if (ss_size < LINUX_MINSIGSTKSZ) {
		return -ENOMEM;
	}
	p->altstack_sp = ss_sp;
	p->altstack_size = ss_size;
	p->altstack_flags = ss_flags & LINUX_SS_AUTODISARM;
	return 0;
}

void linux_restore_altstack(struct linux_proc *p, uint64_t ss_sp, int ss_flags, uint64_t ss_size, uint64_t sp)
{
	(void)proc_sigaltstack_set(p, ss_sp, ss_flags, ss_size, sp);
}

/* ---- siginfo image ---- */

int linux_siginfo_put(struct linux_proc *p, uint64_t addr, const struct linux_siginfo *info)
{
	uint8_t b[128];
	memset(b, 0, sizeof b);
	bool w64 = p->arch->word_bits == 64;
	bool be = p->mem.big_endian;
	unsigned u = w64 ? 16 : 12; /* start of the union */
#define PUT32(off, v) do { uint32_t x_ = (uint32_t)(v); if (be) x_ = __builtin_bswap32(x_); memcpy(b + (off), &x_, 4); } while (0)
#define PUTW(off, v) do { if (w64) { uint64_t y_ = (uint64_t)(v); if (be) y_ = __builtin_bswap64(y_); memcpy(b + (off), &y_, 8); } else PUT32(off, v); } while (0)
	bool code_first = p->arch->abi && p->arch->abi->siginfo_code_first;
	PUT32(0, info->signo);
	PUT32(code_first ? 4 : 8, info->code);
	PUT32(code_first ? 8 : 4, info->errno_);
	int sig = host_sig(p, info->signo), code = info->code;
	unsigned w = w64 ? 8 : 4;
	bool fault = info->fault || (code > 0 && (sig == SIG_ILL || sig == SIG_FPE || sig == SIG_SEGV || sig == SIG_BUS ||
				   sig == SIG_TRAP));
	if (fault) {
		PUTW(u, info->addr);
	} else if (sig == SIG_CHLD && code > 0) {
		PUT32(u, info->pid);
		PUT32(u + 4, info->uid);
		PUT32(u + 8, info->status);
		PUTW(u + 8 + w, info->utime);
		PUTW(u + 8 + 2 * w, info->stime);
	} else if (code == -2 /* SI_TIMER */) {
		PUT32(u, info->timerid);
		PUT32(u + 4, info->overrun);
		PUTW(u + 8, info->value);
	} else if (sig == SIG_IO && code > 0) {
		PUTW(u, info->band);
		PUT32(u + w, info->fd);
	} else {
		PUT32(u, info->pid);
		PUT32(u + 4, info->uid);
		if (code < 0 && code != LINUX_SI_TKILL)
			PUTW(u + 8, info->value);
	}
#undef PUT32
#undef PUTW
	return gmem_write(&p->mem, addr, b, sizeof b) ? 0 : -EFAULT;
}

bool linux_is_restart(long result)
{
	return result == -LINUX_ERESTARTSYS || result == -LINUX_ERESTARTNOINTR || result == -LINUX_ERESTARTNOHAND ||
	       result == -LINUX_ERESTART_RESTARTBLOCK;
}

void linux_signal_deliver(struct linux_proc *p, long result, void (*interrupted)(struct linux_proc *p, void *ctx),
			  void *ctx)
{
	bool restart = linux_is_restart(result);
	struct linux_sigaction act;
	struct linux_siginfo info;
	int sig;
	while ((sig = linux_signal_next(p, &act, &info)) != 0) {
		if (restart && (result == -LINUX_ERESTARTNOHAND || result == -LINUX_ERESTART_RESTARTBLOCK ||
				(result == -LINUX_ERESTARTSYS && !(act.flags & LINUX_SA_RESTART))))
			interrupted(p, ctx);
		restart = false;
		linux_signal_handle(p, sig, &act, &info);
	}
}
