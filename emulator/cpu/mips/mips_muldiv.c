/* Multiply and divide with HI/LO, MUL, MADD/MSUB, CLZ/CLO. Division never
 * traps: a zero divisor (or the overflowing most-negative / -1) divides by
 * one instead, leaving LO = dividend and HI = 0, as the reference CPU
 * model computes it (compilers add a TEQ for the zero check). */
#include "cpu/mips/mips_internal.h"

/* The accumulator field of the DSP ASE (rs of MFHI/MFLO, rd of
 * MTHI/MTLO and of the 32-bit multiplies into HI:LO): the reference CPU
 * model has no DSP, so any accumulator but 0 is a Reserved Instruction;
 * the other must-be-zero bits are ignored (recorded on the guest). */
#define AC_RS(i) ((i) >> 21 & 3u)
#define AC_RD(i) ((i) >> 11 & 3u)

static int mfhi(struct mips_cpu *cpu, uint32_t insn)
{
	if (AC_RS(insn))
		return mips_ri(cpu, insn);
	cpu->r[RD(insn)] = cpu->hi;
	return mips_next(cpu);
}

static int mflo(struct mips_cpu *cpu, uint32_t insn)
{
	if (AC_RS(insn))
		return mips_ri(cpu, insn);
	cpu->r[RD(insn)] = cpu->lo;
	return mips_next(cpu);
}

static int mthi(struct mips_cpu *cpu, uint32_t insn)
{
	if (AC_RD(insn))
		return mips_ri(cpu, insn);
	cpu->hi = cpu->r[RS(insn)];
	return mips_next(cpu);
}

static int mtlo(struct mips_cpu *cpu, uint32_t insn)
{
	if (AC_RD(insn))
		return mips_ri(cpu, insn);
	cpu->lo = cpu->r[RS(insn)];
	return mips_next(cpu);
}

/* A 64-bit value into HI:LO as two sign-extended words. */
static int set_hilo32(struct mips_cpu *cpu, uint64_t v)
{
	cpu->lo = sx32(v);
	cpu->hi = sx32(v >> 32);
	return mips_next(cpu);
}

static uint64_t hilo32(const struct mips_cpu *cpu) { return cpu->hi << 32 | (uint32_t)cpu->lo; }

static int64_t smul32(const struct mips_cpu *cpu, uint32_t insn)
{
	return (int64_t)(int32_t)cpu->r[RS(insn)] * (int32_t)cpu->r[RT(insn)];
}

static uint64_t umul32(const struct mips_cpu *cpu, uint32_t insn)
{
	return (uint64_t)(uint32_t)cpu->r[RS(insn)] * (uint32_t)cpu->r[RT(insn)];
}

static int mult(struct mips_cpu *cpu, uint32_t insn)
{
	return AC_RD(insn) ? mips_ri(cpu, insn) : set_hilo32(cpu, (uint64_t)smul32(cpu, insn));
}

static int multu(struct mips_cpu *cpu, uint32_t insn)
{
	return AC_RD(insn) ? mips_ri(cpu, insn) : set_hilo32(cpu, umul32(cpu, insn));
}
/* MADD/MSUB multiply the whole registers (the same for sign-extended
 * words), as the reference CPU model does for other operands too. */
static uint64_t smul64(const struct mips_cpu *cpu, uint32_t insn) { return cpu->r[RS(insn)] * cpu->r[RT(insn)]; }

static int madd(struct mips_cpu *cpu, uint32_t insn)
{
	return AC_RD(insn) ? mips_ri(cpu, insn) : set_hilo32(cpu, hilo32(cpu) + smul64(cpu, insn));
}

static int maddu(struct mips_cpu *cpu, uint32_t insn)
{
	return AC_RD(insn) ? mips_ri(cpu, insn) : set_hilo32(cpu, hilo32(cpu) + umul32(cpu, insn));
}

static int msub(struct mips_cpu *cpu, uint32_t insn)
{
	return AC_RD(insn) ? mips_ri(cpu, insn) : set_hilo32(cpu, hilo32(cpu) - smul64(cpu, insn));
}

static int msubu(struct mips_cpu *cpu, uint32_t insn)
{
	return AC_RD(insn) ? mips_ri(cpu, insn) : set_hilo32(cpu, hilo32(cpu) - umul32(cpu, insn));
}

static int mul(struct mips_cpu *cpu, uint32_t insn)
{
	cpu->r[RD(insn)] = sx32((uint64_t)smul32(cpu, insn));
	return mips_next(cpu);
}

