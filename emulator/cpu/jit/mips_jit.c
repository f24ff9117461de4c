/* MIPS64 basic blocks to x86-64 (both byte orders), and the dispatcher
 * that runs them (jit.h has the register convention and invalidation).
 *
 * A block is straight-line code up to a branch and its delay slot, the
 * end of the page or MAX_INSNS. Guest registers stay in cpu->r. Integer
 * ALU operations, shifts, LUI, MFHI/MFLO, MUL, EXT/DEXT and the aligned
 * loads and stores are translated; a load or store checks alignment, the
 * space size and the page's permission byte as the interpreter's fast
 * path does (mips_fast) and otherwise calls the interpreter's executor
 * for the instruction with the guest pc stored, out of line, so faults,
 * the unaligned fix-up and code-change detection stay the interpreter's.
 * Every other non-branch instruction is a call of its executor. Branches
 * and jumps are translated with their slot; static targets are chained
 * (the exit jump patched to the next block once it exists), indirect ones
 * look the target up in jit->fast. The instruction a block cannot take
 * (a COP1 branch, a branch whose slot cannot be fetched) ends it, and
 * when it is the first, the interpreter runs it (mips_interp_step). */
#include "cpu/jit/jit.h"

#include <stddef.h>

#include "cpu/icache.h"
#include "cpu/mips/mips_internal.h"

#define MAX_INSNS 128
#define SEGBITS 42

#define OFF(f) ((int32_t)offsetof(struct mips_cpu, f))
#define OFF_R(n) ((int32_t)(offsetof(struct mips_cpu, r) + 8 * (n)))
#define OFF_J(f) ((int32_t)offsetof(struct jit, f))

struct tr {
	struct jit_tr b;  /* first: the slow-path callback gets it */
	struct gmem *m;
	uint64_t pc;      /* of the instruction being translated */
	bool delay;       /* it is a delay slot */
};

static void ld(struct tr *t, unsigned reg, unsigned gr)
{
	if (gr == 0)
		x_rr(&t->b.e, false, X_XOR, reg, reg);
	else
		x_rm(&t->b.e, 0, true, X_LOAD, reg, RBX, OFF_R(gr));
}

static void st(struct tr *t, unsigned reg, unsigned gr)
{
	if (gr != 0)
		x_rm(&t->b.e, 0, true, X_STORE, reg, RBX, OFF_R(gr));
}

/* movsxd rax, eax */
static void sx32_rax(struct tr *t) { x_rr(&t->b.e, true, X_MOVSXD, RAX, RAX); }

static mips_handler executor(uint32_t insn)
{
	mips_handler fn = mips_flat[(insn >> 20 & 0xfc0) | (insn & 63)];
	return fn == mips_table[MIPS_T_SPECIAL + 12] ? mips_syscall_checked : fn;
}

/* The executor of insn at pc, as the interpreter runs it; a stop leaves
 * with its code (the executor stored the stop fields and pc). */
static void call_executor(struct tr *t, uint32_t insn, uint64_t pc, bool delay)
{
	struct emit *e = &t->b.e;
	x_store_imm(e, RBX, OFF(pc), pc);
	if (delay)
		x_store_imm8(e, RBX, OFF(in_delay), 1);
	x_rr(e, true, X_LOAD, RDI, RBX);
	x_mov_imm(e, RSI, insn);
	x_call_abs(e, (const void *)executor(insn));
	if (delay)
		x_store_imm8(e, RBX, OFF(in_delay), 0);
	x_store_imm(e, RBX, OFF_R(0), 0);
	x_rr(e, false, X_TEST, RAX, RAX);
	x_jcc_to(e, CC_NE, t->b.j->epilogue);
	/* After a store into code, SYNCI, a system call's mprotect... In a
	 * slot the block ends next, and the next block's entry checks. */
	if (!delay)
		jit_gen_check(&t->b, pc + 4);
}

