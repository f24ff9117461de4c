/* The unconditional space (cond 1111) as ARMv6K defines it for user mode:
 * BLX immediate, SETEND, PLD, CLREX and CPS (no effect in User mode).
 * SRS and RFE are UNPREDICTABLE in User mode and the ARMv7 barriers and
 * hints do not exist on the ARM1176: all of those are undefined there
 * (the armv7 model's are in arm_v7.c). */
#include "cpu/arm/arm_exec.h"
#include "cpu/arm/arm_v7.h"

int arm_exec_uncond(struct arm_cpu *cpu, uint32_t insn)
{
	if ((insn & 0xfe000000) == 0xfa000000) { /* BLX immediate */
		uint32_t pc = cpu->r[15];
		uint32_t off = (uint32_t)((int32_t)(insn << 8) >> 6) | ((insn >> 23) & 2);
		cpu->r[14] = pc + 4;
		cpu->t = 1;
		cpu->r[15] = pc + 8 + off;
		return 0;
	}
	if ((insn & 0xfffffdff) == 0xf1010000) { /* SETEND */
		cpu->e = (insn >> 9) & 1;
		return arm_next(cpu);
	}
	/* PLD immediate, or register (bit 4 clear: set is undefined). */
	if ((insn & 0xfd70f000) == 0xf550f000 && (insn & 0x02000010) != 0x02000010)
		return arm_next(cpu);
	if (insn == 0xf57ff01f) { /* CLREX */
		cpu->excl_valid = false;
		return arm_next(cpu);
	}
	if ((insn & 0xfff1fe20) == 0xf1000000) /* CPS */
		return arm_next(cpu);
	return arm_v7_uncond(cpu, insn);
}
