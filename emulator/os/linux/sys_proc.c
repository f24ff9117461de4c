/* Child processes and threads: clone's choice between a thread, a vfork
 * child and a host fork of the whole emulator (the child then has its
 * own copy of guest memory), waiting, personality.
 * Signal numbers in wait statuses are the host's, which ARM shares. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os/linux/proc_thread.h"
#include "os/linux/syscall.h"

/* A wait status with the guest's signal numbers. */
static int wait_status(const struct linux_proc *p, int status)
{
	int (*map)(int) = p->arch->sig_from_host;
	if (!map)
		return status;
	if (WIFSIGNALED(status))
		return (status & ~0x7f) | map(WTERMSIG(status));
	if (WIFSTOPPED(status))
		return (status & ~0xff00) | map(WSTOPSIG(status)) << 8;
	return status;
}

/* The child is reaped before the status is stored, so a bad pointer
 * gives EFAULT after the wait, as in Linux (ECHILD comes first). */
SC(wait4)
{
	int status;
	struct rusage ru;
	pid_t r = wait4(sc_int(a[0]), &status, sc_int(a[2]), &ru);
	if (r < 0)
		return sc_err();
	if (r > 0 && a[1] && sc_put32(p, a[1], (uint32_t)wait_status(p, status)) < 0)
		return -EFAULT;
	if (a[3] && sc_put_rusage(p, a[3], &ru) < 0)
		return -EFAULT;
	return r;
}

/* siginfo for SIGCHLD: signo, errno, code (the ABI's order), then the
 * union (after padding to a word) with pid, uid, status, utime, stime. */
SC(waitid)
{
	siginfo_t si;
	struct rusage ru;
	memset(&si, 0, sizeof si);
	if (syscall(SYS_waitid, sc_int(a[0]), sc_int(a[1]), &si, sc_int(a[3]), &ru) < 0)
		return sc_err();
	if (a[2]) {
		struct gimage g;
		unsigned w = sc_wordsize(p), u = w == 8 ? 16 : 12;
		bool code_first = p->arch->abi->siginfo_code_first;
		gi_init(&g, p);
		gi_u32(&g, 0, (uint32_t)(si.si_signo && p->arch->sig_from_host ? p->arch->sig_from_host(si.si_signo) : si.si_signo));
		gi_u32(&g, code_first ? 8 : 4, (uint32_t)si.si_errno);
		gi_u32(&g, code_first ? 4 : 8, (uint32_t)si.si_code);
		gi_u32(&g, u, (uint32_t)si.si_pid);
		gi_u32(&g, u + 4, si.si_uid);
		gi_u32(&g, u + 8, (uint32_t)si.si_status);
		gi_long(&g, p, u + 12 + (w == 8 ? 4 : 0), (uint64_t)si.si_utime);
		gi_long(&g, p, u + 12 + (w == 8 ? 4 : 0) + w, (uint64_t)si.si_stime);
		if (gi_put(p, a[2], &g, 128) < 0)
			return -EFAULT;
	}
	if (a[4] && sc_put_rusage(p, a[4], &ru) < 0)
		return -EFAULT;
	return 0;
}

/* Creates a child process with its own copy of memory; in it, sp (if
 * not 0) becomes the stack. CLONE_VFORK without CLONE_VM still makes the
 * caller wait for the child's exec or exit. */
