/* System calls only MIPS has (arch/mips/kernel/syscall.c, mm/cache.c),
 * and the n64 meaning of names that mean something else on ARM. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

#include "os/linux/mips_linux.h"
#include "os/linux/syscall.h"

/* The TLS pointer, read back by RDHWR $29. */
static long sys_set_thread_area(struct linux_proc *p, const uint64_t a[6])
{
	mips_cpu_of(p)->ulr = a[0];
	return 0;
}

/* Decoded copies of the range go (a write racing with another thread's
 * decoding may have left one). */
static long sys_cacheflush(struct linux_proc *p, const uint64_t a[6])
{
	uint64_t addr = a[0], bytes = a[1];
	if (bytes == 0)
		return 0;
	if (addr > p->task_size || bytes > p->task_size - addr)
		return -EFAULT;
	gmem_code_flush(&p->mem, addr >> GPAGE_SHIFT, (addr + bytes + GPAGE_MASK) >> GPAGE_SHIFT);
	return 0;
}

/* Not implemented in Linux 6.1 either. */
static long sys_cachectl(struct linux_proc *p, const uint64_t a[6])
{
	(void)p;
	(void)a;
	return -ENOSYS;
}

/* sysmips: MIPS_FIXADE switches the kernel's fix-up of misaligned
 * accesses (bit 0; bit 1 only logs), FLUSH_CACHE has nothing to do here.
 * MIPS_ATOMIC_SET returns past the normal error convention and is not
 * provided. */
enum { SYSMIPS_FLUSH_CACHE = 3, SYSMIPS_FIXADE = 7, SYSMIPS_ATOMIC_SET = 2001 };

static long sys_sysmips(struct linux_proc *p, const uint64_t a[6])
{
	switch ((int64_t)a[0]) {
	case SYSMIPS_FIXADE:
		if (a[1] & ~(uint64_t)3)
			return -EINVAL;
		mips_cpu_of(p)->fix_unaligned = a[1] & 1;
		return 0;
	case SYSMIPS_FLUSH_CACHE:
		return 0;
	case SYSMIPS_ATOMIC_SET:
		fprintf(stderr, "mimic: sysmips MIPS_ATOMIC_SET is not supported\n");
		return -ENOSYS;
	default:
		return -EINVAL;
	}
}

/* pipe returns its two descriptors in v0 and v1 (sysm_pipe). */
static long sys_mips_pipe(struct linux_proc *p, const uint64_t a[6])
{
	(void)a;
	int fd[2];
	if (pipe(fd) < 0)
		return -errno;
	mips_cpu_of(p)->r[3] = (uint64_t)fd[1];
	return fd[0];
}

const struct sc_impl mips_sc_impls[] = {
	{ "pipe", sys_mips_pipe, { A_NONE } },
	{ "set_thread_area", sys_set_thread_area, { A_HEX } },
	{ "cacheflush", sys_cacheflush, { A_HEX, A_UINT, A_INT } },
	{ "cachectl", sys_cachectl, { A_HEX, A_INT, A_INT } },
	{ "sysmips", sys_sysmips, { A_INT, A_HEX, A_HEX } },
	/* n64 has no 16-bit id calls: these names take 32-bit ids, which are
	 * the *32 calls of ARM. */
	{ "getuid", sys_getuid32, { A_NONE } },
	{ "geteuid", sys_geteuid32, { A_NONE } },
	{ "getgid", sys_getgid32, { A_NONE } },
	{ "getegid", sys_getegid32, { A_NONE } },
	{ "setuid", sys_setuid32, { A_INT } },
	{ "setgid", sys_setgid32, { A_INT } },
	{ "setreuid", sys_setreuid32, { A_INT, A_INT } },
	{ "setregid", sys_setregid32, { A_INT, A_INT } },
	{ "setresuid", sys_setresuid32, { A_INT, A_INT, A_INT } },
	{ "setresgid", sys_setresgid32, { A_INT, A_INT, A_INT } },
	{ "getresuid", sys_getresuid32, { A_PTR, A_PTR, A_PTR } },
	{ "getresgid", sys_getresgid32, { A_PTR, A_PTR, A_PTR } },
	{ "getgroups", sys_getgroups32, { A_INT, A_PTR } },
	{ "setgroups", sys_setgroups32, { A_INT, A_PTR } },
	{ "setfsuid", sys_setfsuid32, { A_INT } },
	{ "setfsgid", sys_setfsgid32, { A_INT } },
	{ "chown", sys_chown32, { A_STR, A_INT, A_INT } },
	{ "fchown", sys_fchown32, { A_FD, A_INT, A_INT } },
	{ "lchown", sys_lchown32, { A_STR, A_INT, A_INT } },
};
const unsigned mips_sc_nimpls = sizeof mips_sc_impls / sizeof mips_sc_impls[0];
