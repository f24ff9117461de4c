/* The ARM-state run loop over decoded pages (cpu/icache.h).
 *
 * Each 4 KiB code page is decoded once into 1024 entries: the decoder
 * table's handler, the instruction word, the condition as a mask over the
 * NZCV combinations (all ones for AL, tested without building NZCV) and an
 * op. The op selects an inline body for the commonest instructions (data
 * processing per opcode, operand form and S; LDR/STR/LDRB/STRB per form;
 * B/BL), the same always-inline functions the handlers are made of
 * (arm_dp.h, arm_ldst.h, arm_b), or a call of the handler. A 1025th entry
 * ends the page. Taken branches inside the page index the array, branches
 * back to the page last left swap two pointers, others look the page up.
 *
 * Dispatch variants measured here (user seconds, best of 5, integer /
 * branchy workloads, armv6, 2 shared cores at load 7-8):
 *   fetch and decode every word, call the handler (before)  1.71 / 2.14
 *   decoded entries, call threading                          1.40 / 1.63
 *   decoded entries, computed goto, one dispatch jump        1.19 / 1.37
 *   the same with the dispatch copied into every body        1.17 / 1.54
 * The copies gain nothing on the integer workload and lose on the branchy
 * one (the guest's own switch dispatch), so the single jump is kept.
 *
 * Interrupt requests and the code-change generation are checked on taken
 * branches and page changes, not per instruction: every loop takes a
 * branch, and straight-line code ends at the page's last entry. An SVC
 * checks first (svc_checked). Instruction boundaries, the PC of a stop and
 * every register are those of the fetch-and-decode loop it replaces. */
#include "cpu/arm/arm_decode.h"
#include "cpu/arm/arm_dp.h"
#include "cpu/arm/arm_ldst.h"
#include "cpu/icache.h"

/* What the loop runs for an entry: the handler (OP_CALL), or one of the
 * inline bodies of the commonest instructions. */
enum {
	OP_CALL,
	OP_DP,                      /* + (opcode * 4 + form) * 2 + S */
	OP_LDST = OP_DP + 16 * 4 * 2, /* + bits 25:20 */
	OP_B = OP_LDST + 64,
	OP_COUNT,
};

struct arm_entry {
	arm_handler fn;
	uint32_t insn;
	uint16_t cond;   /* arm_cond_table bits of the condition; 0xffff: always */
	uint8_t op;
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

/* An SVC looks at interrupt requests first, as every instruction did
 * before the decoded pages: a signal that came before it is delivered
 * before the system call, which could block. */
int arm_svc_checked(struct arm_cpu *cpu, uint32_t insn)
{
	if (arm_take_interrupt(cpu))
		return ARM_STOP_INTERRUPT;
	return arm_decode_table[arm_decode_index(insn)](cpu, insn);
}

static struct arm_entry *entries(struct icache_page *pg)
{
	return (struct arm_entry *)pg->entries;
}

static void reset(struct icache_page *pg)
{
	struct arm_entry *e = entries(pg);
	for (unsigned i = 0; i < PAGE_ENTRIES; i++)
		e[i] = (struct arm_entry){ fallback, 0, COND_ALWAYS, OP_CALL };
}

/* The inline body for an instruction the decoder gave handler h, if any:
 * h is compared with what the group's own decoders pick. */
static uint8_t op_of(arm_handler h, uint32_t insn)
{
	if (h == arm_exec_branch)
		return OP_B;
	if (h == arm_ldst_handler(insn))
		return (uint8_t)(OP_LDST + ((insn >> 20) & 63));
	if (h == arm_dp_handler(insn)) {
		unsigned form = (insn & (1u << 25)) ? FORM_IMM : (insn & 0x10) ? FORM_SHIFT_REG :
				(insn & 0xff0) ? FORM_SHIFT_IMM : FORM_REG;
		return (uint8_t)(OP_DP + (((insn >> 21) & 15) * 4 + form) * 2 + ((insn >> 20) & 1));
	}
	return OP_CALL;
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
		e[i].fn = cond == 15 ? arm_exec_uncond :
			  (insn & 0x0f000000) == 0x0f000000 ? arm_svc_checked : arm_decode_table[arm_decode_index(insn)];
		e[i].op = op_of(e[i].fn, insn);
	}
	e[PAGE_ENTRIES] = (struct arm_entry){ page_end, 0, COND_ALWAYS, OP_CALL };
}

