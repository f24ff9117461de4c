/* VFP register file helpers shared by the transfer and arithmetic parts.
 * Sixteen D registers; S(2i) and S(2i+1) are the low and high halves of
 * D(i). */
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

static inline int vfp_dreg(uint32_t insn, unsigned vpos, unsigned bpos)
{
	return ((insn >> bpos) & 1) ? -1 : (int)((insn >> vpos) & 15);
}

/* Data processing (CDP on cp10/cp11). */
int arm_vfp_dp(struct arm_cpu *cpu, uint32_t insn);

#endif