static int dmult(struct mips_cpu *cpu, uint32_t insn)
{
	__int128 p = (__int128)(int64_t)cpu->r[RS(insn)] * (int64_t)cpu->r[RT(insn)];
	cpu->lo = (uint64_t)p;
	cpu->hi = (uint64_t)(p >> 64);
	return mips_next(cpu);
}

static int dmultu(struct mips_cpu *cpu, uint32_t insn)
{
	unsigned __int128 p = (unsigned __int128)cpu->r[RS(insn)] * cpu->r[RT(insn)];
	cpu->lo = (uint64_t)p;
	cpu->hi = (uint64_t)(p >> 64);
	return mips_next(cpu);
}

static int div_(struct mips_cpu *cpu, uint32_t insn)
{
	int64_t s = (int32_t)cpu->r[RS(insn)], t = (int32_t)cpu->r[RT(insn)];
	if (t == 0 || (s == INT32_MIN && t == -1))
		t = 1;
	cpu->lo = sx32((uint64_t)(s / t));
	cpu->hi = sx32((uint64_t)(s % t));
	return mips_next(cpu);
}

static int divu(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t s = (uint32_t)cpu->r[RS(insn)], t = (uint32_t)cpu->r[RT(insn)];
	if (t == 0)
		t = 1;
	cpu->lo = sx32(s / t);
	cpu->hi = sx32(s % t);
	return mips_next(cpu);
}

static int ddiv(struct mips_cpu *cpu, uint32_t insn)
{
	int64_t s = (int64_t)cpu->r[RS(insn)], t = (int64_t)cpu->r[RT(insn)];
	if (t == 0 || (s == INT64_MIN && t == -1))
		t = 1;
	cpu->lo = (uint64_t)(s / t);
	cpu->hi = (uint64_t)(s % t);
	return mips_next(cpu);
}

static int ddivu(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t s = cpu->r[RS(insn)], t = cpu->r[RT(insn)];
	if (t == 0)
		t = 1;
	cpu->lo = s / t;
	cpu->hi = s % t;
	return mips_next(cpu);
}

static int clz(struct mips_cpu *cpu, uint32_t insn)
{
	uint32_t s = (uint32_t)cpu->r[RS(insn)];
	cpu->r[RD(insn)] = s ? (uint64_t)__builtin_clz(s) : 32;
	return mips_next(cpu);
}

static int clo(struct mips_cpu *cpu, uint32_t insn)
{
	uint32_t s = ~(uint32_t)cpu->r[RS(insn)];
	cpu->r[RD(insn)] = s ? (uint64_t)__builtin_clz(s) : 32;
	return mips_next(cpu);
}

static int dclz(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t s = cpu->r[RS(insn)];
	cpu->r[RD(insn)] = s ? (uint64_t)__builtin_clzll(s) : 64;
	return mips_next(cpu);
}

static int dclo(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t s = ~cpu->r[RS(insn)];
	cpu->r[RD(insn)] = s ? (uint64_t)__builtin_clzll(s) : 64;
	return mips_next(cpu);
}

static const struct {
	uint16_t index;
	mips_handler h;
} handlers[] = {
	{ MIPS_T_SPECIAL + 16, mfhi }, { MIPS_T_SPECIAL + 17, mthi }, { MIPS_T_SPECIAL + 18, mflo },
	{ MIPS_T_SPECIAL + 19, mtlo }, { MIPS_T_SPECIAL + 24, mult }, { MIPS_T_SPECIAL + 25, multu },
	{ MIPS_T_SPECIAL + 26, div_ }, { MIPS_T_SPECIAL + 27, divu }, { MIPS_T_SPECIAL + 28, dmult },
	{ MIPS_T_SPECIAL + 29, dmultu }, { MIPS_T_SPECIAL + 30, ddiv }, { MIPS_T_SPECIAL + 31, ddivu },
	{ MIPS_T_SPECIAL2 + 0, madd }, { MIPS_T_SPECIAL2 + 1, maddu }, { MIPS_T_SPECIAL2 + 2, mul },
	{ MIPS_T_SPECIAL2 + 4, msub }, { MIPS_T_SPECIAL2 + 5, msubu }, { MIPS_T_SPECIAL2 + 32, clz },
	{ MIPS_T_SPECIAL2 + 33, clo }, { MIPS_T_SPECIAL2 + 36, dclz }, { MIPS_T_SPECIAL2 + 37, dclo },
};

void mips_muldiv_init(mips_handler *t)
{
	for (unsigned i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
		t[handlers[i].index] = handlers[i].h;
}
