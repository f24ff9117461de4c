/* Thumb branches, BX/BLX, SVC and BKPT. BL/BLX are a prefix (LR = PC +
 * offset_hi) and a suffix (branch to LR + offset_lo, LR = return | 1). A
 * prefix and its suffix execute together as one 32-bit instruction; a
 * suffix alone uses LR as it finds it. A prefix followed by anything else
 * is UNPREDICTABLE: the reference guest's CPU model makes it UNDEFINED,
 * except on the last halfword of a page, where the prefix runs alone. */
#include "cpu/arm/arm_exec.h"
#include "cpu/arm/arm_internal.h"
#include "cpu/arm/arm_thumb.h"
#include "cpu/arm/arm_v7.h"

/* BX Rm / BLX Rm (bit 7): bit 0 of the target selects the state. Bits[2:0]
 * should be zero (UNPREDICTABLE otherwise, UNDEFINED on the reference). */
int arm_thumb_bx(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t target = arm_thumb_reg(cpu, (insn >> 3) & 15);

	if (insn & 7)
		return arm_undef(cpu, insn);

	if (insn & 0x80)
		cpu->r[14] = (cpu->r[15] + 2) | 1;
	arm_bx(cpu, target);
	return 0;
}

int arm_thumb_bcond(struct arm_cpu *cpu, uint32_t insn)
{
	if (arm_cond_ok(cpu, (insn >> 8) & 15))
		cpu->r[15] += 4 + (uint32_t)((int32_t)(insn << 24) >> 23);
	else
		cpu->r[15] += 2;
	return 0;
}

int arm_thumb_svc(struct arm_cpu *cpu, uint32_t insn)
{
	cpu->stop_pc = cpu->r[15];
	cpu->insn = insn;
	cpu->svc_imm = insn & 0xff;
	cpu->r[15] += 2;
	return ARM_STOP_SVC;
}

int arm_thumb_bkpt(struct arm_cpu *cpu, uint32_t insn)
{
	cpu->stop_pc = cpu->r[15];
	cpu->insn = insn;
	return ARM_STOP_BKPT;
}

int arm_thumb_b(struct arm_cpu *cpu, uint32_t insn)
{
	cpu->r[15] += 4 + (uint32_t)((int32_t)(insn << 21) >> 20);
	return 0;
}

/* Suffix at pc with LR holding the prefix's result. A BLX suffix goes to
 * the word-aligned target in ARM state. */
static inline void bl_suffix(struct arm_cpu *cpu, uint32_t insn, uint32_t pc)
{
	uint32_t target = cpu->r[14] + ((insn & 0x7ff) << 1);

	cpu->r[14] = (pc + 2) | 1;
	if (insn & 0x1000) {
		cpu->r[15] = target & ~1u;
	} else {
		cpu->t = 0;
		cpu->r[15] = target & ~3u;
	}
}

int arm_thumb_bl_prefix(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t pc = cpu->r[15];
	uint32_t lr = pc + 4 + (uint32_t)((int32_t)(insn << 21) >> 9);
	uint16_t next;

	/* The suffix is only looked for on the prefix's page. */
	if ((pc & GPAGE_MASK) > GPAGE_SIZE - 4 || !gmem_fetch16(cpu->mem, pc + 2, &next)) {
		cpu->r[14] = lr;
		cpu->r[15] = pc + 2;
		return 0;
	}
	/* BL suffix, or BLX suffix with offset bit 0 clear (set: UNDEFINED;
	 * under armv7 another 32-bit Thumb-2 instruction, which it lacks). */
	if ((next >> 11) != 0x1f && (next & 0xf801) != 0xe800)
		return cpu->v7 ? arm_v7_thumb2(cpu, insn << 16 | next) : arm_undef(cpu, insn << 16 | next);
	cpu->r[14] = lr;
	bl_suffix(cpu, next, pc + 2);
	return 0;
}

/* Under armv7 a suffix alone is the first half of a 32-bit Thumb-2
 * instruction. */
int arm_thumb_bl_suffix(struct arm_cpu *cpu, uint32_t insn)
{
	if (cpu->v7)
		return arm_v7_thumb2(cpu, insn);
	bl_suffix(cpu, insn, cpu->r[15]);
	return 0;
}

/* A BLX suffix alone: the reference CPU model ignores offset bit 0 here
 * (bl_suffix aligns the target), unlike in a prefix and suffix pair. */
int arm_thumb_blx_suffix(struct arm_cpu *cpu, uint32_t insn)
{
	if (cpu->v7)
		return arm_v7_thumb2(cpu, insn);
	bl_suffix(cpu, insn, cpu->r[15]);
	return 0;
}
