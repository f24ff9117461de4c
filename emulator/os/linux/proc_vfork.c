/* Children sharing the memory: clone(CLONE_VM) without CLONE_THREAD.
 * The child is a host process sharing the host address space, so the
 * guest memory and its layout (struct linux_mm) too, with its own CPU,
 * thread group and signal actions.
 *
 * vfork (CLONE_VFORK): the host kernel suspends the caller until the
 * child execs or exits, so what the child wrote before (posix_spawn's
 * exec error) is there when vfork returns; meanwhile the child may use
 * the caller's host thread-local storage.
 *
 * Without CLONE_VFORK both run at once, and the child needs host
 * thread-local storage of its own (errno, malloc's caches, its guest
 * thread pointer), which only a host thread gets. A host thread is made
 * that blocks every signal and clones the child onto its own storage,
 * then sleeps until the child has exec'd or exited (CLONE_CHILD_CLEARTID)
 * and frees what the child used. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/linux/proc_signal.h"
#include "os/linux/proc_thread.h"
#include "os/linux/syscall.h"

#define CHILD_STACK (1u << 20)

struct vfork_start {
	struct linux_proc *c;
	unsigned flags;
	uint64_t ptid, ctid;
};

static int vfork_main(void *arg)
{
	struct vfork_start *s = arg;
	struct linux_proc *c = s->c;
	proc_signal_set_self(c);
	proc_kick_init(c);
	c->tid = getpid();
	if (s->flags & CLONE_PARENT_SETTID)
		sc_put32(c, s->ptid, (uint32_t)c->tid);
	if (s->flags & CLONE_CHILD_SETTID)
		sc_put32(c, s->ctid, (uint32_t)c->tid);
	c->arch->run(c);
	__builtin_unreachable();
}

/* Runs vfork_main in the child; its pid, or -1 with errno. With the
 * usual exit signal the host's vfork runs the child on this stack below
 * the caller's frame, which sanitizers follow; another exit signal needs
 * clone and a stack of its own, free again once the child has exec'd or
 * exited (the caller is suspended until then). */
static int start_child(struct vfork_start *s, int exit_sig)
{
	if (exit_sig == SIGCHLD) {
		int pid = vfork();
		if (pid == 0)
			vfork_main(s);
		return pid;
	}
	void *stack = malloc(CHILD_STACK);
	if (!stack) {
		errno = ENOMEM;
		return -1;
	}
	int pid = clone(vfork_main, (char *)stack + CHILD_STACK, CLONE_VM | CLONE_VFORK | exit_sig, s);
	int e = errno;
	free(stack);
	errno = e;
	return pid;
}

/* The child's state: a copy of p's thread, a thread group of its own
 * with p's signal actions. NULL when out of memory. */
static struct linux_proc *child_state(struct linux_proc *p, unsigned flags, uint64_t sp, uint64_t ctid)
{
	struct linux_tgroup *tg = calloc(1, sizeof *tg);
	proc_lock(p);
	struct linux_proc *c = tg ? proc_thread_copy(p) : NULL;
	if (c && p->arch->cpu_clone(p, c, sp, false, 0) != 0) {
		proc_thread_free(c);
		c = NULL;
	}
	if (c) {
		memcpy(tg->sigact, p->tg->sigact, sizeof tg->sigact);
		memcpy(tg->mem_limit, p->tg->mem_limit, sizeof tg->mem_limit);
	}
	proc_unlock(p);
	if (!c) {
		free(tg);
		return NULL;
	}
	pthread_mutex_init(&tg->lock, NULL);
	c->vfork_child = true;
	tg->threads = c;
	tg->nthreads = 1;
	c->tg = tg;
	if (flags & CLONE_CHILD_CLEARTID)
		c->clear_child_tid = ctid;
	return c;
}

static void child_free(struct linux_proc *c)
{
	sc_free_strv(c->vfork_argv);
	sc_free_strv(c->vfork_envp);
	free(c->vfork_execv);
	free(c->tg);
	proc_thread_free(c);
}

static int host_exit_sig(const struct linux_proc *p, unsigned flags)
{
	int sig = (int)(flags & CSIGNAL);
	return sig && p->arch->sig_to_host ? p->arch->sig_to_host(sig) : sig;
}

/* The holder thread's, from its start until the child is gone. */
struct vm_child {
	struct vfork_start s;
	int host_flags;
	int alive;   /* cleared by the host kernel when the child execs or exits */
	int *pid;    /* the caller's: 0 until cloned, then the pid or -errno */
};

static void *child_holder(void *arg)
{
	struct vm_child *v = arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, NULL);
	void *stack = malloc(CHILD_STACK);
	v->alive = 1;
	int pid = stack ? clone(vfork_main, (char *)stack + CHILD_STACK, v->host_flags | CLONE_CHILD_CLEARTID, &v->s,
				NULL, NULL, &v->alive)
			: -1;
	int *slot = v->pid;
	__atomic_store_n(slot, pid < 0 ? (stack ? -errno : -ENOMEM) : pid, __ATOMIC_RELEASE);
	syscall(SYS_futex, slot, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	/* The child runs on this thread's storage until it is gone. */
	int alive;
	while (pid > 0 && (alive = __atomic_load_n(&v->alive, __ATOMIC_ACQUIRE)) != 0)
		syscall(SYS_futex, &v->alive, FUTEX_WAIT, alive, NULL, NULL, 0);
	free(stack);
	child_free(v->s.c);
	free(v);
	return NULL;
}

long proc_vm_child(struct linux_proc *p, unsigned flags, uint64_t sp, uint64_t ptid, uint64_t ctid)
{
	if (flags & CLONE_SIGHAND) {
		fprintf(stderr, "mimic: clone with flags 0x%x (signal handlers shared outside a thread group) is not "
				"supported\n", flags);
		return -ENOSYS;
	}
	struct vm_child *v = malloc(sizeof *v);
	struct linux_proc *c = v ? child_state(p, flags, sp, ctid) : NULL;
	if (!c) {
		free(v);
		return -ENOMEM;
	}
	int pid;
	__atomic_store_n(&pid, 0, __ATOMIC_RELAXED);
	*v = (struct vm_child){
		.s = { .c = c, .flags = flags, .ptid = ptid, .ctid = ctid },
		.host_flags = CLONE_VM | host_exit_sig(p, flags) | (int)(flags & (CLONE_FILES | CLONE_FS | CLONE_SYSVSEM | CLONE_IO)),
		.pid = &pid,
	};
	pthread_t h;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int e = pthread_create(&h, &attr, child_holder, v);
	pthread_attr_destroy(&attr);
	if (e != 0) {
		child_free(c);
		free(v);
		return -EAGAIN;
	}
	int r;
	while ((r = __atomic_load_n(&pid, __ATOMIC_ACQUIRE)) == 0)
		syscall(SYS_futex, &pid, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	return r;
}

long proc_vfork(struct linux_proc *p, unsigned flags, uint64_t sp, uint64_t ptid, uint64_t ctid)
{
	struct linux_proc *c = child_state(p, flags, sp, ctid);
	if (!c)
		return -ENOMEM;
	struct vfork_start s = { .c = c, .flags = flags, .ptid = ptid, .ctid = ctid };
	int pid = start_child(&s, host_exit_sig(p, flags));
	long r = pid < 0 ? -errno : pid;
	/* The child ran on this thread's host storage. */
	proc_signal_set_self(p);
	child_free(c);
	return r;
}
