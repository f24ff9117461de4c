/* ARM user-mode CPU, the ARM1176 (ARMv6K, VFPv2) or the armv7 model
 * (arm1176 plus the ARMv6T2/ARMv7-A ARM-state instructions and VFPv3-D32):
 * state and the run interface the OS personality drives. run() executes guest code until something the OS must
 * handle (a system call, an exception) and says why it stopped. */
#ifndef MIMIC_ARM_CPU_H
#define MIMIC_ARM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/mem.h"

enum arm_stop {
	ARM_STOP_SVC = 1,  /* SVC executed; r[15] is the next instruction, svc_imm set */
	ARM_STOP_UNDEF,    /* undefined instruction at stop_pc: SIGILL/ILL_ILLOPC */
	ARM_STOP_FAULT,    /* data abort or prefetch abort at stop_pc: see mem.fault/fault_addr */
	ARM_STOP_BKPT,     /* BKPT at stop_pc */
	ARM_STOP_INTERRUPT,/* interrupt_request was set (a host signal arrived); r[15] is where to resume */
};

struct arm_cpu {
	uint32_t r[16];    /* r[15] is the address of the next instruction to execute */
	/* CPSR split for speed: each flag is 0 or 1. */
	uint32_t n, z, c, v, q;
	uint32_t ge;       /* GE[3:0] */
	uint32_t t;        /* Thumb state */
	uint32_t e;        /* data endianness (SETEND BE) */
	/* Exclusive monitor for LDREX/STREX. */
	bool excl_valid;
	uint32_t excl_addr;
	/* TPIDRURO (read by user mode with MRC p15,0,rX,c13,c0,3; set by the OS). */
	uint32_t tls;
	/* Where the OS's memory-barrier helper starts (0: none). Guest threads
	 * are host threads running at once, so its return runs as a full host
	 * barrier even where the guest's (uniprocessor) kernel made it a bare
	 * return. */
	uint32_t fence_pc;
	/* VFP registers: D0-D15 on the ARM1176's VFPv2, D0-D31 under armv7. */
	uint64_t d[32];
	uint32_t fpscr, fpexc;
	struct gmem *mem;
	/* Filled when run() returns. */
	uint32_t stop_pc;  /* address of the instruction that stopped */
	uint32_t svc_imm;  /* SVC immediate (24 bits ARM, 8 bits Thumb) */
	uint32_t insn;     /* the stopping instruction word (for SIGILL reports) */
	/* Set asynchronously (host signal handler) to make run() return
	 * ARM_STOP_INTERRUPT at the next instruction boundary it checks. */
	int interrupt_request;   /* atomic: set by other threads and signal handlers */
	/* TPIDRURW (MRC/MCR p15,0,rX,c13,c0,2): user read-write thread ID,
	 * kept per thread by Linux and inherited by fork/clone. */
	uint32_t tls_rw;
	/* The value LDREX read (both words for LDREXD): a store-exclusive
	 * succeeds only while memory still holds it, as on the guest. */
	uint64_t excl_val;
	/* ITSTATE of the Thumb-2 IT instruction, which the reference guest's
	 * CPU model runs (arm_thumb_it.c); CPSR bits [15:10] and [26:25]. */
	uint32_t itstate;
	/* 1 under the armv7 model (arm_model), 0 on the ARM1176. */
	uint32_t v7;
};

/* The CPU model: ARM_MODEL_ARM1176 (the default, what the Linux guest
 * baselines are recorded on) or ARM_MODEL_ARMV7. Set once, before the
 * first arm_cpu_init; threads copy their parent's CPU. */
enum arm_model { ARM_MODEL_ARM1176, ARM_MODEL_ARMV7 };
extern enum arm_model arm_model;

/* Number of D registers of the model's VFP (16 or 32). */
static inline unsigned arm_vfp_dregs(const struct arm_cpu *cpu)
{
	return cpu->v7 ? 32 : 16;
}

void arm_cpu_init(struct arm_cpu *cpu, struct gmem *mem);
/* Runs until a stop; returns an enum arm_stop. */
int arm_run(struct arm_cpu *cpu);

/* CPSR IT bits, as arm_get_cpsr places ITSTATE. */
#define ARM_CPSR_IT 0x0600fc00u

/* CPSR as the architecture lays it out (user-visible bits, mode USR 0x10). */
uint32_t arm_get_cpsr(const struct arm_cpu *cpu);
/* Sets the user-writable bits: NZCVQ, GE, E, T. Not IT: the reference CPU
 * model (no Thumb-2) cannot write ITSTATE through the CPSR. */
void arm_set_cpsr(struct arm_cpu *cpu, uint32_t cpsr);

#endif