/* The entry for pc, decoding its page when needed; NULL with the fault
 * stop filled in when pc cannot be fetched. */
static const struct arm_entry *lookup(struct arm_cpu *cpu, struct icache *ic, uint32_t pc)
{
	struct gmem *m = cpu->mem;
	uint32_t page = pc & ~(uint32_t)GPAGE_MASK;
	struct icache_page *pg = icache_find(ic, page);

	if ((!pg || pg->stale) &&
	    (!gmem_check(m, pc, 4, GP_X) ||
	     !(pg = icache_fill(ic, m, pg, page, page, (PAGE_ENTRIES + 1) * sizeof(struct arm_entry), reset, decode_page)))) {
		gmem_check(m, pc, 4, GP_X);
		cpu->r[15] = pc;
		cpu->stop_pc = pc;
		cpu->insn = 0;
		return NULL;
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

#define DP_LABEL(opc, form, s) \
	dp_##opc##_##form##_##s: rc = arm_dp(cpu, e->insn, opc, form, s); goto done;
#define DP_LABELS(opc) \
	DP_LABEL(opc, 0, 0) DP_LABEL(opc, 0, 1) DP_LABEL(opc, 1, 0) DP_LABEL(opc, 1, 1) \
	DP_LABEL(opc, 2, 0) DP_LABEL(opc, 2, 1) DP_LABEL(opc, 3, 0) DP_LABEL(opc, 3, 1)
#define DP_ADDRS(opc) \
	&&dp_##opc##_0_0, &&dp_##opc##_0_1, &&dp_##opc##_1_0, &&dp_##opc##_1_1, \
	&&dp_##opc##_2_0, &&dp_##opc##_2_1, &&dp_##opc##_3_0, &&dp_##opc##_3_1
#define LDST_LABEL(n) ldst_##n: rc = arm_ldst(cpu, e->insn, 0##n, true); goto done;
#define LDST_LABELS(n) LDST_LABEL(n##0) LDST_LABEL(n##1) LDST_LABEL(n##2) LDST_LABEL(n##3) \
	LDST_LABEL(n##4) LDST_LABEL(n##5) LDST_LABEL(n##6) LDST_LABEL(n##7)
#define LDST_ADDRS(n) &&ldst_##n##0, &&ldst_##n##1, &&ldst_##n##2, &&ldst_##n##3, \
	&&ldst_##n##4, &&ldst_##n##5, &&ldst_##n##6, &&ldst_##n##7

/* Runs ARM-state code from r[15] until a stop (returned, an interrupt
 * request too) or a change to Thumb state (0 returned). */
static int run_arm(struct arm_cpu *cpu, struct icache *ic)
{
	static const void *const ops[OP_COUNT] = {
		&&call,
		DP_ADDRS(0), DP_ADDRS(1), DP_ADDRS(2), DP_ADDRS(3), DP_ADDRS(4), DP_ADDRS(5), DP_ADDRS(6), DP_ADDRS(7),
		DP_ADDRS(8), DP_ADDRS(9), DP_ADDRS(10), DP_ADDRS(11), DP_ADDRS(12), DP_ADDRS(13), DP_ADDRS(14), DP_ADDRS(15),
		LDST_ADDRS(0), LDST_ADDRS(1), LDST_ADDRS(2), LDST_ADDRS(3),
		LDST_ADDRS(4), LDST_ADDRS(5), LDST_ADDRS(6), LDST_ADDRS(7),
		&&branch,
	};
	const struct arm_entry *e;
	uint32_t pc;
	int rc;
	/* The page left by the last branch out of a page, for calls and
	 * returns between two pages without a look-up. */
	uint32_t other_page = 1;
	const struct arm_entry *other = NULL;
	unsigned long other_drops = 0;

lookup:
	pc = cpu->r[15];
	e = lookup(cpu, ic, pc);
	if (!e)
		return ARM_STOP_FAULT;
dispatch:
	cpu->r[15] = pc;
	ICACHE_COUNT(1);
	if (e->cond != COND_ALWAYS && !cond_pass(cpu, e->cond))
		goto next;
	goto *ops[e->op];

call:
	rc = e->fn(cpu, e->insn);
	/* An UNPREDICTABLE register write to the PC (MUL, CLZ... with
	 * Rd = 15) is then stepped like the PC, and taken. */
	if (__builtin_expect(rc == ARM_NEXT && cpu->r[15] != pc, 0)) {
		cpu->r[15] += 4;
		rc = 0;
	}
	goto done;
branch:
	rc = arm_b(cpu, e->insn);
	goto done;
DP_LABELS(0) DP_LABELS(1) DP_LABELS(2) DP_LABELS(3) DP_LABELS(4) DP_LABELS(5) DP_LABELS(6) DP_LABELS(7)
DP_LABELS(8) DP_LABELS(9) DP_LABELS(10) DP_LABELS(11) DP_LABELS(12) DP_LABELS(13) DP_LABELS(14) DP_LABELS(15)
LDST_LABELS(0) LDST_LABELS(1) LDST_LABELS(2) LDST_LABELS(3)
LDST_LABELS(4) LDST_LABELS(5) LDST_LABELS(6) LDST_LABELS(7)

done:
	if (__builtin_expect(rc == ARM_NEXT, 1)) {
next:
		pc += 4;
		e++;
		goto dispatch;
	}
	if (rc == ARM_LOOKUP) {
		cpu->r[15] = pc;
		goto lookup;
	}
	if (rc)
		return rc;
	/* A taken branch: on in this page when nothing is to be checked
	 * again. */
	if (arm_take_interrupt(cpu))
		return ARM_STOP_INTERRUPT;
	if (cpu->t)
		return 0;
	uint32_t to = cpu->r[15];
	if (__builtin_expect(icache_outdated(ic), 0))
		goto lookup;
	if ((to ^ pc) & ~(uint32_t)GPAGE_MASK) {
		const struct arm_entry *base = e - ((pc & GPAGE_MASK) >> 2);
		if ((to & ~(uint32_t)GPAGE_MASK) != other_page || ic->drops != other_drops) {
			other_page = pc & ~(uint32_t)GPAGE_MASK;
			other = base;
			other_drops = ic->drops;
			goto lookup;
		}
		other_page = pc & ~(uint32_t)GPAGE_MASK;
		e = other + ((to & GPAGE_MASK) >> 2);
		other = base;
		pc = to;
		goto dispatch;
	}
	e += (int32_t)(to - pc) >> 2;
	pc = to;
	goto dispatch;
}

int arm_run(struct arm_cpu *cpu)
{
	struct icache *ic = icache_self();

	/* Back from the kernel: the reference CPU model's exception return
	 * cannot restore ITSTATE (no Thumb-2), so it is clear. */
	cpu->itstate = 0;
	for (;;) {
		if (arm_take_interrupt(cpu)) {
			icache_count_flush();
			return arm_stop(cpu, ARM_STOP_INTERRUPT);
		}
		int rc = cpu->t ? (cpu->itstate ? arm_thumb_run(cpu) : arm_thumb_run_decoded(cpu, ic)) : arm_jit_run(cpu);
		if (rc < 0)
			rc = run_arm(cpu, ic);
		if (__builtin_expect(rc > 0, 0)) {
			icache_count_flush();
			return arm_stop(cpu, rc);
		}
	}
}
