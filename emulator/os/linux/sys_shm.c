/* System V shared memory on the host's segments, attached inside the
 * guest address space (guest address A is host address base + A): the
 * host attaches a segment at its guest place with SHM_REMAP over the
 * reservation and the guest page table gets the attachment's rights.
 * fork then shares it and exec and exit detach it as the kernel does.
 * The host's mappings of the guest space mirror the guest's, so shmdt is
 * the host's own search for the attachment at an address (fragments
 * left by munmap included), followed by the guest page table.
 *
 * Checks follow Linux 6.1 ipc/shm.c in its order: the address against
 * SHMLBA, then the id and permissions, then overlap (without SHM_REMAP),
 * then room. The structures are the IPC_64 ones of the ABI: struct
 * shmid64_ds (asm-generic: 32-bit ARM splits the times into low and high
 * words; MIPS n64 has 64-bit times) and struct shminfo64, all unsigned
 * longs. A guest mremap of an attachment moves a copy of its pages, not
 * the attachment. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/sysmacros.h>

#include "loader/loader.h"
#include "mem/vma.h"
#include "os/linux/sys_ipc.h"
#include "os/linux/syscall.h"

/* The guest's attachments: one guest process (its threads share the
 * address space) is one host process, so this table follows the host's
 * mappings through fork (copied with them) and exec (a new emulator
 * starts empty). It changes with the address space, under the mm lock. */
static struct attach {
	uint64_t start, end;
	bool rdonly;
} *att;
static unsigned natt, capatt;

static uint64_t page_up(uint64_t x) { return (x + GPAGE_MASK) & ~GPAGE_MASK; }

static bool push(struct attach a)
{
	if (natt == capatt) {
		unsigned cap = capatt ? 2 * capatt : 16;
		struct attach *n = realloc(att, cap * sizeof *n);
		if (!n)
			return false;
		att = n;
		capatt = cap;
	}
	att[natt++] = a;
	return true;
}

void linux_shm_forget(uint64_t a, uint64_t len)
{
	uint64_t e = a + len;
	for (unsigned i = 0; i < natt;) {
		struct attach r = att[i];
		if (r.end <= a || r.start >= e) {
			i++;
			continue;
		}
		att[i] = att[--natt];
		/* The pieces left on either side stay attached (a piece lost
		 * to memory exhaustion only loses its SHM_RDONLY check). */
		if (r.start < a)
			push((struct attach){ r.start, a, r.rdonly });
		if (r.end > e)
			push((struct attach){ e, r.end, r.rdonly });
	}
}

bool linux_shm_readonly(uint64_t addr)
{
	for (unsigned i = 0; i < natt; i++)
		if (att[i].rdonly && addr >= att[i].start && addr < att[i].end)
			return true;
	return false;
}

/* The host keeps attachments readable for the emulator; write and
 * execute follow the guest's request, which is what decides where the
 * kernel splits an area. */
void linux_shm_protect(struct linux_proc *p, uint64_t a, uint64_t len, uint64_t prot)
{
	int host = PROT_READ | (int)(prot & (PROT_WRITE | PROT_EXEC));
	for (unsigned i = 0; i < natt; i++) {
		uint64_t lo = att[i].start > a ? att[i].start : a;
		uint64_t hi = att[i].end < a + len ? att[i].end : a + len;
		if (lo < hi)
			mprotect(gmem_host(&p->mem, lo), hi - lo, host);
	}
}

SC(shmget)
{
	/* A 32-bit kernel's SHMMAX is ULONG_MAX - 2^24: a larger size goes to
	 * the host as one past its limit, so the host's checks keep their
	 * order (ENOENT, EEXIST, then EINVAL). */
	uint64_t size = sc_ulong(p, a[1]);
	if (p->arch->word_bits == 32 && size > 0xfeffffffu)
		size = SIZE_MAX;
	return sc_ret(shmget(sc_int(a[0]), size, sc_int(a[2])));
}

/* A page of [a, a+len) below the task size the guest has mapped. */
static bool overlaps(struct linux_proc *p, uint64_t a, uint64_t len)
{
	for (uint64_t x = a & ~GPAGE_MASK; x - a < len && x < p->task_size; x += GPAGE_SIZE)
		if (p->mem.perm[x >> GPAGE_SHIFT] & GP_MAPPED)
			return true;
	return false;
}

/* Where an attachment of len bytes goes without an address: the first
 * free SHMLBA-aligned range from the mmap base, as colour alignment of
 * shared mappings places it. */
