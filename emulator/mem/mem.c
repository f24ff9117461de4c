/* Guest address space: a PROT_NONE host reservation whose mapped pages are
 * made host read-write (and stay so once unmapped); guest permissions live
 * only in the page table. */
#define _DEFAULT_SOURCE
#include "mem/mem.h"

#include "cpu/icache.h"

#include <stdlib.h>
#include <sys/mman.h>

/* Fresh zero host pages for a guest range: for a mapping, and for an
 * unmapped range, whose contents are so dropped. Unmapped pages stay
 * host-accessible (nothing is committed until touched): another guest
 * thread that checked the page table just before the unmap may still be
 * in the middle of an access, which then reads zeroes or writes into a
 * page dropped again at the next mapping, instead of faulting in the
 * emulator. */
static int host_commit(struct gmem *m, uint64_t addr, uint64_t len)
{
	void *p = mmap(m->host + addr, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
	return p == MAP_FAILED ? -1 : 0;
}

int gmem_init(struct gmem *m, uint64_t size, bool big_endian)
{
	memset(m, 0, sizeof *m);
	void *h = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (h == MAP_FAILED)
		return -1;
	void *t = mmap(NULL, size >> GPAGE_SHIFT, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	struct gvma_list *l = calloc(1, sizeof *l);
	if (t == MAP_FAILED || !l) {
		munmap(h, size);
		if (t != MAP_FAILED)
			munmap(t, size >> GPAGE_SHIFT);
		free(l);
		return -1;
	}
	m->vmas = l;
	m->host = h;
	m->perm = t;
	m->size = size;
	m->big_endian = big_endian;
	return 0;
}

void gmem_destroy(struct gmem *m)
{
	if (m->host)
		munmap(m->host, m->size);
	if (m->perm)
		munmap(m->perm, m->size >> GPAGE_SHIFT);
	m->host = m->perm = NULL;
	if (m->vmas)
		gvma_free(m->vmas);
	free(m->vmas);
	m->vmas = NULL;
}

bool gmem_check_pages(struct gmem *m, uint64_t a, uint64_t len, unsigned need)
{
	if (len == 0)
		return true;
	if (a >= m->size || len > m->size - a) {
		m->fault_addr = a >= m->size ? a : m->size;
		m->fault = GF_MAPERR;
		return false;
	}
	uint64_t first = a >> GPAGE_SHIFT, last = (a + len - 1) >> GPAGE_SHIFT;
	for (uint64_t p = first; p <= last; p++) {
		unsigned pr = gmem_perm(m, p);
		if ((pr & need) != need) {
			m->fault_addr = p == first ? a : p << GPAGE_SHIFT;
			m->fault = (pr & GP_MAPPED) ? GF_ACCERR : GF_MAPERR;
			return false;
		}
	}
	if (need & GP_W)
		gmem_code_flush(m, first, last + 1);
	return true;
}

static void set_perms(struct gmem *m, uint64_t first, uint64_t end, unsigned v)
{
	for (uint64_t p = first; p < end; p++)
		gmem_set_perm(m, p, v);
}

void gmem_code_flush(struct gmem *m, uint64_t first, uint64_t end)
{
	bool code = false;
	/* Ordered after the caller's writes to the code (a racing decoder
	 * either sees them or has set GP_CODE already). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (uint64_t p = first; p < end; p++)
		if (gmem_perm(m, p) & GP_CODE) {
			__atomic_fetch_and(&m->perm[p], (uint8_t)~GP_CODE, __ATOMIC_SEQ_CST);
			code = true;
		}
	if (code)
		icache_code_changed(first << GPAGE_SHIFT, end << GPAGE_SHIFT);
}

/* True when a page of [first, end) holds decoded code. */
static bool has_code(const struct gmem *m, uint64_t first, uint64_t end)
{
	for (uint64_t p = first; p < end; p++)
		if (gmem_perm(m, p) & GP_CODE)
			return true;
	return false;
}

/* Page-rounds [addr, addr+len) into page numbers; false when out of range. */
static bool page_span(const struct gmem *m, uint64_t addr, uint64_t len,
		      uint64_t *first, uint64_t *end)
{
	if (len == 0)
		return false;
	uint64_t lo = addr & ~GPAGE_MASK;
	if (addr >= m->size || len > m->size - addr)
		return false;
	uint64_t hi = (addr + len + GPAGE_MASK) & ~GPAGE_MASK;
	*first = lo >> GPAGE_SHIFT;
	*end = hi >> GPAGE_SHIFT;
	return true;
}

int gmem_map(struct gmem *m, uint64_t addr, uint64_t len, unsigned prot)
{
	uint64_t first, end;
	if (!page_span(m, addr, len, &first, &end))
		return -1;
	/* Only pages not yet mapped get fresh host memory, in runs. */
	for (uint64_t p = first; p < end;) {
		if (m->perm[p] & GP_MAPPED) {
			p++;
			continue;
		}
		uint64_t q = p;
		while (q < end && !(m->perm[q] & GP_MAPPED))
			q++;
		if (host_commit(m, p << GPAGE_SHIFT, (q - p) << GPAGE_SHIFT) != 0)
			return -1;
		p = q;
	}
	bool code = has_code(m, first, end);
	set_perms(m, first, end, (prot & (GP_R | GP_W | GP_X)) | GP_MAPPED);
	if (code)
		icache_code_changed(first << GPAGE_SHIFT, end << GPAGE_SHIFT);
	return 0;
}

int gmem_protect(struct gmem *m, uint64_t addr, uint64_t len, unsigned prot)
{
	uint64_t first, end;
	if (!page_span(m, addr, len, &first, &end))
		return -1;
	for (uint64_t p = first; p < end; p++)
		if (!(m->perm[p] & GP_MAPPED))
			return -1;
	bool code = has_code(m, first, end);
	set_perms(m, first, end, (prot & (GP_R | GP_W | GP_X)) | GP_MAPPED);
	if (code)
		icache_code_changed(first << GPAGE_SHIFT, end << GPAGE_SHIFT);
	return 0;
}

int gmem_unmap(struct gmem *m, uint64_t addr, uint64_t len)
{
	uint64_t first, end;
	if (!page_span(m, addr, len, &first, &end))
		return -1;
	bool code = has_code(m, first, end);
	/* The page table first: no access starts on these pages after it. */
	set_perms(m, first, end, 0);
	if (host_commit(m, first << GPAGE_SHIFT, (end - first) << GPAGE_SHIFT) != 0)
		return -1;
	if (code)
		icache_code_changed(first << GPAGE_SHIFT, end << GPAGE_SHIFT);
	return 0;
}

uint64_t gmem_find_free(struct gmem *m, uint64_t hint, uint64_t len, uint64_t limit)
{
	if (len == 0 || limit > m->size)
		return 0;
	uint64_t npages = (len + GPAGE_MASK) >> GPAGE_SHIFT;
	uint64_t p = (hint + GPAGE_MASK) >> GPAGE_SHIFT, lim = limit >> GPAGE_SHIFT;
	if (p == 0)
		p = 1; /* page 0 stays unmapped: NULL must fault */
	uint64_t run = 0;
	for (; p < lim; p++) {
		if (m->perm[p] & GP_MAPPED) {
			run = 0;
			continue;
		}
		if (++run == npages)
			return (p + 1 - npages) << GPAGE_SHIFT;
	}
	return 0;
}

long gmem_strnlen(struct gmem *m, uint64_t a, size_t max)
{
	for (size_t n = 0; n < max;) {
		if (!gmem_check(m, a + n, 1, GP_R))
			return -1;
		/* Scan to the end of this page at once. */
		uint64_t page_end = ((a + n) | GPAGE_MASK) + 1;
		size_t chunk = page_end - (a + n);
		if (chunk > max - n)
			chunk = max - n;
		const uint8_t *s = m->host + a + n;
		const uint8_t *z = memchr(s, 0, chunk);
		if (z)
			return (long)(n + (size_t)(z - s));
		n += chunk;
	}
	return -1;
}
