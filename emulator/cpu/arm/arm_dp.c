/* Data-processing instructions: AND..MVN with an immediate, an
 * immediate-shifted register or a register-shifted register operand.
 * One handler per opcode, operand form and S bit (arm_dp.h), so the
 * decoder's table leads straight to straight-line code. */
#include "cpu/arm/arm_dp.h"

#define DP_FN(opc, form, s) \
	static int dp_##opc##_##form##_##s(struct arm_cpu *cpu, uint32_t insn) { return arm_dp(cpu, insn, opc, form, s); }
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