static uint64_t place(struct linux_proc *p, uint64_t len, uint64_t lba)
{
	uint64_t span = len + lba - GPAGE_SIZE;
	uint64_t at = gmem_find_free(&p->mem, p->mm->mmap_base, span, p->task_size);
	if (at == 0)
		at = gmem_find_free(&p->mem, GPAGE_SIZE, span, p->task_size);
	return at ? (at + lba - 1) & ~(lba - 1) : 0;
}

/* The attachment in the mapping list, as /proc/<pid>/maps shows it: the
 * segment's unlinked shmem file "/SYSV<key> (deleted)" on the internal
 * shm mount (00:01, as shared anonymous memory), its inode number the id;
 * shared, but not VM_SHARED when read-only; never merged with a
 * neighbour, as areas with a close operation are not. */
static void maps_insert(struct linux_proc *p, uint64_t addr, uint64_t len, int flg, key_t key, int id)
{
	char name[32];
	snprintf(name, sizeof name, "/SYSV%08x (deleted)", (unsigned)key);
	unsigned f = GV_READ | GV_MAYSHARE | GV_NOMERGE | (flg & SHM_EXEC ? GV_EXEC : 0) |
		     (flg & SHM_RDONLY ? 0 : GV_WRITE | GV_SHARED);
	struct gvma v = { .start = addr, .end = addr + len, .flags = f, .kind = GV_OBJECT, .off = 0,
			  .dev = makedev(0, 1), .ino = (uint64_t)id, .file = -1, .name = name };
	gvma_insert(p->mem.vmas, &v);
}

static long shmat_locked(struct linux_proc *p, const uint64_t a[6])
{
	int id = sc_int(a[0]), flg = sc_int(a[2]);
	uint64_t addr = sc_ulong(p, a[1]), lba = p->arch->abi->shmlba;
	bool fixed = addr != 0;
	if (id < 0)
		return -EINVAL;
	if (fixed && (addr & (lba - 1))) {
		if (!(flg & SHM_RND))
			return -EINVAL;
		addr &= ~(lba - 1);
		if (!addr && (flg & SHM_REMAP))
			return -EINVAL;
	} else if (!fixed && (flg & SHM_REMAP)) {
		return -EINVAL;
	}
	/* The id and permission checks are the host's: an attach over guest
	 * page 0, always reserved, passes them and then fails for the
	 * overlap, attaching nothing. Another error is the guest's answer;
	 * EINVAL may also be a bad id, which IPC_STAT then tells. */
	int hflg = flg & (SHM_RDONLY | SHM_EXEC);
	void *probe = shmat(id, gmem_host(&p->mem, 0), hflg);
	if (probe != (void *)-1) {
		shmdt(probe);
		return -EINVAL;
	}
	if (errno != EINVAL)
		return sc_err();
	struct shmid_ds ds;
	if (shmctl(id, IPC_STAT, &ds) < 0)
		return -EINVAL;
	uint64_t size = ds.shm_segsz, len = page_up(size);
	if (fixed && !(flg & SHM_REMAP) && (sc_ulong(p, addr + size) < addr || overlaps(p, addr, size)))
		return -EINVAL;
	if (len > p->task_size)
		return -ENOMEM;
	if (fixed && addr > p->task_size - len)
		return p->arch->abi->fixed_past_task_einval ? -EINVAL : -ENOMEM;
	if (!fixed && (addr = place(p, len, lba)) == 0)
		return -ENOMEM;
	unsigned prot = GP_R | (flg & SHM_RDONLY ? 0 : GP_W) | (flg & SHM_EXEC ? GP_X : 0);
	linux_mem_unmap(p, addr, len);
	if (!push((struct attach){ addr, addr + len, flg & SHM_RDONLY }) ||
	    gmem_map(&p->mem, addr, len, prot | p->arch->elf->prot_implied) != 0) {
		linux_mem_unmap(p, addr, len);
		return -ENOMEM;
	}
	if (shmat(id, gmem_host(&p->mem, addr), hflg | SHM_REMAP) == (void *)-1) {
		long r = sc_err();
		linux_mem_unmap(p, addr, len);
		return r;
	}
	maps_insert(p, addr, len, flg, ds.shm_perm.__key, id);
	return (long)addr;
}