/* Immediate ALU operations by primary opcode: the x86 group-1 operation
 * on the whole register (imm sign- or zero-extended), and whether the
 * result is a 32-bit one to sign-extend. */
static const struct imm_op {
	uint8_t valid, g1, zext, w32;
} imm_ops[64] = {
	[9] = { 1, G1_ADD, 0, 1 },  /* ADDIU */
	[25] = { 1, G1_ADD, 0, 0 }, /* DADDIU */
	[12] = { 1, G1_AND, 1, 0 }, /* ANDI */
	[13] = { 1, G1_OR, 1, 0 },  /* ORI */
	[14] = { 1, G1_XOR, 1, 0 }, /* XORI */
};

/* Three-register SPECIAL operations: one x86 operation rax op [rt]. */
static const struct r3_op {
	uint8_t valid, opc, w32, invert;
} r3_ops[64] = {
	[33] = { 1, X_ADD, 1, 0 }, /* ADDU */
	[35] = { 1, X_SUB, 1, 0 }, /* SUBU */
	[45] = { 1, X_ADD, 0, 0 }, /* DADDU */
	[47] = { 1, X_SUB, 0, 0 }, /* DSUBU */
	[36] = { 1, X_AND, 0, 0 }, /* AND */
	[37] = { 1, X_OR, 0, 0 },  /* OR */
	[38] = { 1, X_XOR, 0, 0 }, /* XOR */
	[39] = { 1, X_OR, 0, 1 },  /* NOR */
};

/* Shifts by sa (SPECIAL functions): the x86 shift, its width, what is
 * added to sa, and for the SRL family the rotate the rs field selects.
 * SRA shifts the whole register, as the interpreter does. */
static const struct shift_op {
	uint8_t valid, sh, w32, plus, rot;
} shift_ops[64] = {
	[0] = { 1, SH_SHL, 1, 0, 0 },   /* SLL */
	[2] = { 1, SH_SHR, 1, 0, 1 },   /* SRL, ROTR */
	[3] = { 1, SH_SAR, 0, 0, 0 },   /* SRA */
	[56] = { 1, SH_SHL, 0, 0, 0 },  /* DSLL */
	[58] = { 1, SH_SHR, 0, 0, 1 },  /* DSRL, DROTR */
	[59] = { 1, SH_SAR, 0, 0, 0 },  /* DSRA */
	[60] = { 1, SH_SHL, 0, 32, 0 }, /* DSLL32 */
	[62] = { 1, SH_SHR, 0, 32, 1 }, /* DSRL32, DROTR32 */
	[63] = { 1, SH_SAR, 0, 32, 0 }, /* DSRA32 */
};

/* Shifts by rs: width of the operation, the mask of the count (SRAV
 * shifts the whole register by rs & 31), SRLV/DSRLV rotate with sa 1. */
static const struct shiftv_op {
	uint8_t valid, sh, w32, mask, rot;
} shiftv_ops[64] = {
	[4] = { 1, SH_SHL, 1, 31, 0 },  /* SLLV */
	[6] = { 1, SH_SHR, 1, 31, 1 },  /* SRLV, ROTRV */
	[7] = { 1, SH_SAR, 0, 31, 0 },  /* SRAV */
	[20] = { 1, SH_SHL, 0, 63, 0 }, /* DSLLV */
	[22] = { 1, SH_SHR, 0, 63, 1 }, /* DSRLV, DROTRV */
	[23] = { 1, SH_SAR, 0, 63, 0 }, /* DSRAV */
};

/* Loads and stores by primary opcode. */
static const struct mem_op {
	uint8_t size, sign, store;
} mem_ops[64] = {
	[32] = { 1, 1, 0 }, [33] = { 2, 1, 0 }, [35] = { 4, 1, 0 }, [36] = { 1, 0, 0 },
	[37] = { 2, 0, 0 }, [39] = { 4, 0, 0 }, [55] = { 8, 0, 0 },
	[40] = { 1, 0, 1 }, [41] = { 2, 0, 1 }, [43] = { 4, 0, 1 }, [63] = { 8, 0, 1 },
};

