/* The decode tables: handlers fill the logical table, the flat table
 * the run loop uses is derived from it. Unfilled entries are reserved
 * instructions. */
#include <threads.h>

#include "cpu/mips/mips_internal.h"

mips_handler mips_table[MIPS_T_SIZE];
mips_handler mips_flat[64 * 64];

/* Slices selected by a field other than the function. */
static int regimm(struct mips_cpu *cpu, uint32_t insn) { return mips_table[MIPS_T_REGIMM + RT(insn)](cpu, insn); }
static int cop1(struct mips_cpu *cpu, uint32_t insn) { return mips_table[MIPS_T_COP1 + RS(insn)](cpu, insn); }

/* Primary opcodes whose function field selects the handler. */
static const struct {
	uint8_t op;
	uint16_t base;
} by_function[] = {
	{ 0, MIPS_T_SPECIAL }, { 19, MIPS_T_COP1X }, { 28, MIPS_T_SPECIAL2 }, { 31, MIPS_T_SPECIAL3 },
};

static void build(void)
{
	for (unsigned i = 0; i < MIPS_T_SIZE; i++)
		mips_table[i] = mips_ri;
	mips_alu_init(mips_table);
	mips_muldiv_init(mips_table);
	mips_branch_init(mips_table);
	mips_ldst_init(mips_table);
	mips_misc_init(mips_table);
	mips_bits_init(mips_table);
	mips_dsp_init(mips_table);
	mips_fpu_init(mips_table);
	mips_table[1] = regimm;
	mips_table[17] = cop1;
	for (unsigned op = 0; op < 64; op++)
		for (unsigned f = 0; f < 64; f++)
			mips_flat[op << 6 | f] = mips_table[op];
	for (unsigned i = 0; i < sizeof by_function / sizeof by_function[0]; i++)
		for (unsigned f = 0; f < 64; f++)
			mips_flat[by_function[i].op << 6 | f] = mips_table[by_function[i].base + f];
}

void mips_decode_init(void)
{
	static once_flag once = ONCE_FLAG_INIT;
	call_once(&once, build);
}
