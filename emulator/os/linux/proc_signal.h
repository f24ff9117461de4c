/* Internals shared by the process core's signal files (proc_signal.c,
 * proc_sigsys.c): asm-generic signal numbers, and the queue operations.
 * The process keeps signals in the guest's numbering; what depends on
 * which signal it is goes through proc_sig_generic (the host numbering,
 * which is asm-generic's on x86-64). */
#ifndef MIMIC_PROC_SIGNAL_H
#define MIMIC_PROC_SIGNAL_H

#include "os/linux/abi.h"
#include "os/linux/linux.h"

enum {
	SIG_HUP = 1, SIG_INT, SIG_QUIT, SIG_ILL, SIG_TRAP, SIG_ABRT, SIG_BUS, SIG_FPE,
	SIG_KILL, SIG_USR1, SIG_SEGV, SIG_USR2, SIG_PIPE, SIG_ALRM, SIG_TERM, SIG_STKFLT,
	SIG_CHLD, SIG_CONT, SIG_STOP, SIG_TSTP, SIG_TTIN, SIG_TTOU, SIG_URG, SIG_XCPU,
	SIG_XFSZ, SIG_VTALRM, SIG_PROF, SIG_WINCH, SIG_IO, SIG_PWR, SIG_SYS, SIG_RTMIN,
};

#define SIGBIT(sig) ((linux_sigset)1 << ((sig) - 1))
#define UNBLOCKABLE ((linux_sigset)p->arch->abi->sig_unblockable)

#define LINUX_SIG_DFL 0
#define LINUX_SIG_IGN 1

#define LINUX_SS_ONSTACK    1
#define LINUX_SS_DISABLE    2
#define LINUX_SS_AUTODISARM (1u << 31)
#define LINUX_MINSIGSTKSZ   2048

/* The highest signal number of the ABI (64; MIPS 128). */
static inline int proc_nsig(const struct linux_proc *p) { return (int)p->arch->abi->sigset_bytes * 8; }

/* The thread group's lock (struct linux_tgroup). */
static inline void proc_lock(struct linux_proc *p) { pthread_mutex_lock(&p->tg->lock); }
static inline void proc_unlock(struct linux_proc *p) { pthread_mutex_unlock(&p->tg->lock); }

/* The host signal that wakes a thread of the process out of a blocking
 * host call (sent with tgkill; a guest signal of that number sent from
 * another process is still the guest's). SIGRTMAX: the least used. */
#define PROC_WAKE_SIGNAL 64
/* Makes thread t look at its signal queues soon (lock held). */
void proc_thread_wake(struct linux_proc *t);
/* Records p as the calling host thread's guest thread (linux_self). */
void proc_signal_set_self(struct linux_proc *p);

/* The kick timer (proc_kick.c) of the calling host thread's p: made when
 * a thread (or a forked or vfork child) starts, deleted when it ends.
 * syscall_begin/syscall_end bracket a system call; proc_kick_caught runs
 * in the host signal handler: it arms the timer while a call runs, and
 * tells (true) whether the signal was a kick (this thread's or another's). */
void proc_kick_init(struct linux_proc *p);
void proc_kick_fini(struct linux_proc *p);
bool proc_kick_caught(struct linux_proc *p, int hsig, const void *siginfo);
static inline void proc_syscall_begin(struct linux_proc *p) { p->syscall_seq++; }
void proc_syscall_end_slow(struct linux_proc *p);
static inline void proc_syscall_end(struct linux_proc *p)
{
	p->syscall_seq++;
	if (p->kick_armed)
		proc_syscall_end_slow(p);
}

/* Blocks SIGTTOU and SIGTTIN on the host for a system call while the
 * guest blocks them, so the kernel's terminal job control sees the
 * guest's mask (proc_jobctl.c); true when it did, and then
 * proc_jobctl_unblock follows the call. */
bool proc_jobctl_block(const struct linux_proc *p);
void proc_jobctl_unblock(void);

