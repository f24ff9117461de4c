/* REV, REV16, REVSH (ARM state). */
#include "cpu/arm/arm_media.h"

int arm_rev(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t m = arm_media_reg(cpu, insn & 15), r;

	if (insn & (1u << 22))
		r = arm_revsh(m);
	else if (insn & (1u << 7))
		r = arm_rev16(m);
	else
		r = __builtin_bswap32(m);
	return arm_media_wb(cpu, (insn >> 12) & 15, r);
}
