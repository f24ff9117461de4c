/* Threads and vfork children of the process core (proc_thread.c,
 * proc_vfork.c), for clone and fork in sys_proc.c. */
#ifndef MIMIC_PROC_THREAD_H
#define MIMIC_PROC_THREAD_H

#include "os/linux/linux.h"

/* clone(CLONE_THREAD): a new guest thread on a new host thread; flags
 * are the clone flags, sp/ptid/tls/ctid as clone takes them. Its tid, or
 * -errno. */
long proc_thread_create(struct linux_proc *p, unsigned flags, uint64_t sp, uint64_t ptid, uint64_t tls,
			uint64_t ctid);
/* clone(CLONE_VM|CLONE_VFORK): a child process sharing the memory, the
 * caller suspended until it execs or exits. Its pid, or -errno. */
long proc_vfork(struct linux_proc *p, unsigned flags, uint64_t sp, uint64_t ptid, uint64_t ctid);

/* clone(CLONE_VM) without CLONE_THREAD or CLONE_VFORK: a child process
 * running alongside the caller in the same memory. Its pid, or -errno. */
long proc_vm_child(struct linux_proc *p, unsigned flags, uint64_t sp, uint64_t ptid, uint64_t ctid);

/* The per-thread state of a new thread or child, copied from p: fresh
 * queues, no CPU yet (lock held). NULL when out of memory. */
struct linux_proc *proc_thread_copy(struct linux_proc *p);
/* Frees a thread's state and CPU. */
void proc_thread_free(struct linux_proc *t);
/* Takes t out of p's thread group (lock held). */
void proc_thread_unlink(struct linux_proc *p, struct linux_proc *t);

/* Around a host fork of a process that may have threads: no lock of the
 * process core is held by another thread in the child, which keeps only
 * the forking thread. */
void proc_fork_prepare(struct linux_proc *p);
void proc_fork_parent(struct linux_proc *p);
void proc_fork_child(struct linux_proc *p);

#endif
