/* VFP register file helpers shared by the transfer and arithmetic parts.
 * Sixteen D registers (thirty-two under armv7); S(2i) and S(2i+1) are the
 * low and high halves of D(i). */
#ifndef MIMIC_ARM_VFP_H
#define MIMIC_ARM_VFP_H

#include "cpu/arm/arm_exec.h"

static inline uint32_t vfp_get_s(const struct arm_cpu *cpu, unsigned s)
{
	return (uint32_t)(cpu->d[s >> 1] >> (32 * (s & 1)));
}

static inline void vfp_set_s(struct arm_cpu *cpu, unsigned s, uint32_t v)
{
	unsigned sh = 32 * (s & 1);
	cpu->d[s >> 1] = (cpu->d[s >> 1] & ~((uint64_t)0xffffffff << sh)) | (uint64_t)v << sh;
}

/* Single register number Vx:b, or double register number b:Vx (b must be
 * 0 with sixteen D registers; -1 otherwise). */
static inline int vfp_sreg(uint32_t insn, unsigned vpos, unsigned bpos)
{
	return (int)(((insn >> vpos) & 15) << 1 | ((insn >> bpos) & 1));
}

static inline int vfp_dreg(const struct arm_cpu *cpu, uint32_t insn, unsigned vpos, unsigned bpos)
{
	unsigned b = (insn >> bpos) & 1;
	return b && !cpu->v7 ? -1 : (int)(b << 4 | ((insn >> vpos) & 15));
}

/* Data processing (CDP on cp10/cp11). */
int arm_vfp_dp(struct arm_cpu *cpu, uint32_t insn);

/* VFPv3's additions to it (armv7 only, arm_vfp_v3.c): VMOV immediate
 * (opc 1D11, bits 7:4 zero) and VCVT between floating and fixed point
 * (op2 1x1x). */
int arm_vfp_vmov_imm(struct arm_cpu *cpu, uint32_t insn);
int arm_vfp_fixed(struct arm_cpu *cpu, uint32_t insn);

/* For arm_vfp_v3.c, from arm_vfp_dp.c: a denormal input flushed under
 * FPSCR.FZ (IDC set); an integer converted under the FPSCR rounding
 * mode (flags set); the number of elements of a short-vector operation
 * on destination d and the register after r in its bank. */
uint64_t arm_vfp_flush_in(struct arm_cpu *cpu, bool dbl, uint64_t x);
uint64_t arm_vfp_from_int(struct arm_cpu *cpu, bool dbl, uint32_t v, bool is_signed);
unsigned arm_vfp_vector_len(const struct arm_cpu *cpu, bool dbl, unsigned d);
unsigned arm_vfp_next_reg(const struct arm_cpu *cpu, bool dbl, unsigned r);

#endif
