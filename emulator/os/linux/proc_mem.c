/* Memory system calls: brk, mmap2, munmap, mprotect, mremap, madvise.
 * Checks and their order follow Linux 6.1 (mm/mmap.c, mm/mprotect.c,
 * mm/mremap.c, mm/madvise.c). Guest permissions live in the page table;
 * private file mappings are copies, shared ones host mappings of the file
 * placed inside the guest reservation. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "loader/loader.h"
#include "os/linux/abi.h"
#include "os/linux/proc_limits.h"
#include "os/linux/proc_sys.h"
#include "os/linux/procfs.h"

/* asm-generic mmap values (ARM's). */
#define G_PROT_READ      0x1u
#define G_PROT_WRITE     0x2u
#define G_PROT_EXEC      0x4u
#define G_PROT_SEM       0x8u
#define G_PROT_GROWSDOWN 0x01000000u
#define G_PROT_GROWSUP   0x02000000u
#define G_MAP_SHARED     0x01u
#define G_MAP_PRIVATE    0x02u
#define G_MAP_SHARED_VALIDATE 0x03u
#define G_MAP_TYPE       0x0fu
#define G_MAP_FIXED      0x10u
#define G_MAP_ANONYMOUS  0x20u
#define G_MAP_GROWSDOWN  0x0100u
#define G_MAP_NORESERVE  0x4000u
#define G_MAP_FIXED_NOREPLACE 0x100000u
/* LEGACY_MAP_MASK: what MAP_SHARED_VALIDATE accepts for a file. */
#define G_MAP_KNOWN      (0x01u | 0x02u | 0x10u | 0x20u | 0x100u | 0x800u | 0x1000u | 0x2000u | 0x4000u | \
			  0x8000u | 0x10000u | 0x20000u | 0x40000u | 0x4000000u)
#define MREMAP_G_MAYMOVE   1u
#define MREMAP_G_FIXED     2u
#define MREMAP_G_DONTUNMAP 4u

static uint64_t page_up(uint64_t x) { return (x + GPAGE_MASK) & ~GPAGE_MASK; }

/* Page tables cannot express every combination: any access right implies
 * the architecture's implied rights (read on ARM, read and execute on MIPS
 * without RI/XI). */
static unsigned guest_prot(const struct linux_proc *p, uint64_t prot)
{
	unsigned g = (unsigned)prot & (GP_R | GP_W | GP_X);
	return g ? g | p->arch->elf->prot_implied : 0;
}

static bool range_free(struct linux_proc *p, uint64_t a, uint64_t len)
{
	for (uint64_t x = a; x < a + len; x += GPAGE_SIZE)
		if (p->mem.perm[x >> GPAGE_SHIFT] & GP_MAPPED)
			return false;
	return true;
}

static bool range_mapped(struct linux_proc *p, uint64_t a, uint64_t len)
{
	for (uint64_t x = a; x < a + len; x += GPAGE_SIZE)
		if (!(p->mem.perm[x >> GPAGE_SHIFT] & GP_MAPPED))
			return false;
	return true;
}

bool linux_past_eof(const struct linux_proc *p, uint64_t addr)
{
	for (unsigned i = 0; i < p->mm->npast_eof; i++)
		if (addr >= p->mm->past_eof[i].start && addr < p->mm->past_eof[i].end)
			return true;
	return false;
}

/* Forgets past-EOF pages in [a, a+len), splitting ranges as needed. */
static void past_eof_forget(struct linux_proc *p, uint64_t a, uint64_t len)
{
	uint64_t e = a + len;
	for (unsigned i = 0; i < p->mm->npast_eof;) {
		struct linux_range r = p->mm->past_eof[i];
		if (r.end <= a || r.start >= e) {
			i++;
			continue;
		}
		p->mm->past_eof[i] = p->mm->past_eof[--p->mm->npast_eof];
		if (r.start < a && p->mm->npast_eof < LINUX_PAST_EOF_MAX)
			p->mm->past_eof[p->mm->npast_eof++] = (struct linux_range){ r.start, a };
		if (r.end > e && p->mm->npast_eof < LINUX_PAST_EOF_MAX)
			p->mm->past_eof[p->mm->npast_eof++] = (struct linux_range){ e, r.end };
	}
}

static void unmap(struct linux_proc *p, uint64_t a, uint64_t len)
{
	gmem_unmap(&p->mem, a, len);
	past_eof_forget(p, a, len);
	gvma_remove(p->mem.vmas, a, a + len);
	linux_shm_forget(a, len);
}

