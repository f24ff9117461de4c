/* System calls only MIPS has (arch/mips/kernel/syscall.c, mm/cache.c). */
#include <errno.h>

#include "os/linux/mips_linux.h"

/* The TLS pointer, read back by RDHWR $29. */
static long sys_set_thread_area(struct linux_proc *p, const uint64_t a[6])
{
	mips_cpu_of(p)->ulr = a[0];
	return 0;
}

/* Instructions are fetched afresh, so only the range check remains. */
static long sys_cacheflush(struct linux_proc *p, const uint64_t a[6])
{
	uint64_t addr = a[0], bytes = a[1];
	if (bytes == 0)
		return 0;
	if (addr > p->task_size || bytes > p->task_size - addr)
		return -EFAULT;
	return 0;
}

const struct sc_impl mips_sc_impls[] = {
	{ "set_thread_area", sys_set_thread_area, { A_HEX } },
	{ "cacheflush", sys_cacheflush, { A_HEX, A_UINT, A_INT } },
};
const unsigned mips_sc_nimpls = sizeof mips_sc_impls / sizeof mips_sc_impls[0];
