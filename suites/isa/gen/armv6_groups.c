/* The armv6 target: its groups, in transcript order. */
#include "armv6.h"

static const struct group groups[] = {
	{ "dp_imm", g_dp_imm },
	{ "dp_shimm", g_dp_shimm },
	{ "dp_shreg", g_dp_shreg },
	{ "mul", g_mul },
	{ "mul_dsp", g_mul_dsp },
	{ "mul_media", g_mul_media },
	{ "ldst_word", g_ldst_word },
	{ "ldst_half", g_ldst_half },
	{ "ldst_multi", g_ldst_multi },
	{ "ldst_excl", g_ldst_excl },
	{ "ldst_misc", g_ldst_misc },
	{ "media_par", g_media_par },
	{ "media_sat", g_media_sat },
	{ "media_pack", g_media_pack },
	{ "psr", g_psr },
	{ "cond", g_cond },
	{ "branch", g_branch },
	{ "bkpt", g_bkpt },
	{ "setend", g_setend },
	{ "undef_arm", g_undef_arm },
	{ "undef_thumb", g_undef_thumb },
	{ "unpred", g_unpred },
	{ "thumb_imm", g_thumb_imm },
	{ "thumb_alu", g_thumb_alu },
	{ "thumb_hireg", g_thumb_hireg },
	{ "thumb_ldst", g_thumb_ldst },
	{ "thumb_multi", g_thumb_multi },
	{ "thumb_branch", g_thumb_branch },
	{ "thumb_cond", g_thumb_cond },
	{ "vfp_align", g_vfp_align },
	{ "vectors", g_vectors },
};

const struct target target_armv6 = { "armv6", groups, ARRAY_LEN(groups), ISA_ARM, out_begin, out_end };
