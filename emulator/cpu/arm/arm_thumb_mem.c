/* Thumb single loads and stores: register offset, immediate offset (word,
 * byte, halfword), SP-relative and PC-relative (literal). Unaligned word and
 * halfword accesses are done as the ARMv6 hardware does with SCTLR.U set. */
#include "cpu/arm/arm_internal.h"
#include "cpu/arm/arm_thumb.h"

static inline int next(struct arm_cpu *cpu)
{
	cpu->r[15] += 2;
	return 0;
}

static inline int ld32(struct arm_cpu *cpu, uint32_t insn, unsigned t, uint32_t a)
{
	uint32_t v;
	if (!arm_ld32(cpu, a, &v))
		return arm_fault(cpu, insn);
	cpu->r[t] = v;
	return next(cpu);
}

static inline int ld16(struct arm_cpu *cpu, uint32_t insn, unsigned t, uint32_t a, int sign)
{
	uint16_t v;
	if (!arm_ld16(cpu, a, &v))
		return arm_fault(cpu, insn);
	cpu->r[t] = sign ? (uint32_t)(int16_t)v : v;
	return next(cpu);
}

static inline int ld8(struct arm_cpu *cpu, uint32_t insn, unsigned t, uint32_t a, int sign)
{
	uint8_t v;
	if (!arm_ld8(cpu, a, &v))
		return arm_fault(cpu, insn);
	cpu->r[t] = sign ? (uint32_t)(int8_t)v : v;
	return next(cpu);
}

static inline int st32(struct arm_cpu *cpu, uint32_t insn, unsigned t, uint32_t a)
{
	return arm_st32(cpu, a, cpu->r[t]) ? next(cpu) : arm_fault(cpu, insn);
}

static inline int st16(struct arm_cpu *cpu, uint32_t insn, unsigned t, uint32_t a)
{
	return arm_st16(cpu, a, (uint16_t)cpu->r[t]) ? next(cpu) : arm_fault(cpu, insn);
}

static inline int st8(struct arm_cpu *cpu, uint32_t insn, unsigned t, uint32_t a)
{
	return arm_st8(cpu, a, (uint8_t)cpu->r[t]) ? next(cpu) : arm_fault(cpu, insn);
}

/* [Rn, Rm]: op bits[11:9] = STR STRH STRB LDRSB LDR LDRH LDRB LDRSH. */
int arm_thumb_ldst_reg(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned t = insn & 7;
	uint32_t a = cpu->r[(insn >> 3) & 7] + cpu->r[(insn >> 6) & 7];

	switch ((insn >> 9) & 7) {
	case 0: return st32(cpu, insn, t, a);
	case 1: return st16(cpu, insn, t, a);
	case 2: return st8(cpu, insn, t, a);
	case 3: return ld8(cpu, insn, t, a, 1);
	case 4: return ld32(cpu, insn, t, a);
	case 5: return ld16(cpu, insn, t, a, 0);
	case 6: return ld8(cpu, insn, t, a, 0);
	default: return ld16(cpu, insn, t, a, 1);
	}
}

/* [Rn, #imm5 * size]: Rn bits[5:3], Rt bits[2:0]. */
static inline uint32_t imm5_addr(const struct arm_cpu *cpu, uint32_t insn, unsigned size)
{
	return cpu->r[(insn >> 3) & 7] + ((insn >> 6) & 31) * size;
}

int arm_thumb_str_imm(struct arm_cpu *cpu, uint32_t insn) { return st32(cpu, insn, insn & 7, imm5_addr(cpu, insn, 4)); }
int arm_thumb_ldr_imm(struct arm_cpu *cpu, uint32_t insn) { return ld32(cpu, insn, insn & 7, imm5_addr(cpu, insn, 4)); }
int arm_thumb_strb_imm(struct arm_cpu *cpu, uint32_t insn) { return st8(cpu, insn, insn & 7, imm5_addr(cpu, insn, 1)); }
int arm_thumb_ldrb_imm(struct arm_cpu *cpu, uint32_t insn) { return ld8(cpu, insn, insn & 7, imm5_addr(cpu, insn, 1), 0); }
int arm_thumb_strh_imm(struct arm_cpu *cpu, uint32_t insn) { return st16(cpu, insn, insn & 7, imm5_addr(cpu, insn, 2)); }
int arm_thumb_ldrh_imm(struct arm_cpu *cpu, uint32_t insn) { return ld16(cpu, insn, insn & 7, imm5_addr(cpu, insn, 2), 0); }

/* [SP, #imm8 * 4] and [Align(PC, 4), #imm8 * 4]: Rt bits[10:8]. */
int arm_thumb_str_sp(struct arm_cpu *cpu, uint32_t insn)
{
	return st32(cpu, insn, (insn >> 8) & 7, cpu->r[13] + (insn & 0xff) * 4);
}

int arm_thumb_ldr_sp(struct arm_cpu *cpu, uint32_t insn)
{
	return ld32(cpu, insn, (insn >> 8) & 7, cpu->r[13] + (insn & 0xff) * 4);
}

int arm_thumb_ldr_lit(struct arm_cpu *cpu, uint32_t insn)
{
	return ld32(cpu, insn, (insn >> 8) & 7, ((cpu->r[15] + 4) & ~3u) + (insn & 0xff) * 4);
}
