/* Multiplies: the 32- and 64-bit MUL family and the ARMv5TE halfword
 * (DSP) multiplies of the miscellaneous space. */
#include "cpu/arm/arm_exec.h"

static void set_nz64(struct arm_cpu *cpu, uint64_t r)
{
	cpu->n = (uint32_t)(r >> 63);
	cpu->z = r == 0;
}

/* cond 0000 op S Rd/RdHi Rn/RdLo Rs 1001 Rm */
int arm_exec_mul(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 7, hi = (insn >> 16) & 15, lo = (insn >> 12) & 15;
	bool s = insn & (1u << 20);
	uint32_t m = arm_reg(cpu, insn & 15), rs = arm_reg(cpu, (insn >> 8) & 15);
	uint64_t r;

	switch (op) {
	case 0: /* MUL */
	case 1: /* MLA */
		if (op == 0 && lo != 0) /* MUL's Rn field is should-be-zero */
			return arm_undef(cpu, insn);
		cpu->r[hi] = m * rs + (op ? arm_reg(cpu, lo) : 0);
		if (s)
			arm_set_nz(cpu, cpu->r[hi]);
		return arm_next(cpu);
	case 2: /* UMAAL */
		if (s)
			return arm_undef(cpu, insn);
		r = (uint64_t)m * rs + cpu->r[lo] + cpu->r[hi];
		break;
	case 3: /* MLS (ARMv6T2) has its own executor; with S undefined */
		return arm_undef(cpu, insn);
	case 4: /* UMULL */
		r = (uint64_t)m * rs;
		break;
	case 5: /* UMLAL */
		r = (uint64_t)m * rs + ((uint64_t)cpu->r[hi] << 32 | cpu->r[lo]);
		break;
	case 6: /* SMULL */
		r = (uint64_t)((int64_t)(int32_t)m * (int32_t)rs);
		break;
	default: /* SMLAL */
		r = (uint64_t)((int64_t)(int32_t)m * (int32_t)rs) + ((uint64_t)cpu->r[hi] << 32 | cpu->r[lo]);
		break;
	}
	cpu->r[lo] = (uint32_t)r;
	cpu->r[hi] = (uint32_t)(r >> 32);
	if (s)
		set_nz64(cpu, r);
	return arm_next(cpu);
}

static int32_t half(uint32_t x, bool top)
{
	return top ? (int16_t)(x >> 16) : (int16_t)x;
}

/* cond 00010 op 0 Rd Rn Rs 1 y x 0 Rm */
int arm_exec_halfmul(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rd = (insn >> 16) & 15, rn = (insn >> 12) & 15;
	uint32_t m = arm_reg(cpu, insn & 15), s = arm_reg(cpu, (insn >> 8) & 15);
	bool x = insn & 0x20, y = insn & 0x40;
	unsigned op = (insn >> 21) & 3;
	int64_t p;

	/* SMULW<y> and SMUL<x><y> have a should-be-zero Rn field. */
	if ((op == 3 || (op == 1 && x)) && rn != 0)
		return arm_undef(cpu, insn);

	switch (op) {
	case 0: /* SMLA<x><y> */
		p = (int64_t)half(m, x) * half(s, y) + (int32_t)arm_reg(cpu, rn);
		cpu->r[rd] = (uint32_t)p;
		if (p != (int32_t)p)
			cpu->q = 1;
		break;
	case 1: /* SMLAW<y> (x clear) and SMULW<y> (x set) */
		p = ((int64_t)(int32_t)m * half(s, y)) >> 16;
		if (!x) {
			p += (int32_t)arm_reg(cpu, rn);
			if (p != (int32_t)p)
				cpu->q = 1;
		}
		cpu->r[rd] = (uint32_t)p;
		break;
	case 2: { /* SMLAL<x><y>: RdHi = bits 19:16, RdLo = bits 15:12 */
		uint64_t acc = (uint64_t)cpu->r[rd] << 32 | cpu->r[rn];
		acc += (uint64_t)((int64_t)half(m, x) * half(s, y));
		cpu->r[rn] = (uint32_t)acc;
		cpu->r[rd] = (uint32_t)(acc >> 32);
		break;
	}
	default: /* SMUL<x><y> */
		cpu->r[rd] = (uint32_t)(half(m, x) * half(s, y));
		break;
	}
	return arm_next(cpu);
}
