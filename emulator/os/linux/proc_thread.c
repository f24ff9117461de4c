/* Guest threads: each is a host thread running its own CPU over the
 * shared guest memory (struct linux_proc per thread, linux_tgroup and
 * linux_mm shared). Creation with clone(CLONE_THREAD), exit of one thread
 * against the process, and the bookkeeping fork needs in a threaded
 * process. vfork children, which share only the memory, are in
 * proc_vfork.c. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/linux/proc_limits.h"
#include "os/linux/proc_signal.h"
#include "os/linux/proc_thread.h"
#include "os/linux/syscall.h"

/* Host stack of a guest thread: the emulator's own frames only (the
 * guest's stack is in guest memory). Sanitizer builds need more. */
#define HOST_STACK (2u << 20)

int linux_proc_init(struct linux_proc *p)
{
	p->mm = calloc(1, sizeof *p->mm);
	p->tg = calloc(1, sizeof *p->tg);
	if (!p->mm || !p->tg)
		return -1;
	pthread_mutex_init(&p->mm->lock, NULL);
	pthread_mutex_init(&p->tg->lock, NULL);
	p->tg->threads = p;
	p->tg->nthreads = 1;
	linux_limits_init(p->tg, NULL, 0);
	p->tid = (int)gettid();
	proc_signal_set_self(p);
	proc_kick_init(p);
	return 0;
}

struct linux_proc *proc_thread_copy(struct linux_proc *p)
{
	struct linux_proc *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	*c = *p;
	memset(&c->pending, 0, sizeof c->pending);
	c->next = NULL;
	c->tid = 0;
	c->cpu = NULL;
	c->interrupt = NULL;
	c->wake = 0;
	c->host_any = 0;
	memset((void *)c->host_pending, 0, sizeof c->host_pending);
	c->bus_pending = 0;
	c->restore_sigmask = false;
	c->waiting = 0;
	c->robust_list = c->robust_list_len = 0;
	c->rseq_addr = 0;
	c->rseq_len = c->rseq_sig = 0;
	c->clear_child_tid = 0;
	c->vfork_child = false;
	c->vfork_argv = c->vfork_envp = NULL;
	c->vfork_execv = NULL;
	c->has_kick = false;
	c->kick_armed = 0;
	c->syscall_seq = 0;
	return c;
}

void proc_thread_free(struct linux_proc *c)
{
	free(c->cpu);
	free(c);
}

/* What the new host thread needs before the guest code starts; on the
 * creating thread's stack, which waits until tid is set. */
struct thread_start {
	struct linux_proc *t;
	unsigned flags;
	uint64_t ptid, ctid;
	int tid;   /* 0 until the thread has started */
};

