/* -strace: one line per system call on stderr, from the syscall table's
 * argument kinds, in QEMU's format: `pid name(args) = result`. */
#ifndef MIMIC_STRACE_H
#define MIMIC_STRACE_H

#include "os/linux/linux.h"

/* Prints `pid name(args` before the call runs. */
void strace_enter(struct linux_proc *p, const struct sc_entry *e, const uint64_t a[6]);
/* Completes the line with ` = result` (r is the handler's result, -errno
 * in generic numbering on failure). */
void strace_exit(long r);
/* A number the ABI does not have. */
void strace_unknown(unsigned nr);

#endif