static long do_fork(struct linux_proc *p, unsigned flags, uint64_t sp, uint64_t ptid, uint64_t ctid)
{
	fflush(NULL);
	/* The exit signal is the guest's number: the host's for the kernel. */
	unsigned long exit_sig = flags & CSIGNAL;
	if (exit_sig && p->arch->sig_to_host)
		exit_sig = (unsigned long)p->arch->sig_to_host((int)exit_sig);
	proc_fork_prepare(p);
	/* glibc's fork also leaves the host's own locks (malloc) usable in
	 * the child when other threads run; other exit signals need clone. */
	long r = exit_sig == SIGCHLD && !(flags & CLONE_VFORK)
			 ? fork()
			 : syscall(SYS_clone, exit_sig | (flags & CLONE_VFORK), NULL, NULL, NULL, 0);
	int e = errno;
	if (r != 0) {
		proc_fork_parent(p);
		if (r < 0)
			return -e;
	} else {
		proc_fork_child(p);
	}
	if (flags & CLONE_PARENT_SETTID)
		sc_put32(p, ptid, (uint32_t)(r ? r : getpid()));
	if (r == 0) {
		if (flags & CLONE_CHILD_SETTID)
			sc_put32(p, ctid, (uint32_t)getpid());
		if (flags & CLONE_CHILD_CLEARTID)
			p->clear_child_tid = ctid;
		if (sp)
			p->arch->set_sp(p, sp);
	}
	return r;
}

/* copy_process's flag rules, then a thread, a vfork child sharing the
 * memory, or a process of its own. */
static long do_clone(struct linux_proc *p, unsigned flags, uint64_t sp, uint64_t ptid, uint64_t tls,
		     uint64_t ctid)
{
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (flags & CLONE_THREAD)
		return proc_thread_create(p, flags, sp, ptid, tls, ctid);
	if (flags & CLONE_VM) {
		if (flags & CLONE_VFORK)
			return proc_vfork(p, flags, sp, ptid, ctid);
		fprintf(stderr, "mimic: clone with flags 0x%x (memory shared outside a thread group) is not supported\n",
			flags);
		return -ENOSYS;
	}
	return do_fork(p, flags, sp, ptid, ctid);
}

/* fork and vfork exit with the guest's SIGCHLD. */
static unsigned guest_sigchld(const struct linux_proc *p)
{
	return (unsigned)(p->arch->sig_from_host ? p->arch->sig_from_host(SIGCHLD) : SIGCHLD);
}

SC(fork) { (void)a; return do_clone(p, guest_sigchld(p), 0, 0, 0, 0); }
SC(vfork) { (void)a; return do_clone(p, CLONE_VM | CLONE_VFORK | guest_sigchld(p), 0, 0, 0, 0); }

/* clone(flags, newsp, parent_tid, tls, child_tid): the CLONE_BACKWARDS
 * order of ARM and MIPS. */
SC(clone) { return do_clone(p, (unsigned)a[0], sc_ulong(p, a[1]), a[2], sc_ulong(p, a[3]), a[4]); }

/* clone3: struct clone_args of u64 fields (flags, pidfd, child_tid,
 * parent_tid, exit_signal, stack, stack_size, tls, ...), the stack
 * growing down from stack + stack_size. */
SC(clone3)
{
	uint64_t size = sc_ulong(p, a[1]);
	struct gimage g;
	if (size < 64 || size > sizeof g.b)
		return -EINVAL;
	if (gi_get(p, a[0], &g, 64) < 0)
		return -EFAULT;
	uint64_t flags = gi_get64(&g, 0), sig = gi_get64(&g, 32);
	uint64_t stack = gi_get64(&g, 40), stack_size = gi_get64(&g, 48);
	if ((flags & (CSIGNAL | CLONE_PIDFD)) || sig > (uint64_t)p->arch->abi->sigset_bytes * 8 || flags >> 32)
		return -EINVAL;
	if ((stack == 0) != (stack_size == 0))
		return -EINVAL;
	return do_clone(p, (unsigned)flags | (unsigned)sig, stack ? stack + stack_size : 0, gi_get64(&g, 24),
			gi_get64(&g, 56), gi_get64(&g, 16));
}

/* The persona is only remembered (PER_LINUX32 and friends change nothing
 * the emulator does); a new process starts with the ABI's. */
SC(personality)
{
	static bool set;
	static uint32_t persona;
	if (!set) {
		persona = p->arch->abi->personality;
		set = true;
	}
	uint32_t old = persona;
	if ((uint32_t)a[0] != 0xffffffffu)
		persona = (uint32_t)a[0];
	return (long)old;
}
