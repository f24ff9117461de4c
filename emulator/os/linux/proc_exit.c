/* Process exit and identity calls of the process core. The guest runs in
 * the emulator's own process, so its pid and tid are the host's. */
#define _GNU_SOURCE
#include <stdio.h>
#include <unistd.h>

#include "cpu/icache.h"
#include "os/linux/proc_sys.h"

void linux_exit(struct linux_proc *p, int status)
{
	(void)p;
#ifdef MIMIC_COUNT_INSNS
	fprintf(stderr, "mimic-count: %lu guest instructions\n", icache_count_total());
#endif
	_exit(status & 0xff);
}

long sys_exit_group(struct linux_proc *p, const uint64_t a[6])
{
	linux_exit(p, (int)a[0]);
}

/* The thread's exit; the last thread's ends the process. */
long sys_exit(struct linux_proc *p, const uint64_t a[6])
{
	linux_thread_exit(p, (int)a[0]);
}

long sys_getpid(struct linux_proc *p, const uint64_t a[6])
{
	(void)p;
	(void)a;
	return getpid();
}

long sys_gettid(struct linux_proc *p, const uint64_t a[6])
{
	(void)p;
	(void)a;
	return gettid();
}

long sys_set_tid_address(struct linux_proc *p, const uint64_t a[6])
{
	p->clear_child_tid = a[0];
	return gettid();
}
