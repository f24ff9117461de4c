/* The miscellaneous space (cond 00010xx0, bit 7 clear) and MSR immediate:
 * status register access, BX/BXJ/BLX, CLZ, saturating add/subtract, BKPT. */
#include "cpu/arm/arm_exec.h"

#define R_SPSR (1u << 22)

/* User mode may write the flags (f: NZCVQ), GE (s) and, through the x
 * byte, the E bit; the control byte is privileged and ignored. */
static void write_cpsr(struct arm_cpu *cpu, unsigned mask, uint32_t val)
{
	if (mask & 8) {
		cpu->n = val >> 31;
		cpu->z = (val >> 30) & 1;
		cpu->c = (val >> 29) & 1;
		cpu->v = (val >> 28) & 1;
		cpu->q = (val >> 27) & 1;
	}
	if (mask & 4)
		cpu->ge = (val >> 16) & 15;
	if (mask & 2)
		cpu->e = (val >> 9) & 1;
}

int arm_exec_msr_imm(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned mask = (insn >> 16) & 15;

	if (insn & R_SPSR)
		return arm_undef(cpu, insn);
	/* Rd is should-be-one; mask 0 is the ARMv6K hint space (NOP, YIELD,
	 * WFE, WFI, SEV), no-ops for a single user-mode thread. */
	if ((insn & 0xf000) != 0xf000)
		return arm_undef(cpu, insn);
	if (mask) {
		uint32_t imm = insn & 0xff, rot = (insn >> 7) & 0x1e;
		write_cpsr(cpu, mask, rot ? (imm >> rot) | (imm << (32 - rot)) : imm);
	}
	return arm_next(cpu);
}

static int sat_arith(struct arm_cpu *cpu, uint32_t insn)
{
	uint32_t m = arm_reg(cpu, insn & 15), n = arm_reg(cpu, (insn >> 16) & 15), r;
	unsigned op = (insn >> 21) & 3;
	int sat = 0;

	if (op & 2)
		n = arm_qadd32(n, n, &sat);
	r = (op & 1) ? arm_qsub32(m, n, &sat) : arm_qadd32(m, n, &sat);
	cpu->r[(insn >> 12) & 15] = r;
	if (sat)
		cpu->q = 1;
	return arm_next(cpu);
}

/* Fixed (should-be-one / should-be-zero) fields of each misc-space form,
 * indexed by op2 (bits 6:4) and op (bits 22:21); mask 0 marks an
 * unallocated form. The guest CPU treats other values as undefined. */
static const struct { uint32_t mask, value; } fixed[8][4] = {
	[0] = { { 0x000f0fff, 0x000f0000 }, { 0x0000fff0, 0x0000f000 },   /* MRS, MSR */
		{ 0x000f0fff, 0x000f0000 }, { 0x0000fff0, 0x0000f000 } },
	[1] = { [1] = { 0x000fff00, 0x000fff00 }, [3] = { 0x000f0f00, 0x000f0f00 } }, /* BX, CLZ */
	[2] = { [1] = { 0x000fff00, 0x000fff00 } },                       /* BXJ */
	[3] = { [1] = { 0x000fff00, 0x000fff00 } },                       /* BLX */
	[5] = { { 0x00000f00, 0 }, { 0x00000f00, 0 }, { 0x00000f00, 0 }, { 0x00000f00, 0 } }, /* Q* */
	[7] = { [1] = { 0x00000070, 0x00000070 } },                       /* BKPT, under any condition */
};

int arm_exec_misc(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 21) & 3, op2 = (insn >> 4) & 7, rd = (insn >> 12) & 15;
	uint32_t m;

	if (!fixed[op2][op].mask || (insn & fixed[op2][op].mask) != fixed[op2][op].value)
		return arm_undef(cpu, insn);
	switch (op2) {
	case 0:
		if (insn & R_SPSR)
			return arm_undef(cpu, insn);
		if (op & 1) { /* MSR register */
			write_cpsr(cpu, (insn >> 16) & 15, arm_reg(cpu, insn & 15));
			return arm_next(cpu);
		}
		if (rd == 15) /* MRS to the PC is UNPREDICTABLE */
			return arm_undef(cpu, insn);
		cpu->r[rd] = arm_get_cpsr(cpu) & ~ARM_CPSR_IT; /* MRS reads IT as 0 */
		return arm_next(cpu);
	case 1:
		if (op == 3) { /* CLZ */
			m = arm_reg(cpu, insn & 15);
			cpu->r[rd] = m ? (uint32_t)__builtin_clz(m) : 32;
			return arm_next(cpu);
		}
		if (cpu->fence_pc && cpu->r[15] == cpu->fence_pc)
			__atomic_thread_fence(__ATOMIC_SEQ_CST);
		arm_bx(cpu, arm_reg(cpu, insn & 15));
		return 0;
	case 2:
		/* BXJ: Linux leaves Jazelle disabled, so it acts as BX. */
		arm_bx(cpu, arm_reg(cpu, insn & 15));
		return 0;
	case 3: /* BLX register */
		m = arm_reg(cpu, insn & 15);
		cpu->r[14] = cpu->r[15] + 4;
		arm_bx(cpu, m);
		return 0;
	case 5:
		return sat_arith(cpu, insn);
	default: /* BKPT */
		cpu->stop_pc = cpu->r[15];
		cpu->insn = insn;
		return ARM_STOP_BKPT;
	}
}
