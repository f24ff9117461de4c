/* Signal system calls: actions, masks, alternate stacks, sending, waiting
 * and returning from handlers. Checks and error order follow Linux 6.1
 * (kernel/signal.c). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "os/linux/proc_signal.h"
#include "os/linux/proc_sys.h"

/* sa_flags bits Linux keeps (UAPI_SA_FLAGS; SA_EXPOSE_TAGBITS 0x800) and
 * those of the architecture (ARM's SA_THIRTYTWO and SA_RESTORER): others
 * read back as 0. */
#define UAPI_SA_FLAGS (LINUX_SA_NOCLDSTOP | LINUX_SA_NOCLDWAIT | LINUX_SA_SIGINFO | LINUX_SA_ONSTACK | \
		       LINUX_SA_RESTART | LINUX_SA_NODEFER | LINUX_SA_RESETHAND | 0x800u)
/* The kernel's sigset_t size of the ABI, and the largest of them. */
#define SIGSET_MAX 16
static unsigned sigset_bytes(const struct linux_proc *p) { return p->arch->abi->sigset_bytes; }

static unsigned wsize(const struct linux_proc *p) { return p->arch->word_bits / 8; }

static bool get_word(struct linux_proc *p, uint64_t a, uint64_t *v)
{
	if (wsize(p) == 8)
		return gmem_ld64(&p->mem, a, v);
	uint32_t x;
	if (!gmem_ld32(&p->mem, a, &x))
		return false;
	*v = x;
	return true;
}

static bool put_word(struct linux_proc *p, uint64_t a, uint64_t v)
{
	return wsize(p) == 8 ? gmem_st64(&p->mem, a, v) : gmem_st32(&p->mem, a, (uint32_t)v);
}

/* sigset_t of the kernel: sigset_bytes of guest words, the first holding
 * signals 1..32 (1..64 on 64-bit ABIs). */
static unsigned set_wsize(const struct linux_proc *p)
{
	return p->arch->abi->sigset_word ? p->arch->abi->sigset_word : wsize(p);
}

static void sigset_image(const struct linux_proc *p, linux_sigset set, uint8_t b[SIGSET_MAX])
{
	unsigned w = set_wsize(p);
	memset(b, 0, SIGSET_MAX);
	for (unsigned i = 0; i < sigset_bytes(p); i++) {
		unsigned word = i / w, byte = i % w;
		b[word * w + (p->mem.big_endian ? w - 1 - byte : byte)] = (uint8_t)(set >> (8 * i));
	}
}

bool linux_sigset_get(struct linux_proc *p, uint64_t a, linux_sigset *set)
{
	uint8_t b[SIGSET_MAX];
	unsigned w = set_wsize(p);
	if (!gmem_read(&p->mem, a, b, sigset_bytes(p)))
		return false;
	*set = 0;
	for (unsigned i = 0; i < sigset_bytes(p); i++) {
		unsigned word = i / w, byte = i % w;
		*set |= (linux_sigset)b[word * w + (p->mem.big_endian ? w - 1 - byte : byte)] << (8 * i);
	}
	return true;
}

bool linux_sigset_put(struct linux_proc *p, uint64_t a, linux_sigset set, unsigned bytes)
{
	uint8_t b[SIGSET_MAX];
	sigset_image(p, set, b);
	return gmem_write(&p->mem, a, b, bytes);
}

/* struct sigaction of the kernel: handler, flags, restorer, mask (ARM and
 * asm-generic), or a 32-bit flags word, handler, mask (MIPS). */
static bool get_sigaction(struct linux_proc *p, uint64_t a, struct linux_sigaction *sa)
{
	const struct linux_abi *abi = p->arch->abi;
	unsigned w = wsize(p);
	if (abi->sigaction_flags_first) {
		uint32_t flags;
		sa->restorer = 0;
		if (!gmem_ld32(&p->mem, a, &flags) || !get_word(p, a + w, &sa->handler) ||
		    !linux_sigset_get(p, a + 2 * w, &sa->mask))
			return false;
		sa->flags = abi_flags_in(abi->sa_flags, flags);
		return true;
	}
	return get_word(p, a, &sa->handler) && get_word(p, a + w, &sa->flags) &&
	       get_word(p, a + 2 * w, &sa->restorer) && linux_sigset_get(p, a + 3 * w, &sa->mask);
}

