/* Decoder-private helpers of the ARM-state executors: operand reads with
 * the architectural PC offset, flag tests and the per-group entry points
 * arm_exec_arm dispatches to. Each entry point keeps r[15] at the
 * instruction (so stops report the right pc) and then returns ARM_NEXT or
 * writes the branch target. */
#ifndef MIMIC_ARM_EXEC_H
#define MIMIC_ARM_EXEC_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cpu/arm/arm_alu.h"
#include "cpu/arm/arm_internal.h"

/* Register operand as ARM-state instructions read it: PC reads as the
 * instruction address + 8. */
static inline uint32_t arm_reg(const struct arm_cpu *cpu, unsigned n)
{
	return n == 15 ? cpu->r[15] + 8 : cpu->r[n];
}

/* What an executor returns when it goes on to the next instruction. The
 * caller steps the PC (the run loop its own copy of it, and r[15] only
 * when it stops), which keeps guest memory out of the loop's dependency
 * chain. */
#define ARM_NEXT (-1)

static inline int arm_next(struct arm_cpu *cpu)
{
	(void)cpu;
	return ARM_NEXT;
}

/* One bit per NZCV combination (index N<<3|Z<<2|C<<1|V) for each condition
 * code; AL and the unconditional space pass always. */
extern const uint16_t arm_cond_table[16];

static inline bool arm_cond_ok(const struct arm_cpu *cpu, uint32_t cond)
{
	unsigned nzcv = cpu->n << 3 | cpu->z << 2 | cpu->c << 1 | cpu->v;
	return (arm_cond_table[cond] >> nzcv) & 1;
}

/* Guest memory words read or written after gmem_check has approved the
 * whole range: byte order is the guest's, swapped again under CPSR.E. */
static inline bool arm_swap_data(const struct arm_cpu *cpu)
{
	return cpu->mem->big_endian != (cpu->e != 0);
}

/* True when [a, a+len) lies in one page with permission need: the common
 * case, done without the general check. */
static inline bool arm_fast_ok(const struct arm_cpu *cpu, uint32_t a, unsigned len, unsigned need)
{
	const struct gmem *m = cpu->mem;
	return (a & GPAGE_MASK) <= GPAGE_SIZE - len && a < m->size && (gmem_perm(m, a >> GPAGE_SHIFT) & gmem_need_mask(need)) == need;
}

static inline uint32_t arm_peek32(const struct arm_cpu *cpu, uint32_t a)
{
	uint32_t x = gmem_raw_ld32(cpu->mem->host + a);
	return arm_swap_data(cpu) ? __builtin_bswap32(x) : x;
}

static inline void arm_poke32(struct arm_cpu *cpu, uint32_t a, uint32_t v)
{
	if (arm_swap_data(cpu))
		v = __builtin_bswap32(v);
	gmem_raw_st32(cpu->mem->host + a, v);
}

static inline uint16_t arm_peek16(const struct arm_cpu *cpu, uint32_t a)
{
	uint16_t x = gmem_raw_ld16(cpu->mem->host + a);
	return arm_swap_data(cpu) ? __builtin_bswap16(x) : x;
}

static inline void arm_poke16(struct arm_cpu *cpu, uint32_t a, uint16_t v)
{
	if (arm_swap_data(cpu))
		v = __builtin_bswap16(v);
	gmem_raw_st16(cpu->mem->host + a, v);
}

static inline uint8_t arm_peek8(const struct arm_cpu *cpu, uint32_t a) { return gmem_raw_ld8(cpu->mem->host + a); }
static inline void arm_poke8(struct arm_cpu *cpu, uint32_t a, uint8_t v) { gmem_raw_st8(cpu->mem->host + a, v); }

/* Stops with an alignment fault the kernel's fix-up handler does not
 * complete (exclusives, SWP, VFP transfers): that handler has already
 * stepped the PC past the instruction when it gives up, so the signal
 * reports the next instruction. */
static inline int arm_align_stop(struct arm_cpu *cpu, uint32_t insn, uint32_t a)
{
	arm_align_fault(cpu, a);
	arm_fault(cpu, insn);
	cpu->stop_pc += 4;
	return ARM_STOP_FAULT;
}

/* Saturating signed 32-bit add/sub for QADD and friends; *sat set on clamp. */
static inline uint32_t arm_qadd32(uint32_t a, uint32_t b, int *sat)
{
	return (uint32_t)arm_ssat((int64_t)(int32_t)a + (int32_t)b, 32, sat);
}

static inline uint32_t arm_qsub32(uint32_t a, uint32_t b, int *sat)
{
	return (uint32_t)arm_ssat((int64_t)(int32_t)a - (int32_t)b, 32, sat);
}

/* B and BL: a signed word offset from the instruction address + 8. */
static inline int arm_b(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t pc = cpu->r[15];
	uint32_t off = (uint32_t)((int32_t)(insn << 8) >> 6);

	if (insn & (1u << 24))
		cpu->r[14] = pc + 4;
	cpu->r[15] = pc + 8 + off;
	return 0;
}

typedef int (*arm_handler)(struct arm_cpu *cpu, uint32_t insn);

/* The decoder's table: one handler per value of bits 27:20 and 7:4. */
extern arm_handler arm_decode_table[4096];
void arm_decode_init(void);

static inline unsigned arm_decode_index(uint32_t insn)
{
	return ((insn >> 16) & 0xff0) | ((insn >> 4) & 15);
}

arm_handler arm_dp_handler(uint32_t insn);                   /* data processing, per opcode/form/S */
int arm_exec_mul(struct arm_cpu *cpu, uint32_t insn);       /* MUL..SMLAL, UMAAL */
int arm_exec_halfmul(struct arm_cpu *cpu, uint32_t insn);   /* SMLA<x><y>, SMLAW, SMULW, SMLAL<x><y>, SMUL<x><y> */
int arm_exec_misc(struct arm_cpu *cpu, uint32_t insn);      /* MRS, MSR reg, BX, BXJ, BLX reg, CLZ, Q*, BKPT, SMC */
int arm_exec_msr_imm(struct arm_cpu *cpu, uint32_t insn);   /* MSR immediate and the hint space */
int arm_exec_sync(struct arm_cpu *cpu, uint32_t insn);      /* SWP, LDREX/STREX family */
arm_handler arm_ldst_handler(uint32_t insn);                 /* LDR/STR/LDRB/STRB and T forms, per form */
int arm_exec_ldst_extra(struct arm_cpu *cpu, uint32_t insn);/* LDRH/STRH/LDRSB/LDRSH/LDRD/STRD */
int arm_exec_ldm(struct arm_cpu *cpu, uint32_t insn);       /* LDM/STM */
int arm_exec_branch(struct arm_cpu *cpu, uint32_t insn);    /* B, BL */
int arm_exec_coproc(struct arm_cpu *cpu, uint32_t insn);    /* LDC/STC/MCRR/MRRC/CDP/MCR/MRC */
int arm_exec_vfp(struct arm_cpu *cpu, uint32_t insn);       /* cp10/cp11 */
int arm_exec_uncond(struct arm_cpu *cpu, uint32_t insn);    /* cond == 0xF */

#endif
