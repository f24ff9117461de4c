/* FreeBSD system calls whose arguments or results differ from the shared
 * handlers': process exit, mmap flags, resource limits, CPU sets, 64-bit
 * offsets, struct stat. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/freebsd/fbsd_sys.h"
#include "os/linux/proc_signal.h"

/* exit(2) ends the process (a thread ends with thr_exit). */
FBSD(exit) { return sys_exit_group(p, a); }

/* Programs run with the caller's ids (a set-id exec goes through the
 * shared exec code, which is not wired for FreeBSD yet). */
FBSD(issetugid)
{
	(void)p;
	(void)a;
	return getuid() != geteuid() || getgid() != getegid();
}

/* mman.h: MAP_STACK 0x400, MAP_NOSYNC 0x800, MAP_NOCORE 0x20000 and
 * MAP_ALIGNED(n) (bits 24..31) are hints the shared code does without;
 * MAP_EXCL 0x4000 with MAP_FIXED refuses to replace a mapping;
 * MAP_GUARD 0x2000 reserves address space no access may touch. */
#define F_MAP_FIXED 0x10u
#define F_MAP_ANON 0x1000u
#define F_MAP_GUARD 0x2000u
#define F_MAP_EXCL 0x4000u
#define F_MAP_HINTS (0x400u | 0x800u | 0x20000u | 0xff000000u)
#define G_MAP_PRIVATE 0x02u
#define G_MAP_FIXED_NOREPLACE 0x100000u

FBSD(mmap)
{
	uint32_t flags = (uint32_t)a[3] & ~F_MAP_HINTS;
	uint64_t prot = a[2];
	if (flags & F_MAP_GUARD) {
		if (prot != 0 || (int)a[4] != -1 || a[5] != 0)
			return -EINVAL;
		flags = (flags & ~F_MAP_GUARD) | F_MAP_ANON | G_MAP_PRIVATE;
	}
	if (flags & F_MAP_EXCL) {
		if (!(flags & F_MAP_FIXED))
			return -EINVAL;
		flags &= ~F_MAP_EXCL;
		flags |= G_MAP_FIXED_NOREPLACE;
	}
	if ((flags & F_MAP_ANON) && (int)a[4] != -1)
		return -EINVAL;
	const uint64_t b[6] = { a[0], a[1], prot, flags, a[4], a[5] };
	return sys_mmap(p, b);
}

/* Advice never changes what a FreeBSD program sees (MADV_DONTNEED and
 * MADV_FREE may keep the contents), so only the range is checked. */
FBSD(madvise)
{
	uint64_t addr = a[0], len = a[1];
	if ((addr & GPAGE_MASK) || addr + len < addr || addr + len > p->task_size)
		return -EINVAL;
	return sc_int(a[2]) < 0 || sc_int(a[2]) > 10 ? -EINVAL : 0;
}

/* resource.h: RLIMIT_* of FreeBSD; struct rlimit is two 64-bit rlim_t
 * (RLIM_INFINITY all ones, as on the host). */
static const int rlimits[] = {
	RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE, RLIMIT_RSS,
	RLIMIT_MEMLOCK, RLIMIT_NPROC, RLIMIT_NOFILE, -1 /* SBSIZE */, RLIMIT_AS,
};

static int rlimit_host(uint64_t which)
{
	return which < sizeof rlimits / sizeof rlimits[0] ? rlimits[which] : -1;
}

FBSD(getrlimit)
{
	int r = rlimit_host(a[0]);
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
	if (a[0] > 14)
		return -EINVAL;
	if (r >= 0 && getrlimit(r, &rl) != 0)
		return -errno;
	return sc_put64(p, a[1], rl.rlim_cur) < 0 || sc_put64(p, a[1] + 8, rl.rlim_max) < 0 ? -EFAULT : 0;
}

FBSD(setrlimit)
{
	int r = rlimit_host(a[0]);
	struct gimage g;
	if (a[0] > 14)
		return -EINVAL;
	if (gi_get(p, a[1], &g, 16) < 0)
		return -EFAULT;
	struct rlimit rl = { gi_get64(&g, 0), gi_get64(&g, 8) };
	return r < 0 ? 0 : sc_ret(setrlimit(r, &rl));
}

FBSD(yield) { return sys_sched_yield(p, a); }

