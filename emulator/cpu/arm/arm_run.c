/* The run loop: fetch, execute, stop on anything the OS must handle. */
#include "cpu/arm/arm_exec.h"

/* Every stop goes through the kernel on real hardware, and Linux clears the
 * exclusive monitor on each return to user mode. */
static int arm_stop(struct arm_cpu *cpu, int why)
{
	cpu->excl_valid = false;
	return why;
}

int arm_run(struct arm_cpu *cpu)
{
	struct gmem *m = cpu->mem;
	int rc;

	for (;;) {
		if (cpu->interrupt_request) {
			cpu->interrupt_request = 0;
			cpu->stop_pc = cpu->r[15];
			return arm_stop(cpu, ARM_STOP_INTERRUPT);
		}
		if (cpu->t) {
			rc = arm_thumb_step(cpu);
		} else {
			uint32_t insn;
			if (!gmem_fetch32(m, cpu->r[15], &insn)) {
				cpu->stop_pc = cpu->r[15];
				cpu->insn = 0;
				return arm_stop(cpu, ARM_STOP_FAULT);
			}
			rc = arm_exec_arm(cpu, insn);
		}
		if (rc)
			return arm_stop(cpu, rc);
	}
}
