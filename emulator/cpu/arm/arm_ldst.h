/* Single loads and stores: the addressing helpers and the inline body of
 * LDR/STR/LDRB/STRB that the decoder's handlers (arm_ldst.c) and the
 * decoded-page loop (arm_run.c) instantiate per form. */
#ifndef MIMIC_ARM_LDST_H
#define MIMIC_ARM_LDST_H

#include "cpu/arm/arm_exec.h"

#define P_BIT (1u << 24)
#define U_BIT (1u << 23)
#define W_BIT (1u << 21)
#define L_BIT (1u << 20)

/* Offset address, transfer address and writeback of an addressing mode. */
struct arm_addr {
	uint32_t wb, ea;
	bool write_back;
};

static inline __attribute__((always_inline)) struct arm_addr arm_address(const struct arm_cpu *cpu, uint32_t insn, uint32_t off)
{
	uint32_t base = arm_reg(cpu, (insn >> 16) & 15);
	struct arm_addr a;
	a.wb = (insn & U_BIT) ? base + off : base - off;
	a.ea = (insn & P_BIT) ? a.wb : base;
	a.write_back = !(insn & P_BIT) || (insn & W_BIT);
	return a;
}

static inline void arm_write_back(struct arm_cpu *cpu, uint32_t insn, const struct arm_addr *a)
{
	unsigned rn = (insn >> 16) & 15;
	if (a->write_back && rn != 15)
		cpu->r[rn] = a->wb;
}

/* Loaded value to Rt; a load to the PC interworks (ARMv5 and later). */
static inline int arm_finish_load(struct arm_cpu *cpu, unsigned rt, uint32_t v)
{
	if (rt == 15) {
		arm_bx(cpu, v);
		return 0;
	}
	cpu->r[rt] = v;
	return arm_next(cpu);
}

/* The out-of-line path of arm_ldst: starts the instruction over with the
 * general checks. */
int arm_ldst_checked(struct arm_cpu *cpu, uint32_t insn);

/* LDR/STR/LDRB/STRB, with bits 25:20 (I P U B W L) as constants so each
 * of the 64 forms gets its own straight-line handler. The handlers only
 * do accesses inside one page with the permission (fast); anything else
 * starts the instruction over in arm_ldst_checked, out of line, so the
 * handlers need no registers saved around a call. */
static inline __attribute__((always_inline)) int arm_ldst(struct arm_cpu *cpu, uint32_t insn, uint32_t bits, bool fast)
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
	struct arm_addr a = arm_address(cpu, (insn & 0x000fffff) | form, off);

	if (form & L_BIT) {
		uint32_t v;
		if (fast) {
			if (!arm_fast_ok(cpu, a.ea, byte ? 1 : 4, GP_R))
				return arm_ldst_checked(cpu, insn);
			v = byte ? arm_peek8(cpu, a.ea) : arm_peek32(cpu, a.ea);
		} else if (byte) {
			uint8_t b;
			if (!arm_ld8(cpu, a.ea, &b))
				return arm_fault(cpu, insn);
			v = b;
		} else if (!arm_ld32(cpu, a.ea, &v)) {
			return arm_fault(cpu, insn);
		}
		arm_write_back(cpu, (insn & 0x000fffff) | form, &a);
		return arm_finish_load(cpu, rt, v);
	}
	uint32_t v = arm_reg(cpu, rt);
	if (fast) {
		if (!arm_fast_ok(cpu, a.ea, byte ? 1 : 4, GP_W))
			return arm_ldst_checked(cpu, insn);
		if (byte)
			arm_poke8(cpu, a.ea, (uint8_t)v);
		else
			arm_poke32(cpu, a.ea, v);
	} else if (!(byte ? arm_st8(cpu, a.ea, (uint8_t)v) : arm_st32(cpu, a.ea, v))) {
		return arm_fault(cpu, insn);
	}
	arm_write_back(cpu, (insn & 0x000fffff) | form, &a);
	return arm_next(cpu);
}

#endif
