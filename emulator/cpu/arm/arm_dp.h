/* Data-processing instructions: AND..MVN with an immediate, an
 * immediate-shifted register or a register-shifted register operand, one
 * inline body that the decoder's handlers (arm_dp.c) and the decoded-page
 * loop (arm_run.c) instantiate per opcode, operand form and S bit. */
#ifndef MIMIC_ARM_DP_H
#define MIMIC_ARM_DP_H

#include "cpu/arm/arm_exec.h"

enum { OP_AND, OP_EOR, OP_SUB, OP_RSB, OP_ADD, OP_ADC, OP_SBC, OP_RSC,
       OP_TST, OP_TEQ, OP_CMP, OP_CMN, OP_ORR, OP_MOV, OP_BIC, OP_MVN };
/* FORM_REG: a register with LSL #0, told apart only by the decoded-page
 * path (arm_run.c), which has the whole instruction word. */
enum { FORM_IMM, FORM_SHIFT_IMM, FORM_SHIFT_REG, FORM_REG };

static inline __attribute__((always_inline)) int arm_dp(struct arm_cpu *cpu, uint32_t insn, unsigned opc,
							 unsigned form, bool s)
{
	unsigned rn = (insn >> 16) & 15, rd = (insn >> 12) & 15;
	bool test = opc >= OP_TST && opc <= OP_CMN;
	bool logical = opc <= OP_EOR || opc == OP_TST || opc == OP_TEQ || opc >= OP_ORR;
	uint32_t a = 0, b, sc = 0;

	/* Should-be-zero fields: Rd of the tests, Rn of MOV and MVN. */
	if ((test && rd) || ((opc == OP_MOV || opc == OP_MVN) && rn))
		return arm_undef(cpu, insn);

	if (form == FORM_IMM) {
		uint32_t imm = insn & 0xff, rot = (insn >> 7) & 0x1e;
		b = rot ? (imm >> rot) | (imm << (32 - rot)) : imm;
		if (s && logical)
			sc = rot ? b >> 31 : cpu->c;
	} else if (form == FORM_REG) {
		b = arm_reg(cpu, insn & 15);
		sc = cpu->c;
	} else if (form == FORM_SHIFT_IMM) {
		unsigned type = (insn >> 5) & 3, amt = (insn >> 7) & 31;
		uint32_t m = arm_reg(cpu, insn & 15);
		if (type == ARM_LSL && amt == 0) {
			b = m;
			sc = cpu->c;
		} else {
			b = arm_shift_imm(m, (int)type, amt, cpu->c, &sc);
		}
	} else {
		/* The PC as an operand here is UNPREDICTABLE; the guest CPU
		 * reads it as + 8 like the other forms. */
		uint32_t sh = arm_reg(cpu, (insn >> 8) & 15);
		b = arm_shift_reg(arm_reg(cpu, insn & 15), (insn >> 5) & 3, sh & 0xff, cpu->c, &sc);
	}
	if (opc != OP_MOV && opc != OP_MVN)
		a = arm_reg(cpu, rn);

	uint32_t res, c = sc, v = 0;
	switch (opc) {
	case OP_AND: case OP_TST: res = a & b; break;
	case OP_EOR: case OP_TEQ: res = a ^ b; break;
	case OP_SUB: case OP_CMP: res = arm_addc(a, ~b, 1, &c, &v); break;
	case OP_RSB: res = arm_addc(b, ~a, 1, &c, &v); break;
	case OP_ADD: case OP_CMN: res = arm_addc(a, b, 0, &c, &v); break;
	case OP_ADC: res = arm_addc(a, b, cpu->c, &c, &v); break;
	case OP_SBC: res = arm_addc(a, ~b, cpu->c, &c, &v); break;
	case OP_RSC: res = arm_addc(b, ~a, cpu->c, &c, &v); break;
	case OP_ORR: res = a | b; break;
	case OP_MOV: res = b; break;
	case OP_BIC: res = a & ~b; break;
	default: res = ~b; break;
	}

	if (!test) {
		if (rd == 15) {
			/* ARMv6 data-processing writes to the PC do not
			 * interwork; the flag-setting form (an exception
			 * return) has no SPSR to copy in User mode, so it
			 * only branches. */
			cpu->r[15] = res & ~3u;
			return 0;
		}
		cpu->r[rd] = res;
	}
	if (s) {
		arm_set_nz(cpu, res);
		cpu->c = c;
		if (!logical)
			cpu->v = v;
	}
	return arm_next(cpu);
}

#endif
