/* The block JIT's common part: per host thread, one executable region of
 * translated guest blocks, a hash from guest address to block, and the
 * entry/exit trampoline. The per-ISA translators (mips_jit.c) fill it.
 *
 * Generated code runs with fixed host registers: rbx the guest cpu
 * structure, r12 this thread's struct jit, r13 the host address of guest
 * address 0, r14 the page-permission table, r15 the guest space size;
 * rbp is free for a translator (callee-saved, so it survives calls into
 * C). A block returns to the trampoline with eax 0 and the guest pc
 * stored to go on, or an ISA stop code.
 *
 * Invalidation is the decoded-page cache's (cpu/icache.h): the
 * translator marks the pages it reads GP_CODE, and every block checks at
 * entry that icache_generation has not moved (and that no interrupt is
 * requested); when it has, the dispatcher drops every block. A store
 * into code takes the slow path (GP_CODE), so the block checks the
 * generation after it and leaves at the next instruction. The region is
 * reused from its start when full: only the dispatcher flushes, never
 * with generated code on the stack. */
#ifndef MIMIC_JIT_H
#define MIMIC_JIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/jit/x86_emit.h"

/* Off with -nojit or MIMIC_JIT=0 (main.c); the mimic-count build counts
 * guest instructions in the interpreter only, so it starts off there. */
extern bool jit_enabled;

struct jit_block {
	uint64_t pc;
	struct jit_block *next;  /* same hash bucket */
	uint8_t *code;           /* NULL: the interpreter runs the first instruction */
};

/* Perl's start in a jail translated 16,384 blocks (9 MiB of code) 8 to 12
 * times over when these were 4x smaller: each flush dropped code it needed
 * again. Now perl, debconf and cc1 run without a flush. */
#define JIT_HASH 16384
#define JIT_FAST 4096
#define JIT_MAX_BLOCKS 65536

/* Generated code's view: fields it reads through r12. */
struct jit_fast {
	uint64_t pc;
	uint8_t *code;
};

struct jit {
	const unsigned long *genp;   /* &icache_generation */
	unsigned long gen;           /* the generation the blocks belong to */
	uint8_t *link;               /* rel32 field of the jump the last block left by */
	uint8_t *host, *perm;
	uint64_t size;
	/* Indirect jumps look their target up here in generated code; a
	 * miss (code = the exit stub) returns to the dispatcher. */
	struct jit_fast fast[JIT_FAST];

	uint8_t *base, *cur, *end;   /* the executable region */
	uint8_t *ready;              /* the region's pages below are in place */
	uint8_t *epilogue;           /* returns to C with eax */
	uint8_t *exit_stub;          /* xor eax,eax; jmp epilogue */
	int (*enter)(void *cpu, struct jit *j, uint8_t *code);
	uint8_t *blocks_start;       /* the region after the trampoline */
	unsigned long flushes;
	struct jit_block *hash[JIT_HASH];
	unsigned nblocks;
	struct jit_block blocks[JIT_MAX_BLOCKS];
};

/* The calling thread's JIT, made on first use; NULL when the JIT is off
 * or the host refused executable memory (the interpreter then runs). */
struct jit *jit_self(void);

/* jit_self with the guest memory view generated code reads (r13-r15)
 * taken from mem. */
struct gmem;
struct jit *jit_for(const struct gmem *mem);

/* Drops every block and takes the current generation. */
void jit_flush(struct jit *j);

static inline unsigned jit_hash(uint64_t pc) { return (unsigned)(pc >> 2 ^ pc >> 14) & (JIT_HASH - 1); }
static inline unsigned jit_fast_index(uint64_t pc) { return (unsigned)(pc >> 2) & (JIT_FAST - 1); }

static inline struct jit_block *jit_find(struct jit *j, uint64_t pc)
{
	for (struct jit_block *b = j->hash[jit_hash(pc)]; b; b = b->next)
		if (b->pc == pc)
			return b;
	return NULL;
}

/* Room for one block of at most this many bytes, flushing when needed:
 * the translator starts at the returned pointer. */
#define JIT_BLOCK_ROOM ((size_t)64 << 10)
uint8_t *jit_begin(struct jit *j);
/* Registers the block for pc whose code runs from code to end (code NULL:
 * no translation). */
struct jit_block *jit_commit(struct jit *j, uint64_t pc, uint8_t *code, uint8_t *end);

/* A translation under way: the emitter and the out-of-line code that
 * follows the block's body: a slow path (the ISA's executor call for a
 * load or store, then back to resume), an exit at pc, or a chained exit
 * at pc (its jump at site is patched to the next block later). */
enum jit_cold_kind { COLD_SLOW, COLD_EXIT, COLD_CHAIN };

struct jit_cold {
	uint8_t kind;
	bool delay;
	uint32_t insn;
	uint64_t pc;
	uint8_t *site[5];
	uint8_t *resume;
};

#define JIT_MAX_COLD 400

struct jit_tr {
	struct emit e;
	struct jit *j;
	int32_t pc_off;      /* of the guest pc in the cpu structure */
	bool pc32;           /* a 32-bit guest pc */
	/* Emits the slow path of c (ends with a jump to c->resume). */
	void (*slow)(struct jit_tr *t, const struct jit_cold *c);
	unsigned ncold;
	struct jit_cold cold[JIT_MAX_COLD];
};

struct jit_cold *jit_add_cold(struct jit_tr *t, enum jit_cold_kind kind, uint64_t pc, uint8_t *site);
/* Stores pc as the guest pc. */
void jit_store_pc(struct jit_tr *t, uint64_t pc);
/* Leaves at next when the code-change generation moved. */
void jit_gen_check(struct jit_tr *t, uint64_t next);
/* The inline page check of a guest access at rax whose end stays in its
 * page: below the space size, and the page's permission byte grants
 * reading, or writing with no decoded code on the page (GP_CODE sends a
 * store to the slow path, which notices the code change). Each failing
 * jump is added to c's sites. Clobbers rdx. */
void jit_page_check(struct jit_tr *t, struct jit_cold *c, unsigned *nsite, bool store);
/* Block entry: leaves at pc on an interrupt request or a code change. */
void jit_entry_check(struct jit_tr *t, int32_t irq_off, uint64_t pc);
/* Ends the block with a chained jump to pc. */
static inline void jit_chain_exit(struct jit_tr *t, uint64_t pc)
{
	jit_add_cold(t, COLD_CHAIN, pc, x_jmp(&t->e));
}
/* Emits the out-of-line code; the block's code ends at t->e.p. */
void jit_emit_cold(struct jit_tr *t);

/* Makes the jump whose rel32 field is at site go to b. */
static inline void jit_chain(uint8_t *site, const struct jit_block *b)
{
	x_patch(site, b->code);
}

/* The dispatcher's step both ISAs share: the jump the last block left by
 * (link) is chained to b unless a flush came between, b goes into the
 * fast table and runs. Returns its result (0: dispatch again), with link
 * the exit it left by. */
struct jit_dispatch {
	uint8_t *link;
	unsigned long flushes;
};

static inline int jit_run_block(struct jit *j, void *cpu, struct jit_dispatch *d, uint64_t pc,
				const struct jit_block *b)
{
	if (d->link && j->flushes == d->flushes)
		jit_chain(d->link, b);
	j->fast[jit_fast_index(pc)] = (struct jit_fast){ pc, b->code };
	d->flushes = j->flushes;
	int rc = j->enter(cpu, j, b->code);
	d->link = j->link;
	j->link = NULL;
	return rc;
}

#endif
