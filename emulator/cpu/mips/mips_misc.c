/* SYSCALL, BREAK, the conditional traps, SYNC and SYNCI. Guest threads are
 * host threads: SYNC is a host fence. SYNCI drops the decoded copies of its
 * page (cpu/icache.h). */
#include "cpu/mips/mips_internal.h"

/* In a delay slot the system call returns to the branch target, as the
 * kernel makes it by computing the return EPC. */
static int syscall_(struct mips_cpu *cpu, uint32_t insn)
{
	int rc = mips_stop(cpu, insn, MIPS_STOP_SYSCALL);
	if (cpu->stop_in_delay)
		cpu->pc = cpu->branch_target - 4;
	return rc;
}

static int break_(struct mips_cpu *cpu, uint32_t insn)
{
	cpu->code = (insn >> 6) & 0xfffff;
	return mips_stop(cpu, insn, MIPS_STOP_BREAK);
}

static int sync_(struct mips_cpu *cpu, uint32_t insn)
{
	(void)insn;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return mips_next(cpu);
}

static int synci(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t a = mips_ea(cpu, insn);
	if (a < cpu->mem->size)
		gmem_code_flush(cpu->mem, a >> GPAGE_SHIFT, (a >> GPAGE_SHIFT) + 1);
	return mips_next(cpu);
}

/* SPECIAL function 5 and primary opcode 30 (MDMX) are not reserved on the
 * reference CPU model: the first is its PMON monitor call, which only sets
 * v0 = -1 for monitor functions 2 and 11 (sa / 2) as far as the program
 * can see, the second does nothing. */
static int pmon(struct mips_cpu *cpu, uint32_t insn)
{
	unsigned function = SA(insn) >> 1;
	if (function == 2 || function == 11)
		cpu->r[2] = ~0ull;
	return mips_next(cpu);
}

static int mdmx(struct mips_cpu *cpu, uint32_t insn)
{
	(void)insn;
	return mips_next(cpu);
}

static int trap(struct mips_cpu *cpu, uint32_t insn, bool cond, uint32_t code)
{
	if (!cond)
		return mips_next(cpu);
	cpu->code = code;
	return mips_stop(cpu, insn, MIPS_STOP_TRAP);
}

#define TRAP(name, cond)                                                        \
	static int name(struct mips_cpu *cpu, uint32_t insn)                    \
	{                                                                       \
		uint64_t s = cpu->r[RS(insn)], t = cpu->r[RT(insn)];            \
		return trap(cpu, insn, (cond), (insn >> 6) & 0x3ff);            \
	}

TRAP(tge, (int64_t)s >= (int64_t)t)
TRAP(tgeu, s >= t)
TRAP(tlt, (int64_t)s < (int64_t)t)
TRAP(tltu, s < t)
TRAP(teq, s == t)
TRAP(tne, s != t)

#define TRAPI(name, cond)                                                       \
	static int name(struct mips_cpu *cpu, uint32_t insn)                    \
	{                                                                       \
		uint64_t s = cpu->r[RS(insn)], t = SIMM(insn);                  \
		return trap(cpu, insn, (cond), 0);                              \
	}

TRAPI(tgei, (int64_t)s >= (int64_t)t)
TRAPI(tgeiu, s >= t)
TRAPI(tlti, (int64_t)s < (int64_t)t)
TRAPI(tltiu, s < t)
TRAPI(teqi, s == t)
TRAPI(tnei, s != t)

static const struct {
	uint16_t index;
	mips_handler h;
} handlers[] = {
	{ 30, mdmx }, { MIPS_T_SPECIAL + 5, pmon }, { MIPS_T_SPECIAL + 12, syscall_ }, { MIPS_T_SPECIAL + 13, break_ }, { MIPS_T_SPECIAL + 15, sync_ },
	{ MIPS_T_SPECIAL + 48, tge }, { MIPS_T_SPECIAL + 49, tgeu }, { MIPS_T_SPECIAL + 50, tlt },
	{ MIPS_T_SPECIAL + 51, tltu }, { MIPS_T_SPECIAL + 52, teq }, { MIPS_T_SPECIAL + 54, tne },
	{ MIPS_T_REGIMM + 8, tgei }, { MIPS_T_REGIMM + 9, tgeiu }, { MIPS_T_REGIMM + 10, tlti },
	{ MIPS_T_REGIMM + 11, tltiu }, { MIPS_T_REGIMM + 12, teqi }, { MIPS_T_REGIMM + 14, tnei },
	{ MIPS_T_REGIMM + 31, synci },
};

void mips_misc_init(mips_handler *t)
{
	for (unsigned i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
		t[handlers[i].index] = handlers[i].h;
}
