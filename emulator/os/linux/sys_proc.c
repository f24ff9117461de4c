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

#include "os/linux/proc_signal.h"
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
	/* A death by a signal the host lacks: its number is the status. */
	int high = r > 0 && WIFEXITED(status) ? proc_highsig_reaped(r, false) : 0;
	if (high)
		status = high;
	else
		status = wait_status(p, status);
	if (r > 0 && a[1] && sc_put32(p, a[1], (uint32_t)status) < 0)
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
	/* A death by a signal the host lacks, as the kernel reports the
	 * exit code that signal leaves. */
	int high = si.si_pid && si.si_code == CLD_EXITED ? proc_highsig_reaped(si.si_pid, sc_int(a[3]) & WNOWAIT) : 0;
	if (high) {
		si.si_code = (high & 0x7f) ? CLD_KILLED : CLD_EXITED;
		si.si_status = (high & 0x7f) ? high & 0x7f : (high >> 8) & 0xff;
	}
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

/* A clone request as clone and clone3 give it. */
struct clone_req {
	uint64_t flags;       /* CLONE_*, without the exit signal */
	int exit_sig;         /* guest signal number, 0 for none */
	uint64_t sp, ptid, tls, ctid;
	uint64_t pidfd;       /* where CLONE_PIDFD stores the descriptor */
};

#define NS_FLAGS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | \
		  CLONE_NEWCGROUP)

/* Creates a child process with its own copy of memory; in it, sp (if
 * not 0) becomes the stack. Namespace flags and CLONE_PIDFD go to the
 * host's clone; CLONE_VFORK without CLONE_VM still makes the caller wait
 * for the child's exec or exit. */
static long do_fork(struct linux_proc *p, const struct clone_req *c)
{
	fflush(NULL);
	/* The exit signal is the guest's number: the host's for the kernel. */
	unsigned long exit_sig = (unsigned long)c->exit_sig;
	if (exit_sig && p->arch->sig_to_host)
		exit_sig = (unsigned long)p->arch->sig_to_host((int)exit_sig);
	unsigned long host_flags = c->flags & (NS_FLAGS | CLONE_VFORK | CLONE_PIDFD);
	int pidfd = -1;
	proc_fork_prepare(p);
	/* glibc's fork also leaves the host's own locks (malloc) usable in
	 * the child when other threads run; other requests need clone. */
	long r = exit_sig == SIGCHLD && !host_flags ? fork()
						    : syscall(SYS_clone, exit_sig | host_flags, NULL, &pidfd, NULL, 0);
	int e = errno;
	if (r != 0) {
		proc_fork_parent(p);
		if (r < 0)
			return -e;
		if ((c->flags & CLONE_PIDFD) && sc_put32(p, c->pidfd, (uint32_t)pidfd) < 0) {
			close(pidfd);
			return -EFAULT;
		}
	} else {
		proc_fork_child(p);
	}
	if (c->flags & CLONE_PARENT_SETTID)
		sc_put32(p, c->ptid, (uint32_t)(r ? r : getpid()));
	if (r == 0) {
		if (c->flags & CLONE_CHILD_SETTID)
			sc_put32(p, c->ctid, (uint32_t)getpid());
		if (c->flags & CLONE_CHILD_CLEARTID)
			p->clear_child_tid = c->ctid;
		if (c->sp)
			p->arch->set_sp(p, c->sp);
	}
	return r;
}

/* copy_process's flag rules, then a thread, a vfork child sharing the
 * memory, or a process of its own. */
