/* B and BL: a signed word offset from the instruction address + 8. */
#include "cpu/arm/arm_exec.h"

int arm_exec_branch(struct arm_cpu *cpu, uint32_t insn)
{
	return arm_b(cpu, insn);
}