/* signalfd (sys_signalfd.c): readiness follows the pending signals
 * (lock held); a read of a signalfd descriptor (true, with the result)
 * or false when fd is not one; closed forgets the descriptors lo to hi
 * (close, close_range, dup2 and dup3 onto one); duped adds nfd to fd's
 * signalfd, if fd is one. */
void proc_signalfd_update(struct linux_proc *p);
bool proc_signalfd_read(struct linux_proc *p, int fd, uint64_t buf, uint64_t count, long *result);
void proc_signalfd_closed(struct linux_proc *p, unsigned lo, unsigned hi);
void proc_signalfd_duped(struct linux_proc *p, int fd, int nfd);
/* The thread viewer is about to wait on descriptors (its own signals
 * count for the signalfds' readiness from now), or p ends (viewer NULL). */
void proc_signalfd_view(struct linux_proc *p, struct linux_proc *viewer);

/* Deaths by signals the host lacks (proc_highsig.c): init makes the
 * page forked processes share (before the guest runs), died notes this
 * process's death by sig, reaped takes the note of an exited child (the
 * signal, 0 for none; keep leaves it, as WNOWAIT does). */
void proc_highsig_init(void);
void proc_highsig_died(int sig);
int proc_highsig_reaped(int pid, bool keep);

/* Host disposition of sig follows the guest's (ignored or forwarded). */
void proc_signal_sync_host(struct linux_proc *p, int sig);
/* Signals the process watches as they are sent, ignored or not (a
 * FreeBSD kqueue's EVFILT_SIGNAL): proc_signal_observer(p, sig) is
 * called with the process locked for each one sent while its bit is set
 * in proc_signal_watched, whose signals the host keeps catching. */
extern linux_sigset proc_signal_watched;
extern void (*proc_signal_observer)(struct linux_proc *p, int sig);
/* Drops every pending instance of sig, in every thread (lock held). */
void proc_signal_discard(struct linux_proc *p, int sig);
/* Signals pending for the thread p: its own and the process's (lock held). */
static inline linux_sigset proc_signal_pending_set(const struct linux_proc *p)
{
	return p->pending.set | p->tg->shared.set;
}
/* Removes one pending instance of sig, the thread's own first (must be
 * pending; lock held). */
void proc_signal_dequeue(struct linux_proc *p, int sig, struct linux_siginfo *info);
/* The signal Linux takes first from set: synchronous ones, then lowest. */
int proc_signal_pick(const struct linux_proc *p, linux_sigset set);
/* The thread's mask changes to mask (less what cannot be blocked);
 * process-directed signals it no longer blocks are looked at again
 * (lock held). */
void proc_signal_set_mask(struct linux_proc *p, linux_sigset mask);
/* sigaction's checks and update of the action of sig (either may be
 * NULL): 0 or -EINVAL. */
int proc_sigaction(struct linux_proc *p, int sig, const struct linux_sigaction *act, struct linux_sigaction *oact);
/* SS_DISABLE / SS_ONSTACK / 0 for the stack pointer sp. */
int proc_altstack_flags(const struct linux_proc *p, uint64_t sp);
/* sigaltstack's checks and update: 0, -EPERM, -EINVAL or -ENOMEM. */
int proc_sigaltstack_set(struct linux_proc *p, uint64_t ss_sp, int ss_flags, uint64_t ss_size, uint64_t sp);
/* Guest signal -> asm-generic number, and back. */
static inline int proc_sig_generic(const struct linux_proc *p, int sig)
{
	return sig > 0 && p->arch->sig_to_host ? p->arch->sig_to_host(sig) : sig;
}
static inline int proc_sig_guest(const struct linux_proc *p, int sig)
{
	return sig > 0 && p->arch->sig_from_host ? p->arch->sig_from_host(sig) : sig;
}
static inline uint64_t proc_guest_sp(struct linux_proc *p) { return p->arch->get_sp(p); }

#endif
