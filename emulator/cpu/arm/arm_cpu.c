/* ARM CPU state: reset, the CPSR as user mode sees it, condition codes. */
#include <string.h>

#include "cpu/arm/arm_exec.h"

/* Sets of NZCV indices (N<<3|Z<<2|C<<1|V) where each flag is 1. */
#define F_N 0xff00u
#define F_Z 0xf0f0u
#define F_C 0xccccu
#define F_V 0xaaaau
#define F_ALL 0xffffu
#define NOT(x) (F_ALL & ~(x))

const uint16_t arm_cond_table[16] = {
	F_Z, NOT(F_Z),                    /* EQ NE */
	F_C, NOT(F_C),                    /* CS CC */
	F_N, NOT(F_N),                    /* MI PL */
	F_V, NOT(F_V),                    /* VS VC */
	F_C & NOT(F_Z), NOT(F_C & NOT(F_Z)), /* HI LS */
	NOT(F_N ^ F_V), F_N ^ F_V,        /* GE LT */
	NOT(F_Z) & NOT(F_N ^ F_V), NOT(NOT(F_Z) & NOT(F_N ^ F_V)), /* GT LE */
	F_ALL, F_ALL,                     /* AL, unconditional space */
};

bool arm_cond_pass(const struct arm_cpu *cpu, uint32_t cond)
{
	return arm_cond_ok(cpu, cond & 15);
}

enum arm_model arm_model = ARM_MODEL_ARM1176;

void arm_cpu_init(struct arm_cpu *cpu, struct gmem *mem)
{
	memset(cpu, 0, sizeof *cpu);
	cpu->mem = mem;
	cpu->v7 = arm_model == ARM_MODEL_ARMV7;
	arm_decode_init();
}

#define CPSR_MODE_USR 0x10u

/* A, I and F read as clear in a Linux user process; J is never set. */
uint32_t arm_get_cpsr(const struct arm_cpu *cpu)
{
	return cpu->n << 31 | cpu->z << 30 | cpu->c << 29 | cpu->v << 28 | cpu->q << 27 |
	       (cpu->ge & 15) << 16 | (cpu->e & 1) << 9 | (cpu->t & 1) << 5 | CPSR_MODE_USR |
	       (cpu->itstate & 3) << 25 | (cpu->itstate & 0xfc) << 8;
}

void arm_set_cpsr(struct arm_cpu *cpu, uint32_t cpsr)
{
	cpu->n = cpsr >> 31;
	cpu->z = (cpsr >> 30) & 1;
	cpu->c = (cpsr >> 29) & 1;
	cpu->v = (cpsr >> 28) & 1;
	cpu->q = (cpsr >> 27) & 1;
	cpu->ge = (cpsr >> 16) & 15;
	cpu->e = (cpsr >> 9) & 1;
	cpu->t = (cpsr >> 5) & 1;
}
