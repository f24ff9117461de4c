/* Decoded guest code, per host thread: each guest code page the thread
 * runs is decoded once into an array of entries (the CPU back end's own
 * layout), found again by its page address.
 *
 * Why per thread: guest threads run on host threads in parallel; private
 * caches need no lock and no atomic on the dispatch path. What they share
 * is a generation counter and a bit in the shared page-permission table
 * (GP_CODE, mem.h): a thread sets the bit before it decodes a page, and
 * anything that changes a page with the bit set (a write, mprotect,
 * munmap, mmap over it, cacheflush, SYNCI) clears it and bumps the
 * generation. A thread compares the generation whenever it looks a page
 * up (every taken branch and page crossing, every run() entry) and drops
 * its whole cache when it moved. The thread that made the change also
 * resets its own copies of the pages at once, so a store into the code
 * it is running takes effect at the next instruction, as on the guest.
 * Another thread sees the change at its next taken branch: guest ISAs
 * only promise cross-thread code changes after cache maintenance
 * (cacheflush, SYNCI) and a context-synchronising event, which are
 * later than that. */
#ifndef MIMIC_ICACHE_H
#define MIMIC_ICACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct gmem;

struct icache_page {
	uint64_t key;                 /* guest page address | back-end mode bits */
	struct icache_page *next;     /* same hash bucket */
	struct icache_page *all_next; /* every page of the cache */
	/* Set when the page changed under this thread: the entries were reset
	 * to the back end's fetch-and-decode fallback and the page is decoded
	 * again the next time it is looked up. */
	bool stale;
	void (*reset)(struct icache_page *pg);
	_Alignas(16) unsigned char entries[];
};

#define ICACHE_BUCKETS 256

struct icache {
	unsigned long gen;           /* the generation this cache is up to date with */
	struct icache_page *bucket[ICACHE_BUCKETS];
	struct icache_page *all;
	size_t bytes;                /* of all pages, bounded by ICACHE_MAX_BYTES */
	unsigned long drops;         /* times the pages were freed: a page pointer
				      * kept from before a change of it is stale */
};

/* Bumped on every code change; read at each look-up. */
extern unsigned long icache_generation;

/* The calling host thread's cache, made on first use (a few KiB). Out of
 * memory for it or a page, mimic ends with a message. */
struct icache *icache_self(void);

/* Drops every page of the cache and takes the current generation. */
void icache_drop(struct icache *c);

static inline unsigned icache_hash(uint64_t k)
{
	return (unsigned)((k >> 12) ^ (k >> 20)) & (ICACHE_BUCKETS - 1);
}

/* The page with key, or NULL. Drops the whole cache first when another
 * change has happened since the last look. */
static inline struct icache_page *icache_find(struct icache *c, uint64_t k)
{
	if (__builtin_expect(__atomic_load_n(&icache_generation, __ATOMIC_ACQUIRE) != c->gen, 0)) {
		icache_drop(c);
		return NULL;
	}
	for (struct icache_page *pg = c->bucket[icache_hash(k)]; pg; pg = pg->next)
		if (pg->key == k)
			return pg;
	return NULL;
}
/* A new page of entry_bytes bytes of entries for key (not yet filled).
 * Drops the older pages when the cache is full. reset is what
 * icache_code_changed calls. */
struct icache_page *icache_add(struct icache *c, uint64_t key, size_t entry_bytes,
			       void (*reset)(struct icache_page *pg));

/* The look-up's miss path, shared by the run loops: (re)decodes the code
 * page at guest address page into pg (a new page with key when NULL) by
 * decode, after marking it GP_CODE, so a write from then on takes the
 * slow path and drops the copy. NULL when the page, once marked, has no
 * execute permission (the caller checked the fetch before). */
struct icache_page *icache_fill(struct icache *c, struct gmem *m, struct icache_page *pg, uint64_t key,
				uint64_t page, size_t entry_bytes, void (*reset)(struct icache_page *pg),
				void (*decode)(struct icache_page *pg, const uint8_t *code, bool big_endian));

/* True when some code change happened since this thread last looked. */
static inline bool icache_outdated(const struct icache *c)
{
	return __atomic_load_n(&icache_generation, __ATOMIC_ACQUIRE) != c->gen;
}

/* The guest code in [lo, hi) changed: every thread drops its decoded
 * copies (the caller at once). Called by mem.c only. */
void icache_code_changed(uint64_t lo, uint64_t hi);

/* Guest instructions run, counted only by the mimic-count build, for
 * harness/benchmark's instructions per second: each run loop counts in a
 * thread-local and adds it to the total when it stops. */
#ifdef MIMIC_COUNT_INSNS
extern _Thread_local unsigned long icache_insns;
#define ICACHE_COUNT(n) (icache_insns += (n))
void icache_count_flush(void);
unsigned long icache_count_total(void);
#else
#define ICACHE_COUNT(n) ((void)0)
static inline void icache_count_flush(void) {}
#endif

#endif
