/* The end of every ARM stop, for both personalities (arm_deliver.h). */
#include "os/linux/arm_deliver.h"

void arm_deliver(struct linux_proc *p, struct arm_cpu *cpu, long result, uint32_t orig_r0,
		 void (*interrupted)(struct linux_proc *p, void *ctx))
{
	struct arm_resume r = { cpu, cpu->r[15] };
	if (linux_is_restart(result)) {
		cpu->r[0] = orig_r0;
		cpu->r[15] -= cpu->t ? 2 : 4;
	}
	linux_signal_deliver(p, result, interrupted, &r);
}
