/* ARMv6 media instruction families: the handlers arm_exec_media dispatches
 * to, and small helpers shared with the Thumb decoder. Each handler gets the
 * whole instruction word with r[15] at the instruction. */
#ifndef MIMIC_ARM_MEDIA_H
#define MIMIC_ARM_MEDIA_H

#include <stdint.h>

#include "cpu/arm/arm_cpu.h"

/* Register operand of an ARM-state instruction: the PC reads as +8. */
static inline uint32_t arm_media_reg(const struct arm_cpu *cpu, unsigned n)
{
	return n == 15 ? cpu->r[15] + 8 : cpu->r[n];
}

/* Writes the result and moves to the next instruction; a PC destination
 * (UNPREDICTABLE) becomes a branch, as a plain register write would. */
static inline int arm_media_wb(struct arm_cpu *cpu, unsigned d, uint32_t v)
{
	if (d == 15) {
		cpu->r[15] = v & ~3u;
	} else {
		cpu->r[d] = v;
		cpu->r[15] += 4;
	}
	return 0;
}

static inline uint32_t arm_ror32(uint32_t x, unsigned n)
{
	n &= 31;
	return n ? (x >> n) | (x << (32 - n)) : x;
}

static inline uint32_t arm_rev16(uint32_t x)
{
	return ((x >> 8) & 0x00ff00ffu) | ((x << 8) & 0xff00ff00u);
}

/* Bytes of the low halfword swapped, then sign-extended. */
static inline uint32_t arm_revsh(uint32_t x)
{
	return (uint32_t)(int32_t)(int16_t)(uint16_t)(((x & 0xff) << 8) | ((x >> 8) & 0xff));
}

int arm_media_parallel(struct arm_cpu *cpu, uint32_t insn);
int arm_sat(struct arm_cpu *cpu, uint32_t insn);
int arm_sat16(struct arm_cpu *cpu, uint32_t insn);
int arm_pack_pkh(struct arm_cpu *cpu, uint32_t insn);
int arm_pack_sel(struct arm_cpu *cpu, uint32_t insn);
int arm_extend(struct arm_cpu *cpu, uint32_t insn);
int arm_rev(struct arm_cpu *cpu, uint32_t insn);
int arm_dualmul(struct arm_cpu *cpu, uint32_t insn);
int arm_dualmul_smmul(struct arm_cpu *cpu, uint32_t insn);
int arm_media_usad8(struct arm_cpu *cpu, uint32_t insn);

#endif
