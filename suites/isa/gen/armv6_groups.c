/* The armv6 target: its groups, in transcript order. */
#include "armv6.h"

static const struct group groups[] = {
	{ "dp_imm", g_dp_imm },
	{ "dp_shimm", g_dp_shimm },
	{ "dp_shreg", g_dp_shreg },
};

const struct target target_armv6 = { "armv6", groups, ARRAY_LEN(groups) };
