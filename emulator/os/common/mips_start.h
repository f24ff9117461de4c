/* The MIPS CPU of a new process or thread, as Linux and FreeBSD both
 * make it (mips_start.c); each personality then sets what its ABI adds. */
#ifndef MIMIC_OS_MIPS_START_H
#define MIMIC_OS_MIPS_START_H

#include "cpu/mips/mips_cpu.h"

/* A new process's CPU on mem at entry with the stack pointer sp; NULL
 * when out of memory. */
struct mips_cpu *mips_start_cpu(struct gmem *mem, uint64_t entry, uint64_t sp);
/* A copy of parent for a new thread or child on mem: no interrupt
 * request, no LL link, the call returning 0 without error (v0 = a3 = 0),
 * and the stack pointer sp unless it is 0; NULL when out of memory. */
struct mips_cpu *mips_fork_cpu(const struct mips_cpu *parent, struct gmem *mem, uint64_t sp);

#endif
