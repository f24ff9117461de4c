/* B and BL: a signed word offset from the instruction address + 8. */
#include "cpu/arm/arm_exec.h"

int arm_exec_branch(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t pc = cpu->r[15];
	uint32_t off = (uint32_t)((int32_t)(insn << 8) >> 6);

	if (insn & (1u << 24))
		cpu->r[14] = pc + 4;
	cpu->r[15] = pc + 8 + off;
	return 0;
}
