/* Thumb branches, BX/BLX, SVC and BKPT. BL/BLX are a prefix (LR = PC +
 * offset_hi) and a suffix (branch to LR + offset_lo, LR = return | 1):
 * ARMv6 defines each half alone, and a prefix directly followed by its
 * suffix is executed together as one instruction. */
#include "cpu/arm/arm_exec.h"
#include "cpu/arm/arm_internal.h"
#include "cpu/arm/arm_thumb.h"

/* BX Rm / BLX Rm (bit 7): bit 0 of the target selects the state. */
int arm_thumb_bx(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t target = arm_thumb_reg(cpu, (insn >> 3) & 15);

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

static inline int is_suffix(uint32_t h)
{
	/* BL suffix, or BLX suffix with offset bit 0 clear (set: UNDEFINED). */
	return (h >> 11) == 0x1f || (h & 0xf801) == 0xe800;
}

int arm_thumb_bl_prefix(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t pc = cpu->r[15];
	uint16_t next;

	cpu->r[14] = pc + 4 + (uint32_t)((int32_t)(insn << 21) >> 9);
	if (gmem_fetch16(cpu->mem, pc + 2, &next) && is_suffix(next)) {
		bl_suffix(cpu, next, pc + 2);
		return 0;
	}
	cpu->r[15] = pc + 2;
	return 0;
}

int arm_thumb_bl_suffix(struct arm_cpu *cpu, uint32_t insn)
{
	bl_suffix(cpu, insn, cpu->r[15]);
	return 0;
}

int arm_thumb_blx_suffix(struct arm_cpu *cpu, uint32_t insn)
{
	if (insn & 1)
		return arm_undef(cpu, insn);
	bl_suffix(cpu, insn, cpu->r[15]);
	return 0;
}