static bool put_sigaction(struct linux_proc *p, uint64_t a, const struct linux_sigaction *sa)
{
	const struct linux_abi *abi = p->arch->abi;
	unsigned w = wsize(p), set = sigset_bytes(p);
	if (abi->sigaction_flags_first)
		return gmem_check(&p->mem, a, 2 * w + set, GP_W) &&
		       gmem_st32(&p->mem, a, abi_flags_out(abi->sa_flags, (uint32_t)sa->flags)) &&
		       (w == 4 || gmem_st32(&p->mem, a + 4, 0)) && put_word(p, a + w, sa->handler) &&
		       linux_sigset_put(p, a + 2 * w, sa->mask, set);
	return gmem_check(&p->mem, a, 3 * w + set, GP_W) && put_word(p, a, sa->handler) &&
	       put_word(p, a + w, sa->flags) && put_word(p, a + 2 * w, sa->restorer) &&
	       linux_sigset_put(p, a + 3 * w, sa->mask, set);
}

static int sig_arg(uint64_t v) { return (int)(int32_t)v; }

int proc_sigaction(struct linux_proc *p, int sig, const struct linux_sigaction *act, struct linux_sigaction *oact)
{
	if (sig < 1 || sig > proc_nsig(p) || (act && (SIGBIT(sig) & UNBLOCKABLE)))
		return -EINVAL;
	int gsig = proc_sig_generic(p, sig);
	proc_lock(p);
	struct linux_sigaction old = p->tg->sigact[sig];
	uint64_t kept = UAPI_SA_FLAGS | p->arch->abi->sa_flags_arch;
	old.flags &= kept;
	if (act) {
		struct linux_sigaction nsa = *act;
		nsa.flags &= kept;
		nsa.mask &= ~UNBLOCKABLE;
		p->tg->sigact[sig] = nsa;
		/* POSIX: setting a pending signal to be ignored discards it. */
		if (nsa.handler == LINUX_SIG_IGN ||
		    (nsa.handler == LINUX_SIG_DFL && (gsig == SIG_CHLD || gsig == SIG_CONT || gsig == SIG_URG ||
						       gsig == SIG_WINCH)))
			proc_signal_discard(p, sig);
		proc_signal_sync_host(p, sig);
	}
	proc_unlock(p);
	if (oact)
		*oact = old;
	return 0;
}

