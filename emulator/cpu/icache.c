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

static unsigned hash(uint64_t k)
{
	return (unsigned)((k >> 12) ^ (k >> 20)) & (ICACHE_BUCKETS - 1);
}

struct icache_page *icache_find(struct icache *c, uint64_t k)
{
	unsigned long g = __atomic_load_n(&icache_generation, __ATOMIC_ACQUIRE);
	if (__builtin_expect(g != c->gen, 0)) {
		drop_pages(c);
		c->gen = g;
		return NULL;
	}
	for (struct icache_page *pg = c->bucket[hash(k)]; pg; pg = pg->next)
		if (pg->key == k)
			return pg;
	return NULL;
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
	unsigned h = hash(k);
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
