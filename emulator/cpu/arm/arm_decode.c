/* ARM-state decoder: the condition, then bits [27:25] and the few bits
 * that split each space (ARM ARM A5.1), down to one executor per group. */
#include "cpu/arm/arm_exec.h"

static int arm_svc(struct arm_cpu *cpu, uint32_t insn)
{
	cpu->stop_pc = cpu->r[15];
	cpu->insn = insn;
	cpu->svc_imm = insn & 0xffffff;
	cpu->r[15] += 4;
	return ARM_STOP_SVC;
}

int arm_exec_arm(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t cond = insn >> 28;

	if (cond == 15)
		return arm_exec_uncond(cpu, insn);
	if (cond != 14 && !arm_cond_ok(cpu, cond))
		return arm_next(cpu);

	switch ((insn >> 25) & 7) {
	case 0:
		if ((insn & 0x90) == 0x90) {
			if (insn & 0x60)
				return arm_exec_ldst_extra(cpu, insn);
			return (insn & (1u << 24)) ? arm_exec_sync(cpu, insn) : arm_exec_mul(cpu, insn);
		}
		if ((insn & 0x01900000) == 0x01000000)
			return (insn & 0x80) ? arm_exec_halfmul(cpu, insn) : arm_exec_misc(cpu, insn);
		return arm_exec_dp(cpu, insn);
	case 1:
		if ((insn & 0x01900000) == 0x01000000) {
			/* MOVW/MOVT (bit 21 clear) arrived with ARMv6T2. */
			if (!(insn & (1u << 21)))
				return arm_undef(cpu, insn);
			return arm_exec_msr_imm(cpu, insn);
		}
		return arm_exec_dp(cpu, insn);
	case 2:
		return arm_exec_ldst(cpu, insn);
	case 3:
		if (insn & 0x10)
			return arm_exec_media(cpu, insn);
		return arm_exec_ldst(cpu, insn);
	case 4:
		return arm_exec_ldm(cpu, insn);
	case 5:
		return arm_exec_branch(cpu, insn);
	case 6:
		return arm_exec_coproc(cpu, insn);
	default:
		if (insn & (1u << 24))
			return arm_svc(cpu, insn);
		return arm_exec_coproc(cpu, insn);
	}
}