/* The field a rotate selects with (rs for SRL/DSRL/DSRL32, sa for the
 * variable forms): 0 plain, 1 rotate, anything else reserved. */
static bool special_pure(uint32_t insn)
{
	unsigned f = insn & 63;
	if (r3_ops[f].valid)
		return SA(insn) == 0;
	if (shift_ops[f].valid)
		return shift_ops[f].rot ? RS(insn) <= 1 : true;
	if (shiftv_ops[f].valid)
		return shiftv_ops[f].rot ? SA(insn) <= 1 : true;
	switch (f) {
	case 10: case 11: /* MOVZ, MOVN */
	case 42: case 43: /* SLT, SLTU */
		return true;
	case 16: case 18: /* MFHI, MFLO: a DSP accumulator is reserved */
		return RS(insn) == 0;
	default:
		return false;
	}
}

/* Instructions translated without a call or a possible stop. */
static bool pure(uint32_t insn)
{
	unsigned op = insn >> 26;
	if (imm_ops[op].valid || op == 15 || op == 10 || op == 11)
		return true;
	if (op == 0)
		return special_pure(insn);
	if (op == 28) /* MUL */
		return (insn & 63) == 2 && SA(insn) == 0;
	if (op == 31) { /* EXT, DEXT inside the register */
		unsigned f = insn & 63, lsb = SA(insn), msbd = RD(insn);
		return (f == 0 && lsb + msbd <= 31) || (f == 3 && lsb + msbd <= 63);
	}
	return false;
}

static void special(struct tr *t, uint32_t insn)
{
	struct emit *e = &t->b.e;
	unsigned f = insn & 63, rs = RS(insn), rt = RT(insn), rd = RD(insn);
	if (rd == 0)
		return;
	if (r3_ops[f].valid) {
		const struct r3_op *o = &r3_ops[f];
		ld(t, RAX, rs);
		x_rm(e, 0, !o->w32, o->opc, RAX, RBX, OFF_R(rt));
		if (o->invert)
			x_not(e, true, RAX);
		if (o->w32)
			sx32_rax(t);
	} else if (shift_ops[f].valid) {
		const struct shift_op *o = &shift_ops[f];
		unsigned sh = o->rot && rs == 1 ? SH_ROR : o->sh;
		ld(t, RAX, rt);
		x_shift_imm(e, !o->w32, sh, RAX, SA(insn) + o->plus);
		if (o->w32)
			sx32_rax(t);
	} else if (shiftv_ops[f].valid) {
		const struct shiftv_op *o = &shiftv_ops[f];
		unsigned sh = o->rot && SA(insn) == 1 ? SH_ROR : o->sh;
		ld(t, RCX, rs);
		if (o->w32 == 0 && o->mask == 31)
			x_alu_imm(e, false, G1_AND, RCX, 31);
		ld(t, RAX, rt);
		x_shift_cl(e, !o->w32, sh, RAX);
		if (o->w32)
			sx32_rax(t);
	} else if (f == 10 || f == 11) {
		/* MOVZ/MOVN: rd = (rt == 0) == (MOVZ) ? rs : rd */
		x_rm(e, 0, true, X_LOAD, RAX, RBX, OFF_R(rd));
		ld(t, RCX, rs);
		x_cmp_mem_imm8(e, true, RBX, OFF_R(rt), 0);
		x_cmov(e, f == 10 ? CC_E : CC_NE, RAX, RCX);
	} else if (f == 42 || f == 43) {
		x_rr(e, false, X_XOR, RCX, RCX);
		ld(t, RAX, rs);
		x_rm(e, 0, true, X_CMP, RAX, RBX, OFF_R(rt));
		x_setcc(e, f == 42 ? CC_L : CC_B, RCX);
		st(t, RCX, rd);
		return;
	} else {
		x_rm(e, 0, true, X_LOAD, RAX, RBX, f == 16 ? OFF(hi) : OFF(lo));
	}
	st(t, RAX, rd);
}

