/* Guest address space: one host reservation, guest address A lives at
 * host + A. Guest permissions are kept per 4 KiB page in a byte table and
 * checked on every access, so a bad guest pointer becomes a guest fault
 * (reported to the caller) and never a host crash. Host pages stay
 * read-write for the emulator itself. */
#ifndef MIMIC_MEM_H
#define MIMIC_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mem/vma.h"

#define GPAGE_SHIFT 12
#define GPAGE_SIZE  ((uint64_t)1 << GPAGE_SHIFT)
#define GPAGE_MASK  (GPAGE_SIZE - 1)

/* Page permission bits (same values as PROT_*), plus a mapped marker so
 * PROT_NONE mappings are told apart from holes (SEGV_ACCERR vs MAPERR). */
#define GP_R      0x1u
#define GP_W      0x2u
#define GP_X      0x4u
#define GP_MAPPED 0x80u
/* Some thread holds decoded instructions of the page (cpu/icache.h). A
 * write check fails on it and takes the slow path, which drops them. */
#define GP_CODE   0x40u

/* Why the last access failed. */
enum gmem_fault {
	GF_NONE = 0,
	GF_MAPERR,   /* no mapping: SIGSEGV/SEGV_MAPERR */
	GF_ACCERR,   /* mapped without the permission: SIGSEGV/SEGV_ACCERR */
	GF_ALIGN,    /* alignment the CPU does not allow: SIGBUS/BUS_ADRALN */
};

struct gmem {
	uint8_t *host;        /* host address of guest address 0 */
	uint8_t *perm;        /* one byte per guest page */
	uint64_t size;        /* bytes of guest address space */
	bool big_endian;      /* guest data byte order */
	uint64_t fault_addr;  /* set when an access fails */
	enum gmem_fault fault;
	/* What the mappings are, for /proc (vma.h): shared by the threads'
	 * copies of this structure, like the pages. */
	struct gvma_list *vmas;
};

/* Reserves the guest space (size bytes, a power of two). 0 on success. */
int gmem_init(struct gmem *m, uint64_t size, bool big_endian);
void gmem_destroy(struct gmem *m);

/* Set the permissions of [addr, addr+len) (page-rounded); prot is GP_R|GP_W|GP_X
 * (GP_MAPPED is added). The host pages are zeroed on first mapping. */
int gmem_map(struct gmem *m, uint64_t addr, uint64_t len, unsigned prot);
int gmem_protect(struct gmem *m, uint64_t addr, uint64_t len, unsigned prot);
int gmem_unmap(struct gmem *m, uint64_t addr, uint64_t len);
/* Lowest free page-aligned range of len bytes at or above hint below limit;
 * returns 0 when none. */
uint64_t gmem_find_free(struct gmem *m, uint64_t hint, uint64_t len, uint64_t limit);

bool gmem_check_pages(struct gmem *m, uint64_t a, uint64_t len, unsigned need);

/* The permission byte of page p (other threads may change it). */
static inline unsigned gmem_perm(const struct gmem *m, uint64_t p)
{
	return __atomic_load_n(&m->perm[p], __ATOMIC_RELAXED);
}

/* The bits of a permission byte an access needing need compares: a write
 * must also find no decoded code (GP_CODE) to take the fast path. */
static inline unsigned gmem_need_mask(unsigned need)
{
	return need | ((need & GP_W) ? GP_CODE : 0);
}

/* Marks page p as holding decoded code; the permission byte it then has. */
static inline unsigned gmem_mark_code(struct gmem *m, uint64_t p)
{
	return __atomic_or_fetch(&m->perm[p], GP_CODE, __ATOMIC_SEQ_CST);
}

/* The guest code of pages [first, end) may have changed (cacheflush,
 * SYNCI, a write): drops what any thread decoded of them. */
void gmem_code_flush(struct gmem *m, uint64_t first, uint64_t end);

static inline void gmem_set_perm(struct gmem *m, uint64_t page, unsigned v)
{
	__atomic_store_n(&m->perm[page], (uint8_t)v, __ATOMIC_RELAXED);
}
/* True when every page of [a, a+len) has all of the bits in need. Sets the
 * fault fields otherwise. len may be 0 (always true). An access inside one
 * page, the common case, is one table byte test; the rest goes out of line. */
static inline bool gmem_check(struct gmem *m, uint64_t a, uint64_t len, unsigned need)
{
	if (__builtin_expect(a < m->size && len <= GPAGE_SIZE - (a & GPAGE_MASK), 1) &&
	    __builtin_expect((gmem_perm(m, a >> GPAGE_SHIFT) & gmem_need_mask(need)) == need, 1))
		return true;
	return gmem_check_pages(m, a, len, need);
}

