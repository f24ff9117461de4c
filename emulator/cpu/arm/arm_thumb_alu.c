/* Thumb data processing: shifts by immediate, three-register and imm3
 * add/subtract, imm8 MOV/CMP/ADD/SUB, the sixteen two-register operations,
 * high-register ADD/CMP/MOV, ADR and SP arithmetic. Flag rules are the
 * ARMv6 ones: logical operations keep V (and C unless shifting), MUL sets
 * only N and Z. */
#include "cpu/arm/arm_alu.h"
#include "cpu/arm/arm_thumb.h"

static inline int next(struct arm_cpu *cpu)
{
	cpu->r[15] += 2;
	return 0;
}

static inline int set_nz_next(struct arm_cpu *cpu, unsigned d, uint32_t r)
{
	cpu->r[d] = r;
	arm_set_nz(cpu, r);
	return next(cpu);
}

/* LSL/LSR/ASR Rd, Rm, #imm5 (LSL #0 is MOVS, keeping C). */
int arm_thumb_shift_imm(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t r = arm_shift_imm(cpu->r[(insn >> 3) & 7], (insn >> 11) & 3, (insn >> 6) & 31, cpu->c, &cpu->c);
	return set_nz_next(cpu, insn & 7, r);
}

/* ADDS/SUBS Rd, Rn, Rm | #imm3. */
int arm_thumb_addsub3(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned f = (insn >> 6) & 7;
	uint32_t n = cpu->r[(insn >> 3) & 7], b = (insn & 0x400) ? f : cpu->r[f], r;

	if (insn & 0x200)
		r = arm_addc(n, ~b, 1, &cpu->c, &cpu->v);
	else
		r = arm_addc(n, b, 0, &cpu->c, &cpu->v);
	return set_nz_next(cpu, insn & 7, r);
}

int arm_thumb_mov_imm(struct arm_cpu *cpu, uint32_t insn)
{
	return set_nz_next(cpu, (insn >> 8) & 7, insn & 0xff);
}

int arm_thumb_cmp_imm(struct arm_cpu *cpu, uint32_t insn)
{
	arm_set_nz(cpu, arm_addc(cpu->r[(insn >> 8) & 7], ~(insn & 0xff), 1, &cpu->c, &cpu->v));
	return next(cpu);
}

int arm_thumb_add_imm(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned d = (insn >> 8) & 7;
	return set_nz_next(cpu, d, arm_addc(cpu->r[d], insn & 0xff, 0, &cpu->c, &cpu->v));
}

int arm_thumb_sub_imm(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned d = (insn >> 8) & 7;
	return set_nz_next(cpu, d, arm_addc(cpu->r[d], ~(insn & 0xff), 1, &cpu->c, &cpu->v));
}

/* Two low registers: Rdn (bits[2:0]) op= Rm (bits[5:3]). */
int arm_thumb_dp(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned d = insn & 7;
	uint32_t a = cpu->r[d], m = cpu->r[(insn >> 3) & 7];

	switch ((insn >> 6) & 15) {
	case 0x0: return set_nz_next(cpu, d, a & m);
	case 0x1: return set_nz_next(cpu, d, a ^ m);
	case 0x2: return set_nz_next(cpu, d, arm_shift_reg(a, ARM_LSL, m, cpu->c, &cpu->c));
	case 0x3: return set_nz_next(cpu, d, arm_shift_reg(a, ARM_LSR, m, cpu->c, &cpu->c));
	case 0x4: return set_nz_next(cpu, d, arm_shift_reg(a, ARM_ASR, m, cpu->c, &cpu->c));
	case 0x5: return set_nz_next(cpu, d, arm_addc(a, m, cpu->c, &cpu->c, &cpu->v));
	case 0x6: return set_nz_next(cpu, d, arm_addc(a, ~m, cpu->c, &cpu->c, &cpu->v));
	case 0x7: return set_nz_next(cpu, d, arm_shift_reg(a, ARM_ROR, m, cpu->c, &cpu->c));
	case 0x8: arm_set_nz(cpu, a & m); return next(cpu);
	case 0x9: return set_nz_next(cpu, d, arm_addc(0, ~m, 1, &cpu->c, &cpu->v));
	case 0xa: arm_set_nz(cpu, arm_addc(a, ~m, 1, &cpu->c, &cpu->v)); return next(cpu);
	case 0xb: arm_set_nz(cpu, arm_addc(a, m, 0, &cpu->c, &cpu->v)); return next(cpu);
	case 0xc: return set_nz_next(cpu, d, a | m);
	case 0xd: return set_nz_next(cpu, d, a * m);
	case 0xe: return set_nz_next(cpu, d, a & ~m);
	default: return set_nz_next(cpu, d, ~m);
	}
}

/* High-register forms: Rdn = bit[7]:bits[2:0], Rm = bits[6:3]. Writing the
 * PC branches (bit 0 ignored, no state change). */
static inline int write_hi(struct arm_cpu *cpu, unsigned d, uint32_t r)
{
	if (d == 15) {
		cpu->r[15] = r & ~1u;
		return 0;
	}
	cpu->r[d] = r;
	return next(cpu);
}

int arm_thumb_add_hi(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned d = (insn & 7) | ((insn >> 4) & 8);
	return write_hi(cpu, d, arm_thumb_reg(cpu, d) + arm_thumb_reg(cpu, (insn >> 3) & 15));
}

int arm_thumb_cmp_hi(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t n = arm_thumb_reg(cpu, (insn & 7) | ((insn >> 4) & 8));
	arm_set_nz(cpu, arm_addc(n, ~arm_thumb_reg(cpu, (insn >> 3) & 15), 1, &cpu->c, &cpu->v));
	return next(cpu);
}

int arm_thumb_mov_hi(struct arm_cpu *cpu, uint32_t insn)
{
	return write_hi(cpu, (insn & 7) | ((insn >> 4) & 8), arm_thumb_reg(cpu, (insn >> 3) & 15));
}

/* ADR: Align(PC, 4) + imm8 * 4. */
int arm_thumb_adr(struct arm_cpu *cpu, uint32_t insn)
{
	cpu->r[(insn >> 8) & 7] = ((cpu->r[15] + 4) & ~3u) + (insn & 0xff) * 4;
	return next(cpu);
}

int arm_thumb_add_sp_rel(struct arm_cpu *cpu, uint32_t insn)
{
	cpu->r[(insn >> 8) & 7] = cpu->r[13] + (insn & 0xff) * 4;
	return next(cpu);
}

/* ADD/SUB SP, SP, #imm7 * 4 (bit 7 subtracts). */
int arm_thumb_adjust_sp(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t off = (insn & 0x7f) * 4;
	cpu->r[13] += (insn & 0x80) ? -off : off;
	return next(cpu);
}
