/* USAD8 / USADA8: sum of absolute byte differences (Ra == PC: no accumulate).
 * Fields: Rd [19:16], Ra [15:12], Rm [11:8], Rn [3:0]. */
#include "cpu/arm/arm_media.h"

int arm_media_usad8(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned a = (insn >> 12) & 15;
	uint32_t n = arm_media_reg(cpu, insn & 15), m = arm_media_reg(cpu, (insn >> 8) & 15);
	uint32_t r = a == 15 ? 0 : cpu->r[a];

	for (unsigned i = 0; i < 32; i += 8) {
		int32_t diff = (int32_t)((n >> i) & 0xff) - (int32_t)((m >> i) & 0xff);
		r += (uint32_t)(diff < 0 ? -diff : diff);
	}
	return arm_media_wb(cpu, (insn >> 16) & 15, r);
}
