/* The part of system call dispatch every personality shares once it has
 * a call's handler (syscall_run.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "os/linux/own_fds.h"
#include "os/linux/proc_signal.h"
#include "os/linux/proc_sys.h"
#include "os/linux/syscall_run.h"
#include "trace/strace.h"

const struct sc_impl *sc_impl_find(const struct sc_impl *impls, unsigned n, const char *name)
{
	for (unsigned i = 0; i < n; i++)
		if (strcmp(impls[i].name, name) == 0)
			return &impls[i];
	return NULL;
}

/* The emulator's own descriptors (own_fds.c) are not the guest's: naming
 * one is EBADF, and a call that makes that number takes it over. */
static bool names_own_fd(const struct sc_entry *e, const uint64_t *a)
{
	for (unsigned i = 0; i < 6; i++) {
		if ((e->args[i] == A_FD || e->args[i] == A_NEWFD) && own_fds_hide((int)a[i])) {
			if (e->args[i] == A_FD)
				return true;
			own_fds_vacate((int)a[i]);
		}
	}
	return false;
}

long sc_run(struct linux_proc *p, const struct sc_entry *e, unsigned nr, const uint64_t *a, bool sigreturn)
{
	proc_syscall_begin(p);
	/* A signal that came after the last instruction boundary is taken
	 * first and the call made again after it, as if the signal had come
	 * just before the call instruction; a host call would not notice it
	 * (one that comes from now on arms the kick). */
	if (__atomic_load_n(&p->wake, __ATOMIC_ACQUIRE) && !sigreturn) {
		proc_syscall_end(p);
		return -LINUX_ERESTARTNOINTR;
	}
	if (!e->fn)
		fprintf(stderr, "mimic: unsupported syscall %s (%u)\n", e->name, nr);
	if (p->strace)
		strace_enter(p, e, a);
	bool jobctl = proc_jobctl_block(p);
	long r = !e->fn ? -ENOSYS : names_own_fd(e, a) ? -EBADF : e->fn(p, a);
	if (jobctl)
		proc_jobctl_unblock();
	proc_syscall_end(p);
	if (p->strace)
		strace_exit(r);
	return r;
}
