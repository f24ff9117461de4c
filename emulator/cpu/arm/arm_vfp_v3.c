/* VFPv3's data-processing additions, armv7 model only (the ARM1176's
 * VFPv2 has neither): VMOV immediate and VCVT between floating point and
 * fixed point. Semantics: the ARMv7-A/R ARM's VFPExpandImm, FixedToFP
 * and FPToFixed pseudocode. */
#include "cpu/arm/arm_vfp.h"

#define IOC 0x01u
#define IXC 0x10u

/* VFPExpandImm: imm8 abcdefgh gives sign a, exponent NOT(b) b..b c d and
 * fraction efgh followed by zeros. */
static uint64_t expand_imm(uint32_t imm8, bool dbl)
{
	uint64_t a = (imm8 >> 7) & 1, b = (imm8 >> 6) & 1, cdefgh = imm8 & 0x3f;
	if (dbl)
		return a << 63 | (b ^ 1) << 62 | (b ? 0xffull << 54 : 0) | cdefgh << 48;
	return a << 31 | (b ^ 1) << 30 | (b ? 0x1full << 25 : 0) | cdefgh << 19;
}

/* cond 1110 1D11 imm4H Vd 101 sz (0)0(0)0 imm4L; a short vector like
 * the other data-processing operations when FPSCR.LEN is set. */
int arm_vfp_vmov_imm(struct arm_cpu *cpu, uint32_t insn)
{
	bool dbl = insn & (1u << 8);

	if ((insn & 0x00b000b0) != 0x00b00000)
		return arm_undef(cpu, insn);
	uint64_t v = expand_imm((insn >> 12 & 0xf0) | (insn & 15), dbl);
	unsigned d = (unsigned)(dbl ? vfp_dreg(cpu, insn, 12, 22) : vfp_sreg(insn, 12, 22));
	for (unsigned i = 0, len = arm_vfp_vector_len(cpu, dbl, d); i < len; i++) {
		if (dbl)
			cpu->d[d] = v;
		else
			vfp_set_s(cpu, d, (uint32_t)v);
		d = arm_vfp_next_reg(cpu, dbl, d);
	}
	return arm_next(cpu);
}

static double value_of(uint64_t x, bool dbl)
{
	if (dbl) {
		double d;
		memcpy(&d, &x, 8);
		return d;
	}
	uint32_t w = (uint32_t)x;
	float f;
	memcpy(&f, &w, 4);
	return f;
}

/* FPToFixed with round towards zero: x * 2^frac truncated, saturated to
 * size bits (IOC, no IXC), a NaN giving 0 (IOC); IXC when inexact. */
static uint32_t to_fixed(struct arm_cpu *cpu, bool dbl, uint64_t x, unsigned size, unsigned frac, bool uns)
{
	x = arm_vfp_flush_in(cpu, dbl, x);
	uint64_t exp = dbl ? 0x7ffull << 52 : 0x7f800000u, man = dbl ? (1ull << 52) - 1 : 0x7fffffu;
	if ((x & exp) == exp && (x & man)) {
		cpu->fpscr |= IOC;
		return 0;
	}
	/* Scaling by a power of two up to 2^32 is exact in double. */
	double v = value_of(x, dbl) * (double)(1ull << frac);
	double lo = uns ? 0.0 : -(double)(1ull << (size - 1));
	double hi = uns ? (double)((1ull << size) - 1) : (double)((1ull << (size - 1)) - 1);
	double r = v > -9.0e18 && v < 9.0e18 ? (double)(int64_t)v : v;
	if (r < lo || r > hi) {
		cpu->fpscr |= IOC;
		r = r < lo ? lo : hi;
	} else if (r != v) {
		cpu->fpscr |= IXC;
	}
	return uns ? (uint32_t)(uint64_t)r : (uint32_t)(int32_t)r;
}

/* FixedToFP under the FPSCR rounding mode: the integer's conversion
 * rounds (single only: a 32-bit integer is exact in double), the
 * scaling by 2^-frac is exact. */
static uint64_t from_fixed(struct arm_cpu *cpu, bool dbl, uint32_t v, unsigned frac, bool uns)
{
	uint64_t r = arm_vfp_from_int(cpu, dbl, v, !uns);
	double scale = 1.0 / (double)(1ull << frac);
	if (dbl) {
		double d = value_of(r, true) * scale;
		memcpy(&r, &d, 8);
		return r;
	}
	float f = (float)(value_of(r, false) * scale);
	uint32_t w;
	memcpy(&w, &f, 4);
	return w;
}

/* cond 1110 1D11 1op1U Vd 101 sf sx 1 i 0 imm4: op (bit 18) to fixed,
 * U unsigned, sf double, sx 32-bit (else 16-bit) fixed point with
 * size - imm4:i fraction bits, in the low bits of Vd itself. Scalar
 * whatever FPSCR.LEN says. */
int arm_vfp_fixed(struct arm_cpu *cpu, uint32_t insn)
{
	bool dbl = insn & (1u << 8), to = insn & (1u << 18), uns = insn & (1u << 16);
	unsigned size = (insn & 0x80) ? 32 : 16, imm = (insn & 15) << 1 | ((insn >> 5) & 1);

	if (!(insn & 0x40) || (insn & 0x10) || imm > size)
		return arm_undef(cpu, insn);
	unsigned frac = size - imm;
	unsigned d = (unsigned)(dbl ? vfp_dreg(cpu, insn, 12, 22) : vfp_sreg(insn, 12, 22));
	uint64_t x = dbl ? cpu->d[d] : vfp_get_s(cpu, d);
	if (to) {
		uint32_t r = to_fixed(cpu, dbl, x, size, frac, uns);
		if (size == 16)
			r = uns ? r & 0xffff : (uint32_t)(int32_t)(int16_t)r;
		if (dbl)
			cpu->d[d] = uns ? r : (uint64_t)(int64_t)(int32_t)r;
		else
			vfp_set_s(cpu, d, r);
		return arm_next(cpu);
	}
	uint32_t v = (uint32_t)x;
	if (size == 16)
		v = uns ? v & 0xffff : (uint32_t)(int32_t)(int16_t)v;
	uint64_t r = from_fixed(cpu, dbl, v, frac, uns);
	if (dbl)
		cpu->d[d] = r;
	else
		vfp_set_s(cpu, d, (uint32_t)r);
	return arm_next(cpu);
}
