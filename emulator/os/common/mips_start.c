/* The MIPS CPU of a new process or thread (mips_start.h). */
#include <stdlib.h>

#include "os/common/mips_start.h"

struct mips_cpu *mips_start_cpu(struct gmem *mem, uint64_t entry, uint64_t sp)
{
	struct mips_cpu *cpu = calloc(1, sizeof *cpu);
	if (!cpu)
		return NULL;
	mips_cpu_init(cpu, mem);
	cpu->r[29] = sp;
	cpu->pc = entry;
	return cpu;
}

struct mips_cpu *mips_fork_cpu(const struct mips_cpu *parent, struct gmem *mem, uint64_t sp)
{
	struct mips_cpu *cpu = malloc(sizeof *cpu);
	if (!cpu)
		return NULL;
	*cpu = *parent;
	cpu->mem = mem;
	cpu->interrupt_request = 0;
	cpu->ll_valid = false;
	cpu->r[2] = 0;
	cpu->r[7] = 0;
	if (sp)
		cpu->r[29] = sp;
	return cpu;
}
