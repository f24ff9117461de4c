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
static uint64_t sync_mask(const struct linux_proc *p)
{
	static const int sync[] = { SIG_SEGV, SIG_BUS, SIG_ILL, SIG_TRAP, SIG_FPE, SIG_SYS };
	uint64_t m = 0;
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

static struct linux_proc *host_proc;
static volatile sig_atomic_t host_any;
static volatile sig_atomic_t host_pending[NSIG];
static siginfo_t host_info[NSIG];

static void on_host_signal(int hsig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (hsig <= 0 || hsig >= NSIG)
		return;
	host_info[hsig] = *si;
	host_pending[hsig] = 1;
	host_any = 1;
	if (host_proc && host_proc->interrupt)
		*host_proc->interrupt = 1;
}

/* A host SIGBUS inside the guest space is a file mapping whose file got
 * shorter. The page becomes an inaccessible zero page past EOF, the
 * access in progress completes (reading zeros) and the guest gets the
 * SIGBUS/BUS_ADRERR Linux would give. */
static volatile sig_atomic_t bus_pending;
static uint64_t bus_addr;

static bool guest_sigbus(struct linux_proc *p, uint8_t *a)
{
	if (!p || a < p->mem.host || (uint64_t)(a - p->mem.host) >= p->mem.size)
		return false;
	uint64_t g = (uint64_t)(a - p->mem.host), page = g & ~GPAGE_MASK;
	if (mmap(p->mem.host + page, GPAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0) == MAP_FAILED)
		return false;
	p->mem.perm[page >> GPAGE_SHIFT] = GP_MAPPED;
	if (p->npast_eof < LINUX_PAST_EOF_MAX)
		p->past_eof[p->npast_eof++] = (struct linux_range){ page, page + GPAGE_SIZE };
	bus_addr = g;
	bus_pending = 1;
	host_any = 1;
	if (p->interrupt)
		*p->interrupt = 1;
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
	if (hsig == SIGBUS && guest_sigbus(host_proc, si->si_addr))
		return;
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
	const struct linux_sigaction *a = &p->sigact[sig];
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigfillset(&sa.sa_mask);
	if (a->handler == LINUX_SIG_IGN) {
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

void linux_signal_init(struct linux_proc *p)
{
	host_proc = p;
	sigset_t old;
	sigprocmask(SIG_SETMASK, NULL, &old);
	for (int sig = 1; sig <= LINUX_NSIG; sig++) {
		int hsig = host_sig(p, sig);
		if (hsig <= 0 || hsig >= NSIG)
			continue;
		if (sigismember(&old, hsig) == 1)
			p->sigmask |= SIGBIT(sig);
		struct sigaction cur;
		if (sigaction(hsig, NULL, &cur) == 0 && cur.sa_handler == SIG_IGN)
			p->sigact[sig].handler = LINUX_SIG_IGN;
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
	for (int sig = 1; sig <= LINUX_NSIG; sig++) {
		int hsig = host_sig(p, sig);
		if ((p->sigmask & SIGBIT(sig)) && hsig > 0 && hsig < NSIG)
			sigaddset(&set, hsig);
	}
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
	if (!host_any)
		return;
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	host_any = 0;
	if (bus_pending) {
		bus_pending = 0;
		linux_signal_fault(p, guest_sig(p, SIG_BUS), 2 /* BUS_ADRERR */, bus_addr);
	}
	for (int hsig = 1; hsig < NSIG; hsig++) {
		if (!host_pending[hsig])
			continue;
		host_pending[hsig] = 0;
		int sig = guest_sig(p, hsig);
		if (sig < 1 || sig > LINUX_NSIG)
			continue;
		struct linux_siginfo info;
		from_host_info(p, sig, &host_info[hsig], &info);
		linux_signal_raise(p, &info);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

bool linux_signal_wait(struct linux_proc *p, const struct timespec *timeout)
{
	(void)p;
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	bool got = true;
	if (!host_any) {
		/* Unblocks and waits in one step, so no signal is missed. */
		sigset_t none;
		sigemptyset(&none);
		got = ppoll(NULL, 0, timeout, &none) != 0;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return got;
}

/* ---- guest side ---- */

/* Ignored now (drop at send time, as sig_ignored does): blocked signals
 * stay pending because the handler may change before they are unblocked. */
static bool ignored(const struct linux_proc *p, int sig)
{
	if (p->sigmask & SIGBIT(sig))
		return false;
	const struct linux_sigaction *a = &p->sigact[sig];
	return a->handler == LINUX_SIG_IGN || (a->handler == LINUX_SIG_DFL && default_action(host_sig(p, sig)) == D_IGN);
}

void linux_signal_raise(struct linux_proc *p, const struct linux_siginfo *info)
{
	int sig = info->signo;
	if (sig < 1 || sig > LINUX_NSIG)
		return;
	/* prepare_signal: a stop cancels a pending continue and back. */
	if (host_sig(p, sig) == SIG_CONT) {
		p->pending &= ~(SIGBIT(guest_sig(p, SIG_STOP)) | SIGBIT(guest_sig(p, SIG_TSTP)) |
				SIGBIT(guest_sig(p, SIG_TTIN)) | SIGBIT(guest_sig(p, SIG_TTOU)));
	} else if (sig < SIG_RTMIN && default_action(host_sig(p, sig)) == D_STOP) {
		p->pending &= ~SIGBIT(guest_sig(p, SIG_CONT));
	}
	if (ignored(p, sig))
		return;
	if (sig < SIG_RTMIN) {
		if (p->pending & SIGBIT(sig))
			return;
		p->pending_info[sig] = *info;
	} else {
		if (p->rtq_len == LINUX_RTQ_MAX)
			return;
		p->rtq[p->rtq_len++] = *info;
	}
	p->pending |= SIGBIT(sig);
}

void proc_signal_discard(struct linux_proc *p, int sig)
{
	p->pending &= ~SIGBIT(sig);
	unsigned j = 0;
	for (unsigned i = 0; i < p->rtq_len; i++)
		if (p->rtq[i].signo != sig)
			p->rtq[j++] = p->rtq[i];
	p->rtq_len = j;
}

void proc_signal_dequeue(struct linux_proc *p, int sig, struct linux_siginfo *info)
{
	if (sig < SIG_RTMIN) {
		*info = p->pending_info[sig];
		p->pending &= ~SIGBIT(sig);
		return;
	}
	bool more = false, taken = false;
	unsigned j = 0;
	for (unsigned i = 0; i < p->rtq_len; i++) {
		if (p->rtq[i].signo == sig && !taken) {
			*info = p->rtq[i];
			taken = true;
			continue;
		}
		more |= p->rtq[i].signo == sig;
		p->rtq[j++] = p->rtq[i];
	}
	p->rtq_len = j;
	if (!more)
		p->pending &= ~SIGBIT(sig);
}

int proc_signal_pick(const struct linux_proc *p, uint64_t set)
{
	uint64_t sync = sync_mask(p);
	if (set & sync)
		set &= sync;
	return set ? __builtin_ctzll(set) + 1 : 0;
}

bool linux_signal_pending(struct linux_proc *p)
{
	linux_signal_poll(p);
	return (p->pending & ~p->sigmask) != 0;
}

void linux_signal_fault(struct linux_proc *p, int sig, int code, uint64_t addr)
{
	struct linux_sigaction *a = &p->sigact[sig];
	bool blocked = (p->sigmask & SIGBIT(sig)) != 0;
	if (blocked || a->handler == LINUX_SIG_IGN) {
		a->handler = LINUX_SIG_DFL;
		if (blocked)
			p->sigmask &= ~SIGBIT(sig);
	}
	struct linux_siginfo info = { .signo = sig, .code = code, .addr = addr, .fault = true };
	linux_signal_raise(p, &info);
}

void linux_die(struct linux_proc *p, int sig)
{
	int hsig = host_sig(p, sig);
	if (default_action(host_sig(p, sig)) == D_CORE) {
		struct rlimit none = { 0, 0 };
		setrlimit(RLIMIT_CORE, &none);
	}
	if (hsig > 0 && hsig < NSIG) {
		signal(hsig, SIG_DFL);
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, hsig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		kill(getpid(), hsig);
	}
	_exit(128 + sig);
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
		int sig = proc_signal_pick(p, p->pending & ~p->sigmask);
		if (sig == 0) {
			if (!p->restore_sigmask)
				return 0;
			/* No handler ran after rt_sigsuspend: the old mask is
			 * back, which may unblock more. */
			p->restore_sigmask = false;
			p->sigmask = p->saved_sigmask;
			continue;
		}
		proc_signal_dequeue(p, sig, info);
		const struct linux_sigaction *a = &p->sigact[sig];
		if (sig != SIG_KILL && sig != SIG_STOP && a->handler == LINUX_SIG_IGN)
			continue;
		if (sig == SIG_KILL || sig == SIG_STOP || a->handler == LINUX_SIG_DFL) {
			switch (default_action(host_sig(p, sig))) {
			case D_IGN:
				continue;
			case D_STOP:
				stop_self(p, sig);
				continue;
			default:
				linux_die(p, sig);
			}
		}
		*act = *a;
		return sig;
	}
}

void linux_signal_handle(struct linux_proc *p, int sig, const struct linux_sigaction *act,
			 const struct linux_siginfo *info)
{
	uint64_t oldmask = p->restore_sigmask ? p->saved_sigmask : p->sigmask;
	p->restore_sigmask = false;
	if (p->arch->signal_frame(p, sig, act, info, oldmask) != 0) {
		/* force_sigsegv: a SIGSEGV handler that cannot run is reset. */
		int segv = guest_sig(p, SIG_SEGV);
		if (sig == segv)
			p->sigact[segv].handler = LINUX_SIG_DFL;
		linux_signal_fault(p, segv, LINUX_SI_KERNEL, 0);
		return;
	}
	p->sigmask |= act->mask;
	if (!(act->flags & LINUX_SA_NODEFER))
		p->sigmask |= SIGBIT(sig);
	p->sigmask &= ~UNBLOCKABLE;
	if (act->flags & LINUX_SA_RESETHAND)
		p->sigact[sig].handler = LINUX_SIG_DFL;
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
		return -1; /* EPERM */
	int mode = ss_flags & ~LINUX_SS_AUTODISARM;
	if (mode != LINUX_SS_DISABLE && mode != LINUX_SS_ONSTACK && mode != 0)
		return -2; /* EINVAL */
	if (mode == LINUX_SS_DISABLE) {
		ss_size = 0;
		ss_sp = 0;
	} else if (ss_size < LINUX_MINSIGSTKSZ) {
		return -3; /* ENOMEM */
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
