/* The ARM CPU of a new process or thread (arm_start.h). */
#include <stdlib.h>

#include "os/common/arm_start.h"

struct arm_cpu *arm_start_cpu(struct gmem *mem, uint64_t entry, uint64_t sp)
{
	struct arm_cpu *cpu = calloc(1, sizeof *cpu);
	if (!cpu)
		return NULL;
	arm_cpu_init(cpu, mem);
	cpu->r[13] = (uint32_t)sp;
	cpu->t = (uint32_t)entry & 1;
	cpu->r[15] = (uint32_t)entry & ~1u;
	cpu->fpexc = 1u << 30;
	return cpu;
}

struct arm_cpu *arm_fork_cpu(const struct arm_cpu *parent, struct gmem *mem, uint64_t sp)
{
	struct arm_cpu *cpu = malloc(sizeof *cpu);
	if (!cpu)
		return NULL;
	*cpu = *parent;
	cpu->mem = mem;
	cpu->interrupt_request = 0;
	cpu->excl_valid = false;
	if (sp)
		cpu->r[13] = (uint32_t)sp;
	return cpu;
}
