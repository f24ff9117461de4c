/* SXTB, SXTH, SXTB16, UXTB, UXTH, UXTB16 and their add forms (Rn != PC):
 * Rm rotated right by 0/8/16/24, then extended; op1 (bits[22:20]) selects
 * signedness and width. */
#include "cpu/arm/arm_media.h"

int arm_extend(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned op1 = (insn >> 20) & 7, rn = (insn >> 16) & 15;
	uint32_t x = arm_ror32(arm_media_reg(cpu, insn & 15), ((insn >> 10) & 3) * 8);
	uint32_t acc = rn == 15 ? 0 : cpu->r[rn];
	uint32_t r;

	switch (op1 & 3) {
	case 0: { /* B16: bytes 0 and 2 to halfwords, added halfword-wise */
		uint32_t lo = (op1 & 4) ? (x & 0xff) : (uint32_t)(int8_t)x;
		uint32_t hi = (op1 & 4) ? ((x >> 16) & 0xff) : (uint32_t)(int8_t)(x >> 16);
		r = ((lo + acc) & 0xffff) | ((hi + (acc >> 16)) << 16);
		break;
	}
	case 2: /* byte */
		r = acc + ((op1 & 4) ? (x & 0xff) : (uint32_t)(int8_t)x);
		break;
	default: /* halfword */
		r = acc + ((op1 & 4) ? (x & 0xffff) : (uint32_t)(int16_t)x);
		break;
	}
	return arm_media_wb(cpu, (insn >> 12) & 15, r);
}
