/* The ARM-state decode table and the out-of-line decoder entry. */
#include <threads.h>

#include "cpu/arm/arm_decode.h"
#include "cpu/arm/arm_v7.h"

arm_handler arm_decode_table[4096];

static int svc(struct arm_cpu *cpu, uint32_t insn)
{
	cpu->stop_pc = cpu->r[15];
	cpu->insn = insn;
	cpu->svc_imm = insn & 0xffffff;
	cpu->r[15] += 4;
	return ARM_STOP_SVC;
}

/* The group of an instruction from bits 27:20 and 7:4 only. */
static arm_handler classify(uint32_t insn)
{
	switch ((insn >> 25) & 7) {
	case 0:
		if ((insn & 0x90) == 0x90) {
			if (insn & 0x60)
				return arm_exec_ldst_extra;
			if ((insn & 0x0ff000f0) == 0x00600090)
				return arm_v7_mls; /* MLS arrived with ARMv6T2 */
			return (insn & (1u << 24)) ? arm_exec_sync : arm_exec_mul;
		}
		if ((insn & 0x01900000) == 0x01000000)
			return (insn & 0x80) ? arm_exec_halfmul : arm_exec_misc;
		return arm_dp_handler(insn);
	case 1:
		if ((insn & 0x01900000) == 0x01000000)
			/* MOVW/MOVT (bit 21 clear) arrived with ARMv6T2. */
			return (insn & (1u << 21)) ? arm_exec_msr_imm : arm_v7_movw_movt;
		return arm_dp_handler(insn);
	case 2:
		return arm_ldst_handler(insn);
	case 3:
		return (insn & 0x10) ? arm_exec_media : arm_ldst_handler(insn);
	case 4:
		return arm_exec_ldm;
	case 5:
		return arm_exec_branch;
	case 6:
		return arm_exec_coproc;
	default:
		return (insn & (1u << 24)) ? svc : arm_exec_coproc;
	}
}

static void build(void)
{
	for (uint32_t i = 0; i < 4096; i++)
		arm_decode_table[i] = classify((i & 0xff0) << 16 | (i & 15) << 4);
}

void arm_decode_init(void)
{
	static once_flag once = ONCE_FLAG_INIT;
	call_once(&once, build);
}

int arm_exec_arm(struct arm_cpu *cpu, uint32_t insn)
{
	int rc = arm_exec_arm_inline(cpu, insn);
	if (rc != ARM_NEXT)
		return rc;
	cpu->r[15] += 4;
	return 0;
}