static void alu(struct tr *t, uint32_t insn)
{
	struct emit *e = &t->b.e;
	unsigned op = insn >> 26, rs = RS(insn), rt = RT(insn);
	int32_t simm = (int16_t)insn;

	if (op == 0) {
		special(t, insn);
		return;
	}
	if (op == 28) {
		if (RD(insn) == 0)
			return;
		x_rm(e, 0, false, X_LOAD, RAX, RBX, OFF_R(rs));
		x_rm(e, 0, false, X_IMUL, RAX, RBX, OFF_R(rt));
		sx32_rax(t);
		st(t, RAX, RD(insn));
		return;
	}
	if (rt == 0)
		return;
	if (op == 15) {
		x_store_imm(e, RBX, OFF_R(rt), (uint64_t)(int64_t)(int32_t)((insn & 0xffff) << 16));
	} else if (op == 10 || op == 11) {
		x_rr(e, false, X_XOR, RCX, RCX);
		ld(t, RAX, rs);
		x_alu_imm(e, true, G1_CMP, RAX, simm);
		x_setcc(e, op == 10 ? CC_L : CC_B, RCX);
		st(t, RCX, rt);
	} else if (op == 31) {
		/* The field, by a left shift to the top and a right shift down. */
		unsigned lsb = SA(insn), size = RD(insn) + 1;
		ld(t, RAX, rs);
		x_shift_imm(e, true, SH_SHL, RAX, 64 - lsb - size);
		x_shift_imm(e, true, SH_SHR, RAX, 64 - size);
		if ((insn & 63) == 0)
			sx32_rax(t);
		st(t, RAX, rt);
	} else {
		const struct imm_op *o = &imm_ops[op];
		ld(t, RAX, rs);
		x_alu_imm(e, !o->w32, o->g1, RAX, o->zext ? (int32_t)(insn & 0xffff) : simm);
		if (o->w32)
			sx32_rax(t);
		st(t, RAX, rt);
	}
}

/* A load or store: the inline fast path of mips_fast, else the executor. */
static void mem_access(struct tr *t, uint32_t insn, const struct mem_op *o)
{
	struct emit *e = &t->b.e;
	bool be = t->m->big_endian;
	unsigned rt = RT(insn), sz = o->size;
	int32_t simm = (int16_t)insn;
	struct jit_cold *c = jit_add_cold(&t->b, COLD_SLOW, t->pc, NULL);
	unsigned nsite = 0;

	c->insn = insn;
	c->delay = t->delay;
	ld(t, RAX, RS(insn));
	if (simm)
		x_alu_imm(e, true, G1_ADD, RAX, simm);
	if (sz > 1) {
		x_byte(e, 0xa8); /* test al, imm8 */
		x_byte(e, (uint8_t)(sz - 1));
		c->site[nsite++] = x_jcc(e, CC_NE);
	}
	jit_page_check(&t->b, c, &nsite, o->store);
	if (!o->store) {
		if (sz == 1) {
			x_rx(e, 0, o->sign, o->sign ? X_MOVSX8 : X_MOVZX8, RAX, R13, RAX);
		} else if (sz == 2) {
			x_rx(e, 0, o->sign && !be, o->sign && !be ? X_MOVSX16 : X_MOVZX16, RAX, R13, RAX);
			if (be) {
				x_swap16(e, RAX);
				if (o->sign)
					x_rr(e, true, X_MOVSX16, RAX, RAX);
			}
		} else if (sz == 4) {
			if (be || !o->sign)
				x_rx(e, 0, false, X_LOAD, RAX, R13, RAX);
			else
				x_rx(e, 0, true, X_MOVSXD, RAX, R13, RAX);
			if (be) {
				x_bswap(e, false, RAX);
				if (o->sign)
					sx32_rax(t);
			}
		} else {
			x_rx(e, 0, true, X_LOAD, RAX, R13, RAX);
			if (be)
				x_bswap(e, true, RAX);
		}
		st(t, RAX, rt);
	} else {
		ld(t, RCX, rt);
		if (be && sz == 2)
			x_swap16(e, RCX);
		else if (be && sz > 2)
			x_bswap(e, sz == 8, RCX);
		if (sz == 1)
			x_rx(e, 0, false, X_STORE8, RCX, R13, RAX);
		else
			x_rx(e, sz == 2 ? 0x66 : 0, sz == 8, X_STORE, RCX, R13, RAX);
	}
	c->resume = e->p;
}

