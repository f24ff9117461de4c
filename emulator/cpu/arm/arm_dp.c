/* Data-processing instructions: AND..MVN with an immediate, an
 * immediate-shifted register or a register-shifted register operand. */
#include "cpu/arm/arm_exec.h"

enum { OP_AND, OP_EOR, OP_SUB, OP_RSB, OP_ADD, OP_ADC, OP_SBC, OP_RSC,
       OP_TST, OP_TEQ, OP_CMP, OP_CMN, OP_ORR, OP_MOV, OP_BIC, OP_MVN };

int arm_exec_dp(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rn = (insn >> 16) & 15, rd = (insn >> 12) & 15, opc = (insn >> 21) & 15;
	uint32_t a, b, sc;

	/* Should-be-zero fields: Rd of the tests, Rn of MOV and MVN. */
	if ((opc >= OP_TST && opc <= OP_CMN && rd) || ((opc == OP_MOV || opc == OP_MVN) && rn))
		return arm_undef(cpu, insn);

	if (insn & (1u << 25)) {
		uint32_t imm = insn & 0xff, rot = (insn >> 7) & 0x1e;
		b = rot ? (imm >> rot) | (imm << (32 - rot)) : imm;
		sc = rot ? b >> 31 : cpu->c;
		a = arm_reg(cpu, rn);
	} else if (!(insn & 0x10)) {
		b = arm_shift_imm(arm_reg(cpu, insn & 15), (insn >> 5) & 3, (insn >> 7) & 31, cpu->c, &sc);
		a = arm_reg(cpu, rn);
	} else {
		/* Register-shifted register. The PC as an operand is
		 * UNPREDICTABLE; the ARM1176 guest reads it as + 8 like the
		 * other forms. */
		uint32_t s = arm_reg(cpu, (insn >> 8) & 15);
		b = arm_shift_reg(arm_reg(cpu, insn & 15), (insn >> 5) & 3, s & 0xff, cpu->c, &sc);
		a = arm_reg(cpu, rn);
	}

	uint32_t res, c = sc, v = cpu->v;
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

	if (opc >= OP_TST && opc <= OP_CMN) {
		arm_set_nz(cpu, res);
		cpu->c = c;
		cpu->v = v;
		return arm_next(cpu);
	}
	if (rd == 15) {
		/* ARMv6 data-processing writes to the PC do not interwork; the
		 * flag-setting form (an exception return) has no SPSR to copy
		 * in User mode, so it only branches. */
		cpu->r[15] = res & ~3u;
		return 0;
	}
	cpu->r[rd] = res;
	if (insn & (1u << 20)) {
		arm_set_nz(cpu, res);
		cpu->c = c;
		cpu->v = v;
	}
	return arm_next(cpu);
}
