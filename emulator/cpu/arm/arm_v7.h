/* The armv7 model's ARM-state executors (arm_v7.c); each is undefined
 * on the ARM1176 (cpu->v7 clear). */
#ifndef MIMIC_ARM_V7_H
#define MIMIC_ARM_V7_H

#include "cpu/arm/arm_internal.h"

int arm_v7_movw_movt(struct arm_cpu *cpu, uint32_t insn);
int arm_v7_bitfield(struct arm_cpu *cpu, uint32_t insn);  /* BFC, BFI, SBFX, UBFX */
int arm_v7_rbit(struct arm_cpu *cpu, uint32_t insn);
int arm_v7_mls(struct arm_cpu *cpu, uint32_t insn);
int arm_v7_uncond(struct arm_cpu *cpu, uint32_t insn);    /* DMB, DSB, ISB, PLI */
/* A 32-bit Thumb-2 instruction (insn: its first halfword, or both) under
 * armv7: undefined, with a note on stderr. */
int arm_v7_thumb2(struct arm_cpu *cpu, uint32_t insn);

#endif
