/* Shared ALU helpers of the ARM and Thumb decoders: the architecture's
 * AddWithCarry, shifter operand with carry out, saturation. */
#ifndef MIMIC_ARM_ALU_H
#define MIMIC_ARM_ALU_H

#include <stdint.h>

#include "cpu/arm/arm_cpu.h"

/* AddWithCarry(x, y, carry_in) -> result, sets *c and *v. */
static inline uint32_t arm_addc(uint32_t x, uint32_t y, uint32_t cin, uint32_t *c, uint32_t *v)
{
	uint64_t u = (uint64_t)x + y + cin;
	int64_t s = (int64_t)(int32_t)x + (int32_t)y + cin;
	uint32_t r = (uint32_t)u;
	*c = (uint32_t)(u >> 32) & 1;
	*v = (int64_t)(int32_t)r != s;
	return r;
}

static inline void arm_set_nz(struct arm_cpu *cpu, uint32_t r)
{
	cpu->n = r >> 31;
	cpu->z = r == 0;
}

enum arm_shift { ARM_LSL = 0, ARM_LSR = 1, ARM_ASR = 2, ARM_ROR = 3 };

/* Shift by a register amount (bottom byte of Rs, 0..255): result and carry out.
 * Amount 0 leaves value and carry unchanged. */
static inline uint32_t arm_shift_reg(uint32_t x, int type, uint32_t amt, uint32_t cin, uint32_t *cout)
{
	amt &= 0xff;
	*cout = cin;
	if (amt == 0)
		return x;
	switch (type) {
	case ARM_LSL:
		if (amt < 32) { *cout = (x >> (32 - amt)) & 1; return x << amt; }
		*cout = amt == 32 ? (x & 1) : 0;
		return 0;
	case ARM_LSR:
		if (amt < 32) { *cout = (x >> (amt - 1)) & 1; return x >> amt; }
		*cout = amt == 32 ? (x >> 31) : 0;
		return 0;
	case ARM_ASR:
		if (amt < 32) { *cout = (x >> (amt - 1)) & 1; return (uint32_t)((int32_t)x >> amt); }
		*cout = x >> 31;
		return (uint32_t)((int32_t)x >> 31);
	default: {
		uint32_t a = amt & 31;
		if (a == 0) { *cout = x >> 31; return x; }
		*cout = (x >> (a - 1)) & 1;
		return (x >> a) | (x << (32 - a));
	}
	}
}

/* Shift by an immediate field (imm5) as encoded: LSR/ASR #0 mean 32,
 * ROR #0 means RRX. */
static inline uint32_t arm_shift_imm(uint32_t x, int type, uint32_t imm5, uint32_t cin, uint32_t *cout)
{
	if (type == ARM_ROR && imm5 == 0) {
		*cout = x & 1;
		return (x >> 1) | (cin << 31);
	}
	if ((type == ARM_LSR || type == ARM_ASR) && imm5 == 0)
		imm5 = 32;
	return arm_shift_reg(x, type, imm5, cin, cout);
}

/* Signed saturation of x to 'bits' bits (1..32); *sat set when clamped. */
static inline int32_t arm_ssat(int64_t x, unsigned bits, int *sat)
{
	int64_t hi = ((int64_t)1 << (bits - 1)) - 1, lo = -((int64_t)1 << (bits - 1));
	if (x > hi) { *sat = 1; return (int32_t)hi; }
	if (x < lo) { *sat = 1; return (int32_t)lo; }
	return (int32_t)x;
}

/* Unsigned saturation of x to 'bits' bits (0..31); *sat set when clamped. */
static inline uint32_t arm_usat(int64_t x, unsigned bits, int *sat)
{
	int64_t hi = ((int64_t)1 << bits) - 1;
	if (x > hi) { *sat = 1; return (uint32_t)hi; }
	if (x < 0) { *sat = 1; return 0; }
	return (uint32_t)x;
}

#endif
