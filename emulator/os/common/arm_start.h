/* The ARM CPU of a new process or thread, as Linux and FreeBSD both make
 * it (arm_start.c); each personality then sets what its ABI adds. */
#ifndef MIMIC_OS_ARM_START_H
#define MIMIC_OS_ARM_START_H

#include "cpu/arm/arm_cpu.h"

/* A new process's CPU on mem at entry (Thumb when bit 0 is set) with the
 * stack pointer sp and VFP enabled with the default FPSCR; NULL when out
 * of memory. */
struct arm_cpu *arm_start_cpu(struct gmem *mem, uint64_t entry, uint64_t sp);
/* A copy of parent for a new thread or child on mem: no interrupt
 * request, no exclusive monitor, and the stack pointer sp unless it is
 * 0; NULL when out of memory. */
struct arm_cpu *arm_fork_cpu(const struct arm_cpu *parent, struct gmem *mem, uint64_t sp);

#endif
