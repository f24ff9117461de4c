/* ARM multiplies: MUL/MLA, the long forms, UMAAL, the DSP halfword forms
 * and the ARMv6 dual and most-significant-word forms. */
#include "armv6.h"

#define RD16 FLD(F_RD, 16, 4)
#define RD12 FLD(F_RD, 12, 4)
#define RA12 FLD(F_RS, 12, 4)
#define RA16 FLD(F_RS, 16, 4)
#define RS8 FLD(F_RS, 8, 4)
#define RM0 FLD(F_RS, 0, 4)
#define XB FLD(F_BIT, 5, 1)
#define YB FLD(F_BIT, 6, 1)

static const struct pattern mul[] = {
	{ "mul", "mul", 0xe0000090u, P_ALIAS, 0, 0, 16, { RD16, RS8, RM0 } },
	{ "muls", "mul", 0xe0100090u, P_ALIAS, 0, 0, 16, { RD16, RS8, RM0 } },
	{ "mla", "mla", 0xe0200090u, P_ALIAS, 0, 0, 16, { RD16, RA12, RS8, RM0 } },
	{ "mlas", "mla", 0xe0300090u, P_ALIAS, 0, 0, 16, { RD16, RA12, RS8, RM0 } },
	{ "umull", "umull", 0xe0800090u, P_ALIAS, 0, 0, 16, { RD16, RD12, RS8, RM0 } },
	{ "umulls", "umull", 0xe0900090u, P_ALIAS, 0, 0, 16, { RD16, RD12, RS8, RM0 } },
	{ "umlal", "umlal", 0xe0a00090u, 0, 0, 0, 16, { RA16, RA12, RS8, RM0 } },
	{ "umlals", "umlal", 0xe0b00090u, 0, 0, 0, 16, { RA16, RA12, RS8, RM0 } },
	{ "smull", "smull", 0xe0c00090u, P_ALIAS, 0, 0, 16, { RD16, RD12, RS8, RM0 } },
	{ "smulls", "smull", 0xe0d00090u, P_ALIAS, 0, 0, 16, { RD16, RD12, RS8, RM0 } },
	{ "smlal", "smlal", 0xe0e00090u, 0, 0, 0, 16, { RA16, RA12, RS8, RM0 } },
	{ "smlals", "smlal", 0xe0f00090u, 0, 0, 0, 16, { RA16, RA12, RS8, RM0 } },
	{ "umaal", "umaal", 0xe0400090u, 0, 0, 0, 24, { RA16, RA12, RS8, RM0 } },
};

static const struct pattern dsp[] = {
	{ "smla<x><y>", "smlabb smlabt smlatb smlatt", 0xe1000080u, P_ALIAS, 0, 0, 40,
	  { RD16, RA12, RS8, RM0, XB, YB } },
	{ "smlaw<y>", "smlawb smlawt", 0xe1200080u, P_ALIAS, 0, 0, 30, { RD16, RA12, RS8, RM0, YB } },
	{ "smulw<y>", "smulwb smulwt", 0xe12000a0u, P_ALIAS, 0, 0, 30, { RD16, RS8, RM0, YB } },
	{ "smul<x><y>", "smulbb smulbt smultb smultt", 0xe1600080u, P_ALIAS, 0, 0, 40,
	  { RD16, RS8, RM0, XB, YB } },
	{ "smlal<x><y>", "smlalbb smlalbt smlaltb smlaltt", 0xe1400080u, 0, 0, 0, 40,
	  { RA16, RA12, RS8, RM0, XB, YB } },
};

static const struct pattern media[] = {
	{ "smuad", "smuad smuadx", 0xe700f010u, P_ALIAS, 0, 0, 24, { RD16, RS8, RM0, XB } },
	{ "smusd", "smusd smusdx", 0xe700f050u, P_ALIAS, 0, 0, 24, { RD16, RS8, RM0, XB } },
	{ "smlad", "smlad smladx", 0xe7000010u, P_ALIAS, 0, 0, 24, { RD16, RA12, RS8, RM0, XB } },
	{ "smlsd", "smlsd smlsdx", 0xe7000050u, P_ALIAS, 0, 0, 24, { RD16, RA12, RS8, RM0, XB } },
	{ "smlald", "smlald smlaldx", 0xe7400010u, 0, 0, 0, 24, { RA16, RA12, RS8, RM0, XB } },
	{ "smlsld", "smlsld smlsldx", 0xe7400050u, 0, 0, 0, 24, { RA16, RA12, RS8, RM0, XB } },
	{ "smmul", "smmul smmulr", 0xe750f010u, P_ALIAS, 0, 0, 24, { RD16, RS8, RM0, XB } },
	{ "smmla", "smmla smmlar", 0xe7500010u, P_ALIAS, 0, 0, 24, { RD16, RA12, RS8, RM0, XB } },
	{ "smmls", "smmls smmlsr", 0xe75000d0u, P_ALIAS, 0, 0, 24, { RD16, RA12, RS8, RM0, XB } },
};

void g_mul(struct out *o) { run_patterns(o, mul, ARRAY_LEN(mul)); }
void g_mul_dsp(struct out *o) { run_patterns(o, dsp, ARRAY_LEN(dsp)); }
void g_mul_media(struct out *o) { run_patterns(o, media, ARRAY_LEN(media)); }
