/* ARM-state basic blocks to x86-64, and their dispatcher (jit.h has the
 * register convention and invalidation; Thumb stays on the interpreter).
 *
 * A block is straight-line code up to a B/BL, the end of the page or
 * MAX_INSNS. Guest registers and the four flag words stay in the cpu
 * structure, so translated code and the executors it calls share them.
 * Flag-setting operations take N, Z, C, V from the x86 flags of the same
 * operation (SETcc into the flag words, which are then read a byte at a
 * time; a subtraction's carry is x86's inverted borrow). The condition
 * is tested inline: on the x86 flags themselves right after an
 * unconditional flag-setting operation, else on the flag words; a run of
 * instructions under one condition that leave the flags alone shares one
 * test. Translated: data processing with an immediate, a register
 * shifted by a constant or by a register (AND, EOR, SUB, RSB, ADD, ADC,
 * SBC, RSC, ORR, MOV, BIC, MVN and the tests); MUL/MLA and the long
 * multiplies; CLZ; LDR/STR/LDRB/STRB/LDRH/STRH/LDRSB/LDRSH/LDRD/STRD,
 * inline when the access stays in one page with the permission and
 * CPSR.E is clear (the interpreter's arm_fast_ok), else the executor out
 * of line; B and BL, chained; BX/BLX, LDR and LDM with the PC and
 * data-processing writes to it through jit->fast; LDM/STM inline within
 * one page. Everything else calls its executor; one that branched (BX,
 * LDM with the PC, a PC write) leaves the block. */
#include "cpu/jit/jit.h"

#include <stddef.h>

#include "cpu/arm/arm_dp.h"
#include "cpu/arm/arm_ldst.h"
#include "cpu/icache.h"

#define MAX_INSNS 128

#define OFF(f) ((int32_t)offsetof(struct arm_cpu, f))
#define OFF_R(n) ((int32_t)(offsetof(struct arm_cpu, r) + 4 * (n)))

/* What the x86 flags hold at flags_at: N, Z, C, V of the last
 * flag-setting operation, C inverted (a subtraction) or only N and Z. */
enum live_flags { LIVE_NONE, LIVE_ADD, LIVE_SUB, LIVE_NZ };

struct tr {
	struct jit_tr b;  /* first: the slow-path callback gets it */
	uint32_t pc;      /* of the instruction being translated */
	enum live_flags live;
	uint8_t *flags_at;
	/* The condition test of a run of instructions under one condition
	 * that leave the flags alone: one jump skips all of them. */
	uint8_t *open;
	unsigned open_cond;
};

/* eax/ecx... <- register n as ARM state reads it (the PC as pc + 8). */
static void ld(struct tr *t, unsigned reg, unsigned n)
{
	if (n == 15)
		x_mov_imm(&t->b.e, reg, (uint32_t)(t->pc + 8));
	else
		x_rm(&t->b.e, 0, false, X_LOAD, reg, RBX, OFF_R(n));
}

static void st(struct tr *t, unsigned reg, unsigned n)
{
	x_rm(&t->b.e, 0, false, X_STORE, reg, RBX, OFF_R(n));
}

static arm_handler executor(uint32_t insn)
{
	if (insn >> 28 == 15)
		return arm_exec_uncond;
	if ((insn & 0x0f000000) == 0x0f000000)
		return arm_svc_checked;
	return arm_decode_table[arm_decode_index(insn)];
}

/* The executor of insn at pc (condition passed), as the interpreter runs
 * it: ARM_NEXT goes on, anything else leaves with it (0: a branch, r15
 * written); an ARM_NEXT that wrote the PC anyway (MUL... with Rd = 15) is
 * taken as a branch to it + 4, as the interpreter does. */
static void call_executor(struct tr *t, uint32_t insn, uint32_t pc)
{
	struct emit *e = &t->b.e;
	jit_store_pc(&t->b, pc);
	x_rr(e, true, X_LOAD, RDI, RBX);
	x_mov_imm(e, RSI, insn);
	x_call_abs(e, (const void *)executor(insn));
	x_alu_imm(e, false, G1_CMP, RAX, ARM_NEXT);
	x_jcc_to(e, CC_NE, t->b.j->epilogue);
	x_rex(e, false, 0, 0, RBX, false); /* cmp dword [r15], pc */
	x_byte(e, 0x81);
	x_mem(e, G1_CMP, RBX, OFF_R(15));
	x_u32(e, pc);
	uint8_t *same = x_jcc(e, CC_E);
	x_rex(e, false, 0, 0, RBX, false); /* add dword [r15], 4 */
	x_byte(e, 0x83);
	x_mem(e, G1_ADD, RBX, OFF_R(15));
	x_byte(e, 4);
	x_jmp_to(e, t->b.j->exit_stub);
	x_patch(same, e->p);
	/* After a store into code, a system call's mprotect... */
	jit_gen_check(&t->b, pc + 4);
}