unsigned fbsd_ncpu(const struct linux_proc *p)
{
	cpu_set_t set;
	if (fbsd_arch_of(p)->ncpu)
		return fbsd_arch_of(p)->ncpu;
	return sched_getaffinity(0, sizeof set, &set) == 0 ? (unsigned)CPU_COUNT(&set) : 1;
}

/* cpuset.h: the kernel's cpuset_t has MAXCPU bits in longs; a buffer
 * smaller than it or larger than CPU_MAXSIZE (256 bits) is ERANGE. Only
 * the calling process's set. */
FBSD(cpuset_getaffinity)
{
	uint64_t size = sc_ulong(p, a[3]), wbits = 8 * sc_wordsize(p);
	uint64_t kernel = (fbsd_arch_of(p)->maxcpu + wbits - 1) / wbits * sc_wordsize(p);
	if (size < kernel || size > 256 / 8 || size % sc_wordsize(p))
		return -ERANGE;
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return -errno;
	/* A machine of fewer CPUs than the host: CPUs 0 .. ncpu-1. */
	if (fbsd_arch_of(p)->ncpu) {
		CPU_ZERO(&set);
		for (unsigned c = 0; c < fbsd_arch_of(p)->ncpu; c++)
			CPU_SET(c, &set);
	}
	for (uint64_t w = 0; w < size / sc_wordsize(p); w++) {
		uint64_t word = 0;
		for (unsigned b = 0; b < wbits; b++) {
			uint64_t cpu = w * wbits + b;
			if (cpu < CPU_SETSIZE && CPU_ISSET(cpu, &set))
				word |= (uint64_t)1 << b;
		}
		if (sc_putlong(p, a[4] + w * sc_wordsize(p), word) < 0)
			return -EFAULT;
	}
	return 0;
}

/* __getcwd returns 0, not the length. */
FBSD(__getcwd)
{
	long r = sys_getcwd(p, a);
	return r < 0 ? r : 0;
}

FBSD(lseek)
{
	/* A directory's offsets are the cookies getdirentries gave a 32-bit
	 * guest (SEEK_SET to one, the position as one). */
	int fd = sc_int(a[0]), whence = sc_int(a[2]);
	off_t off = (off_t)a[1];
	if (p->arch->word_bits == 32 && whence == SEEK_SET)
		off = (off_t)sc_dir_host_off(p, fd, (uint64_t)off);
	off_t r = lseek(fd, off, whence);
	if (r < 0)
		return -errno;
	return p->arch->word_bits == 32 ? (long)sc_dir_tell(p, fd, (uint64_t)r) : r;
}

FBSD(pread)
{
	uint64_t n = sc_ulong(p, a[2]);
	return sc_ret(pread(sc_int(a[0]), sc_buf_or_bad(p, a[1], n, GP_W), n, (off_t)a[3]));
}

FBSD(pwrite)
{
	uint64_t n = sc_ulong(p, a[2]);
	return sc_ret(pwrite(sc_int(a[0]), sc_buf_or_bad(p, a[1], n, GP_R), n, (off_t)a[3]));
}

FBSD(ftruncate)
{
	(void)p;
	return sc_ret(ftruncate(sc_int(a[0]), (off_t)a[1]));
}

FBSD(fstat)
{
	struct stat st;
	if (!fbsd_procdesc_stat(sc_int(a[0]), &st) && fstat(sc_int(a[0]), &st) != 0)
		return -errno;
	return fbsd_put_stat(p, a[1], &st) < 0 ? -EFAULT : 0;
}

/* fcntl.h: AT_SYMLINK_NOFOLLOW 0x200, AT_RESOLVE_BENEATH 0x2000,
 * AT_EMPTY_PATH 0x4000; AT_FDCWD is -100 as on Linux. */
FBSD(fstatat)
{
	uint32_t flags = (uint32_t)a[3];
	if (flags & ~(0x200u | 0x4000u))
		return -EINVAL;
	char path[PATH_MAX];
	int e = (flags & 0x200u) ? sc_path_nofollow(p, a[1], path) : sc_path(p, a[1], path);
	if (e < 0)
		return e;
	struct stat st;
	int hflags = ((flags & 0x200u) ? AT_SYMLINK_NOFOLLOW : 0) | ((flags & 0x4000u) ? AT_EMPTY_PATH : 0);
	if (fstatat(sc_int(a[0]), path, &st, hflags) != 0)
		return -errno;
	return fbsd_put_stat(p, a[2], &st) < 0 ? -EFAULT : 0;
}
