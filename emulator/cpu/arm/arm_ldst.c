/* Single loads and stores: LDR/STR/LDRB/STRB (and their T forms, which
 * act the same in User mode) and LDRH/STRH/LDRSB/LDRSH/LDRD/STRD.
 * Unaligned word and halfword accesses are done as the ARM1176 does with
 * SCTLR.U set; an unaligned LDRD/STRD traps and Linux completes it, which
 * the guest cannot tell from an unaligned access. */
#include "cpu/arm/arm_exec.h"

#define P_BIT (1u << 24)
#define U_BIT (1u << 23)
#define W_BIT (1u << 21)
#define L_BIT (1u << 20)

/* Offset address, transfer address and writeback of an addressing mode. */
struct addr {
	uint32_t wb, ea;
	bool write_back;
};

static inline __attribute__((always_inline)) struct addr address(const struct arm_cpu *cpu, uint32_t insn, uint32_t off)
{
	uint32_t base = arm_reg(cpu, (insn >> 16) & 15);
	struct addr a;
	a.wb = (insn & U_BIT) ? base + off : base - off;
	a.ea = (insn & P_BIT) ? a.wb : base;
	a.write_back = !(insn & P_BIT) || (insn & W_BIT);
	return a;
}

static void write_back(struct arm_cpu *cpu, uint32_t insn, const struct addr *a)
{
	unsigned rn = (insn >> 16) & 15;
	if (a->write_back && rn != 15)
		cpu->r[rn] = a->wb;
}

/* Loaded value to Rt; a load to the PC interworks (ARMv5 and later). */
static int finish_load(struct arm_cpu *cpu, unsigned rt, uint32_t v)
{
	if (rt == 15) {
		arm_bx(cpu, v);
		return 0;
	}
	cpu->r[rt] = v;
	return arm_next(cpu);
}

static int ldst_checked(struct arm_cpu *cpu, uint32_t insn);

/* LDR/STR/LDRB/STRB, with bits 25:20 (I P U B W L) as constants so each
 * of the 64 forms gets its own straight-line handler. The handlers only
 * do accesses inside one page with the permission (fast); anything else
 * starts the instruction over in ldst_checked, out of line, so the
 * handlers need no registers saved around a call. */
static inline __attribute__((always_inline)) int ldst(struct arm_cpu *cpu, uint32_t insn, uint32_t bits, bool fast)
{
	unsigned rt = (insn >> 12) & 15;
	uint32_t form = bits << 20, off, sc;
	bool byte = form & (1u << 22);

	/* LDRT/STRT and friends with a PC base are UNPREDICTABLE. */
	if (!(form & P_BIT) && (form & W_BIT) && ((insn >> 16) & 15) == 15)
		return arm_undef(cpu, insn);
	if (form & (1u << 25))
		off = arm_shift_imm(arm_reg(cpu, insn & 15), (insn >> 5) & 3, (insn >> 7) & 31, cpu->c, &sc);
	else
		off = insn & 0xfff;
	struct addr a = address(cpu, (insn & 0x000fffff) | form, off);

	if (form & L_BIT) {
		uint32_t v;
		if (fast) {
			if (!arm_fast_ok(cpu, a.ea, byte ? 1 : 4, GP_R))
				return ldst_checked(cpu, insn);
			v = byte ? arm_peek8(cpu, a.ea) : arm_peek32(cpu, a.ea);
		} else if (byte) {
			uint8_t b;
			if (!arm_ld8(cpu, a.ea, &b))
				return arm_fault(cpu, insn);
			v = b;
		} else if (!arm_ld32(cpu, a.ea, &v)) {
			return arm_fault(cpu, insn);
		}
		write_back(cpu, (insn & 0x000fffff) | form, &a);
		return finish_load(cpu, rt, v);
	}
	uint32_t v = arm_reg(cpu, rt);
	if (fast) {
		if (!arm_fast_ok(cpu, a.ea, byte ? 1 : 4, GP_W))
			return ldst_checked(cpu, insn);
		if (byte)
			arm_poke8(cpu, a.ea, (uint8_t)v);
		else
			arm_poke32(cpu, a.ea, v);
	} else if (!(byte ? arm_st8(cpu, a.ea, (uint8_t)v) : arm_st32(cpu, a.ea, v))) {
		return arm_fault(cpu, insn);
	}
	write_back(cpu, (insn & 0x000fffff) | form, &a);
	return arm_next(cpu);
}

