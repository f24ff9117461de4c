/* The end of every ARM stop, for both personalities (arm_deliver.c): a
 * call that returned a restart code is set up again, then the signals due
 * are delivered. */
#ifndef MIMIC_ARM_DELIVER_H
#define MIMIC_ARM_DELIVER_H

#include "cpu/arm/arm_cpu.h"
#include "os/linux/linux.h"

/* Where a call that a handler interrupts returns with EINTR: the ctx the
 * personality's interrupted callback gets. */
struct arm_resume {
	struct arm_cpu *cpu;
	uint32_t continue_pc;
};

/* After a restart code the SVC runs again with its first argument orig_r0
 * (pc backed up over it, as Linux's and FreeBSD's ERESTART both do)
 * unless a handler makes it fail: then interrupted(p, struct arm_resume *)
 * sets the ABI's EINTR result. */
void arm_deliver(struct linux_proc *p, struct arm_cpu *cpu, long result, uint32_t orig_r0,
		 void (*interrupted)(struct linux_proc *p, void *ctx));

#endif
