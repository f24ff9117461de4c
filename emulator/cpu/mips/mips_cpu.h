/* MIPS64 Release 2 user-mode CPU (n64 Linux programs), one code base for
 * both byte orders: the guest memory's big_endian flag decides. State and
 * the run interface the OS personality drives, as for ARM: run() executes
 * until something the OS must handle and says why it stopped. */
#ifndef MIMIC_MIPS_CPU_H
#define MIMIC_MIPS_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/mem.h"

enum mips_stop {
	MIPS_STOP_SYSCALL = 1, /* SYSCALL at stop_pc; pc is stop_pc (the OS advances it by 4 on return) */
	MIPS_STOP_RI,          /* reserved instruction: SIGILL/ILL_ILLOPC */
	MIPS_STOP_FAULT,       /* address error or TLB fault: see mem->fault/fault_addr */
	MIPS_STOP_OVERFLOW,    /* integer overflow trap (ADD, DADDI...): Linux gives SIGFPE/FPE_INTOVF */
	MIPS_STOP_TRAP,        /* TEQ/TNE/... or their immediate forms; code set */
	MIPS_STOP_BREAK,       /* BREAK; code set */
	MIPS_STOP_FPE,         /* FPU exception enabled in FCSR: SIGFPE with the cause bits */
	MIPS_STOP_INTERRUPT,   /* interrupt_request was set; pc is where to resume */
};

struct mips_cpu {
	uint64_t r[32];       /* r[0] reads as 0 */
	uint64_t hi, lo;
	uint64_t pc;          /* next instruction to execute */
	/* Delay slot: when set, the instruction at pc is in the delay slot of
	 * the branch at pc - 4 and execution continues at branch_target. */
	bool in_delay;
	uint64_t branch_target;
	/* LL/SC */
	bool ll_valid;
	uint64_t ll_addr, ll_val;
	/* FPU (FR=1: 32 64-bit registers) */
	uint64_t f[32];
	uint32_t fcsr, fir;
	uint64_t ulr;         /* UserLocal, read by RDHWR $29 (TLS) */
	struct gmem *mem;
	/* Filled when run() returns. */
	uint64_t stop_pc;     /* the instruction that stopped (the branch, when in a delay slot) */
	bool stop_in_delay;   /* the stopping instruction was in a delay slot (Cause.BD) */
	uint32_t insn;
	uint32_t code;        /* TRAP/BREAK code field */
	uint32_t fpe_cause;   /* FCSR cause bits for MIPS_STOP_FPE */
	volatile int interrupt_request;
};

void mips_cpu_init(struct mips_cpu *cpu, struct gmem *mem);
/* Runs until a stop; returns an enum mips_stop. */
int mips_run(struct mips_cpu *cpu);

#endif