/* One guest access of host memory already checked. An aligned access is
 * a single access, as on the guest CPUs: an atomic load-acquire or
 * store-release, a plain move on x86-64, so guest threads racing on guest
 * memory race as on the guest and not as C data races, and what the guest
 * synchronises through memory is ordered for the emulator too. A
 * misaligned one goes byte by byte. */
#define GMEM_RAW(bits)                                                                  \
	static inline uint##bits##_t gmem_raw_ld##bits(const void *p)                   \
	{                                                                               \
		if (((uintptr_t)p & (bits / 8 - 1)) == 0)                               \
			return __atomic_load_n((const uint##bits##_t *)p, __ATOMIC_ACQUIRE); \
		uint##bits##_t x;                                                       \
		memcpy(&x, p, sizeof x);                                                \
		return x;                                                               \
	}                                                                               \
	static inline void gmem_raw_st##bits(void *p, uint##bits##_t v)                 \
	{                                                                               \
		if (((uintptr_t)p & (bits / 8 - 1)) == 0)                               \
			__atomic_store_n((uint##bits##_t *)p, v, __ATOMIC_RELEASE);      \
		else                                                                    \
			memcpy(p, &v, sizeof v);                                        \
	}
GMEM_RAW(8)
GMEM_RAW(16)
GMEM_RAW(32)
GMEM_RAW(64)

/* Host pointer of a guest range already checked with gmem_check. */
static inline void *gmem_host(struct gmem *m, uint64_t a) { return m->host + a; }

/* Copies between guest and host with permission checks; false on fault. */
static inline bool gmem_read(struct gmem *m, uint64_t a, void *dst, size_t n)
{
	if (!gmem_check(m, a, n, GP_R))
		return false;
	memcpy(dst, m->host + a, n);
	return true;
}

static inline bool gmem_write(struct gmem *m, uint64_t a, const void *src, size_t n)
{
	if (!gmem_check(m, a, n, GP_W))
		return false;
	memcpy(m->host + a, src, n);
	return true;
}

/* Length of the NUL-terminated guest string at a (max bytes searched),
 * or -1 on fault or when no NUL is found within max. */
long gmem_strnlen(struct gmem *m, uint64_t a, size_t max);

/* Typed accessors in guest byte order. The fast path is one page-table
 * byte test; a range crossing a page goes through gmem_check. */
#define GMEM_ACCESSORS(bits)                                                     \
	static inline bool gmem_ld##bits(struct gmem *m, uint64_t a, uint##bits##_t *v) \
	{                                                                            \
		if (!gmem_check(m, a, sizeof *v, GP_R))                              \
			return false;                                                \
		uint##bits##_t x = gmem_raw_ld##bits(m->host + a);                   \
		*v = m->big_endian ? gmem_swap##bits(x) : x;                         \
		return true;                                                         \
	}                                                                            \
	static inline bool gmem_st##bits(struct gmem *m, uint64_t a, uint##bits##_t v)  \
	{                                                                            \
		if (!gmem_check(m, a, sizeof v, GP_W))                               \
			return false;                                                \
		gmem_raw_st##bits(m->host + a, m->big_endian ? gmem_swap##bits(v) : v); \
		return true;                                                         \
	}

static inline uint8_t gmem_swap8(uint8_t x) { return x; }
static inline uint16_t gmem_swap16(uint16_t x) { return __builtin_bswap16(x); }
static inline uint32_t gmem_swap32(uint32_t x) { return __builtin_bswap32(x); }
static inline uint64_t gmem_swap64(uint64_t x) { return __builtin_bswap64(x); }

GMEM_ACCESSORS(8)
GMEM_ACCESSORS(16)
GMEM_ACCESSORS(32)
GMEM_ACCESSORS(64)

/* Instruction fetch: needs execute permission. */
static inline bool gmem_fetch32(struct gmem *m, uint64_t a, uint32_t *v)
{
	if (!gmem_check(m, a, 4, GP_X))
		return false;
	uint32_t x = gmem_raw_ld32(m->host + a);
	*v = m->big_endian ? gmem_swap32(x) : x;
	return true;
}

static inline bool gmem_fetch16(struct gmem *m, uint64_t a, uint16_t *v)
{
	if (!gmem_check(m, a, 2, GP_X))
		return false;
	uint16_t x = gmem_raw_ld16(m->host + a);
	*v = m->big_endian ? gmem_swap16(x) : x;
	return true;
}

#endif