static long do_clone(struct linux_proc *p, const struct clone_req *c)
{
	uint64_t f = c->flags;
	if ((f & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS) ||
	    (f & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((f & CLONE_THREAD) && !(f & CLONE_SIGHAND))
		return -EINVAL;
	if ((f & CLONE_SIGHAND) && !(f & CLONE_VM))
		return -EINVAL;
	if ((f & CLONE_THREAD) && (f & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	if ((f & CLONE_PIDFD) && (f & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	if (f & CLONE_THREAD)
		return proc_thread_create(p, (unsigned)f, c->sp, c->ptid, c->tls, c->ctid);
	if (f & CLONE_VM) {
		if (f & (NS_FLAGS | CLONE_PIDFD)) {
			fprintf(stderr, "mimic: clone with flags 0x%llx (memory shared with new namespaces or a pidfd) "
					"is not supported\n", (unsigned long long)f);
			return -ENOSYS;
		}
		unsigned flags = (unsigned)f | (unsigned)c->exit_sig;
		return (f & CLONE_VFORK) ? proc_vfork(p, flags, c->sp, c->ptid, c->ctid)
					 : proc_vm_child(p, flags, c->sp, c->ptid, c->ctid);
	}
	return do_fork(p, c);
}

/* fork and vfork exit with the guest's SIGCHLD. */
static int guest_sigchld(const struct linux_proc *p)
{
	return p->arch->sig_from_host ? p->arch->sig_from_host(SIGCHLD) : SIGCHLD;
}

SC(fork)
{
	(void)a;
	struct clone_req c = { .exit_sig = guest_sigchld(p) };
	return do_clone(p, &c);
}

SC(vfork)
{
	(void)a;
	struct clone_req c = { .flags = CLONE_VM | CLONE_VFORK, .exit_sig = guest_sigchld(p) };
	return do_clone(p, &c);
}

/* clone(flags, newsp, parent_tid, tls, child_tid): the CLONE_BACKWARDS
 * order of ARM and MIPS; CLONE_PIDFD stores the descriptor at parent_tid. */
SC(clone)
{
	uint32_t flags = (uint32_t)a[0];
	struct clone_req c = {
		.flags = flags & ~(uint32_t)CSIGNAL, .exit_sig = (int)(flags & CSIGNAL), .sp = sc_ulong(p, a[1]),
		.ptid = a[2], .tls = sc_ulong(p, a[3]), .ctid = a[4], .pidfd = a[2],
	};
	if ((c.flags & CLONE_PIDFD) && (c.flags & CLONE_PARENT_SETTID))
		return -EINVAL;
	return do_clone(p, &c);
}

/* clone3: struct clone_args of u64 fields (flags, pidfd, child_tid,
 * parent_tid, exit_signal, stack, stack_size, tls, set_tid,
 * set_tid_size, cgroup), checked as copy_clone_args_from_user and
 * clone3_args_valid do; the stack grows down from stack + stack_size. */
#define CLONE_ARGS_SIZE_VER0 64u
#define CLONE_ARGS_SIZE_VER2 88u
#define CLONE3_CLEAR_SIGHAND (1ull << 32)
#define CLONE3_INTO_CGROUP   (1ull << 33)

SC(clone3)
{
	uint64_t size = sc_ulong(p, a[1]);
	struct gimage g;
	if (size > GPAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	if (!gmem_check(&p->mem, a[0], size, GP_R))
		return -EFAULT;
	/* Bytes past the fields the kernel knows must be zero. */
	for (uint64_t i = CLONE_ARGS_SIZE_VER2; i < size; i++)
		if (*(uint8_t *)gmem_host(&p->mem, a[0] + i))
			return -E2BIG;
	unsigned known = size < CLONE_ARGS_SIZE_VER2 ? (unsigned)size : CLONE_ARGS_SIZE_VER2;
	gi_init(&g, p);
	if (gi_get(p, a[0], &g, known) < 0)
		return -EFAULT;
	uint64_t flags = gi_get64(&g, 0), sig = gi_get64(&g, 32);
	uint64_t stack = gi_get64(&g, 40), stack_size = gi_get64(&g, 48);
	uint64_t set_tid = gi_get64(&g, 64), set_tid_size = gi_get64(&g, 72), cgroup = gi_get64(&g, 80);
	if ((set_tid && !set_tid_size) || (!set_tid && set_tid_size) || set_tid_size > 32)
		return -EINVAL;
	if ((sig & ~(uint64_t)CSIGNAL) || sig > (uint64_t)p->arch->abi->sigset_bytes * 8)
		return -EINVAL;
	if ((flags & CLONE3_INTO_CGROUP) && (cgroup > INT32_MAX || size < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	if ((flags & ~(0xffffffffull | CLONE3_CLEAR_SIGHAND | CLONE3_INTO_CGROUP)) ||
	    (flags & (CLONE_DETACHED | (CSIGNAL & ~(uint64_t)CLONE_NEWTIME))) ||
	    (flags & (CLONE_SIGHAND | CLONE3_CLEAR_SIGHAND)) == (CLONE_SIGHAND | CLONE3_CLEAR_SIGHAND) ||
	    ((flags & (CLONE_THREAD | CLONE_PARENT)) && sig) || (stack == 0 && stack_size) ||
	    (stack && (!stack_size || stack_size > p->task_size || stack > p->task_size - stack_size)))
		return -EINVAL;
	if (set_tid || (flags & (CLONE3_INTO_CGROUP | CLONE3_CLEAR_SIGHAND | CLONE_NEWTIME))) {
		fprintf(stderr, "mimic: clone3 with set_tid, a cgroup, CLONE_CLEAR_SIGHAND or CLONE_NEWTIME is not "
				"supported\n");
		return -ENOSYS;
	}
	struct clone_req c = {
		.flags = flags, .exit_sig = (int)sig, .sp = stack ? stack + stack_size : 0, .ptid = gi_get64(&g, 24),
		.tls = gi_get64(&g, 56), .ctid = gi_get64(&g, 16), .pidfd = gi_get64(&g, 8),
	};
	return do_clone(p, &c);
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
