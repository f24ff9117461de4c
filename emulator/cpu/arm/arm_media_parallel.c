/* Parallel add/subtract: {S,Q,SH,U,UQ,UH} x {ADD16,ASX,SAX,SUB16,ADD8,SUB8}.
 * Each lane is computed at full precision from the (sign- or zero-)
 * extended lanes of Rn and Rm, then wrapped (setting GE), saturated or
 * halved according to the prefix. */
#include "cpu/arm/arm_alu.h"
#include "cpu/arm/arm_media.h"

/* Per op2: number of lanes, which lanes subtract, and whether lane i of Rn
 * meets lane i^1 of Rm (the exchanging ASX and SAX forms). */
static const struct {
	uint8_t lanes, sub, cross;
} par_ops[8] = {
	[0] = { 2, 0x0, 0 }, /* ADD16 */
	[1] = { 2, 0x1, 1 }, /* ASX: low = n.lo - m.hi, high = n.hi + m.lo */
	[2] = { 2, 0x2, 1 }, /* SAX: low = n.lo + m.hi, high = n.hi - m.lo */
	[3] = { 2, 0x3, 0 }, /* SUB16 */
	[4] = { 4, 0x0, 0 }, /* ADD8 */
	[7] = { 4, 0xf, 0 }, /* SUB8 */
};

enum { PAR_GE = 1, PAR_SAT = 2, PAR_HALVE = 3 };

static inline int32_t lane(uint32_t x, unsigned i, unsigned w, int is_unsigned)
{
	uint32_t v = x >> (i * w) << (32 - w);
	return is_unsigned ? (int32_t)(v >> (32 - w)) : (int32_t)v >> (32 - w);
}

int arm_media_parallel(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned op2 = (insn >> 5) & 7, mode = (insn >> 20) & 3;
	int is_unsigned = (insn >> 22) & 1;
	unsigned lanes = par_ops[op2].lanes, w = 32 / lanes, gew = 4 / lanes;
	uint32_t n = arm_media_reg(cpu, (insn >> 16) & 15), m = arm_media_reg(cpu, insn & 15);
	uint32_t mask = (uint32_t)((1ull << w) - 1), res = 0, ge = 0;

	for (unsigned i = 0; i < lanes; i++) {
		int sub = (par_ops[op2].sub >> i) & 1;
		int32_t a = lane(n, i, w, is_unsigned);
		int32_t b = lane(m, par_ops[op2].cross ? i ^ 1 : i, w, is_unsigned);
		int32_t r = sub ? a - b : a + b;
		int sat = 0;

		if (mode == PAR_SAT)
			r = is_unsigned ? (int32_t)arm_usat(r, w, &sat) : arm_ssat(r, w, &sat);
		else if (mode == PAR_HALVE)
			r >>= 1;
		else if (is_unsigned && !sub ? r >= (int32_t)(1u << w) : r >= 0)
			ge |= ((1u << gew) - 1) << (i * gew);
		res |= ((uint32_t)r & mask) << (i * w);
	}
	if (mode == PAR_GE)
		cpu->ge = ge;
	return arm_media_wb(cpu, (insn >> 12) & 15, res);
}
