/* The Thumb run loop over decoded pages (cpu/icache.h), outside IT blocks.
 *
 * Each 4 KiB code page is decoded once into 2048 entries (one per
 * halfword) of the Thumb table's handler and the instruction, plus a
 * 2049th that ends the page; the loop calls them one after the other
 * (call threading, as arm_run.c explains). Thumb handlers step r[15]
 * themselves, so the next entry is the following one when r[15] moved by
 * 2, else the branch target, found by index inside the page. An IT
 * instruction that begins a block hands over to the fetch-and-decode
 * loop (arm_thumb_run), which knows ITSTATE, until the block ends. */
#include "cpu/arm/arm_exec.h"
#include "cpu/arm/arm_thumb.h"
#include "cpu/icache.h"

struct thumb_entry {
	arm_thumb_fn fn;
	uint32_t insn;
};

#define PAGE_ENTRIES (GPAGE_SIZE / 2)
/* Decoded Thumb pages are told from ARM ones by this key bit. */
#define THUMB_KEY 1u

/* Internal results of an entry: go to the next page; an IT block begins. */
#define THUMB_LOOKUP (-2)
#define THUMB_IT (-3)

static int page_end(struct arm_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	return THUMB_LOOKUP;
}

/* The entry of a page whose code changed under this thread. */
static int fallback(struct arm_cpu *cpu, uint32_t insn)
{
	(void)insn;
	return arm_thumb_step(cpu);
}

static int it_hint(struct arm_cpu *cpu, uint32_t insn)
{
	int rc = arm_thumb_handler(insn)(cpu, insn);
	return !rc && cpu->itstate ? THUMB_IT : rc;
}

/* An SVC looks at interrupt requests first (see arm_run.c). */
static int svc_checked(struct arm_cpu *cpu, uint32_t insn)
{
	if (arm_take_interrupt(cpu))
		return ARM_STOP_INTERRUPT;
	return arm_thumb_handler(insn)(cpu, insn);
}

static struct thumb_entry *entries(struct icache_page *pg)
{
	return (struct thumb_entry *)pg->entries;
}

static void reset(struct icache_page *pg)
{
	struct thumb_entry *e = entries(pg);
	for (unsigned i = 0; i < PAGE_ENTRIES; i++)
		e[i] = (struct thumb_entry){ fallback, 0 };
}

static void decode_page(struct icache_page *pg, const uint8_t *code, bool big_endian)
{
	struct thumb_entry *e = entries(pg);
	for (unsigned i = 0; i < PAGE_ENTRIES; i++) {
		uint16_t insn = gmem_raw_ld16(code + 2 * i);
		if (big_endian)
			insn = __builtin_bswap16(insn);
		e[i].insn = insn;
		e[i].fn = (insn >> 8) == 0xbf ? it_hint : (insn >> 8) == 0xdf ? svc_checked : arm_thumb_handler(insn);
	}
	e[PAGE_ENTRIES] = (struct thumb_entry){ page_end, 0 };
}

/* The entry for pc, decoding its page when needed; NULL with the fault
 * stop filled in when pc cannot be fetched. */
static const struct thumb_entry *lookup(struct arm_cpu *cpu, struct icache *ic, uint32_t pc)
{
	struct gmem *m = cpu->mem;
	uint32_t page = pc & ~(uint32_t)GPAGE_MASK;
	struct icache_page *pg = (pc & 1) ? NULL : icache_find(ic, page | THUMB_KEY);

	if ((!pg || pg->stale) &&
	    (!gmem_check(m, pc, 2, GP_X) ||
	     !(pg = icache_fill(ic, m, pg, page | THUMB_KEY, page, (PAGE_ENTRIES + 1) * sizeof(struct thumb_entry),
				reset, decode_page)))) {
		gmem_check(m, pc, 2, GP_X);
		cpu->stop_pc = pc;
		cpu->insn = 0;
		return NULL;
	}
	return entries(pg) + ((pc & GPAGE_MASK) >> 1);
}

int arm_thumb_run_decoded(struct arm_cpu *cpu, struct icache *ic)
{
	for (;;) {
		uint32_t pc = cpu->r[15];
		const struct thumb_entry *e = lookup(cpu, ic, pc);
		if (!e)
			return ARM_STOP_FAULT;
		for (;;) {
			ICACHE_COUNT(1);
			int rc = e->fn(cpu, e->insn);
			uint32_t to = cpu->r[15];
			if (__builtin_expect(!rc && to == pc + 2, 1)) {
				pc = to;
				e++;
				continue;
			}
			if (rc == THUMB_LOOKUP)
				break;
			if (rc == THUMB_IT)
				return 0;
			if (rc)
				return rc;
			/* A taken branch: on in this page when nothing is to be
			 * checked again. */
			if (__atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED) || !cpu->t)
				return 0;
			if (((to ^ pc) & ~(uint32_t)GPAGE_MASK) || (to & 1) || icache_outdated(ic))
				break;
			e += (int32_t)(to - pc) >> 1;
			pc = to;
		}
	}
}
