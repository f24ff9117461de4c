/* Single loads and stores: LDR/STR/LDRB/STRB (and their T forms, which
 * act the same in User mode) and LDRH/STRH/LDRSB/LDRSH/LDRD/STRD.
 * Unaligned word and halfword accesses are done as the ARM1176 does with
 * SCTLR.U set; an unaligned LDRD/STRD traps and Linux completes it, which
 * the guest cannot tell from an unaligned access. */
#include "cpu/arm/arm_ldst.h"

/* Nothing is written before the access, so the instruction can start over. */
__attribute__((noinline, cold)) int arm_ldst_checked(struct arm_cpu *cpu, uint32_t insn)
{
	return arm_ldst(cpu, insn, (insn >> 20) & 63, false);
}

#define LDST_FN(n) static int ldst_##n(struct arm_cpu *cpu, uint32_t insn) { return arm_ldst(cpu, insn, 0##n, true); }
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

static int ldst_dual(struct arm_cpu *cpu, uint32_t insn, const struct arm_addr *a, bool load)
{
	unsigned rt = (insn >> 12) & 15;

	/* Rt must be even and not R14, and post-indexing has no writeback
	 * variant (UNPREDICTABLE otherwise). The guest CPU stores R14 and the
	 * PC for STRD of R14 (random_arm shows it); a load there would jump. */
	if ((rt & 1) || (rt == 14 && load) || (!(insn & P_BIT) && (insn & W_BIT)))
		return arm_undef(cpu, insn);
	if (load) {
		if (!gmem_check(cpu->mem, a->ea, 8, GP_R))
			return arm_fault(cpu, insn);
		uint32_t lo = arm_peek32(cpu, a->ea), hi = arm_peek32(cpu, a->ea + 4);
		/* Linux's fix-up of a word-unaligned LDRD writes the base back
		 * after the registers; in hardware the loaded value wins. */
		bool fixup = a->ea & 3;
		if (!fixup)
			arm_write_back(cpu, insn, a);
		cpu->r[rt] = lo;
		cpu->r[rt + 1] = hi;
		if (fixup)
			arm_write_back(cpu, insn, a);
	} else {
		/* Linux's alignment fix-up refuses the pair R14, PC and, unlike
		 * for what it has no handler for, steps the PC back first. */
		if (rt == 14 && (a->ea & 3)) {
			arm_align_fault(cpu, a->ea);
			return arm_fault(cpu, insn);
		}
		if (!gmem_check(cpu->mem, a->ea, 8, GP_W))
			return arm_fault(cpu, insn);
		arm_poke32(cpu, a->ea, arm_reg(cpu, rt));
		arm_poke32(cpu, a->ea + 4, arm_reg(cpu, rt + 1));
		arm_write_back(cpu, insn, a);
	}
	return arm_next(cpu);
}

/* cond 000 P U I W L Rn Rt imm4H 1 op 1 imm4L/Rm */
int arm_exec_ldst_extra(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rt = (insn >> 12) & 15, op = (insn >> 5) & 3;
	uint32_t off = (insn & (1u << 22)) ? ((insn >> 4) & 0xf0) | (insn & 15) : arm_reg(cpu, insn & 15);
	struct arm_addr a = arm_address(cpu, insn, off);
	uint32_t v;

	/* The register form has bits 11:8 zero. */
	if (!(insn & (1u << 22)) && (insn & 0xf00))
		return arm_undef(cpu, insn);

	if (!(insn & L_BIT)) {
		if (op != 1)
			return ldst_dual(cpu, insn, &a, op == 2);
		if (!arm_st16(cpu, a.ea, (uint16_t)arm_reg(cpu, rt)))
			return arm_fault(cpu, insn);
		arm_write_back(cpu, insn, &a);
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
	arm_write_back(cpu, insn, &a);
	return arm_finish_load(cpu, rt, v);
}