/* Non-branch instruction at t->pc. */
static void translate_one(struct tr *t, uint32_t insn)
{
	const struct mem_op *o = &mem_ops[insn >> 26];
	if (pure(insn))
		alu(t, insn);
	else if (o->size)
		mem_access(t, insn, o);
	else
		call_executor(t, insn, t->pc, t->delay);
}

/* Branches and jumps: how the condition is tested, the link register. */
enum { BR_NONE, BR_TWO, BR_ONE, BR_ALWAYS, BR_INDIRECT };

struct branch {
	uint8_t kind, cc, likely, link;
	uint64_t target;
};

static const struct branch_op {
	uint8_t kind, cc, likely, link;
} primary_branches[64] = {
	[2] = { BR_ALWAYS, 0, 0, 0 },    /* J */
	[3] = { BR_ALWAYS, 0, 0, 31 },   /* JAL */
	[4] = { BR_TWO, CC_E, 0, 0 },    /* BEQ */
	[5] = { BR_TWO, CC_NE, 0, 0 },   /* BNE */
	[6] = { BR_ONE, CC_LE, 0, 0 },   /* BLEZ */
	[7] = { BR_ONE, CC_G, 0, 0 },    /* BGTZ */
	[20] = { BR_TWO, CC_E, 1, 0 },   /* BEQL */
	[21] = { BR_TWO, CC_NE, 1, 0 },  /* BNEL */
	[22] = { BR_ONE, CC_LE, 1, 0 },  /* BLEZL */
	[23] = { BR_ONE, CC_G, 1, 0 },   /* BGTZL */
}, regimm_branches[32] = {
	[0] = { BR_ONE, CC_L, 0, 0 },    /* BLTZ */
	[1] = { BR_ONE, CC_GE, 0, 0 },   /* BGEZ */
	[2] = { BR_ONE, CC_L, 1, 0 },    /* BLTZL */
	[3] = { BR_ONE, CC_GE, 1, 0 },   /* BGEZL */
	[16] = { BR_ONE, CC_L, 0, 31 },  /* BLTZAL */
	[17] = { BR_ONE, CC_GE, 0, 31 }, /* BGEZAL */
	[18] = { BR_ONE, CC_L, 1, 31 },  /* BLTZALL */
	[19] = { BR_ONE, CC_GE, 1, 31 }, /* BGEZALL */
};

/* The branch insn at pc is, or kind BR_NONE. */
static struct branch decode_branch(uint32_t insn, uint64_t pc)
{
	unsigned op = insn >> 26;
	struct branch_op o = primary_branches[op];
	if (op == 1)
		o = regimm_branches[RT(insn)];
	if (op == 0 && ((insn & 63) == 8 || (insn & 63) == 9))
		o = (struct branch_op){ BR_INDIRECT, 0, 0, (insn & 63) == 9 ? (uint8_t)RD(insn) : 0 };
	struct branch b = { o.kind, o.cc, o.likely, o.link, pc + 4 + ((uint64_t)(int64_t)(int16_t)insn << 2) };
	if (op == 2 || op == 3)
		b.target = ((pc + 4) & ~(uint64_t)0x0fffffff) | (uint64_t)(insn & 0x03ffffff) << 2;
	/* B and BAL: conditions that always hold. */
	if ((b.kind == BR_TWO && b.cc == CC_E && RS(insn) == RT(insn)) ||
	    (b.kind == BR_ONE && b.cc == CC_GE && RS(insn) == 0 && !b.likely))
		b.kind = BR_ALWAYS;
	return b;
}

