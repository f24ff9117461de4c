/* PKHBT, PKHTB (halfword packing) and SEL (byte select by GE). */
#include "cpu/arm/arm_alu.h"
#include "cpu/arm/arm_media.h"

int arm_pack_pkh(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned imm5 = (insn >> 7) & 31;
	uint32_t n = arm_media_reg(cpu, (insn >> 16) & 15), m = arm_media_reg(cpu, insn & 15);
	uint32_t carry, r;

	if (insn & (1u << 6)) /* PKHTB: Rm ASR imm (0 meaning 32) in the bottom */
		r = (n & 0xffff0000u) | (arm_shift_imm(m, ARM_ASR, imm5, 0, &carry) & 0xffff);
	else /* PKHBT: Rm LSL imm in the top */
		r = (n & 0xffff) | ((m << imm5) & 0xffff0000u);
	return arm_media_wb(cpu, (insn >> 12) & 15, r);
}

int arm_pack_sel(struct arm_cpu *cpu, uint32_t insn)
{
	/* GE[i] spread to a byte mask: bit i -> byte i all ones. */
	uint32_t ge = cpu->ge, mask = 0;
	for (unsigned i = 0; i < 4; i++)
		if ((ge >> i) & 1)
			mask |= 0xffu << (8 * i);
	uint32_t n = arm_media_reg(cpu, (insn >> 16) & 15), m = arm_media_reg(cpu, insn & 15);
	return arm_media_wb(cpu, (insn >> 12) & 15, (n & mask) | (m & ~mask));
}
