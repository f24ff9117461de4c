/* ARM private system calls (0x0f0000 + n, arch/arm/kernel/traps.c
 * arm_syscall). usr26/usr32 and numbers above 0x7ff are not here: they
 * raise SIGILL, which the run loop does. */
#include <errno.h>

#include "os/linux/arm_linux.h"

/* si_code of the breakpoint trap. */
#define TRAP_BRKPT 1

/* branch through zero: a jump to address 0 that reached the SVC there. */
static long arm_branch_zero(struct linux_proc *p, const uint64_t a[6])
{
	(void)a;
	linux_signal_fault(p, 11 /* SIGSEGV */, 1 /* SEGV_MAPERR */, 0);
	return 0;
}

static long arm_breakpoint(struct linux_proc *p, const uint64_t a[6])
{
	struct arm_cpu *cpu = arm_cpu_of(p);
	cpu->r[15] -= cpu->t ? 2 : 4;
	linux_signal_fault(p, 5 /* SIGTRAP */, TRAP_BRKPT, cpu->r[15]);
	return (long)a[0];
}

static long arm_cacheflush(struct linux_proc *p, const uint64_t a[6])
{
	uint32_t start = (uint32_t)a[0], end = (uint32_t)a[1];
	if (end < start || a[2] != 0)
		return -EINVAL;
	if (end > p->task_size)
		return -EFAULT;
	for (uint64_t x = start & ~GPAGE_MASK; x < end; x += GPAGE_SIZE)
		if (!(p->mem.perm[x >> GPAGE_SHIFT] & GP_MAPPED))
			return -EFAULT;
	/* Decoded copies of the range go (a write racing with another
	 * thread's decoding may have left one). */
	if (end > start)
		gmem_code_flush(&p->mem, start >> GPAGE_SHIFT, ((uint64_t)end + GPAGE_MASK) >> GPAGE_SHIFT);
	return 0;
}

static long arm_set_tls(struct linux_proc *p, const uint64_t a[6])
{
	arm_cpu_of(p)->tls = (uint32_t)a[0];
	return 0;
}

static long arm_get_tls(struct linux_proc *p, const uint64_t a[6])
{
	(void)a;
	return arm_cpu_of(p)->tls;
}

static const struct sc_entry private_calls[] = {
	[0] = { "ARM_branch_through_zero", arm_branch_zero, { A_NONE } },
	[1] = { "ARM_breakpoint", arm_breakpoint, { A_NONE } },
	[2] = { "ARM_cacheflush", arm_cacheflush, { A_HEX, A_HEX, A_HEX } },
	[5] = { "ARM_set_tls", arm_set_tls, { A_HEX } },
	[6] = { "ARM_get_tls", arm_get_tls, { A_NONE } },
};

const struct sc_entry *arm_private_call(unsigned nr)
{
	unsigned n = nr - ARM_NR_BASE;
	if (nr < ARM_NR_BASE || n >= sizeof private_calls / sizeof private_calls[0] || !private_calls[n].name)
		return NULL;
	return &private_calls[n];
}
