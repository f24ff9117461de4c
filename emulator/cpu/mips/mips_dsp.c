/* DSP ASE encodings the reference CPU model runs although it has no DSP
 * ASE: QEMU's MIPS64R2-generic, the real guest's CPU, decodes some DSP
 * instructions whose destination is $zero as NOPs before it checks for
 * the ASE (probe_mips, random_mips: ADDU.QB and SHLL.QB families with rd
 * $zero, the EXTR/EXTRV/EXTP forms of EXTR.W with rt $zero). Every other
 * DSP encoding, and these with another destination, stays a Reserved
 * Instruction. */
#include "cpu/mips/mips_internal.h"

static int nop_if(struct mips_cpu *cpu, uint32_t insn, bool zero)
{
	return zero ? mips_next(cpu) : mips_ri(cpu, insn);
}

/* SPECIAL3 function 0x10 (ADDU.QB) and 0x13 (SHLL.QB): rd is the result. */
static int addu_qb(struct mips_cpu *cpu, uint32_t insn) { return nop_if(cpu, insn, RD(insn) == 0); }

/* SPECIAL3 function 0x38 (EXTR.W): the extract forms (sa 0-7, 10, 11, 14,
 * 15) write rt; SHILO, MTHLIP, WRDSP, RDDSP do not. */
static int extr_w(struct mips_cpu *cpu, uint32_t insn)
{
	unsigned op = SA(insn);
	bool extract = op <= 7 || op == 10 || op == 11 || op == 14 || op == 15;
	return nop_if(cpu, insn, extract && RT(insn) == 0);
}

void mips_dsp_init(mips_handler *t)
{
	t[MIPS_T_SPECIAL3 + 0x10] = addu_qb;
	t[MIPS_T_SPECIAL3 + 0x13] = addu_qb;
	t[MIPS_T_SPECIAL3 + 0x38] = extr_w;
}
