/* The per-thread JIT state (jit.h): the executable region with the
 * trampoline at its start, the block hash, flushing. */
#define _DEFAULT_SOURCE
#include "cpu/jit/jit.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <threads.h>

#include "cpu/icache.h"
#include "mem/mem.h"

#ifdef MIMIC_COUNT_INSNS
bool jit_enabled = false;
#else
bool jit_enabled = true;
#endif

/* Reserved, committed as it is written: a busy thread's hot code is far
 * smaller; when full it is flushed and starts again. */
#define JIT_REGION ((size_t)64 << 20)
#define JIT_PREFAULT ((size_t)256 << 10)
#define JIT_PREFAULT_BLOCKS 1024
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static tss_t key;
static thread_local struct jit *self;
static thread_local bool refused;

static void destroy(void *p)
{
	struct jit *j = p;
	munmap(j->base, JIT_REGION);
	munmap(j, sizeof *j);
}

static void make_key(void)
{
	if (tss_create(&key, destroy) != thrd_success)
		abort();
}

/* enter(cpu, j, code): saves the callee-saved registers, loads the fixed
 * ones and jumps to code; the epilogue undoes it and returns eax. Six
 * pushes and the return address leave rsp 8 off a 16-byte boundary: one
 * more slot aligns the calls generated code makes into C. */
static void emit_trampoline(struct jit *j)
{
	struct emit e = { j->base };
	static const uint8_t saved[] = { RBP, RBX, R12, R13, R14, R15 };

	j->enter = (int (*)(void *, struct jit *, uint8_t *))(void *)e.p;
	for (unsigned i = 0; i < sizeof saved; i++)
		x_push(&e, saved[i]);
	x_alu_imm(&e, true, G1_SUB, RSP, 8);
	x_rr(&e, true, X_LOAD, RBX, RDI);
	x_rr(&e, true, X_LOAD, R12, RSI);
	x_rm(&e, 0, true, X_LOAD, R13, R12, (int32_t)offsetof(struct jit, host));
	x_rm(&e, 0, true, X_LOAD, R14, R12, (int32_t)offsetof(struct jit, perm));
	x_rm(&e, 0, true, X_LOAD, R15, R12, (int32_t)offsetof(struct jit, size));
	x_byte(&e, 0xff); /* jmp rdx */
	x_byte(&e, 0xe2);

	j->epilogue = e.p;
	x_alu_imm(&e, true, G1_ADD, RSP, 8);
	for (unsigned i = sizeof saved; i-- > 0;)
		x_pop(&e, saved[i]);
	x_ret(&e);

	j->exit_stub = e.p;
	x_rr(&e, false, X_XOR, RAX, RAX);
	x_jmp_to(&e, j->epilogue);
	j->blocks_start = e.p;
}

