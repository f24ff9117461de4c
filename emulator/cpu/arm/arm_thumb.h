/* Thumb (ARMv6 Thumb-1) decoder internals: arm_thumb_step dispatches on the
 * top byte of the instruction to these handlers (through arm_thumb_in_it
 * inside an IT block). On entry r[15] is the address of the instruction; a
 * handler advances it (or branches) when it completes, and leaves it in
 * place when it stops. */
#ifndef MIMIC_ARM_THUMB_H
#define MIMIC_ARM_THUMB_H

#include <stdint.h>

#include "cpu/arm/arm_cpu.h"

typedef int (*arm_thumb_fn)(struct arm_cpu *cpu, uint32_t insn);

/* Register operand of a high-register instruction: the PC reads as +4. */
static inline uint32_t arm_thumb_reg(const struct arm_cpu *cpu, unsigned n)
{
	return n == 15 ? cpu->r[15] + 4 : cpu->r[n];
}

/* Data processing (arm_thumb_alu.c). */
int arm_thumb_shift_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_addsub3(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_mov_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_cmp_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_add_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_sub_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_dp(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_add_hi(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_cmp_hi(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_mov_hi(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_adr(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_add_sp_rel(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_adjust_sp(struct arm_cpu *cpu, uint32_t insn);

/* Loads and stores (arm_thumb_mem.c). */
int arm_thumb_ldst_reg(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_str_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_ldr_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_strb_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_ldrb_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_strh_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_ldrh_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_str_sp(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_ldr_sp(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_ldr_lit(struct arm_cpu *cpu, uint32_t insn);

/* Multiple transfers (arm_thumb_ldm.c). */
int arm_thumb_stmia(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_ldmia(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_push(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_pop(struct arm_cpu *cpu, uint32_t insn);

/* Branches and exceptions (arm_thumb_branch.c). */
int arm_thumb_bx(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_bcond(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_svc(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_b(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_bl_prefix(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_bl_suffix(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_blx_suffix(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_bkpt(struct arm_cpu *cpu, uint32_t insn);

/* ARMv6 additions (arm_thumb_v6.c). */
int arm_thumb_extend(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_rev(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_cps_setend(struct arm_cpu *cpu, uint32_t insn);

/* Thumb-2 encodings the reference CPU model runs (arm_thumb_it.c). */
int arm_thumb_cbz(struct arm_cpu *cpu, uint32_t insn);
int arm_thumb_it_hint(struct arm_cpu *cpu, uint32_t insn);
/* Runs fn for insn under ITSTATE (non-zero): condition, flags, advance. */
int arm_thumb_in_it(struct arm_cpu *cpu, uint32_t insn, arm_thumb_fn fn);
/* The handler of a Thumb instruction (by its top byte). */
arm_thumb_fn arm_thumb_handler(uint32_t insn);

#endif
