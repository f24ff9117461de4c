/* MIPS64 Release 2 user-mode CPU (n64 Linux programs), one code base for
 * both byte orders: the guest memory's big_endian flag decides. State and
 * the run interface the OS personality drives, as for ARM: run() executes
 * until something the OS must handle and says why it stopped.
 *
 * Stops: pc is the instruction to resume at. For an exception (RI, FAULT,
 * OVERFLOW, TRAP, BREAK, FPE) pc == stop_pc, the address the kernel puts in
 * EPC: the stopping instruction, or the branch when the instruction was in
 * a delay slot (stop_in_delay, the kernel's Cause.BD); branch_target then
 * says where the program goes after the slot. SYSCALL: see below. */
#ifndef MIMIC_MIPS_CPU_H
#define MIMIC_MIPS_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/mem.h"

enum mips_stop {
	MIPS_STOP_SYSCALL = 1, /* SYSCALL at stop_pc; pc + 4 is the next instruction (also in a delay slot) */
	MIPS_STOP_RI,          /* reserved instruction: SIGILL/ILL_ILLOPC */
	MIPS_STOP_FAULT,       /* address error or TLB fault: see mem->fault/fault_addr.
				* GF_ALIGN is an address error (misaligned, or outside the user
				* segment): Linux sends SIGBUS for it */
	MIPS_STOP_OVERFLOW,    /* integer overflow trap (ADD, DADDI...): Linux gives SIGFPE/FPE_INTOVF */
	MIPS_STOP_TRAP,        /* TEQ/TNE/...: code is bits 15:6; 0 for the immediate forms */
	MIPS_STOP_BREAK,       /* BREAK; code is the raw 20-bit field (bits 25:6) */
	MIPS_STOP_FPE,         /* FPU exception: fcsr holds the cause bits the hardware set */
	MIPS_STOP_INTERRUPT,   /* interrupt_request was set; pc is where to resume */
};

/* FCSR fields. */
#define MIPS_FCSR_RM      0x00000003u
#define MIPS_FCSR_FLAGS   0x0000007cu
#define MIPS_FCSR_ENABLES 0x00000f80u
#define MIPS_FCSR_CAUSE   0x0003f000u
#define MIPS_FCSR_FS      0x01000000u

struct mips_cpu {
	uint64_t r[32];       /* r[0] reads as 0 */
	uint64_t hi, lo;
	uint64_t pc;          /* next instruction to execute */
	/* Set while the instruction at pc executes in the delay slot of the
	 * branch at pc - 4; execution then continues at branch_target. */
	bool in_delay;
	uint64_t branch_target;
	/* LL/SC: an SC succeeds when its address is ll_addr and memory still
	 * holds ll_val (a host compare-and-swap: guest threads are host
	 * threads). Every stop clears ll_valid, as the kernel's ERET does. */
	bool ll_valid;
	uint64_t ll_addr, ll_val;
	/* FPU (FR=1: 32 64-bit registers; singles in the low half) */
	uint64_t f[32];
	uint32_t fcsr, fir;
	/* The host MXCSR rounding the FPU code last loaded, plus one (0: not
	 * known, as after mips_run gives the host its own back): the quick
	 * path of mips_fpu_ops.h runs only while it is round-to-nearest. */
	uint8_t host_rm;
	uint64_t ulr;         /* UserLocal, read by RDHWR $29 (TLS) */
	struct gmem *mem;
	/* When set, misaligned LH/LHU/LW/LWU/LD/SH/SW/SD and the FPU loads and
	 * stores complete (byte by byte) instead of stopping with GF_ALIGN, as
	 * the Linux kernel's default address-error fix-up makes them do. */
	bool fix_unaligned;
	/* Filled when run() returns. */
	uint64_t stop_pc;     /* the instruction that stopped (the branch, when in a delay slot) */
	bool stop_in_delay;   /* the stopping instruction was in a delay slot (Cause.BD) */
	uint32_t insn;        /* the stopping instruction word (0 for a fetch fault) */
	uint32_t code;        /* TRAP/BREAK code field */
	int interrupt_request;   /* atomic: set by other threads and signal handlers */
};

void mips_cpu_init(struct mips_cpu *cpu, struct gmem *mem);
/* Runs until a stop; returns an enum mips_stop. */
int mips_run(struct mips_cpu *cpu);

#endif
