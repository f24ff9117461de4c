/* SSAT, USAT (shifted operand) and SSAT16, USAT16: saturation sets Q. */
#include "cpu/arm/arm_alu.h"
#include "cpu/arm/arm_media.h"

int arm_sat(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned imm5 = (insn >> 7) & 31, bits = (insn >> 16) & 31;
	uint32_t x = arm_media_reg(cpu, insn & 15), carry;
	int sat = 0;
	uint32_t r;

	/* sh selects ASR (imm5 0 meaning 32) over LSL. */
	x = arm_shift_imm(x, (insn & (1u << 6)) ? ARM_ASR : ARM_LSL, imm5, 0, &carry);
	if (insn & (1u << 22))
		r = arm_usat((int32_t)x, bits, &sat);
	else
		r = (uint32_t)arm_ssat((int32_t)x, bits + 1, &sat);
	if (sat)
		cpu->q = 1;
	return arm_media_wb(cpu, (insn >> 12) & 15, r);
}

int arm_sat16(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned bits = (insn >> 16) & 15;
	uint32_t x = arm_media_reg(cpu, insn & 15);
	int sat = 0;
	uint32_t lo, hi;

	if (insn & (1u << 22)) {
		lo = arm_usat((int16_t)x, bits, &sat);
		hi = arm_usat((int16_t)(x >> 16), bits, &sat);
	} else {
		lo = (uint32_t)arm_ssat((int16_t)x, bits + 1, &sat);
		hi = (uint32_t)arm_ssat((int16_t)(x >> 16), bits + 1, &sat);
	}
	if (sat)
		cpu->q = 1;
	return arm_media_wb(cpu, (insn >> 12) & 15, (lo & 0xffff) | (hi << 16));
}