/* For sys_shm.c, with the mm lock held. */
void linux_mem_unmap(struct linux_proc *p, uint64_t a, uint64_t len) { unmap(p, a, len); }

static long brk_locked(struct linux_proc *p, const uint64_t a[6])
{
	uint64_t brk = a[0];
	if (brk < p->mm->brk_start || brk >= p->task_size)
		return (long)p->mm->brk_cur;
	if (!linux_brk_fits(p, brk))
		return (long)p->mm->brk_cur;
	uint64_t newbrk = page_up(brk), oldbrk = page_up(p->mm->brk_cur);
	if (newbrk < oldbrk) {
		unmap(p, newbrk, oldbrk - newbrk);
	} else if (newbrk > oldbrk) {
		/* One guard page must stay free below the next mapping. */
		uint64_t span = newbrk - oldbrk + GPAGE_SIZE;
		if (newbrk + GPAGE_SIZE > p->task_size || !range_free(p, oldbrk, span) ||
		    !linux_may_expand(p, GV_READ | GV_WRITE, newbrk - oldbrk, 0, 0))
			return (long)p->mm->brk_cur;
		if (gmem_map(&p->mem, oldbrk, newbrk - oldbrk, guest_prot(p, GP_R | GP_W)) != 0)
			return (long)p->mm->brk_cur;
		if (linux_maps_brk(p, oldbrk, newbrk) != 0) {
			unmap(p, oldbrk, newbrk - oldbrk);
			return (long)p->mm->brk_cur;
		}
	}
	p->mm->brk_cur = brk;
	return (long)brk;
}

/* A file the guest maps: readable/writable mode and kind. */
struct map_file {
	int fd;
	int acc;         /* O_RDONLY / O_WRONLY / O_RDWR */
	bool zero;       /* /dev/zero: anonymous memory */
	bool nodev;      /* no mmap for this kind of file (pipe, directory...) */
	uint64_t size;
};

static long open_map_file(int fd, struct map_file *f)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return -EBADF;
	struct stat st;
	if (fstat(fd, &st) != 0)
		return -EBADF;
	f->fd = fd;
	f->acc = fl & O_ACCMODE;
	f->zero = S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 5;
	f->size = (uint64_t)st.st_size;
	f->nodev = !S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode) && !f->zero;
	return 0;
}

/* Backs a fresh mapping with the file: a host mapping of it at the
 * guest's place (shared when the guest may write the file through it,
 * private otherwise, so unwritten pages still follow the file). Pages
 * wholly past the end of the file lose their access and are remembered
 * so that a touch becomes SIGBUS. */