/* Nothing is written before the access, so the instruction can start over. */
static __attribute__((noinline, cold)) int ldst_checked(struct arm_cpu *cpu, uint32_t insn)
{
	return ldst(cpu, insn, (insn >> 20) & 63, false);
}

#define LDST_FN(n) static int ldst_##n(struct arm_cpu *cpu, uint32_t insn) { return ldst(cpu, insn, 0##n, true); }
#define LDST_FN8(n) LDST_FN(n##0) LDST_FN(n##1) LDST_FN(n##2) LDST_FN(n##3) LDST_FN(n##4) LDST_FN(n##5) LDST_FN(n##6) LDST_FN(n##7)
LDST_FN8(0) LDST_FN8(1) LDST_FN8(2) LDST_FN8(3) LDST_FN8(4) LDST_FN8(5) LDST_FN8(6) LDST_FN8(7)

#define LDST_ROW(n) ldst_##n##0, ldst_##n##1, ldst_##n##2, ldst_##n##3, ldst_##n##4, ldst_##n##5, ldst_##n##6, ldst_##n##7
/* Indexed by bits 25:20 read as an octal number. */
static const arm_handler ldst_handlers[64] = {
	LDST_ROW(0), LDST_ROW(1), LDST_ROW(2), LDST_ROW(3), LDST_ROW(4), LDST_ROW(5), LDST_ROW(6), LDST_ROW(7),
};

arm_handler arm_ldst_handler(uint32_t insn)
{
	return ldst_handlers[(insn >> 20) & 63];
}

static int ldst_dual(struct arm_cpu *cpu, uint32_t insn, const struct addr *a, bool load)
{
	unsigned rt = (insn >> 12) & 15;

	/* Rt must be even and not R14, and post-indexing has no writeback
	 * variant (UNPREDICTABLE otherwise). */
	if ((rt & 1) || rt == 14 || (!(insn & P_BIT) && (insn & W_BIT)))
		return arm_undef(cpu, insn);
	if (load) {
		if (!gmem_check(cpu->mem, a->ea, 8, GP_R))
			return arm_fault(cpu, insn);
		uint32_t lo = arm_peek32(cpu, a->ea), hi = arm_peek32(cpu, a->ea + 4);
		/* Linux's fix-up of a word-unaligned LDRD writes the base back
		 * after the registers; in hardware the loaded value wins. */
		bool fixup = a->ea & 3;
		if (!fixup)
			write_back(cpu, insn, a);
		cpu->r[rt] = lo;
		cpu->r[rt + 1] = hi;
		if (fixup)
			write_back(cpu, insn, a);
	} else {
		if (!gmem_check(cpu->mem, a->ea, 8, GP_W))
			return arm_fault(cpu, insn);
		arm_poke32(cpu, a->ea, arm_reg(cpu, rt));
		arm_poke32(cpu, a->ea + 4, arm_reg(cpu, rt + 1));
		write_back(cpu, insn, a);
	}
	return arm_next(cpu);
}

/* cond 000 P U I W L Rn Rt imm4H 1 op 1 imm4L/Rm */
int arm_exec_ldst_extra(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rt = (insn >> 12) & 15, op = (insn >> 5) & 3;
	uint32_t off = (insn & (1u << 22)) ? ((insn >> 4) & 0xf0) | (insn & 15) : arm_reg(cpu, insn & 15);
	struct addr a = address(cpu, insn, off);
	uint32_t v;

	/* The register form has bits 11:8 zero. */
	if (!(insn & (1u << 22)) && (insn & 0xf00))
		return arm_undef(cpu, insn);

	if (!(insn & L_BIT)) {
		if (op != 1)
			return ldst_dual(cpu, insn, &a, op == 2);
		if (!arm_st16(cpu, a.ea, (uint16_t)arm_reg(cpu, rt)))
			return arm_fault(cpu, insn);
		write_back(cpu, insn, &a);
		return arm_next(cpu);
	}
	if (op == 2) {
		uint8_t b;
		if (!arm_ld8(cpu, a.ea, &b))
			return arm_fault(cpu, insn);
		v = (uint32_t)(int32_t)(int8_t)b;
	} else {
		uint16_t h;
		if (!arm_ld16(cpu, a.ea, &h))
			return arm_fault(cpu, insn);
		v = op == 3 ? (uint32_t)(int32_t)(int16_t)h : h;
	}
	write_back(cpu, insn, &a);
	return finish_load(cpu, rt, v);
}
