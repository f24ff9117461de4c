/* The ARMv6T2 and ARMv7-A ARM-state instructions of the armv7 model:
 * MOVW/MOVT, BFC/BFI, SBFX/UBFX, RBIT, MLS, the barriers DMB/DSB/ISB and
 * PLI. Each executor is reached from the ARM1176's decoder where that
 * CPU has an undefined encoding, and stays undefined unless cpu->v7.
 * Semantics: the ARMv7-A/R Architecture Reference Manual's pseudocode
 * (A8.8); the UNPREDICTABLE register choices (the PC as an operand, an
 * msb below the lsb) are undefined, as the decoder treats the ARM1176's. */
#include <stdio.h>

#include "cpu/arm/arm_exec.h"
#include "cpu/arm/arm_v7.h"

#define RD(insn) (((insn) >> 12) & 15)

/* cond 0011 0H00 imm4 Rd imm12: MOVW (H=0) writes imm16, MOVT (H=1) the
 * top half. */
int arm_v7_movw_movt(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rd = RD(insn);
	uint32_t imm = ((insn >> 4) & 0xf000) | (insn & 0xfff);

	if (!cpu->v7 || rd == 15)
		return arm_undef(cpu, insn);
	cpu->r[rd] = (insn & (1u << 22)) ? (cpu->r[rd] & 0xffff) | imm << 16 : imm;
	return arm_next(cpu);
}

/* Bits lsb..msb set (msb >= lsb, both 0..31). */
static uint32_t field_mask(unsigned msb, unsigned lsb)
{
	return (uint32_t)(0xffffffffu >> (31 - msb)) & (0xffffffffu << lsb);
}

/* Media op1 1110x op2 x00: cond 0111 110 msb Rd lsb 001 Rn, BFI (BFC when
 * Rn is 15); op1 1101x/1111x op2 x10: cond 0111 1U1 widthm1 Rd lsb 101
 * Rn, SBFX (U=0) and UBFX (U=1). Bit 21 tells the two apart. */
int arm_v7_bitfield(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rd = RD(insn), rn = insn & 15, lsb = (insn >> 7) & 31, hi = (insn >> 16) & 31;

	if (!cpu->v7 || rd == 15)
		return arm_undef(cpu, insn);
	if (!(insn & (1u << 21))) {
		uint32_t src = rn == 15 ? 0 : cpu->r[rn];
		if (hi < lsb)
			return arm_undef(cpu, insn);
		uint32_t mask = field_mask(hi, lsb);
		cpu->r[rd] = (cpu->r[rd] & ~mask) | ((src << lsb) & mask);
		return arm_next(cpu);
	}
	if (rn == 15 || lsb + hi > 31)
		return arm_undef(cpu, insn);
	/* The field to the top of the word, then back down with the sign
	 * (SBFX) or zeros (UBFX). */
	uint32_t top = cpu->r[rn] << (31 - lsb - hi);
	cpu->r[rd] = (insn & (1u << 22)) ? top >> (31 - hi) : (uint32_t)((int32_t)top >> (31 - hi));
	return arm_next(cpu);
}

/* cond 0110 1111 1111 Rd 1111 0011 Rm (fixed fields checked by the media
 * table). */
int arm_v7_rbit(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rd = RD(insn), rm = insn & 15;

	if (!cpu->v7 || rd == 15 || rm == 15)
		return arm_undef(cpu, insn);
	uint32_t x = cpu->r[rm];
	x = (x >> 1 & 0x55555555u) | (x & 0x55555555u) << 1;
	x = (x >> 2 & 0x33333333u) | (x & 0x33333333u) << 2;
	x = (x >> 4 & 0x0f0f0f0fu) | (x & 0x0f0f0f0fu) << 4;
	cpu->r[rd] = __builtin_bswap32(x);
	return arm_next(cpu);
}

/* cond 0000 0110 Rd Ra Rm 1001 Rn: Rd = Ra - Rn * Rm (no S form). */
int arm_v7_mls(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rd = (insn >> 16) & 15, ra = (insn >> 12) & 15, rm = (insn >> 8) & 15, rn = insn & 15;

	if (!cpu->v7 || rd == 15 || ra == 15 || rm == 15 || rn == 15)
		return arm_undef(cpu, insn);
	cpu->r[rd] = cpu->r[ra] - cpu->r[rn] * cpu->r[rm];
	return arm_next(cpu);
}

/* The unconditional space's ARMv7 part: DSB, DMB, ISB (1111 0101 0111
 * 1111 1111 0000 01xx option; option is any value, the reserved ones
 * acting as SY) and PLI (1111 0100 U101 Rn 1111 imm12, or 0110 U101 Rn
 * 1111 imm5 type 0 Rm), a hint. ARM_NEXT, or undefined. */
int arm_v7_uncond(struct arm_cpu *cpu, uint32_t insn)
{
	if (!cpu->v7)
		return arm_undef(cpu, insn);
	switch (insn & 0xfffffff0u) {
	case 0xf57ff040u: /* DSB */
	case 0xf57ff050u: /* DMB */
		/* Guest threads are host threads: order their accesses. */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		return arm_next(cpu);
	case 0xf57ff060u: /* ISB: code changes are seen at the next fetch anyway */
		return arm_next(cpu);
	default:
		break;
	}
	if ((insn & 0xff70f000u) == 0xf450f000u || (insn & 0xff70f010u) == 0xf650f000u)
		return arm_next(cpu);
	return arm_undef(cpu, insn);
}

/* The model runs Thumb-1 only: a 32-bit Thumb-2 instruction is undefined
 * (SIGILL) and, the first time, named on stderr, so that a program built
 * for Thumb-2 is told apart from a bad one. */
int arm_v7_thumb2(struct arm_cpu *cpu, uint32_t insn)
{
	static int noted;
	if (!__atomic_exchange_n(&noted, 1, __ATOMIC_RELAXED))
		fprintf(stderr, "mimic: 32-bit Thumb-2 instruction 0x%0*x at 0x%08x: the armv7 CPU model lacks Thumb-2\n",
			insn > 0xffff ? 8 : 4, insn, cpu->r[15]);
	return arm_undef(cpu, insn);
}
