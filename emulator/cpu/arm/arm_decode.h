/* ARM-state decode: the condition, then one table lookup on bits 27:20
 * and 7:4, which settle the instruction group (ARM ARM A5.1). Inline so
 * the run loop has no call between fetch and executor. */
#ifndef MIMIC_ARM_DECODE_H
#define MIMIC_ARM_DECODE_H

#include "cpu/arm/arm_exec.h"

static inline int arm_exec_arm_inline(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t cond = insn >> 28;

	if (cond != 14) {
		if (cond == 15)
			return arm_exec_uncond(cpu, insn);
		if (!arm_cond_ok(cpu, cond))
			return arm_next(cpu);
	}
	return arm_decode_table[arm_decode_index(insn)](cpu, insn);
}

#endif
