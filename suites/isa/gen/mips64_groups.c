/* The mips64 and mips64el targets: the same groups and the same sources;
 * only Capstone's byte order (and the compiler building them) differ. */
#include "mips64.h"

static const struct group groups[] = {
	{ "alu", g_alu },
	{ "alu_imm", g_alu_imm },
	{ "ovf", g_ovf },
	{ "shift", g_shift },
	{ "muldiv", g_muldiv },
	{ "cmov", g_cmov },
	{ "r2", g_r2 },
	{ "bitfield", g_bitfield },
	{ "zero", g_zero },
	{ "load", g_load },
	{ "store", g_store },
	{ "lwlr", g_lwlr },
	{ "unaligned", g_unaligned },
	{ "llsc", g_llsc },
	{ "branch", g_branch_m },
	{ "jump", g_jump },
	{ "delay", g_delay },
	{ "trap", g_trap },
	{ "misc", g_misc },
	{ "undef", g_undef },
	{ "fp_arith", g_fp_arith },
	{ "fp_cvt", g_fp_cvt },
	{ "fp_cmp", g_fp_cmp },
	{ "fp_mov", g_fp_mov },
	{ "fp_madd", g_fp_madd },
	{ "fp_csr", g_fp_csr },
	{ "fp_mem", g_fp_mem },
	{ "fp_adr", g_fp_adr },
	{ "mbz", g_mbz },
	{ "fp_ps", g_fp_ps },
	{ "fp_3d", g_fp_3d },
	{ "bc1any", g_bc1any },
	{ "fp_range", g_fp_range },
	{ "random_mips", g_random_mips },
	{ "probe_mips", g_probe_mips },
};

const struct target target_mips64 = {
	"mips64", groups, ARRAY_LEN(groups), ISA_MIPS64, mips_begin, mips_end,
};

const struct target target_mips64el = {
	"mips64el", groups, ARRAY_LEN(groups), ISA_MIPS64EL, mips_begin, mips_end,
};
