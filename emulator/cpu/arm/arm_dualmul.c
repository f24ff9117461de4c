/* Signed dual 16x16 multiplies (SMUAD SMUSD SMLAD SMLSD SMLALD SMLSLD, X
 * swapping Rm's halves) and the most-significant-word multiplies (SMMUL
 * SMMLA SMMLS, R rounding). Fields: Rd/RdHi [19:16], Ra/RdLo [15:12],
 * Rm [11:8], Rn [3:0]; Ra == PC selects the non-accumulating form. SMMLS
 * with Ra == PC is UNPREDICTABLE; it is taken as SMMUL(R), the reading of
 * the field that the reference guest's CPU model makes. */
#include "cpu/arm/arm_media.h"

int arm_dualmul(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned d = (insn >> 16) & 15, a = (insn >> 12) & 15;
	uint32_t n = arm_media_reg(cpu, insn & 15), m = arm_media_reg(cpu, (insn >> 8) & 15);

	if (insn & (1u << 5))
		m = arm_ror32(m, 16);
	int64_t p1 = (int32_t)(int16_t)n * (int32_t)(int16_t)m;
	int64_t p2 = (int32_t)(int16_t)(n >> 16) * (int32_t)(int16_t)(m >> 16);
	int64_t sum = (insn & (1u << 6)) ? p1 - p2 : p1 + p2;

	if (insn & (1u << 22)) { /* SMLALD / SMLSLD: 64-bit accumulate in RdHi:RdLo */
		uint64_t acc = ((uint64_t)arm_media_reg(cpu, d) << 32) | arm_media_reg(cpu, a);
		acc += (uint64_t)sum;
		if (a != 15)
			cpu->r[a] = (uint32_t)acc;
		return arm_media_wb(cpu, d, (uint32_t)(acc >> 32));
	}
	if (a != 15)
		sum += (int32_t)cpu->r[a];
	/* Q when the whole sum does not fit 32 bits. */
	if (sum != (int32_t)sum)
		cpu->q = 1;
	return arm_media_wb(cpu, d, (uint32_t)sum);
}

int arm_dualmul_smmul(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned d = (insn >> 16) & 15, a = (insn >> 12) & 15;
	uint32_t n = arm_media_reg(cpu, insn & 15), m = arm_media_reg(cpu, (insn >> 8) & 15);
	uint64_t prod = (uint64_t)((int64_t)(int32_t)n * (int32_t)m);
	int is_sub = (insn >> 6) & 1;
	/* Modular 64-bit arithmetic: only bits [63:32] are kept. */
	uint64_t r = prod;

	if (a != 15) {
		uint64_t acc = (uint64_t)cpu->r[a] << 32;
		r = is_sub ? acc - prod : acc + prod;
	}
	if (insn & (1u << 5))
		r += 0x80000000u;
	return arm_media_wb(cpu, d, (uint32_t)(r >> 32));
}