static long fill_from_file(struct linux_proc *p, uint64_t addr, uint64_t len, const struct map_file *f,
			   uint64_t off, bool shared)
{
	uint64_t avail = f->size > off ? page_up(f->size - off) : 0;
	if (avail > len)
		avail = len;
	if (avail > 0) {
		void *h = mmap(gmem_host(&p->mem, addr), avail, PROT_READ | PROT_WRITE,
			       (shared && f->acc == O_RDWR ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED, f->fd,
			       (off_t)off);
		if (h == MAP_FAILED)
			return -errno;
	}
	if (avail < len) {
		gmem_protect(&p->mem, addr + avail, len - avail, 0);
		if (p->mm->npast_eof < LINUX_PAST_EOF_MAX)
			p->mm->past_eof[p->mm->npast_eof++] = (struct linux_range){ addr + avail, addr + len };
	}
	return 0;
}

static long do_mmap(struct linux_proc *p, uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags, int fd,
		    uint64_t off)
{
	struct map_file file = { .fd = -1 };
	bool anon = (flags & G_MAP_ANONYMOUS) != 0;
	if (!anon) {
		long r = open_map_file(fd, &file);
		if (r != 0)
			return r;
	}
	if (len == 0)
		return -EINVAL;
	if (flags & G_MAP_FIXED_NOREPLACE)
		flags |= G_MAP_FIXED;
	bool fixed = (flags & G_MAP_FIXED) != 0;
	uint64_t plen = page_up(len);
	if (plen < len || plen == 0)
		return -ENOMEM;
	if ((off >> GPAGE_SHIFT) + (plen >> GPAGE_SHIFT) < (off >> GPAGE_SHIFT))
		return -EOVERFLOW;
	if (plen > p->task_size)
		return -ENOMEM;
	if (fixed) {
		/* MIPS's arch_get_unmapped_area says EINVAL for it. */
		if (addr > p->task_size - plen)
			return p->arch->abi->fixed_past_task_einval ? -EINVAL : -ENOMEM;
		if (addr & GPAGE_MASK)
			return -EINVAL;
	} else {
		uint64_t hint = page_up(addr);
		if (hint < GPAGE_SIZE || hint > p->task_size - plen || !range_free(p, hint, plen))
			hint = gmem_find_free(&p->mem, p->mm->mmap_base, plen, p->task_size);
		if (hint == 0)
			hint = gmem_find_free(&p->mem, GPAGE_SIZE, plen, p->task_size);
		if (hint == 0)
			return -ENOMEM;
		addr = hint;
	}
	if ((flags & G_MAP_FIXED_NOREPLACE) && !range_free(p, addr, plen))
		return -EEXIST;
	unsigned type = flags & G_MAP_TYPE;
	bool shared = type == G_MAP_SHARED || (!anon && type == G_MAP_SHARED_VALIDATE);
	if (!shared && type != G_MAP_PRIVATE)
		return -EINVAL;
	if (!anon) {
		if (type == G_MAP_SHARED_VALIDATE && (flags & ~(uint64_t)G_MAP_KNOWN))
			return -EOPNOTSUPP;
		if (shared && (prot & G_PROT_WRITE) && file.acc != O_RDWR)
			return -EACCES;
		if (file.acc == O_WRONLY)
			return -EACCES;
		if (file.nodev)
			return -ENODEV;
		anon = file.zero;
	}
	unsigned vf = ((prot & G_PROT_WRITE) ? GV_WRITE : 0) | (shared ? GV_SHARED : 0) |
		      ((flags & G_MAP_GROWSDOWN) ? GV_GROWSDOWN : 0);
	if (!linux_may_expand(p, vf, plen, addr, fixed ? plen : 0))
		return -ENOMEM;
	unmap(p, addr, plen);
	if (gmem_map(&p->mem, addr, plen, guest_prot(p, prot)) != 0)
		return -ENOMEM;
	if (anon && shared) {
		/* Shared with children after fork: a host shared mapping. */
		void *h = mmap(gmem_host(&p->mem, addr), plen, PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (h == MAP_FAILED) {
			unmap(p, addr, plen);
			return -ENOMEM;
		}
	} else if (!anon) {
		long r = fill_from_file(p, addr, plen, &file, off, shared);
		if (r != 0) {
			unmap(p, addr, plen);
			return r;
		}
	}
	struct linux_mmap_desc d = { .addr = addr, .len = plen, .off = off, .rwx = (unsigned)prot & 7u,
				     .shared = shared, .noreserve = (flags & G_MAP_NORESERVE) != 0,
				     .growsdown = (flags & G_MAP_GROWSDOWN) != 0, .fd = anon ? -1 : fd,
				     .fd_writable = file.acc == O_RDWR };
	if (linux_maps_mmap(p, &d) != 0) {
		unmap(p, addr, plen);
		return -ENOMEM;
	}
	return (long)addr;
}

/* The ABI's mmap flag and PROT_* values -> the asm-generic ones
 * do_mmap and mprotect check (upper bits kept: they are invalid). */
static uint64_t mmap_flags(const struct linux_proc *p, uint64_t flags)
{
	return (flags & ~(uint64_t)UINT32_MAX) | abi_flags_in(p->arch->abi->mmap_flags, (uint32_t)flags);
}

static uint64_t prot_in(const struct linux_proc *p, uint64_t prot)
{
	return (prot & ~(uint64_t)UINT32_MAX) | abi_flags_in(p->arch->abi->prot_flags, (uint32_t)prot);
}

static long mmap2_locked(struct linux_proc *p, const uint64_t a[6])
{
	return do_mmap(p, (uint32_t)a[0], (uint32_t)a[1], prot_in(p, a[2]), mmap_flags(p, a[3]), (int)a[4],
		       (uint64_t)(uint32_t)a[5] << 12);
}

/* mmap of 64-bit ABIs: a byte offset, which must be page aligned. */
static long mmap_locked(struct linux_proc *p, const uint64_t a[6])
{
	if (a[5] & GPAGE_MASK)
		return -EINVAL;
	return do_mmap(p, a[0], a[1], prot_in(p, a[2]), mmap_flags(p, a[3]), (int)a[4], a[5]);
}

static long munmap_locked(struct linux_proc *p, const uint64_t a[6])
{
	uint64_t addr = a[0], len = page_up(a[1]);
	if ((addr & GPAGE_MASK) || len == 0 || addr > p->task_size || len > p->task_size - addr)
		return -EINVAL;
	unmap(p, addr, len);
	return 0;
}

static long mprotect_locked(struct linux_proc *p, const uint64_t a[6])
{
	uint64_t addr = a[0], prot = prot_in(p, a[2]);
	if ((prot & (G_PROT_GROWSDOWN | G_PROT_GROWSUP)) == (G_PROT_GROWSDOWN | G_PROT_GROWSUP))
		return -EINVAL;
	prot &= ~(uint64_t)(G_PROT_GROWSDOWN | G_PROT_GROWSUP);
	if (addr & GPAGE_MASK)
		return -EINVAL;
	if (a[1] == 0)
		return 0;
	uint64_t len = page_up(a[1]), end = addr + len;
	if (end <= addr)
		return -ENOMEM;
	if (prot & ~(uint64_t)(G_PROT_READ | G_PROT_WRITE | G_PROT_EXEC | G_PROT_SEM))
		return -EINVAL;
	/* Applied up to the first hole, which then fails (as Linux walks
	 * its areas). */
	long r = 0;
	uint64_t x = addr;
	for (; x < end; x += GPAGE_SIZE) {
		if (x >= p->task_size || !(p->mem.perm[x >> GPAGE_SHIFT] & GP_MAPPED)) {
			r = -ENOMEM;
			break;
		}
		/* A read-only shm attachment may never be written (no VM_MAYWRITE). */
		if ((prot & G_PROT_WRITE) && linux_shm_readonly(x)) {
			r = -EACCES;
			break;
		}
		if (!linux_past_eof(p, x))
			gmem_protect(&p->mem, x, GPAGE_SIZE, guest_prot(p, prot));
	}
	gvma_protect(p->mem.vmas, addr, x, (unsigned)prot & 7u);
	linux_shm_protect(p, addr, x - addr, prot);
	return r;
}

/* Moves [old, old+len) to the free range at new, page permissions too. */
static void move_pages(struct linux_proc *p, uint64_t old, uint64_t new, uint64_t len)
{
	for (uint64_t x = 0; x < len; x += GPAGE_SIZE) {
		unsigned pr = p->mem.perm[(old + x) >> GPAGE_SHIFT];
		gmem_map(&p->mem, new + x, GPAGE_SIZE, pr);
		memcpy(gmem_host(&p->mem, new + x), gmem_host(&p->mem, old + x), GPAGE_SIZE);
	}
}

static long mremap_locked(struct linux_proc *p, const uint64_t a[6])
{
	uint64_t addr = a[0], old_len = a[1], new_len = a[2], flags = a[3], new_addr = a[4];
	if (flags & ~(uint64_t)(MREMAP_G_MAYMOVE | MREMAP_G_FIXED | MREMAP_G_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_G_FIXED) && !(flags & MREMAP_G_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_G_DONTUNMAP) && (!(flags & MREMAP_G_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & GPAGE_MASK)
		return -EINVAL;
	old_len = page_up(old_len);
	new_len = page_up(new_len);
	if (new_len == 0)
		return -EINVAL;
	bool to = (flags & (MREMAP_G_FIXED | MREMAP_G_DONTUNMAP)) != 0;
	if (to && (flags & MREMAP_G_FIXED)) {
		if (new_addr & GPAGE_MASK)
			return -EINVAL;
		if (new_len > p->task_size || new_addr > p->task_size - new_len)
			return -EINVAL;
		if (addr + old_len > new_addr && new_addr + new_len > addr)
			return -EINVAL;
		unmap(p, new_addr, new_len);
	}
	if (!to && old_len >= new_len) {
		if (old_len > new_len)
			unmap(p, addr + new_len, old_len - new_len);
		return (long)addr;
	}
	if (addr >= p->task_size || old_len > p->task_size - addr || !range_mapped(p, addr, old_len ? old_len : 1))
		return -EFAULT;
	/* old_len 0 duplicates a shared mapping; private ones refuse. */
	if (old_len == 0)
		return -EINVAL;
	/* vma_to_resize's check; the source a DONTUNMAP move leaves counts too. */
	uint64_t more = (new_len > old_len ? new_len - old_len : 0) + ((flags & MREMAP_G_DONTUNMAP) ? old_len : 0);
	unsigned vf = gvma_bytes(p->mem.vmas, addr, addr + 1, GV_DATA_MASK, GV_WRITE)
			      ? GV_WRITE : 0;
	if (more && !linux_may_expand(p, vf, more, 0, 0))
		return -ENOMEM;
	if (!to) {
		uint64_t end = addr + old_len, grow = new_len - old_len;
		if (end + grow <= p->task_size && range_free(p, end, grow)) {
			gmem_map(&p->mem, end, grow, p->mem.perm[(end - 1) >> GPAGE_SHIFT]);
			gvma_grow(p->mem.vmas, end, grow);
			return (long)addr;
		}
		if (!(flags & MREMAP_G_MAYMOVE))
			return -ENOMEM;
		new_addr = gmem_find_free(&p->mem, p->mm->mmap_base, new_len, p->task_size);
		if (new_addr == 0)
			return -ENOMEM;
	}
	uint64_t keep = old_len < new_len ? old_len : new_len;
	move_pages(p, addr, new_addr, keep);
	if (gvma_copy(p->mem.vmas, addr, new_addr, keep) != 0) {
		unmap(p, new_addr, new_len);
		return -ENOMEM;
	}
	if (new_len > keep) {
		gmem_map(&p->mem, new_addr + keep, new_len - keep, p->mem.perm[(addr + keep - 1) >> GPAGE_SHIFT]);
		gvma_grow(p->mem.vmas, new_addr + keep, new_len - keep);
	}
	if (flags & MREMAP_G_DONTUNMAP) {
		/* The old range stays, emptied (private anonymous semantics),
		 * the same mapping still. */
		for (uint64_t x = addr; x < addr + old_len; x += GPAGE_SIZE) {
			unsigned pr = p->mem.perm[x >> GPAGE_SHIFT];
			gmem_unmap(&p->mem, x, GPAGE_SIZE);
			past_eof_forget(p, x, GPAGE_SIZE);
			gmem_map(&p->mem, x, GPAGE_SIZE, pr);
		}
	} else {
		unmap(p, addr, old_len);
	}
	return (long)new_addr;
}

static bool madvise_valid(int advice)
{
	/* Linux 6.1 without KSM, THP or memory-failure support. */
	static const unsigned char ok[] = { 0, 1, 2, 3, 4, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23, 24 };
	for (unsigned i = 0; i < sizeof ok; i++)
		if (ok[i] == advice)
			return true;
	return false;
}

static long madvise_locked(struct linux_proc *p, const uint64_t a[6])
{
	uint64_t addr = a[0], len_in = a[1];
	int advice = (int)(int32_t)a[2];
	if (!madvise_valid(advice))
		return -EINVAL;
	if (addr & GPAGE_MASK)
		return -EINVAL;
	uint64_t len = page_up(len_in);
	if (len_in && !len)
		return -EINVAL;
	uint64_t end = addr + len;
	if (end < addr)
		return -EINVAL;
	if (end == addr)
		return 0;
	long r = 0;
	for (uint64_t x = addr; x < end;) {
		if (x >= p->task_size || !(p->mem.perm[x >> GPAGE_SHIFT] & GP_MAPPED)) {
			r = -ENOMEM;
			x += GPAGE_SIZE;
			continue;
		}
		uint64_t y = x;
		while (y < end && y < p->task_size && (p->mem.perm[y >> GPAGE_SHIFT] & GP_MAPPED))
			y += GPAGE_SIZE;
		/* MADV_DONTNEED(_LOCKED): private pages read back as zero. */
		if (advice == 4 || advice == 24)
			madvise(gmem_host(&p->mem, x), y - x, MADV_DONTNEED);
		x = y;
	}
	return r;
}

/* Each change of the address space is made whole under the mm lock, so
 * the threads sharing it (and a vfork child) see one order of changes. */
#define LOCKED(name)                                                  \
	long sys_##name(struct linux_proc *p, const uint64_t a[6])    \
	{                                                             \
		pthread_mutex_lock(&p->mm->lock);                     \
		long r = name##_locked(p, a);                         \
		pthread_mutex_unlock(&p->mm->lock);                   \
		return r;                                             \
	}
LOCKED(brk)
LOCKED(mmap2)
LOCKED(mmap)
LOCKED(munmap)
LOCKED(mprotect)
LOCKED(mremap)
LOCKED(madvise)