static void report_tid(struct thread_start *s, int tid)
{
	__atomic_store_n(&s->tid, tid, __ATOMIC_RELEASE);
	syscall(SYS_futex, &s->tid, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *thread_main(void *arg)
{
	struct thread_start *s = arg;
	struct linux_proc *t = s->t;
	proc_signal_set_self(t);
	proc_kick_init(t);
	/* Host signals were blocked for the start (pthread_create copies the
	 * creator's mask); the handlers now have a thread to record them in. */
	sigset_t none;
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
	int tid = (int)gettid();
	/* The kernel writes both before the child's first instruction and
	 * before clone returns in the parent. */
	if (s->flags & CLONE_PARENT_SETTID)
		sc_put32(t, s->ptid, (uint32_t)tid);
	if (s->flags & CLONE_CHILD_SETTID)
		sc_put32(t, s->ctid, (uint32_t)tid);
	/* Until now a wake only set its CPU's flag, which the first
	 * instruction boundary sees. */
	proc_lock(t);
	t->tid = tid;
	proc_unlock(t);
	report_tid(s, tid);
	t->arch->run(t);
	__builtin_unreachable();
}

long proc_thread_create(struct linux_proc *p, unsigned flags, uint64_t sp, uint64_t ptid, uint64_t tls,
			uint64_t ctid)
{
	/* Under the lock: other threads may be queueing signals for p. */
	proc_lock(p);
	struct linux_proc *t = proc_thread_copy(p);
	if (t && p->arch->cpu_clone(p, t, sp, (flags & CLONE_SETTLS) != 0, tls) != 0) {
		proc_thread_free(t);
		t = NULL;
	}
	if (!t) {
		proc_unlock(p);
		return -ENOMEM;
	}
	/* A new thread starts without an alternate signal stack. */
	t->altstack_sp = t->altstack_size = 0;
	t->altstack_flags = 0;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = ctid;
	t->next = p->tg->threads;
	p->tg->threads = t;
	p->tg->nthreads++;
	proc_unlock(p);
	struct thread_start s = { .t = t, .flags = flags, .ptid = ptid, .ctid = ctid };

	pthread_attr_t attr;
	pthread_t h;
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, HOST_STACK);
	int e = pthread_create(&h, &attr, thread_main, &s);
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e != 0) {
		proc_lock(p);
		proc_thread_unlink(p, t);
		proc_unlock(p);
		proc_thread_free(t);
		return -EAGAIN;
	}
	int tid;
	while ((tid = __atomic_load_n(&s.tid, __ATOMIC_ACQUIRE)) == 0)
		syscall(SYS_futex, &s.tid, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	return tid;
}

void proc_thread_unlink(struct linux_proc *p, struct linux_proc *t)
{
	for (struct linux_proc **l = &p->tg->threads; *l; l = &(*l)->next)
		if (*l == t) {
			*l = t->next;
			p->tg->nthreads--;
			return;
		}
}

/* retarget_shared_pending: process-directed signals this thread would
 * have taken go to a thread that takes them. */
static void retarget(struct linux_proc *p)
{
	linux_sigset left = p->tg->shared.set;
	for (struct linux_proc *t = p->tg->threads; t && left; t = t->next)
		if (left & ~t->sigmask) {
			left &= t->sigmask;
			proc_thread_wake(t);
		}
}

void linux_thread_exit(struct linux_proc *p, int status)
{
	/* No more host signals here: the thread's state is going away. */
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, NULL);
	proc_lock(p);
	proc_thread_unlink(p, p);
	unsigned left = p->tg->nthreads;
	if (left)
		retarget(p);
	proc_unlock(p);
	if (left == 0)
		linux_exit(p, status);
	/* mm_release: robust mutexes still held are marked, then the tid
	 * word is cleared and one waiter woken, as pthread_join waits for. */
	linux_robust_exit(p);
	if (p->clear_child_tid && sc_put32(p, p->clear_child_tid, 0) == 0)
		syscall(SYS_futex, gmem_host(&p->mem, p->clear_child_tid), FUTEX_WAKE, 1, NULL, NULL, 0);
	proc_signalfd_view(p, NULL);
	proc_signal_set_self(NULL);
	proc_kick_fini(p);
	proc_thread_free(p);
	pthread_exit(NULL);
}

void proc_fork_prepare(struct linux_proc *p)
{
	pthread_mutex_lock(&p->mm->lock);
	proc_lock(p);
}

void proc_fork_parent(struct linux_proc *p)
{
	proc_unlock(p);
	pthread_mutex_unlock(&p->mm->lock);
}

/* The child has only the forking thread, which holds the locks: the
 * others' state is dropped. */
void proc_fork_child(struct linux_proc *p)
{
	struct linux_proc *t = p->tg->threads;
	while (t) {
		struct linux_proc *next = t->next;
		if (t != p)
			proc_thread_free(t);
		t = next;
	}
	p->next = NULL;
	p->tg->threads = p;
	p->tg->nthreads = 1;
	p->tid = (int)gettid();
	/* Timers are not inherited by a fork. */
	proc_kick_init(p);
	proc_fork_parent(p);
}