/* Word at pc of a page checked already. */
static uint32_t word(const struct tr *t, uint64_t pc)
{
	uint32_t w = gmem_raw_ld32(t->m->host + pc);
	return t->m->big_endian ? __builtin_bswap32(w) : w;
}

/* Whether the page of pc can be fetched from; marks it as holding code
 * first, as the decoded-page cache does. */
static bool fetchable(struct gmem *m, uint64_t pc)
{
	return !(pc >> SEGBITS) && pc < m->size && (gmem_perm(m, pc >> GPAGE_SHIFT) & GP_X) &&
	       (gmem_mark_code(m, pc >> GPAGE_SHIFT) & GP_X);
}

/* BC1F/BC1T and MIPS-3D BC1ANY2/BC1ANY4: left to the interpreter. */
static bool is_cop1_branch(uint32_t insn) { return insn >> 26 == 17 && RS(insn) >= 8 && RS(insn) <= 10; }

/* The branch insn at t->pc with its slot; false (nothing emitted) when
 * the slot cannot be fetched. */
static bool branch(struct tr *t, uint32_t insn, const struct branch *b)
{
	struct emit *e = &t->b.e;
	uint64_t pc = t->pc, slot_pc = pc + 4;

	if (!(slot_pc & GPAGE_MASK) && !fetchable(t->m, slot_pc))
		return false;
	uint32_t slot = word(t, slot_pc);
	bool dynamic = b->kind == BR_TWO || b->kind == BR_ONE;

	if (dynamic) {
		x_rr(e, false, X_XOR, RBP, RBP);
		ld(t, RAX, RS(insn));
		if (b->kind == BR_TWO && RT(insn) != 0)
			x_rm(e, 0, true, X_CMP, RAX, RBX, OFF_R(RT(insn)));
		else
			x_rr(e, true, X_TEST, RAX, RAX);
		x_setcc(e, b->cc, RBP);
	} else if (b->kind == BR_INDIRECT) {
		ld(t, RBP, RS(insn));
	}
	if (b->link)
		x_store_imm(e, RBX, OFF_R(b->link), pc + 8);
	/* A slot that can stop reports where the program goes after it. */
	if (!pure(slot)) {
		if (b->kind == BR_ALWAYS) {
			x_store_imm(e, RBX, OFF(branch_target), b->target);
		} else if (b->kind == BR_INDIRECT) {
			x_rm(e, 0, true, X_STORE, RBP, RBX, OFF(branch_target));
		} else {
			x_mov_imm(e, RAX, pc + 8);
			x_mov_imm(e, RCX, b->target);
			x_rr(e, false, X_TEST, RBP, RBP);
			x_cmov(e, CC_NE, RAX, RCX);
			x_rm(e, 0, true, X_STORE, RAX, RBX, OFF(branch_target));
		}
	}
	if (dynamic && b->likely) {
		x_rr(e, false, X_TEST, RBP, RBP);
		jit_add_cold(&t->b, COLD_CHAIN, pc + 8, x_jcc(e, CC_E));
	}
	t->pc = slot_pc;
	t->delay = true;
	if (decode_branch(slot, slot_pc).kind != BR_NONE || is_cop1_branch(slot))
		call_executor(t, slot, slot_pc, true); /* reserved in a slot */
	else
		translate_one(t, slot);
	t->delay = false;

	if (b->kind == BR_INDIRECT) {
		/* jit->fast[(target >> 2) % JIT_FAST]: its code, or the exit. */
		x_rm(e, 0, true, X_STORE, RBP, RBX, OFF(pc));
		x_rr(e, true, X_LOAD, RAX, RBP);
		x_rr(e, false, X_LOAD, RCX, RBP);
		x_shift_imm(e, false, SH_SHR, RCX, 2);
		x_alu_imm(e, false, G1_AND, RCX, JIT_FAST - 1);
		x_shift_imm(e, false, SH_SHL, RCX, 4);
		x_rr(e, true, X_ADD, RCX, R12);
		x_rm(e, 0, true, X_CMP, RAX, RCX, OFF_J(fast));
		x_jcc_to(e, CC_NE, t->b.j->exit_stub);
		x_jmp_mem(e, RCX, OFF_J(fast) + (int32_t)offsetof(struct jit_fast, code));
	} else if (dynamic && !b->likely) {
		x_rr(e, false, X_TEST, RBP, RBP);
		jit_add_cold(&t->b, COLD_CHAIN, b->target, x_jcc(e, CC_NE));
		jit_chain_exit(&t->b, pc + 8);
	} else {
		jit_chain_exit(&t->b, b->target);
	}
	return true;
}

