/* Memory calls beside the mapping ones of the process core: msync,
 * mincore, mlock, munlock (on the host pages behind guest pages, after
 * the guest range is checked), mlockall, munlockall, and rseq
 * registration. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/linux/syscall.h"

/* Page-aligned guest range that must be wholly mapped: host address,
 * or -EINVAL (misaligned) / -ENOMEM (hole). len is rounded up. */
static long mapped_range(struct linux_proc *p, uint64_t addr, uint64_t len, void **host)
{
	if (addr & GPAGE_MASK)
		return -EINVAL;
	uint64_t end = (addr + len + GPAGE_MASK) & ~GPAGE_MASK;
	if (end < addr)
		return -ENOMEM;
	if (!gmem_check(&p->mem, addr, end - addr, GP_MAPPED))
		return -ENOMEM;
	*host = gmem_host(&p->mem, addr);
	return 0;
}

SC(msync)
{
	int flags = sc_int(a[2]);
	void *h;
	if (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE) || ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	long r = mapped_range(p, a[0], sc_ulong(p, a[1]), &h);
	return r < 0 ? r : sc_ret(msync(h, sc_ulong(p, a[1]), flags));
}

SC(mincore)
{
	/* Linux checks the alignment, then the vector, then the range. */
	uint64_t len = sc_ulong(p, a[1]);
	uint64_t pages = (len + GPAGE_MASK) >> GPAGE_SHIFT;
	void *h;
	if (a[0] & GPAGE_MASK)
		return -EINVAL;
	void *vec = sc_buf(p, a[2], pages, GP_W);
	if (!vec)
		return -EFAULT;
	long r = mapped_range(p, a[0], len, &h);
	return r < 0 ? r : sc_ret(mincore(h, len, vec));
}

SC(mlock)
{
	uint64_t addr = a[0] & ~GPAGE_MASK, len = sc_ulong(p, a[1]) + (a[0] & GPAGE_MASK);
	void *h;
	long r = mapped_range(p, addr, len, &h);
	return r < 0 ? r : sc_ret(mlock(h, len));
}

/* MLOCK_ONFAULT (1) is the only flag. */
SC(mlock2)
{
	uint64_t addr = a[0] & ~GPAGE_MASK, len = sc_ulong(p, a[1]) + (a[0] & GPAGE_MASK);
	void *h;
	if ((unsigned)a[2] & ~1u)
		return -EINVAL;
	long r = mapped_range(p, addr, len, &h);
	return r < 0 ? r : sc_ret(syscall(SYS_mlock2, h, len, (unsigned)a[2]));
}

SC(munlock)
{
	uint64_t addr = a[0] & ~GPAGE_MASK, len = sc_ulong(p, a[1]) + (a[0] & GPAGE_MASK);
	void *h;
	long r = mapped_range(p, addr, len, &h);
	return r < 0 ? r : sc_ret(munlock(h, len));
}

/* mlockall and munlockall. The checks are the kernel's (flags, then
 * can_do_mlock, then RLIMIT_MEMLOCK against the guest's mapped pages for
 * MCL_CURRENT), but no host memory is pinned: a host mlockall would pin
 * the emulator's reservations (the guest space and its page table) and,
 * with MCL_FUTURE, back every later guest mapping, PROT_NONE ones too,
 * with resident memory. A guest sees locking only through those checks. */
#define G_MCL_CURRENT 1
#define G_MCL_FUTURE  2
#define G_MCL_ONFAULT 4
#define CAP_IPC_LOCK_BIT 14

static bool cap_ipc_lock(void)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, 0 };
	struct { uint32_t effective, permitted, inheritable; } data[2];
	return syscall(SYS_capget, &hdr, data) == 0 && (data[0].effective >> CAP_IPC_LOCK_BIT & 1);
}

/* True when the guest has more than limit pages mapped (the kernel's
 * total_vm); the count stops there. */
static bool mapped_over(struct linux_proc *p, uint64_t limit)
{
	uint64_t n = 0;
	for (uint64_t i = 0; i < p->task_size >> GPAGE_SHIFT; i++)
		if ((p->mem.perm[i] & GP_MAPPED) && ++n > limit)
			return true;
	return false;
}

SC(mlockall)
{
	int flags = sc_int(a[0]);
	struct rlimit rl;
	if (!flags || (flags & ~(G_MCL_CURRENT | G_MCL_FUTURE | G_MCL_ONFAULT)) || flags == G_MCL_ONFAULT)
		return -EINVAL;
	if (getrlimit(RLIMIT_MEMLOCK, &rl) != 0)
		return -errno;
	bool capable = cap_ipc_lock();
	if (rl.rlim_cur == 0 && !capable)
		return -EPERM;
	if (!(flags & G_MCL_CURRENT) || capable || rl.rlim_cur == RLIM_INFINITY)
		return 0;
	pthread_mutex_lock(&p->mm->lock);
	bool over = mapped_over(p, rl.rlim_cur >> GPAGE_SHIFT);
	pthread_mutex_unlock(&p->mm->lock);
	return over ? -ENOMEM : 0;
}

/* Undoes the host locks of the guest's mlock calls. */
SC(munlockall) { (void)p; (void)a; return sc_ret(munlockall()); }

/* rseq as Linux 6.1 has it: a 32-byte, 32-aligned struct rseq. The guest
 * runs on one CPU and is never migrated, so cpu_id_start and cpu_id are
 * written once (CPU 0) and critical sections are never aborted. */
#define RSEQ_LEN 32
#define RSEQ_FLAG_UNREGISTER 1

SC(rseq)
{
	uint64_t addr = a[0];
	uint32_t len = (uint32_t)a[1], sig = (uint32_t)a[3];
	int flags = sc_int(a[2]);
	if (flags & RSEQ_FLAG_UNREGISTER) {
		if (flags & ~RSEQ_FLAG_UNREGISTER || p->rseq_addr != addr || len != p->rseq_len)
			return -EINVAL;
		if (sig != p->rseq_sig)
			return -EPERM;
		p->rseq_addr = 0;
		p->rseq_len = 0;
		p->rseq_sig = 0;
		return 0;
	}
	if (flags)
		return -EINVAL;
	if (p->rseq_addr) {
		if (p->rseq_addr != addr || len != p->rseq_len)
			return -EINVAL;
		return sig != p->rseq_sig ? -EPERM : -EBUSY;
	}
	if ((addr & (RSEQ_LEN - 1)) || len != RSEQ_LEN)
		return -EINVAL;
	if (!gmem_check(&p->mem, addr, RSEQ_LEN, GP_R | GP_W))
		return -EFAULT;
	p->rseq_addr = addr;
	p->rseq_len = len;
	p->rseq_sig = sig;
	sc_put32(p, addr, 0);
	sc_put32(p, addr + 4, 0);
	return 0;
}
