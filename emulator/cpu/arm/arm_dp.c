/* Data-processing instructions: AND..MVN with an immediate, an
 * immediate-shifted register or a register-shifted register operand.
 * One handler per opcode, operand form and S bit, so the decoder's table
 * leads straight to straight-line code. */
#include "cpu/arm/arm_exec.h"

enum { OP_AND, OP_EOR, OP_SUB, OP_RSB, OP_ADD, OP_ADC, OP_SBC, OP_RSC,
       OP_TST, OP_TEQ, OP_CMP, OP_CMN, OP_ORR, OP_MOV, OP_BIC, OP_MVN };
enum { FORM_IMM, FORM_SHIFT_IMM, FORM_SHIFT_REG };

static inline __attribute__((always_inline)) int dp(struct arm_cpu *cpu, uint32_t insn, unsigned opc,
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

#define DP_FN(opc, form, s) \
	static int dp_##opc##_##form##_##s(struct arm_cpu *cpu, uint32_t insn) { return dp(cpu, insn, opc, form, s); }
#define DP_FORMS(opc) \
	DP_FN(opc, 0, 0) DP_FN(opc, 0, 1) DP_FN(opc, 1, 0) DP_FN(opc, 1, 1) DP_FN(opc, 2, 0) DP_FN(opc, 2, 1)
DP_FORMS(0) DP_FORMS(1) DP_FORMS(2) DP_FORMS(3) DP_FORMS(4) DP_FORMS(5) DP_FORMS(6) DP_FORMS(7)
DP_FORMS(8) DP_FORMS(9) DP_FORMS(10) DP_FORMS(11) DP_FORMS(12) DP_FORMS(13) DP_FORMS(14) DP_FORMS(15)

#define DP_ROW(opc) { { dp_##opc##_0_0, dp_##opc##_0_1 }, { dp_##opc##_1_0, dp_##opc##_1_1 }, \
		      { dp_##opc##_2_0, dp_##opc##_2_1 } }
static const arm_handler dp_handlers[16][3][2] = {
	DP_ROW(0), DP_ROW(1), DP_ROW(2), DP_ROW(3), DP_ROW(4), DP_ROW(5), DP_ROW(6), DP_ROW(7),
	DP_ROW(8), DP_ROW(9), DP_ROW(10), DP_ROW(11), DP_ROW(12), DP_ROW(13), DP_ROW(14), DP_ROW(15),
};

arm_handler arm_dp_handler(uint32_t insn)
{
	unsigned form = (insn & (1u << 25)) ? FORM_IMM : (insn & 0x10) ? FORM_SHIFT_REG : FORM_SHIFT_IMM;
	return dp_handlers[(insn >> 21) & 15][form][(insn >> 20) & 1];
}
