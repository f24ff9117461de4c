/* Thumb instructions added by ARMv6: SXTH SXTB UXTH UXTB, REV REV16 REVSH,
 * SETEND and CPS (no effect in user mode). */
#include "cpu/arm/arm_internal.h"
#include "cpu/arm/arm_media.h"
#include "cpu/arm/arm_thumb.h"

/* Rd bits[2:0], Rm bits[5:3]; bits[7:6] = SXTH SXTB UXTH UXTB. */
int arm_thumb_extend(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t m = cpu->r[(insn >> 3) & 7], r;

	switch ((insn >> 6) & 3) {
	case 0: r = (uint32_t)(int16_t)m; break;
	case 1: r = (uint32_t)(int8_t)m; break;
	case 2: r = m & 0xffff; break;
	default: r = m & 0xff; break;
	}
	cpu->r[insn & 7] = r;
	cpu->r[15] += 2;
	return 0;
}

/* bits[7:6] = REV REV16 (undefined) REVSH. */
int arm_thumb_rev(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t m = cpu->r[(insn >> 3) & 7], r;

	switch ((insn >> 6) & 3) {
	case 0: r = __builtin_bswap32(m); break;
	case 1: r = arm_rev16(m); break;
	case 2: return arm_undef(cpu, insn);
	default: r = arm_revsh(m); break;
	}
	cpu->r[insn & 7] = r;
	cpu->r[15] += 2;
	return 0;
}

/* 0xB650/0xB658: SETEND (E = bit 3); 0xB66x/0xB67x with bit 3 clear: CPS,
 * ignored in user mode. Other should-be-zero bits set are UNPREDICTABLE,
 * UNDEFINED on the reference guest's CPU model. */
int arm_thumb_cps_setend(struct arm_cpu *cpu, uint32_t insn)
{
	if ((insn & 0xfff7) == 0xb650)
		cpu->e = (insn >> 3) & 1;
	else if ((insn & 0xffe8) != 0xb660)
		return arm_undef(cpu, insn);
	cpu->r[15] += 2;
	return 0;
}
