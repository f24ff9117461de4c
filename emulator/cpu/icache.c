/* The per-thread decoded-code cache (icache.h): a small hash of decoded
 * pages, dropped whole when the generation moves or it grows too big. */
#include "cpu/icache.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <threads.h>

#include "mem/mem.h"

/* About 1000 ARM or MIPS pages: far beyond a hot loop's working set, and
 * a bound on what a thread that runs through much code holds. */
#define ICACHE_MAX_BYTES ((size_t)16 << 20)

unsigned long icache_generation;

static tss_t key;
static thread_local struct icache *self;

/* Without memory for decoded code no guest instruction can run. */
static void *must(void *p)
{
	if (!p) {
		fputs("mimic: out of memory for decoded guest code\n", stderr);
		_exit(127);
	}
	return p;
}

static void drop_pages(struct icache *c)
{
	for (struct icache_page *pg = c->all, *next; pg; pg = next) {
		next = pg->all_next;
		free(pg);
	}
	c->all = NULL;
	for (unsigned i = 0; i < ICACHE_BUCKETS; i++)
		c->bucket[i] = NULL;
	c->bytes = 0;
	c->drops++;
}

/* A host thread's end frees its cache. */
static void destroy(void *p)
{
	struct icache *c = p;
	drop_pages(c);
	free(c);
}

static void make_key(void)
{
	if (tss_create(&key, destroy) != thrd_success)
		abort();
}

struct icache *icache_self(void)
{
	static once_flag once = ONCE_FLAG_INIT;
	if (__builtin_expect(self != NULL, 1))
		return self;
	call_once(&once, make_key);
	struct icache *c = must(calloc(1, sizeof *c));
	c->gen = __atomic_load_n(&icache_generation, __ATOMIC_ACQUIRE);
	tss_set(key, c);
	self = c;
	return c;
}

void icache_drop(struct icache *c)
{
	drop_pages(c);
	c->gen = __atomic_load_n(&icache_generation, __ATOMIC_ACQUIRE);
}

struct icache_page *icache_add(struct icache *c, uint64_t k, size_t entry_bytes,
			       void (*reset)(struct icache_page *pg))
{
	size_t size = sizeof(struct icache_page) + entry_bytes;
	if (c->bytes + size > ICACHE_MAX_BYTES)
		drop_pages(c);
	struct icache_page *pg = malloc(size);
	if (!pg) {
		drop_pages(c);
		pg = must(malloc(size));
	}
	unsigned h = icache_hash(k);
	pg->key = k;
	pg->stale = false;
	pg->reset = reset;
	pg->next = c->bucket[h];
	c->bucket[h] = pg;
	pg->all_next = c->all;
	c->all = pg;
	c->bytes += size;
	return pg;
}

struct icache_page *icache_fill(struct icache *c, struct gmem *m, struct icache_page *pg, uint64_t k,
				uint64_t page, size_t entry_bytes, void (*reset)(struct icache_page *pg),
				void (*decode)(struct icache_page *pg, const uint8_t *code, bool big_endian))
{
	if (!(gmem_mark_code(m, page >> GPAGE_SHIFT) & GP_X))
		return NULL;
	if (!pg)
		pg = icache_add(c, k, entry_bytes, reset);
	decode(pg, m->host + page, m->big_endian);
	pg->stale = false;
	return pg;
}

void icache_code_changed(uint64_t lo, uint64_t hi)
{
	unsigned long old = __atomic_fetch_add(&icache_generation, 1, __ATOMIC_ACQ_REL);
	struct icache *c = self;
	if (!c)
		return;
	/* Pages of this thread are reset in place, never freed: the dispatch
	 * loop may be running one of them (a store into its own code). */
	for (struct icache_page *pg = c->all; pg; pg = pg->all_next) {
		uint64_t a = pg->key & ~GPAGE_MASK;
		if (a >= lo && a < hi && !pg->stale) {
			pg->reset(pg);
			pg->stale = true;
		}
	}
	/* Up to date still when no other change came between. */
	if (c->gen == old)
		c->gen = old + 1;
}

#ifdef MIMIC_COUNT_INSNS
_Thread_local unsigned long icache_insns;
static unsigned long insns_total;

void icache_count_flush(void)
{
	__atomic_fetch_add(&insns_total, icache_insns, __ATOMIC_RELAXED);
	icache_insns = 0;
}

unsigned long icache_count_total(void)
{
	return __atomic_load_n(&insns_total, __ATOMIC_RELAXED);
}
#endif
