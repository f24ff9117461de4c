/* The ARM-state run loop over decoded pages (cpu/icache.h).
 *
 * Dispatch: each 4 KiB code page is decoded once into 1024 entries of a
 * handler (the decoder table's executor, the same function the decoder
 * calls) and the instruction word, plus the condition as a mask over the
 * NZCV combinations (all ones for AL, tested without building NZCV). The
 * loop calls entry after entry ("call threading"); a 1025th entry ends the
 * page. Taken branches inside the page index the same array; leaving the
 * page looks the next one up in the thread's cache. Measured here on the
 * integer workload (armv6, 2 busy cores), against fetching and decoding
 * every word (1.52 s): see results/benchmark.md for the figures of the
 * variants tried. Tail-call or computed-goto threading would need the
 * executors rewritten as loop bodies: they are shared with the decoder
 * and with Thumb, so one loop calling them is kept.
 *
 * Interrupt requests and the code-change generation are checked on taken
 * branches and page changes, not per instruction: every loop takes a
 * branch, and straight-line code ends at the page's last entry.
 * Instruction boundaries, the PC of a stop and every register are exactly
 * those of the fetch-and-decode loop it replaces. */
#include "cpu/arm/arm_decode.h"
#include "cpu/icache.h"

struct arm_entry {
	arm_handler fn;
	uint32_t insn;
	uint16_t cond;   /* arm_cond_table bits of the condition; 0xffff: always */
};

#define PAGE_ENTRIES (GPAGE_SIZE / 4)
#define COND_ALWAYS 0xffffu

/* What the last entry of a page returns: continue at r[15] on the next page. */
#define ARM_LOOKUP (-2)

static int page_end(struct arm_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	return ARM_LOOKUP;
}

/* The entry of a page whose code changed under this thread: fetch and
 * decode the word each time, as before the cache. */
static int fallback(struct arm_cpu *cpu, uint32_t insn)
{
	if (!gmem_fetch32(cpu->mem, cpu->r[15], &insn)) {
		cpu->stop_pc = cpu->r[15];
		cpu->insn = 0;
		return ARM_STOP_FAULT;
	}
	return arm_exec_arm_inline(cpu, insn);
}

static struct arm_entry *entries(struct icache_page *pg)
{
	return (struct arm_entry *)pg->entries;
}

static void reset(struct icache_page *pg)
{
	struct arm_entry *e = entries(pg);
	for (unsigned i = 0; i < PAGE_ENTRIES; i++)
		e[i] = (struct arm_entry){ fallback, 0, COND_ALWAYS };
}

static void decode_page(struct icache_page *pg, const uint8_t *code, bool big_endian)
{
	struct arm_entry *e = entries(pg);
	for (unsigned i = 0; i < PAGE_ENTRIES; i++) {
		uint32_t insn = gmem_raw_ld32(code + 4 * i);
		if (big_endian)
			insn = __builtin_bswap32(insn);
		uint32_t cond = insn >> 28;
		e[i].insn = insn;
		e[i].cond = cond >= 14 ? COND_ALWAYS : arm_cond_table[cond];
		e[i].fn = cond == 15 ? arm_exec_uncond : arm_decode_table[arm_decode_index(insn)];
	}
	e[PAGE_ENTRIES] = (struct arm_entry){ page_end, 0, COND_ALWAYS };
	pg->stale = false;
}

/* The entry for pc, decoding its page when needed; NULL with the fault
 * stop filled in when pc cannot be fetched. */
static const struct arm_entry *lookup(struct arm_cpu *cpu, struct icache *ic, uint32_t pc)
{
	struct gmem *m = cpu->mem;
	uint32_t page = pc & ~(uint32_t)GPAGE_MASK;
	struct icache_page *pg = icache_find(ic, page);

	if (!pg || pg->stale) {
		/* Marked before the words are read: a write after this point
		 * takes the slow path and drops the copy. */
		if (!gmem_check(m, pc, 4, GP_X) || !(gmem_mark_code(m, page >> GPAGE_SHIFT) & GP_X)) {
			gmem_check(m, pc, 4, GP_X);
			cpu->r[15] = pc;
			cpu->stop_pc = pc;
			cpu->insn = 0;
			return NULL;
		}
		if (!pg)
			pg = icache_add(ic, page, (PAGE_ENTRIES + 1) * sizeof(struct arm_entry), reset);
		decode_page(pg, m->host + page, m->big_endian);
	}
	return entries(pg) + ((pc & GPAGE_MASK) >> 2);
}

static inline bool cond_pass(const struct arm_cpu *cpu, unsigned mask)
{
	return (mask >> (cpu->n << 3 | cpu->z << 2 | cpu->c << 1 | cpu->v)) & 1;
}

/* Every stop goes through the kernel on real hardware, and Linux clears the
 * exclusive monitor on each return to user mode. */
static int arm_stop(struct arm_cpu *cpu, int why)
{
	cpu->excl_valid = false;
	return why;
}

static bool interrupted(struct arm_cpu *cpu)
{
	if (__builtin_expect(!__atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED), 1))
		return false;
	__atomic_store_n(&cpu->interrupt_request, 0, __ATOMIC_RELAXED);
	cpu->stop_pc = cpu->r[15];
	return true;
}

/* Runs ARM-state code from r[15] until a stop (returned, an interrupt
 * request too) or a change to Thumb state (0 returned). */
static int run_arm(struct arm_cpu *cpu, struct icache *ic)
{
	for (;;) {
		uint32_t pc = cpu->r[15];
		const struct arm_entry *e = lookup(cpu, ic, pc);
		if (!e)
			return ARM_STOP_FAULT;
		for (;;) {
			int rc;
			cpu->r[15] = pc;
			if (e->cond == COND_ALWAYS || cond_pass(cpu, e->cond))
				rc = e->fn(cpu, e->insn);
			else
				rc = ARM_NEXT;
			if (__builtin_expect(rc == ARM_NEXT, 1)) {
				/* An UNPREDICTABLE register write to the PC (MUL,
				 * CLZ... with Rd = 15) is then stepped like the
				 * PC, and taken. */
				if (__builtin_expect(cpu->r[15] == pc, 1)) {
					pc += 4;
					e++;
					continue;
				}
				cpu->r[15] += 4;
				rc = 0;
			}
			if (rc == ARM_LOOKUP) {
				cpu->r[15] = pc;
				break;
			}
			if (rc)
				return rc;
			/* A taken branch: on in this page when nothing is to be
			 * checked again. */
			if (interrupted(cpu))
				return ARM_STOP_INTERRUPT;
			if (cpu->t)
				return 0;
			uint32_t to = cpu->r[15];
			if (((to ^ pc) & ~(uint32_t)GPAGE_MASK) || icache_outdated(ic))
				break;
			e += (int32_t)(to - pc) >> 2;
			pc = to;
		}
	}
}

int arm_run(struct arm_cpu *cpu)
{
	struct icache *ic = icache_self();

	/* Back from the kernel: the reference CPU model's exception return
	 * cannot restore ITSTATE (no Thumb-2), so it is clear. */
	cpu->itstate = 0;
	for (;;) {
		if (interrupted(cpu))
			return arm_stop(cpu, ARM_STOP_INTERRUPT);
		int rc = cpu->t ? arm_thumb_run(cpu) : run_arm(cpu, ic);
		if (__builtin_expect(rc > 0, 0))
			return arm_stop(cpu, rc);
	}
}
