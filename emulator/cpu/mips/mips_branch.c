/* Branches and jumps. A branch names its target and the run loop runs the
 * delay slot (mips_run.c): the slot sees in_delay set, so an exception in
 * it reports the branch (Cause.BD) and a branch in it is reserved, as the
 * reference CPU model treats it. Branch-likely forms annul the slot when
 * not taken. The link register is written before the slot runs. */
#include "cpu/mips/mips_internal.h"

int mips_branch(struct mips_cpu *cpu, uint32_t insn, bool taken, bool likely, unsigned link, uint64_t target)
{
	uint64_t pc = cpu->pc;

	if (cpu->in_delay)
		return mips_ri(cpu, insn);
	if (link)
		cpu->r[link] = pc + 8;
	if (!taken) {
		if (likely) {
			cpu->pc = pc + 8;
			return MIPS_JUMPED;
		}
		target = pc + 8;
	}
	cpu->branch_target = target;
	return MIPS_DELAY;
}

static uint64_t rel(const struct mips_cpu *cpu, uint32_t insn) { return cpu->pc + 4 + (SIMM(insn) << 2); }

#define B2(name, cond, likely)                                                  \
	static int name(struct mips_cpu *cpu, uint32_t insn)                    \
	{                                                                       \
		uint64_t s = cpu->r[RS(insn)], t = cpu->r[RT(insn)];            \
		return mips_branch(cpu, insn, (cond), likely, 0, rel(cpu, insn));    \
	}

B2(beq, s == t, false)
B2(bne, s != t, false)
B2(beql, s == t, true)
B2(bnel, s != t, true)

#define B1(name, cond, likely, link)                                            \
	static int name(struct mips_cpu *cpu, uint32_t insn)                    \
	{                                                                       \
		int64_t s = (int64_t)cpu->r[RS(insn)];                          \
		return mips_branch(cpu, insn, (cond), likely, link, rel(cpu, insn)); \
	}

B1(blez, s <= 0, false, 0)
B1(bgtz, s > 0, false, 0)
B1(blezl, s <= 0, true, 0)
B1(bgtzl, s > 0, true, 0)
B1(bltz, s < 0, false, 0)
B1(bgez, s >= 0, false, 0)
B1(bltzl, s < 0, true, 0)
B1(bgezl, s >= 0, true, 0)
B1(bltzal, s < 0, false, 31)
B1(bgezal, s >= 0, false, 31)
B1(bltzall, s < 0, true, 31)
B1(bgezall, s >= 0, true, 31)

static uint64_t region(const struct mips_cpu *cpu, uint32_t insn)
{
	return ((cpu->pc + 4) & ~(uint64_t)0x0fffffff) | (uint64_t)(insn & 0x03ffffff) << 2;
}

static int j(struct mips_cpu *cpu, uint32_t insn) { return mips_branch(cpu, insn, true, false, 0, region(cpu, insn)); }
static int jal(struct mips_cpu *cpu, uint32_t insn) { return mips_branch(cpu, insn, true, false, 31, region(cpu, insn)); }
static int jr(struct mips_cpu *cpu, uint32_t insn) { return mips_branch(cpu, insn, true, false, 0, cpu->r[RS(insn)]); }
static int jalr(struct mips_cpu *cpu, uint32_t insn) { return mips_branch(cpu, insn, true, false, RD(insn), cpu->r[RS(insn)]); }

static const struct {
	uint16_t index;
	mips_handler h;
} handlers[] = {
	{ 2, j }, { 3, jal }, { 4, beq }, { 5, bne }, { 6, blez }, { 7, bgtz },
	{ 20, beql }, { 21, bnel }, { 22, blezl }, { 23, bgtzl },
	{ MIPS_T_SPECIAL + 8, jr }, { MIPS_T_SPECIAL + 9, jalr },
	{ MIPS_T_REGIMM + 0, bltz }, { MIPS_T_REGIMM + 1, bgez }, { MIPS_T_REGIMM + 2, bltzl },
	{ MIPS_T_REGIMM + 3, bgezl }, { MIPS_T_REGIMM + 16, bltzal }, { MIPS_T_REGIMM + 17, bgezal },
	{ MIPS_T_REGIMM + 18, bltzall }, { MIPS_T_REGIMM + 19, bgezall },
};

void mips_branch_init(mips_handler *t)
{
	for (unsigned i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
		t[handlers[i].index] = handlers[i].h;
}
