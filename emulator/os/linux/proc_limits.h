/* The guest's memory limits, RLIMIT_AS and RLIMIT_DATA, kept by mimic and
 * checked where the kernel checks them. Given to the host they would bound
 * mimic itself: its reservation of the guest address space (a guest's
 * `ulimit -v` made every later exec fail to start) and the host mappings
 * behind guest memory. The other limits are the host's. */
#ifndef MIMIC_PROC_LIMITS_H
#define MIMIC_PROC_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "os/linux/linux.h"

#define LINUX_RLIM_INFINITY UINT64_MAX

enum { LINUX_LIMIT_AS, LINUX_LIMIT_DATA };

/* Which of mem_limit a host RLIMIT_* is, or -1 for the host's own. */
int linux_limit_index(int resource);
/* The first process's limits: -rlimits (from the mimic that ran the
 * guest's execve), else -m, else the host's at start-up. 0, or -1 for a
 * malformed -rlimits. */
int linux_limits_init(struct linux_tgroup *tg, const char *rlimits, uint64_t memory);
/* The -rlimits argument that carries tg's limits across an execve; false
 * when they are all infinite and nothing needs carrying. */
bool linux_limits_arg(const struct linux_tgroup *tg, char *buf, size_t size);
/* may_expand_vm: bytes more of mapping with gvma flags fits RLIMIT_AS
 * (and RLIMIT_DATA for private writable memory); replacing the bytes
 * already mapped in [addr, addr + len) when MAP_FIXED maps over them
 * (len 0: nothing is replaced). With the mm lock held. */
bool linux_may_expand(const struct linux_proc *p, unsigned flags, uint64_t bytes, uint64_t addr, uint64_t len);
/* check_data_rlimit of brk: the heap of brk - start plus the data segment. */
bool linux_brk_fits(const struct linux_proc *p, uint64_t brk);
/* /proc/<pid>/limits of the process, as fs/proc/base.c prints it. */
void linux_limits_show(const struct linux_proc *p, FILE *f);

#endif