long sys_rt_sigaction(struct linux_proc *p, const uint64_t a[6])
{
	int sig = sig_arg(a[0]);
	if (a[3] != sigset_bytes(p))
		return -EINVAL;
	struct linux_sigaction nsa, old;
	if (a[1] && !get_sigaction(p, a[1], &nsa))
		return -EFAULT;
	int r = proc_sigaction(p, sig, a[1] ? &nsa : NULL, &old);
	if (r != 0)
		return r;
	if (a[2] && !put_sigaction(p, a[2], &old))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(struct linux_proc *p, const uint64_t a[6])
{
	if (a[3] != sigset_bytes(p))
		return -EINVAL;
	linux_sigset old = p->sigmask, set = 0;
	if (a[1]) {
		if (!linux_sigset_get(p, a[1], &set))
			return -EFAULT;
		int how = sig_arg(a[0]) - p->arch->abi->sig_block;
		if (how < 0 || how > 2)
			return -EINVAL;
		/* SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK */
		linux_sigset mask = how == 0 ? old | set : how == 1 ? old & ~set : set;
		proc_lock(p);
		proc_signal_set_mask(p, mask);
		proc_unlock(p);
	}
	if (a[2] && !linux_sigset_put(p, a[2], old, sigset_bytes(p)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(struct linux_proc *p, const uint64_t a[6])
{
	if (a[1] > sigset_bytes(p))
		return -EINVAL;
	linux_signal_poll(p);
	uint8_t b[SIGSET_MAX];
	proc_lock(p);
	sigset_image(p, proc_signal_pending_set(p) & p->sigmask, b);
	proc_unlock(p);
	return gmem_write(&p->mem, a[0], b, (size_t)a[1]) ? 0 : -EFAULT;
}

long sys_sigaltstack(struct linux_proc *p, const uint64_t a[6])
{
	unsigned w = wsize(p);
	/* stack_t: ss_sp, int ss_flags, size_t ss_size (word aligned); MIPS
	 * puts ss_size before ss_flags. */
	bool size_first = p->arch->abi->stack_size_first;
	unsigned size_off = size_first ? w : w == 8 ? 16 : 8, total = w == 8 ? 24 : 12;
	unsigned flags_off = size_first ? 2 * w : w;
	uint64_t sp = proc_guest_sp(p);
	uint64_t old_sp = p->altstack_sp, old_size = p->altstack_size;
	int old_flags = proc_altstack_flags(p, sp) | p->altstack_flags;
	if (a[0]) {
		uint64_t ss_sp, ss_size;
		uint32_t flags;
		if (!get_word(p, a[0], &ss_sp) || !gmem_ld32(&p->mem, a[0] + flags_off, &flags) ||
		    !get_word(p, a[0] + size_off, &ss_size))
			return -EFAULT;
		int r = proc_sigaltstack_set(p, ss_sp, (int)flags, ss_size, sp);
		if (r != 0)
			return r;
	}
	if (a[1]) {
		if (!gmem_check(&p->mem, a[1], total, GP_W) || !put_word(p, a[1], old_sp) ||
		    !gmem_st32(&p->mem, a[1] + flags_off, (uint32_t)old_flags) || !put_word(p, a[1] + size_off, old_size))
			return -EFAULT;
	}
	return 0;
}

static int host_signo(const struct linux_proc *p, int sig)
{
	return sig == 0 || !p->arch->sig_to_host ? sig : p->arch->sig_to_host(sig);
}

static struct linux_siginfo user_info(int sig, int code)
{
	return (struct linux_siginfo){ .signo = sig, .code = code, .pid = getpid(), .uid = (int)getuid() };
}

/* A signal number the host can carry to another process (MIPS signals
 * above 64 cannot leave the process). */
static long host_send(const struct linux_proc *p, int sig)
{
	int hsig = host_signo(p, sig);
	return hsig < NSIG ? hsig : -EINVAL;
}

long sys_kill(struct linux_proc *p, const uint64_t a[6])
{
	int pid = sig_arg(a[0]), sig = sig_arg(a[1]);
	if (sig < 0 || sig > proc_nsig(p))
		return -EINVAL;
	if (pid == getpid()) {
		if (sig != 0) {
			struct linux_siginfo info = user_info(sig, LINUX_SI_USER);
			linux_signal_raise(p, &info);
		}
		return 0;
	}
	long hsig = host_send(p, sig);
	if (hsig < 0)
		return hsig;
	return kill(pid, (int)hsig) == 0 ? 0 : -errno;
}

static long thread_kill(struct linux_proc *p, int tgid, int tid, int sig)
{
	if (tid <= 0 || sig < 0 || sig > proc_nsig(p))
		return -EINVAL;
	if (tgid < 0 || tgid == getpid()) {
		struct linux_siginfo info = user_info(sig, LINUX_SI_TKILL);
		if (linux_signal_to_thread(p, tid, &info) == 0)
			return 0;
	}
	long hsig = host_send(p, sig);
	if (hsig < 0)
		return hsig;
	long r = tgid < 0 ? syscall(SYS_tkill, tid, (int)hsig) : syscall(SYS_tgkill, tgid, tid, (int)hsig);
	return r == 0 ? 0 : -errno;
}

long sys_tgkill(struct linux_proc *p, const uint64_t a[6])
{
	int tgid = sig_arg(a[0]);
	if (tgid <= 0)
		return -EINVAL;
	return thread_kill(p, tgid, sig_arg(a[1]), sig_arg(a[2]));
}

long sys_tkill(struct linux_proc *p, const uint64_t a[6])
{
	return thread_kill(p, -1, sig_arg(a[0]), sig_arg(a[1]));
}

/* A guest siginfo at uinfo: si_signo, si_code, si_errno, and the union's
 * pid, uid and value (8-aligned after the first three on 64-bit ABIs). */
static long guest_info(struct linux_proc *p, uint64_t uinfo, int *signo, struct linux_siginfo *info)
{
	uint8_t b[128];
	if (!gmem_read(&p->mem, uinfo, b, sizeof b))
		return -EFAULT;
	int32_t v32[6];
	memcpy(v32, b, sizeof v32);
	for (unsigned i = 0; i < 6 && p->mem.big_endian; i++)
		v32[i] = (int32_t)__builtin_bswap32((uint32_t)v32[i]);
	bool code_first = p->arch->abi->siginfo_code_first;
	*signo = v32[0];
	memset(info, 0, sizeof *info);
	info->errno_ = v32[code_first ? 2 : 1];
	info->code = v32[code_first ? 1 : 2];
	unsigned u = wsize(p) == 8 ? 4 : 3;
	info->pid = v32[u];
	info->uid = v32[u + 1];
	if (wsize(p) == 8) {
		uint64_t value;
		memcpy(&value, b + 24, 8);
		info->value = p->mem.big_endian ? __builtin_bswap64(value) : value;
	} else {
		uint32_t v;
		memcpy(&v, b + 20, 4);
		info->value = p->mem.big_endian ? __builtin_bswap32(v) : v;
	}
	return 0;
}

/* The host's siginfo for a guest one sent to another process. */
static void host_info(const struct linux_proc *p, const struct linux_siginfo *info, siginfo_t *hi)
{
	memset(hi, 0, sizeof *hi);
	hi->si_signo = host_signo(p, info->signo);
	hi->si_errno = info->errno_;
	hi->si_code = info->code;
	hi->si_pid = info->pid;
	hi->si_uid = (uid_t)info->uid;
	hi->si_value.sival_ptr = (void *)(uintptr_t)info->value;
}

/* rt_sigqueueinfo / rt_tgsigqueueinfo: the caller's siginfo, with
 * si_signo forced to sig. Codes that claim to come from the kernel or
 * kill may only be sent to oneself. */
static long queueinfo(struct linux_proc *p, int tgid, int tid, int sig, uint64_t uinfo)
{
	struct linux_siginfo info;
	int signo;
	if (guest_info(p, uinfo, &signo, &info) < 0)
		return -EFAULT;
	info.signo = sig;
	bool self = tgid == getpid() && (tid < 0 || tid == (int)gettid());
	if ((info.code >= 0 || info.code == LINUX_SI_TKILL) && !self)
		return -EPERM;
	if (sig < 0 || sig > proc_nsig(p))
		return -EINVAL;
	if (tgid == getpid() && tid < 0) {
		linux_signal_raise(p, &info);
		return 0;
	}
	if (tgid == getpid() && linux_signal_to_thread(p, tid, &info) == 0)
		return 0;
	if (host_send(p, sig) < 0)
		return -EINVAL;
	siginfo_t hi;
	host_info(p, &info, &hi);
	long r = tid < 0 ? syscall(SYS_rt_sigqueueinfo, tgid, hi.si_signo, &hi)
			 : syscall(SYS_rt_tgsigqueueinfo, tgid, tid, hi.si_signo, &hi);
	return r == 0 ? 0 : -errno;
}

/* pidfd_send_signal with a siginfo: its si_signo must be sig; the host
 * refuses kernel and kill codes to another process (EPERM) as the guest
 * kernel does, and a pidfd of this process brings the signal back
 * through the host handler. */
long linux_pidfd_sigqueue(struct linux_proc *p, int pidfd, int sig, uint64_t uinfo, unsigned flags)
{
	struct linux_siginfo info;
	int signo;
	if (guest_info(p, uinfo, &signo, &info) < 0)
		return -EFAULT;
	if (signo != sig || sig < 0 || sig > proc_nsig(p) || host_send(p, sig) < 0)
		return -EINVAL;
	info.signo = sig;
	siginfo_t hi;
	host_info(p, &info, &hi);
	return syscall(SYS_pidfd_send_signal, pidfd, hi.si_signo, &hi, flags) == 0 ? 0 : -errno;
}

long sys_rt_sigqueueinfo(struct linux_proc *p, const uint64_t a[6])
{
	return queueinfo(p, sig_arg(a[0]), -1, sig_arg(a[1]), a[2]);
}

long sys_rt_tgsigqueueinfo(struct linux_proc *p, const uint64_t a[6])
{
	int tgid = sig_arg(a[0]), tid = sig_arg(a[1]);
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	return queueinfo(p, tgid, tid, sig_arg(a[2]), a[3]);
}

long sys_pause(struct linux_proc *p, const uint64_t a[6])
{
	(void)a;
	while (!linux_signal_pending(p))
		linux_signal_wait(p, NULL);
	return -LINUX_ERESTARTNOHAND;
}

long sys_rt_sigsuspend(struct linux_proc *p, const uint64_t a[6])
{
	if (a[1] != sigset_bytes(p))
		return -EINVAL;
	linux_sigset set;
	if (!linux_sigset_get(p, a[0], &set))
		return -EFAULT;
	proc_lock(p);
	p->saved_sigmask = p->sigmask;
	p->restore_sigmask = true;
	proc_signal_set_mask(p, set);
	proc_unlock(p);
	while (!linux_signal_pending(p))
		linux_signal_wait(p, NULL);
	return -LINUX_ERESTARTNOHAND;
}

/* struct timespec of the guest: C longs, or two 64-bit fields for the
 * _time64 calls of 32-bit ABIs. */
static bool get_timespec(struct linux_proc *p, uint64_t a, bool time64, int64_t *sec, int64_t *nsec)
{
	if (time64 || wsize(p) == 8) {
		uint64_t s, ns;
		if (!gmem_ld64(&p->mem, a, &s) || !gmem_ld64(&p->mem, a + 8, &ns))
			return false;
		*sec = (int64_t)s;
		/* The kernel ignores the upper half of tv_nsec from 32-bit tasks. */
		*nsec = wsize(p) == 4 ? (int32_t)ns : (int64_t)ns;
		return true;
	}
	uint32_t s, ns;
	if (!gmem_ld32(&p->mem, a, &s) || !gmem_ld32(&p->mem, a + 4, &ns))
		return false;
	*sec = (int32_t)s;
	*nsec = (int32_t)ns;
	return true;
}

static long timedwait(struct linux_proc *p, const uint64_t a[6], bool time64)
{
	if (a[3] != sigset_bytes(p))
		return -EINVAL;
	linux_sigset these;
	if (!linux_sigset_get(p, a[0], &these))
		return -EFAULT;
	these &= ~UNBLOCKABLE;
	struct timespec ts, *tsp = NULL;
	if (a[2]) {
		int64_t s, ns;
		if (!get_timespec(p, a[2], time64, &s, &ns))
			return -EFAULT;
		if (s < 0 || ns < 0 || ns >= 1000000000)
			return -EINVAL;
		ts.tv_sec = s;
		ts.tv_nsec = ns;
		tsp = &ts;
	}
	struct timespec deadline;
	if (tsp) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += ts.tv_sec;
		deadline.tv_nsec += ts.tv_nsec;
		if (deadline.tv_nsec >= 1000000000) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000;
		}
	}
	long r = 0;
	/* Process-directed signals in the set may wake this thread while
	 * it waits, as the kernel's real_blocked allows. */
	p->waiting = these;
	for (;;) {
		linux_signal_poll(p);
		proc_lock(p);
		linux_sigset pend = proc_signal_pending_set(p);
		int sig = proc_signal_pick(p, pend & these);
		struct linux_siginfo info;
		if (sig)
			proc_signal_dequeue(p, sig, &info);
		proc_unlock(p);
		if (sig) {
			r = a[1] && linux_siginfo_put(p, a[1], &info) != 0 ? -EFAULT : sig;
			break;
		}
		if (pend & ~p->sigmask & ~these) {
			r = -EINTR;
			break;
		}
		struct timespec left, *lp = NULL;
		if (tsp) {
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			left.tv_sec = deadline.tv_sec - now.tv_sec;
			left.tv_nsec = deadline.tv_nsec - now.tv_nsec;
			if (left.tv_nsec < 0) {
				left.tv_sec--;
				left.tv_nsec += 1000000000;
			}
			if (left.tv_sec < 0) {
				r = -EAGAIN;
				break;
			}
			lp = &left;
		}
		if (!linux_signal_wait(p, lp)) {
			r = -EAGAIN;
			break;
		}
	}
	p->waiting = 0;
	return r;
}

long sys_rt_sigtimedwait(struct linux_proc *p, const uint64_t a[6])
{
	return timedwait(p, a, false);
}

long sys_rt_sigtimedwait_time64(struct linux_proc *p, const uint64_t a[6])
{
	return timedwait(p, a, true);
}

long sys_rt_sigreturn(struct linux_proc *p, const uint64_t a[6])
{
	(void)a;
	return p->arch->sigreturn(p, true);
}

long sys_sigreturn(struct linux_proc *p, const uint64_t a[6])
{
	(void)a;
	return p->arch->sigreturn(p, false);
}
