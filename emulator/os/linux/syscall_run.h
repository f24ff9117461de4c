/* What every personality's system call dispatch shares (syscall_run.c):
 * finding a handler by name and running it. syscall.c (Linux) and
 * os/freebsd/fbsd_syscall.c (FreeBSD) keep only their tables and what
 * they do for a call they do not know. */
#ifndef MIMIC_SYSCALL_RUN_H
#define MIMIC_SYSCALL_RUN_H

#include "os/linux/linux.h"

/* The row of impls named name, or NULL. */
const struct sc_impl *sc_impl_find(const struct sc_impl *impls, unsigned n, const char *name);

/* Runs e's handler on a (-strace lines, job control, the emulator's own
 * descriptors hidden); fn NULL: ENOSYS with a report naming e and nr.
 * A signal that came before the call is taken first: -LINUX_ERESTARTNOINTR
 * (sigreturn: no such check, it has no call to make again). Returns the
 * handler's result in generic errno numbering. */
long sc_run(struct linux_proc *p, const struct sc_entry *e, unsigned nr, const uint64_t *a, bool sigreturn);

#endif
