/* The decode table: the primary opcode picks a slice, a secondary field
 * (SPECIAL/SPECIAL2/SPECIAL3 function, REGIMM rt, COP1 rs, COP1X function)
 * the handler. Unfilled entries are reserved instructions. */
#include <threads.h>

#include "cpu/mips/mips_internal.h"

struct mips_slice mips_slices[64];
mips_handler mips_table[MIPS_T_SIZE];

static const struct {
	uint8_t op;
	uint16_t base;
	uint8_t shift, mask;
} secondary[] = {
	{ 0, MIPS_T_SPECIAL, 0, 63 },
	{ 1, MIPS_T_REGIMM, 16, 31 },
	{ 17, MIPS_T_COP1, 21, 31 },
	{ 19, MIPS_T_COP1X, 0, 63 },
	{ 28, MIPS_T_SPECIAL2, 0, 63 },
	{ 31, MIPS_T_SPECIAL3, 0, 63 },
};

static void build(void)
{
	for (unsigned op = 0; op < 64; op++)
		mips_slices[op] = (struct mips_slice){ (uint16_t)op, 0, 0 };
	for (unsigned i = 0; i < sizeof secondary / sizeof secondary[0]; i++)
		mips_slices[secondary[i].op] =
			(struct mips_slice){ secondary[i].base, secondary[i].shift, secondary[i].mask };
	for (unsigned i = 0; i < MIPS_T_SIZE; i++)
		mips_table[i] = mips_ri;
	mips_alu_init(mips_table);
	mips_muldiv_init(mips_table);
	mips_branch_init(mips_table);
	mips_ldst_init(mips_table);
	mips_misc_init(mips_table);
	mips_bits_init(mips_table);
	mips_fpu_init(mips_table);
}

void mips_decode_init(void)
{
	static once_flag once = ONCE_FLAG_INIT;
	call_once(&once, build);
}