static long shmdt_locked(struct linux_proc *p, const uint64_t a[6])
{
	uint64_t addr = sc_ulong(p, a[0]);
	if ((addr & GPAGE_MASK) || addr >= p->task_size)
		return -EINVAL;
	if (shmdt(gmem_host(&p->mem, addr)) < 0)
		return sc_err();
	/* What the host detached are holes in the reservation now: the
	 * attachments at or above addr whose first page the host no longer
	 * maps (it detaches whole mappings). */
	for (unsigned i = 0; i < natt;) {
		unsigned char v;
		struct attach r = att[i];
		if (r.start >= addr && mincore(gmem_host(&p->mem, r.start), GPAGE_SIZE, &v) < 0 && errno == ENOMEM) {
			linux_mem_unmap(p, r.start, r.end - r.start);
			continue;
		}
		i++;
	}
	return 0;
}

/* Attaching and detaching change the address space: under the mm lock,
 * as mmap and munmap (proc_mem.c). */
SC(shmat)
{
	pthread_mutex_lock(&p->mm->lock);
	long r = shmat_locked(p, a);
	pthread_mutex_unlock(&p->mm->lock);
	return r;
}

SC(shmdt)
{
	pthread_mutex_lock(&p->mm->lock);
	long r = shmdt_locked(p, a);
	pthread_mutex_unlock(&p->mm->lock);
	return r;
}

/* struct shmid64_ds: perm, segsz, atime, dtime, ctime, cpid, lpid,
 * nattch, two unused longs. */
static unsigned shmid_size(const struct linux_proc *p)
{
	unsigned w = sc_wordsize(p);
	return IPC_PERM_SIZE(w) + w + 3 * 8 + 8 + 3 * w;
}

static long put_shmid(struct linux_proc *p, uint64_t addr, const struct shmid_ds *ds)
{
	struct gimage g;
	gi_init(&g, p);
	unsigned off = ipc_put_perm(&g, p, &ds->shm_perm);
	off += gi_long(&g, p, off, ds->shm_segsz);
	off += ipc_put_time(&g, p, off, ds->shm_atime);
	off += ipc_put_time(&g, p, off, ds->shm_dtime);
	off += ipc_put_time(&g, p, off, ds->shm_ctime);
	gi_u32(&g, off, (uint32_t)ds->shm_cpid);
	gi_u32(&g, off + 4, (uint32_t)ds->shm_lpid);
	gi_long(&g, p, off + 8, ds->shm_nattch);
	return gi_put(p, addr, &g, shmid_size(p));
}

/* struct shminfo64 (nine unsigned longs) and struct shm_info (an int,
 * then five unsigned longs at the next long). */
static long put_info(struct linux_proc *p, uint64_t addr, int cmd, const void *host)
{
	struct gimage g;
	unsigned w = sc_wordsize(p), n;
	gi_init(&g, p);
	if (cmd == IPC_INFO) {
		const struct shminfo *si = host;
		const unsigned long f[5] = { si->shmmax, si->shmmin, si->shmmni, si->shmseg, si->shmall };
		for (unsigned i = 0; i < 5; i++)
			gi_long(&g, p, i * w, f[i]);
		n = 9 * w;
	} else {
		const struct shm_info *si = host;
		const unsigned long f[5] = { si->shm_tot, si->shm_rss, si->shm_swp, si->swap_attempts,
					     si->swap_successes };
		gi_u32(&g, 0, (uint32_t)si->used_ids);
		for (unsigned i = 0; i < 5; i++)
			gi_long(&g, p, (i + 1) * w, f[i]);
		n = 6 * w;
	}
	return gi_put(p, addr, &g, n);
}

SC(shmctl)
{
	int id = sc_int(a[0]), cmd = sc_int(a[1]) & ~IPC_64;
	uint64_t buf = a[2];
	struct shmid_ds ds;
	struct gimage g;
	long r;
	if (cmd < 0 || id < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SHM_INFO: {
		union {
			struct shmid_ds ds;
			struct shminfo info;
			struct shm_info shm_info;
		} u;
		r = sc_ret(shmctl(id, cmd, (struct shmid_ds *)&u));
		if (r < 0)
			return r;
		return put_info(p, buf, cmd, &u) < 0 ? -EFAULT : r;
	}
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		r = sc_ret(shmctl(id, cmd, &ds));
		if (r < 0)
			return r;
		return put_shmid(p, buf, &ds) < 0 ? -EFAULT : r;
	case IPC_SET:
		/* The whole structure is read first, as the kernel copies it. */
		if (gi_get(p, buf, &g, shmid_size(p)) < 0)
			return -EFAULT;
		memset(&ds, 0, sizeof ds);
		ipc_get_perm(&g, &ds.shm_perm);
		return sc_ret(shmctl(id, cmd, &ds));
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return sc_ret(shmctl(id, cmd, NULL));
	}
	return -EINVAL;
}
