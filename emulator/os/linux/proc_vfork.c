/* vfork: clone(CLONE_VM|CLONE_VFORK) as the kernel runs it. The child is
 * a host process sharing the host address space, so the guest memory and
 * its layout (struct linux_mm) too, with its own CPU, thread group and
 * signal actions, on a host stack of its own. The host kernel suspends
 * the caller until the child execs or exits, so what the child wrote
 * before (posix_spawn's exec error) is there when vfork returns. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
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

static void free_strv(char **v)
{
	for (char **s = v; v && *s; s++)
		free(*s);
	free(v);
}

long proc_vfork(struct linux_proc *p, unsigned flags, uint64_t sp, uint64_t ptid, uint64_t ctid)
{
	struct linux_tgroup *tg = calloc(1, sizeof *tg);
	proc_lock(p);
	struct linux_proc *c = proc_thread_copy(p);
	if (c && p->arch->cpu_clone(p, c, sp, false, 0) != 0) {
		proc_thread_free(c);
		c = NULL;
	}
	if (tg)
		memcpy(tg->sigact, p->tg->sigact, sizeof tg->sigact);
	proc_unlock(p);
	long r = -ENOMEM;
	if (!c || !tg)
		goto out;
	c->vfork_child = true;
	pthread_mutex_init(&tg->lock, NULL);
	tg->threads = c;
	tg->nthreads = 1;
	c->tg = tg;
	if (flags & CLONE_CHILD_CLEARTID)
		c->clear_child_tid = ctid;
	/* The exit signal is the guest's number: the host's for the kernel. */
	int exit_sig = (int)(flags & CSIGNAL);
	if (exit_sig && p->arch->sig_to_host)
		exit_sig = p->arch->sig_to_host(exit_sig);
	struct vfork_start s = { .c = c, .flags = flags, .ptid = ptid, .ctid = ctid };
	int pid = start_child(&s, exit_sig);
	r = pid < 0 ? -errno : pid;
	/* The child ran on this thread's host TLS. */
	proc_signal_set_self(p);
	free_strv(c->vfork_argv);
	free_strv(c->vfork_envp);
	free(c->vfork_execv);
out:
	if (c)
		proc_thread_free(c);
	free(tg);
	return r;
}