struct jit *jit_self(void)
{
	static once_flag once = ONCE_FLAG_INIT;
	if (__builtin_expect(self != NULL, 1))
		return self;
	if (!jit_enabled || refused)
		return NULL;
	call_once(&once, make_key);
	struct jit *j = mmap(NULL, sizeof *j, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *m = MAP_FAILED;
	if (j != MAP_FAILED)
		m = mmap(NULL, JIT_REGION, PROT_READ | PROT_WRITE | PROT_EXEC,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED) {
		/* Without it the interpreter runs everything. */
		if (j != MAP_FAILED)
			munmap(j, sizeof *j);
		refused = true;
		return NULL;
	}
	/* A page fault costs more than the page: the tables jit_flush writes
	 * are taken in one call, and the region in steps ahead of the code
	 * (jit_begin), where the kernel has it (5.14 and later; otherwise
	 * they fault in as before). A static start-up writes about 250 KiB
	 * of code, a dynamic one 900 KiB. */
	madvise(j, offsetof(struct jit, blocks) + JIT_PREFAULT_BLOCKS * sizeof j->blocks[0], MADV_POPULATE_WRITE);
	j->base = m;
	j->ready = m;
	j->end = j->base + JIT_REGION;
	j->genp = &icache_generation;
	emit_trampoline(j);
	jit_flush(j);
	tss_set(key, j);
	self = j;
	return j;
}

struct jit *jit_for(const struct gmem *mem)
{
	struct jit *j = jit_self();
	if (j) {
		j->host = mem->host;
		j->perm = mem->perm;
		j->size = mem->size;
	}
	return j;
}

void jit_flush(struct jit *j)
{
	j->gen = __atomic_load_n(&icache_generation, __ATOMIC_ACQUIRE);
	j->cur = j->blocks_start;
	j->link = NULL;
	j->nblocks = 0;
	j->flushes++;
	for (unsigned i = 0; i < JIT_HASH; i++)
		j->hash[i] = NULL;
	for (unsigned i = 0; i < JIT_FAST; i++)
		j->fast[i] = (struct jit_fast){ 1, j->exit_stub };
}

uint8_t *jit_begin(struct jit *j)
{
	if ((size_t)(j->end - j->cur) < JIT_BLOCK_ROOM || j->nblocks == JIT_MAX_BLOCKS)
		jit_flush(j);
	if (j->cur + JIT_BLOCK_ROOM > j->ready && j->ready < j->end) {
		madvise(j->ready, JIT_PREFAULT, MADV_POPULATE_WRITE);
		j->ready += JIT_PREFAULT;
	}
	return j->cur;
}

struct jit_block *jit_commit(struct jit *j, uint64_t pc, uint8_t *code, uint8_t *end)
{
	struct jit_block *b = &j->blocks[j->nblocks++];
	unsigned h = jit_hash(pc);
	*b = (struct jit_block){ pc, j->hash[h], code };
	j->hash[h] = b;
	if (code) {
		/* Keeps the next block's code 16-byte aligned. */
		j->cur = (uint8_t *)(((uintptr_t)end + 15) & ~(uintptr_t)15);
	}
	return b;
}

struct jit_cold *jit_add_cold(struct jit_tr *t, enum jit_cold_kind kind, uint64_t pc, uint8_t *site)
{
	struct jit_cold *c = &t->cold[t->ncold++];
	*c = (struct jit_cold){ .kind = (uint8_t)kind, .pc = pc, .site = { site } };
	return c;
}

void jit_store_pc(struct jit_tr *t, uint64_t pc)
{
	if (t->pc32) {
		x_rex(&t->e, false, 0, 0, RBX, false);
		x_byte(&t->e, 0xc7);
		x_mem(&t->e, 0, RBX, t->pc_off);
		x_u32(&t->e, (uint32_t)pc);
	} else {
		x_store_imm(&t->e, RBX, t->pc_off, pc);
	}
}

void jit_gen_check(struct jit_tr *t, uint64_t next)
{
	struct emit *e = &t->e;
	x_rm(e, 0, true, X_LOAD, RAX, R12, (int32_t)offsetof(struct jit, genp));
	x_rm(e, 0, true, X_LOAD, RAX, RAX, 0);
	x_rm(e, 0, true, X_CMP, RAX, R12, (int32_t)offsetof(struct jit, gen));
	jit_add_cold(t, COLD_EXIT, next, x_jcc(e, CC_NE));
}

void jit_page_check(struct jit_tr *t, struct jit_cold *c, unsigned *nsite, bool store)
{
	struct emit *e = &t->e;
	x_rr(e, true, X_CMP, RAX, R15);
	c->site[(*nsite)++] = x_jcc(e, CC_AE);
	x_rr(e, true, X_LOAD, RDX, RAX);
	x_shift_imm(e, true, SH_SHR, RDX, GPAGE_SHIFT);
	if (store) {
		x_rx(e, 0, false, X_MOVZX8, RDX, R14, RDX);
		x_alu_imm(e, false, G1_AND, RDX, (int32_t)gmem_need_mask(GP_W));
		x_alu_imm(e, false, G1_CMP, RDX, GP_W);
		c->site[(*nsite)++] = x_jcc(e, CC_NE);
	} else {
		x_rx(e, 0, false, 0xf6, 0, R14, RDX); /* test byte [r14 + rdx], GP_R */
		x_byte(e, GP_R);
		c->site[(*nsite)++] = x_jcc(e, CC_E);
	}
}

void jit_entry_check(struct jit_tr *t, int32_t irq_off, uint64_t pc)
{
	x_cmp_mem_imm8(&t->e, false, RBX, irq_off, 0);
	jit_add_cold(t, COLD_EXIT, pc, x_jcc(&t->e, CC_NE));
	jit_gen_check(t, pc);
}

/* lea rax, [rip + to - end of the lea] */
static void lea_rip(struct emit *e, const uint8_t *to)
{
	x_byte(e, 0x48);
	x_byte(e, 0x8d);
	x_byte(e, 0x05);
	uint8_t *field = e->p;
	x_u32(e, 0);
	x_patch(field, to);
}

void jit_emit_cold(struct jit_tr *t)
{
	struct emit *e = &t->e;
	/* A slow path may add an exit: the loop sees it too. */
	for (unsigned i = 0; i < t->ncold; i++) {
		const struct jit_cold *c = &t->cold[i];
		for (unsigned k = 0; k < 5 && c->site[k]; k++)
			x_patch(c->site[k], e->p);
		switch (c->kind) {
		case COLD_SLOW:
			t->slow(t, c);
			break;
		case COLD_EXIT:
			jit_store_pc(t, c->pc);
			x_jmp_to(e, t->j->exit_stub);
			break;
		case COLD_CHAIN:
			jit_store_pc(t, c->pc);
			lea_rip(e, c->site[0]);
			x_rm(e, 0, true, X_STORE, RAX, R12, (int32_t)offsetof(struct jit, link));
			x_jmp_to(e, t->j->exit_stub);
			break;
		}
	}
}