/* cmp byte [flag], imm. The flag words are 0 or 1 and are written by
 * SETcc a byte at a time: byte reads forward from those stores, word
 * reads would stall. */
static void cmp_flag(struct emit *e, int32_t off, uint8_t imm)
{
	x_byte(e, 0x80);
	x_mem(e, G1_CMP, RBX, off);
	x_byte(e, imm);
}

/* Jumps past the instruction when cond fails; the returned site is
 * patched there (NULL for AL). */
static uint8_t *cond_skip(struct tr *t, unsigned cond)
{
	struct emit *e = &t->b.e;
	static const int32_t flag_off[4] = { OFF(z), OFF(c), OFF(n), OFF(v) };
	/* The x86 condition of each ARM one on the flags of an x86 ADD and
	 * SUB (its CF the inverted carry); 0xff where there is none. */
	static const uint8_t x86_cc[3][14] = {
		[LIVE_ADD - 1] = { CC_E, CC_NE, CC_B, CC_AE, CC_S, CC_S + 1, CC_O, CC_O + 1, 0xff, 0xff, CC_GE, CC_L, CC_G,
				   CC_LE },
		[LIVE_SUB - 1] = { CC_E, CC_NE, CC_AE, CC_B, CC_S, CC_S + 1, CC_O, CC_O + 1, CC_A, CC_A - 1, CC_GE, CC_L,
				   CC_G, CC_LE },
		[LIVE_NZ - 1] = { CC_E, CC_NE, 0xff, 0xff, CC_S, CC_S + 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	};
	if (cond >= 14)
		return NULL;
	if (t->live != LIVE_NONE && t->flags_at == e->p && x86_cc[t->live - 1][cond] != 0xff)
		return x_jcc(e, x86_cc[t->live - 1][cond] ^ 1);
	if (cond < 8) {
		/* EQ/NE, CS/CC, MI/PL, VS/VC: one flag, set for the even one. */
		cmp_flag(e, flag_off[cond >> 1], 0);
		return x_jcc(e, (cond & 1) ? CC_NE : CC_E);
	}
	if (cond == 10 || cond == 11) {
		/* GE: N == V; LT: N != V */
		x_rm(e, 0, false, X_MOVZX8, RAX, RBX, OFF(n));
		x_rm(e, 0, false, X_CMP8, RAX, RBX, OFF(v));
		return x_jcc(e, cond == 10 ? CC_NE : CC_E);
	}
	if (cond == 8 || cond == 9) {
		/* HI: C > Z (the words are 0 or 1); LS: not. */
		x_rm(e, 0, false, X_MOVZX8, RAX, RBX, OFF(c));
		x_rm(e, 0, false, X_CMP8, RAX, RBX, OFF(z));
		return x_jcc(e, cond == 8 ? CC_A - 1 : CC_A);
	}
	/* GT: (N ^ V | Z) == 0; LE: not. */
	x_rm(e, 0, false, X_MOVZX8, RAX, RBX, OFF(n));
	x_rm(e, 0, false, X_XOR8, RAX, RBX, OFF(v));
	x_rm(e, 0, false, X_OR8, RAX, RBX, OFF(z));
	return x_jcc(e, cond == 12 ? CC_NE : CC_E);
}

static void arm_jump_eax(struct tr *t);

/* CF = C, or NOT C (the borrow of SBB) when borrow: cmp byte [c], 1
 * sets CF for C = 0. */
static void carry_in(struct tr *t, bool borrow)
{
	cmp_flag(&t->b.e, OFF(c), 1);
	if (!borrow)
		x_byte(&t->b.e, 0xf5); /* cmc */
}

/* The x86 operation of each data-processing opcode on eax (first
 * operand) and ecx (second). */
static const struct dp_op {
	uint8_t opc, arith, swap, invert_b, invert_res, carry_in;
} dp_ops[16] = {
	/* ADC: a + b + C; SBC/RSC: x86 SBB with the borrow NOT C. */
	[OP_ADC] = { X_ADC, 1, 0, 0, 0, 1 }, [OP_SBC] = { X_SBB, 1, 0, 0, 0, 2 },
	[OP_RSC] = { X_SBB, 1, 1, 0, 0, 2 },
	[OP_AND] = { X_AND, 0, 0, 0, 0 }, [OP_EOR] = { X_XOR, 0, 0, 0, 0 },
	[OP_SUB] = { X_SUB, 1, 0, 0, 0 }, [OP_RSB] = { X_SUB, 1, 1, 0, 0 },
	[OP_ADD] = { X_ADD, 1, 0, 0, 0 }, [OP_TST] = { X_AND, 0, 0, 0, 0 },
	[OP_TEQ] = { X_XOR, 0, 0, 0, 0 }, [OP_CMP] = { X_SUB, 1, 0, 0, 0 },
	[OP_CMN] = { X_ADD, 1, 0, 0, 0 }, [OP_ORR] = { X_OR, 0, 0, 0, 0 },
	[OP_MOV] = { X_LOAD, 0, 0, 0, 0 }, [OP_BIC] = { X_AND, 0, 0, 1, 0 },
	[OP_MVN] = { X_LOAD, 0, 0, 0, 1 },
};

/* ARM shift types to x86 (LSL, LSR, ASR, ROR). */
static const uint8_t shift_x86[4] = { SH_SHL, SH_SHR, SH_SAR, SH_ROR };

/* Data processing: 0 when not translated, 1 after emitting it, 2 when
 * it wrote the PC (no S: a jump that does not interwork) and the block
 * ends. */
static int dp(struct tr *t, uint32_t insn)
{
	struct emit *e = &t->b.e;
	unsigned opc = (insn >> 21) & 15, rn = (insn >> 16) & 15, rd = (insn >> 12) & 15;
	bool s = insn & (1u << 20), imm = insn & (1u << 25);
	bool test = opc >= OP_TST && opc <= OP_CMN, unary = opc == OP_MOV || opc == OP_MVN;
	const struct dp_op *o = &dp_ops[opc];
	unsigned type = (insn >> 5) & 3, amt = (insn >> 7) & 31;
	int carry = -1; /* the shifter's carry when it is a constant */

	if (!o->opc || (!test && rd == 15 && s) || (test && rd) || (unary && rn))
		return 0;
	if (imm) {
		uint32_t v = insn & 0xff, rot = (insn >> 7) & 0x1e;
		if (rot) {
			v = v >> rot | v << (32 - rot);
			carry = (int)(v >> 31);
		}
		x_mov_imm(e, RCX, v);
	} else if (insn & 0x10) {
		/* Shifted by a register: the carry out of a logical S form is
		 * the executor's. A 64-bit x86 shift by the amount clamped to
		 * 63 gives ARM's result for amounts of 32 and more. */
		if (s && !o->arith)
			return 0;
		ld(t, RCX, (insn >> 8) & 15);
		ld(t, RSI, insn & 15);
		x_rr(e, false, X_MOVZX8, RCX, RCX);
		if (type == 3) {
			x_shift_cl(e, false, SH_ROR, RSI);
		} else {
			if (type == 2)
				x_rr(e, true, X_MOVSXD, RSI, RSI);
			x_mov_imm(e, RDX, 63);
			x_rr(e, false, X_CMP, RCX, RDX);
			x_cmov(e, CC_A, RCX, RDX);
			x_shift_cl(e, true, shift_x86[type], RSI);
		}
		x_rr(e, false, X_LOAD, RCX, RSI);
	} else {
		bool plain = type == 0 && amt == 0;
		ld(t, RCX, insn & 15);
		if (!plain) {
			/* LSR/ASR #0 mean #32, ROR #0 is RRX. */
			if (amt) {
				x_shift_imm(e, false, shift_x86[type], RCX, amt);
			} else if (type == 1) {
				x_bt_imm(e, RCX, 31);
				x_mov_imm(e, RCX, 0);
			} else if (type == 2) {
				x_shift_imm(e, false, SH_SAR, RCX, 31);
				x_bt_imm(e, RCX, 0);
			} else {
				carry_in(t, false);
				x_shift_imm(e, false, SH_RCR, RCX, 1);
			}
			/* CF is the shifter's carry out. */
			if (s && !o->arith)
				x_setcc_mem(e, CC_B, RBX, OFF(c));
		}
	}
	if (o->invert_b)
		x_not(e, false, RCX);
	if (unary) {
		x_rr(e, false, X_LOAD, RAX, RCX);
		if (o->invert_res)
			x_not(e, false, RAX);
	} else {
		ld(t, RAX, rn);
		if (o->swap) {
			x_rr(e, false, X_LOAD, RDX, RAX);
			x_rr(e, false, X_LOAD, RAX, RCX);
		}
		if (o->carry_in) {
			carry_in(t, o->carry_in == 2);
		}
		x_rr(e, false, o->opc, RAX, o->swap ? RDX : RCX);
	}
	if (s) {
		if (!o->arith)
			x_rr(e, false, X_TEST, RAX, RAX);
		x_setcc_mem(e, CC_S, RBX, OFF(n));
		x_setcc_mem(e, CC_E, RBX, OFF(z));
		if (o->arith) {
			/* ARM's carry of a subtraction is NOT borrow. */
			x_setcc_mem(e, o->opc == X_SUB || o->opc == X_SBB ? CC_AE : CC_B, RBX, OFF(c));
			x_setcc_mem(e, CC_O, RBX, OFF(v));
		} else if (carry >= 0) {
			x_rex(e, false, 0, 0, RBX, false); /* mov dword [c], carry */
			x_byte(e, 0xc7);
			x_mem(e, 0, RBX, OFF(c));
			x_u32(e, (uint32_t)carry);
		}
	}
	if (rd == 15 && !test) {
		arm_jump_eax(t);
		return 2;
	}
	if (!test)
		st(t, RAX, rd);
	if (s)
		t->live = !o->arith ? LIVE_NZ : o->opc == X_SUB || o->opc == X_SBB ? LIVE_SUB : LIVE_ADD;
	return 1;
}

/* N and Z from the x86 flags of a test of the result. */
static void set_nz(struct tr *t)
{
	x_setcc_mem(&t->b.e, CC_S, RBX, OFF(n));
	x_setcc_mem(&t->b.e, CC_E, RBX, OFF(z));
}

/* MUL/MLA and UMULL/UMLAL/SMULL/SMLAL (arm_exec_mul); the PC as an
 * operand, RdHi = RdLo and UMAAL stay with the executor. */
static bool mul(struct tr *t, uint32_t insn)
{
	struct emit *e = &t->b.e;
	unsigned op = (insn >> 21) & 7, hi = (insn >> 16) & 15, lo = (insn >> 12) & 15;
	unsigned rm = insn & 15, rs = (insn >> 8) & 15;
	bool s = insn & (1u << 20);

	if (hi == 15 || lo == 15 || rm == 15 || rs == 15 || op == 2 || op == 3 || (op == 0 && lo) ||
	    (op >= 4 && hi == lo))
		return false;
	if (op < 2) {
		ld(t, RAX, rm);
		x_rm(e, 0, false, X_IMUL, RAX, RBX, OFF_R(rs));
		if (op)
			x_rm(e, 0, false, X_ADD, RAX, RBX, OFF_R(lo));
		if (s) {
			x_rr(e, false, X_TEST, RAX, RAX);
			set_nz(t);
		}
		st(t, RAX, hi);
		return true;
	}
	bool sign = op >= 6;
	/* Zero- or sign-extended operands: the 64-bit product is exact. */
	x_rm(e, 0, sign, sign ? X_MOVSXD : X_LOAD, RAX, RBX, OFF_R(rm));
	x_rm(e, 0, sign, sign ? X_MOVSXD : X_LOAD, RCX, RBX, OFF_R(rs));
	x_rr(e, true, X_IMUL, RAX, RCX);
	if (op & 1) {
		ld(t, RDX, lo);
		ld(t, RCX, hi);
		x_shift_imm(e, true, SH_SHL, RCX, 32);
		x_rr(e, true, X_OR, RDX, RCX);
		x_rr(e, true, X_ADD, RAX, RDX);
	}
	if (s) {
		x_rr(e, true, X_TEST, RAX, RAX);
		set_nz(t);
	}
	st(t, RAX, lo);
	x_shift_imm(e, true, SH_SHR, RAX, 32);
	st(t, RAX, hi);
	return true;
}

/* CLZ: 31 - BSR, 32 for zero. */
static bool clz(struct tr *t, uint32_t insn)
{
	struct emit *e = &t->b.e;
	unsigned rd = (insn >> 12) & 15, rm = insn & 15;
	if (rd == 15 || rm == 15)
		return false;
	ld(t, RCX, rm);
	x_rr(e, false, 0x0fbd, RAX, RCX); /* bsr eax, ecx: ZF for zero */
	x_mov_imm(e, RDX, 0xffffffffu);
	x_rr(e, false, 0x0f40 | CC_E, RAX, RDX);
	x_byte(e, 0xf7); /* neg eax */
	x_byte(e, 0xd8);
	x_alu_imm(e, false, G1_ADD, RAX, 31);
	st(t, RAX, rd);
	return true;
}

/* eax +/- the offset: esi for a register offset, else off (signed). */
static void add_offset(struct tr *t, bool reg, bool up, int32_t off)
{
	if (reg)
		x_rr(&t->b.e, false, up ? X_ADD : X_SUB, RAX, RSI);
	else if (off)
		x_alu_imm(&t->b.e, false, G1_ADD, RAX, off);
}

/* LDR/STR/LDRB/STRB with an immediate or LSL-shifted register offset: the inline path of
 * arm_ldst (one page, the permission, CPSR.E clear), else its executor. */
/* The form of a single load or store: its size, sign extension, the
 * register offset's shift (reg) or the immediate offset. */
struct ldst_form {
	unsigned len, shift;
	bool sign, reg;
	int32_t off;
};

static int ldst_form(struct tr *t, uint32_t insn, const struct ldst_form *f);

/* 0: not translated, 1: translated, 2: it loaded the PC (the block ends). */
static int ldst(struct tr *t, uint32_t insn)
{
	bool reg = insn & (1u << 25);
	struct ldst_form f = { (insn & (1u << 22)) ? 1 : 4, (insn >> 7) & 31, false, reg, (int32_t)(insn & 0xfff) };
	/* A register offset: LSL by a constant only. */
	if (reg && ((insn >> 5) & 3) != 0)
		return 0;
	return ldst_form(t, insn, &f);
}

static bool ldst_dual(struct tr *t, uint32_t insn, const struct ldst_form *f);
static void jump_eax(struct tr *t);

/* LDRH/STRH/LDRSB/LDRSH/LDRD/STRD. */
static bool ldst_extra(struct tr *t, uint32_t insn)
{
	unsigned op = (insn >> 5) & 3;
	bool imm = insn & (1u << 22);
	struct ldst_form f = { op == 2 ? 1 : 2, 0, op != 1, !imm, (int32_t)(((insn >> 4) & 0xf0) | (insn & 15)) };
	if (!imm && (insn & 0xf00))
		return false;
	if (!(insn & L_BIT) && op != 1)
		return ldst_dual(t, insn, &f);
	/* A halfword or byte load to the PC: the executor's. */
	if (((insn >> 12) & 15) == 15)
		return false;
	return ldst_form(t, insn, &f) != 0;
}

static int ldst_form(struct tr *t, uint32_t insn, const struct ldst_form *f)
{
	struct emit *e = &t->b.e;
	bool p = insn & P_BIT, u = insn & U_BIT, w = insn & W_BIT, load = insn & L_BIT;
	bool wb = !p || w, reg = f->reg;
	unsigned rn = (insn >> 16) & 15, rt = (insn >> 12) & 15, rm = insn & 15, len = f->len;
	int32_t off = f->off;

	if ((load && rt == 15 && len != 4) || (wb && (rn == 15 || rn == rt)) || (reg && rm == 15))
		return 0;
	if (!u)
		off = -off;
	struct jit_cold *c = jit_add_cold(&t->b, COLD_SLOW, t->pc, NULL);
	c->insn = insn;
	unsigned nsite = 0;

	x_cmp_mem_imm8(e, false, RBX, OFF(e), 0);
	c->site[nsite++] = x_jcc(e, CC_NE);
	if (reg) {
		ld(t, RSI, rm);
		if (f->shift)
			x_shift_imm(e, false, SH_SHL, RSI, f->shift);
	}
	ld(t, RAX, rn);
	if (p)
		add_offset(t, reg, u, off);
	if (len > 1) {
		/* (a & GPAGE_MASK) <= GPAGE_SIZE - len */
		x_rr(e, false, X_LOAD, RDX, RAX);
		x_alu_imm(e, false, G1_AND, RDX, GPAGE_MASK);
		x_alu_imm(e, false, G1_CMP, RDX, (int32_t)(GPAGE_SIZE - len));
		c->site[nsite++] = x_jcc(e, CC_A);
	}
	jit_page_check(&t->b, c, &nsite, !load);
	if (load) {
		static const unsigned ops[2][3] = { { X_MOVZX8, X_MOVZX16, X_LOAD }, { X_MOVSX8, X_MOVSX16, X_LOAD } };
		x_rx(e, 0, false, ops[f->sign][len / 2], RCX, R13, RAX);
	} else {
		ld(t, RCX, rt);
		x_rx(e, len == 2 ? 0x66 : 0, false, len == 1 ? X_STORE8 : X_STORE, RCX, R13, RAX);
	}
	if (wb) {
		ld(t, RAX, rn);
		add_offset(t, reg, u, off);
		st(t, RAX, rn);
	}
	if (load && rt == 15) {
		/* The executor branched or faulted: its path never resumes. */
		c->resume = e->p;
		x_rr(e, false, X_LOAD, RAX, RCX);
		jump_eax(t);
		return 2;
	}
	if (load)
		st(t, RCX, rt);
	c->resume = e->p;
	return 1;
}

/* LDRD/STRD (ldst_dual): inline for a word-aligned pair in one page
 * (an unaligned one is the kernel's fix-up, in the executor). */
static bool ldst_dual(struct tr *t, uint32_t insn, const struct ldst_form *f)
{
	struct emit *e = &t->b.e;
	bool p = insn & P_BIT, u = insn & U_BIT, w = insn & W_BIT, load = (insn & 0x20) == 0;
	bool wb = !p || w, reg = f->reg;
	unsigned rn = (insn >> 16) & 15, rt = (insn >> 12) & 15, rm = insn & 15;
	int32_t off = u ? f->off : -f->off;

	if ((rt & 1) || rt == 14 || (!p && w) || (wb && (rn == 15 || rn == rt || rn == rt + 1)) ||
	    (reg && rm == 15))
		return false;
	struct jit_cold *c = jit_add_cold(&t->b, COLD_SLOW, t->pc, NULL);
	c->insn = insn;
	unsigned nsite = 0;

	x_cmp_mem_imm8(e, false, RBX, OFF(e), 0);
	c->site[nsite++] = x_jcc(e, CC_NE);
	if (reg)
		ld(t, RSI, rm);
	ld(t, RAX, rn);
	if (p)
		add_offset(t, reg, u, off);
	x_byte(e, 0xa8); /* test al, 3 */
	x_byte(e, 3);
	c->site[nsite++] = x_jcc(e, CC_NE);
	x_rr(e, false, X_LOAD, RDX, RAX);
	x_alu_imm(e, false, G1_AND, RDX, GPAGE_MASK);
	x_alu_imm(e, false, G1_CMP, RDX, (int32_t)(GPAGE_SIZE - 8));
	c->site[nsite++] = x_jcc(e, CC_A);
	jit_page_check(&t->b, c, &nsite, !load);
	x_rx(e, 0, true, X_LEA, RDX, R13, RAX);
	if (load) {
		x_rm(e, 0, false, X_LOAD, RCX, RDX, 0);
		x_rm(e, 0, false, X_LOAD, RDX, RDX, 4);
	} else {
		ld(t, RCX, rt);
		x_rm(e, 0, false, X_STORE, RCX, RDX, 0);
		ld(t, RCX, rt + 1);
		x_rm(e, 0, false, X_STORE, RCX, RDX, 4);
	}
	if (wb) {
		ld(t, RAX, rn);
		add_offset(t, reg, u, off);
		st(t, RAX, rn);
	}
	if (load) {
		st(t, RCX, rt);
		st(t, RDX, rt + 1);
	}
	c->resume = e->p;
	return true;
}

static void slow_path(struct jit_tr *b, const struct jit_cold *c)
{
	struct tr *t = (struct tr *)b;
	/* The executor redoes the access with every check. */
	call_executor(t, c->insn, (uint32_t)c->pc);
	x_jmp_to(&b->e, c->resume);
}

/* B/BL at t->pc under cond: ends the block, chained both ways. */
static void branch(struct tr *t, uint32_t insn, uint8_t *skip)
{
	uint32_t pc = t->pc, off = (uint32_t)((int32_t)(insn << 8) >> 6);
	if (skip)
		jit_add_cold(&t->b, COLD_CHAIN, pc + 4, skip);
	if (insn & (1u << 24)) {
		x_rex(&t->b.e, false, 0, 0, RBX, false); /* mov dword [r14], pc + 4 */
		x_byte(&t->b.e, 0xc7);
		x_mem(&t->b.e, 0, RBX, OFF_R(14));
		x_u32(&t->b.e, pc + 4);
	}
	jit_chain_exit(&t->b, (uint32_t)(pc + 8 + off));
}

/* LDM/STM without ^ and a PC base: the inline path of arm_exec_ldm (a
 * word-aligned range in one page with the permission, CPSR.E clear), else
 * its executor. True when the block ends here (the PC loaded). */
static bool ldm(struct tr *t, uint32_t insn)
{
	struct emit *e = &t->b.e;
	unsigned rn = (insn >> 16) & 15, list = insn & 0xffff, n = arm_list_count(list);
	bool up = insn & U_BIT, pre = insn & P_BIT, load = insn & L_BIT, wb = insn & W_BIT;
	int32_t len = 4 * (int32_t)n;
	int32_t start = up ? (pre ? 4 : 0) : (pre ? -len : -len + 4);
	struct jit_cold *c = jit_add_cold(&t->b, COLD_SLOW, t->pc, NULL);
	unsigned nsite = 0;

	c->insn = insn;
	x_cmp_mem_imm8(e, false, RBX, OFF(e), 0);
	c->site[nsite++] = x_jcc(e, CC_NE);
	ld(t, RAX, rn);
	if (start)
		x_alu_imm(e, false, G1_ADD, RAX, start);
	x_byte(e, 0xa8); /* test al, 3: an unaligned base is the fix-up's */
	x_byte(e, 3);
	c->site[nsite++] = x_jcc(e, CC_NE);
	x_rr(e, false, X_LOAD, RDX, RAX);
	x_alu_imm(e, false, G1_AND, RDX, GPAGE_MASK);
	x_alu_imm(e, false, G1_CMP, RDX, (int32_t)GPAGE_SIZE - len);
	c->site[nsite++] = x_jcc(e, CC_A);
	jit_page_check(&t->b, c, &nsite, !load);
	x_rx(e, 0, true, X_LEA, RDX, R13, RAX);
	if (load && wb) {
		/* Before the loads: a loaded base wins. */
		ld(t, RAX, rn);
		x_alu_imm(e, false, G1_ADD, RAX, up ? len : -len);
		st(t, RAX, rn);
	}
	int32_t off = 0;
	for (unsigned i = 0; i < 16; i++) {
		if (!(list & (1u << i)))
			continue;
		if (load) {
			x_rm(e, 0, false, X_LOAD, i == 15 ? RAX : RCX, RDX, off);
			if (i != 15)
				st(t, RCX, i);
		} else {
			ld(t, RCX, i);
			x_rm(e, 0, false, X_STORE, RCX, RDX, off);
		}
		off += 4;
	}
	if (!load && wb) {
		ld(t, RAX, rn);
		x_alu_imm(e, false, G1_ADD, RAX, up ? len : -len);
		st(t, RAX, rn);
	}
	c->resume = e->p;
	if (load && (list & 0x8000)) {
		jump_eax(t);
		return true;
	}
	return false;
}

/* BX/BLX Rm at t->pc under cond: ends the block; an ARM target is looked
 * up in jit->fast, a Thumb one leaves (arm_bx). */
static void bx(struct tr *t, uint32_t insn, uint8_t *skip)
{
	struct emit *e = &t->b.e;
	uint32_t pc = t->pc;
	if (skip)
		jit_add_cold(&t->b, COLD_CHAIN, pc + 4, skip);
	ld(t, RAX, insn & 15);
	if (insn & 0x20) {
		x_rex(e, false, 0, 0, RBX, false); /* mov dword [r14], pc + 4 */
		x_byte(e, 0xc7);
		x_mem(e, 0, RBX, OFF_R(14));
		x_u32(e, pc + 4);
	}
	jump_eax(t);
}

/* Interworking jump to eax (arm_bx): an ARM target through jit->fast, a
 * Thumb one leaves. */
static void jump_eax(struct tr *t)
{
	struct emit *e = &t->b.e;
	x_byte(e, 0xa8); /* test al, 1 */
	x_byte(e, 1);
	uint8_t *thumb = x_jcc(e, CC_NE);
	arm_jump_eax(t);
	x_patch(thumb, e->p);
	x_alu_imm(e, false, G1_AND, RAX, ~1);
	st(t, RAX, 15);
	x_rex(e, false, 0, 0, RBX, false); /* mov dword [t], 1 */
	x_byte(e, 0xc7);
	x_mem(e, 0, RBX, OFF(t));
	x_u32(e, 1);
	x_jmp_to(e, t->b.j->exit_stub);
}

/* A jump to the ARM code at eax & ~3 through jit->fast. */
static void arm_jump_eax(struct tr *t)
{
	struct emit *e = &t->b.e;
	x_alu_imm(e, false, G1_AND, RAX, ~3);
	st(t, RAX, 15);
	x_rr(e, false, X_LOAD, RCX, RAX);
	x_shift_imm(e, false, SH_SHR, RCX, 2);
	x_alu_imm(e, false, G1_AND, RCX, JIT_FAST - 1);
	x_shift_imm(e, false, SH_SHL, RCX, 4);
	x_rr(e, true, X_ADD, RCX, R12);
	x_rm(e, 0, true, X_CMP, RAX, RCX, (int32_t)offsetof(struct jit, fast));
	x_jcc_to(e, CC_NE, t->b.j->exit_stub);
	x_jmp_mem(e, RCX, (int32_t)(offsetof(struct jit, fast) + offsetof(struct jit_fast, code)));
}

/* A block for pc; NULL when pc cannot be fetched (the interpreter then
 * reports the fault). */
static struct jit_block *translate(struct jit *j, struct arm_cpu *cpu, uint32_t pc)
{
	static _Thread_local struct tr tr;
	struct tr *t = &tr;
	struct gmem *m = cpu->mem;

	if ((pc & 3) || !gmem_check(m, pc, 4, GP_X) || !(gmem_mark_code(m, pc >> GPAGE_SHIFT) & GP_X))
		return NULL;
	uint8_t *code = jit_begin(j);
	t->b.e.p = code;
	t->b.j = j;
	t->b.pc_off = OFF_R(15);
	t->b.pc32 = true;
	t->b.slow = slow_path;
	t->b.ncold = 0;
	t->pc = pc;

	t->live = LIVE_NONE;
	t->flags_at = NULL;
	t->open = NULL;
	jit_entry_check(&t->b, OFF(interrupt_request), pc);
	for (unsigned n = 0;; n++) {
		if (n == MAX_INSNS || (n && !(t->pc & GPAGE_MASK))) {
			if (t->open)
				x_patch(t->open, t->b.e.p);
			jit_chain_exit(&t->b, t->pc);
			break;
		}
		uint32_t insn = gmem_raw_ld32(m->host + t->pc);
		if (m->big_endian)
			insn = __builtin_bswap32(insn);
		unsigned cond = insn >> 28;
		uint8_t *skip = NULL;
		if (t->open && cond == t->open_cond) {
			skip = t->open;
		} else {
			if (t->open)
				x_patch(t->open, t->b.e.p);
			if (cond != 15)
				skip = cond_skip(t, cond);
		}
		t->open = NULL;
		t->live = LIVE_NONE;
		if (cond != 15 && (insn & 0x0e000000) == 0x0a000000) {
			branch(t, insn, skip);
			break;
		}
		if (cond != 15 && ((insn & 0x0fffffd0) == 0x012fff10) && (insn & 15) != 15 &&
		    !(cpu->fence_pc && t->pc == cpu->fence_pc)) {
			bx(t, insn, skip);
			break;
		}
		arm_handler h = executor(insn);
		bool done = false, s_bit = insn & (1u << 20), keeps = false;
		int r;
		if (cond != 15 && h == arm_dp_handler(insn) && (r = dp(t, insn)) != 0) {
			if (r == 2) {
				if (skip)
					jit_add_cold(&t->b, COLD_CHAIN, t->pc + 4, skip);
				break;
			}
			done = true;
			keeps = !s_bit;
		} else if (cond != 15 && h == arm_ldst_handler(insn)) {
			if ((r = ldst(t, insn)) == 2) {
				if (skip)
					jit_add_cold(&t->b, COLD_CHAIN, t->pc + 4, skip);
				break;
			}
			done = keeps = r != 0;
		} else if (cond != 15 && (insn & 0x0fff0ff0) == 0x016f0f10) {
			done = keeps = clz(t, insn);
		} else if (cond != 15 && h == arm_exec_ldst_extra) {
			done = keeps = ldst_extra(t, insn);
		} else if (cond != 15 && h == arm_exec_mul) {
			done = mul(t, insn);
			keeps = done && !s_bit;
		} else if (cond != 15 && h == arm_exec_ldm && !(insn & (1u << 22)) && ((insn >> 16) & 15) != 15 &&
			   (insn & 0xffff)) {
			if (ldm(t, insn)) {
				if (skip)
					jit_add_cold(&t->b, COLD_CHAIN, t->pc + 4, skip);
				break;
			}
			done = keeps = true;
		}
		if (!done)
			call_executor(t, insn, t->pc);
		if (skip) {
			/* Under a condition the x86 flags are not the
			 * operation's on the skipping path. */
			t->live = LIVE_NONE;
			if (keeps) {
				t->open = skip;
				t->open_cond = cond;
			} else {
				x_patch(skip, t->b.e.p);
			}
		}
		t->flags_at = t->b.e.p;
		t->pc += 4;
	}
	jit_emit_cold(&t->b);
	return jit_commit(j, pc, code, t->b.e.p);
}

int arm_jit_run(struct arm_cpu *cpu)
{
	struct jit *j = jit_for(cpu->mem);
	if (!j)
		return -1;
	struct jit_dispatch d = { NULL, j->flushes };
	for (;;) {
		if (cpu->t || __atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED))
			return 0;
		if (__atomic_load_n(j->genp, __ATOMIC_ACQUIRE) != j->gen)
			jit_flush(j);
		uint32_t pc = cpu->r[15];
		struct jit_block *b = jit_find(j, pc);
		if (!b)
			b = translate(j, cpu, pc);
		if (!b)
			return -1;
		int rc = jit_run_block(j, cpu, &d, pc, b);
		if (rc)
			return rc;
	}
}