static void slow_path(struct jit_tr *b, const struct jit_cold *c)
{
	struct tr *t = (struct tr *)b;
	/* The executor redoes the access with every check. */
	call_executor(t, c->insn, c->pc, c->delay);
	x_jmp_to(&b->e, c->resume);
}

/* A block for pc, NULL when pc cannot be fetched (the interpreter then
 * reports the fault). */
static struct jit_block *translate(struct jit *j, struct mips_cpu *cpu, uint64_t pc)
{
	static _Thread_local struct tr tr;
	struct tr *t = &tr;
	struct emit *e = &t->b.e;

	if ((pc & 3) || !fetchable(cpu->mem, pc))
		return NULL;
	uint8_t *code = jit_begin(j);
	t->b.e.p = code;
	t->b.j = j;
	t->b.pc_off = OFF(pc);
	t->b.pc32 = false;
	t->b.slow = slow_path;
	t->b.ncold = 0;
	t->m = cpu->mem;
	t->pc = pc;
	t->delay = false;

	jit_entry_check(&t->b, OFF(interrupt_request), pc);
	for (unsigned n = 0;; n++) {
		if (n == MAX_INSNS || (n && !(t->pc & GPAGE_MASK))) {
			jit_chain_exit(&t->b, t->pc);
			break;
		}
		uint32_t insn = word(t, t->pc);
		struct branch b = decode_branch(insn, t->pc);
		if (b.kind != BR_NONE || is_cop1_branch(insn)) {
			if (!is_cop1_branch(insn) && branch(t, insn, &b))
				break;
			if (n == 0)
				return jit_commit(j, pc, NULL, NULL);
			jit_chain_exit(&t->b, t->pc);
			break;
		}
		translate_one(t, insn);
		t->pc += 4;
	}
	jit_emit_cold(&t->b);
	return jit_commit(j, pc, code, e->p);
}

int mips_jit_run(struct mips_cpu *cpu)
{
	struct jit *j = jit_for(cpu->mem);
	if (!j)
		return -1;
	struct jit_dispatch d = { NULL, j->flushes };
	for (;;) {
		if (__atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED))
			return mips_interrupt(cpu, cpu->pc);
		if (__atomic_load_n(j->genp, __ATOMIC_ACQUIRE) != j->gen)
			jit_flush(j);
		uint64_t pc = cpu->pc;
		struct jit_block *b = jit_find(j, pc);
		if (!b)
			b = translate(j, cpu, pc);
		if (!b || !b->code) {
			int rc = mips_interp_step(cpu);
			if (rc)
				return rc;
			d.link = NULL;
			continue;
		}
		int rc = jit_run_block(j, cpu, &d, pc, b);
		if (rc)
			return rc;
	}
}
