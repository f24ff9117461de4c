/* ARMv6 media instructions: parallel add/subtract (GE flags), saturation
 * (Q flag), packing, extension with rotation, byte reversal, SEL, USAD8,
 * CLZ. */
#include <stdio.h>

#include "armv6.h"

#define RN FLD(F_RS, 16, 4)
#define RD FLD(F_RD, 12, 4)
#define RM FLD(F_RS, 0, 4)
#define ROT FLD(F_ROT, 10, 2)

void g_media_par(struct out *o)
{
	static const struct { uint32_t op1; const char *prefix; } kinds[] = {
		{ 1, "s" }, { 2, "q" }, { 3, "sh" }, { 5, "u" }, { 6, "uq" }, { 7, "uh" },
	};
	static const struct { uint32_t op2; const char *op; } ops[] = {
		{ 0, "add16" }, { 1, "asx" }, { 2, "sax" }, { 3, "sub16" }, { 4, "add8" }, { 7, "sub8" },
	};
	static char names[36][16];
	struct pattern p[36];
	int n = 0;
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++)
		for (size_t i = 0; i < ARRAY_LEN(ops); i++, n++) {
			snprintf(names[n], sizeof names[n], "%s%s", kinds[k].prefix, ops[i].op);
			p[n] = (struct pattern){ names[n], names[n],
				0xe6000f10u | kinds[k].op1 << 20 | ops[i].op2 << 5, P_ALIAS, 0, 0, 10,
				{ RN, RD, RM } };
		}
	run_patterns(o, p, n);
}

static const struct pattern sat[] = {
	{ "ssat", "ssat", 0xe6a00010u, 0, 0, 0, 24,
	  { FLD(F_IMM, 16, 5), RD, FLD(F_SH5, 7, 5), FLD(F_BIT, 6, 1), RM } },
	{ "usat", "usat", 0xe6e00010u, 0, 0, 0, 24,
	  { FLD(F_IMM, 16, 5), RD, FLD(F_SH5, 7, 5), FLD(F_BIT, 6, 1), RM } },
	{ "ssat16", "ssat16", 0xe6a00f30u, 0, 0, 0, 20, { FLD(F_IMM, 16, 4), RD, RM } },
	{ "usat16", "usat16", 0xe6e00f30u, 0, 0, 0, 20, { FLD(F_IMM, 16, 4), RD, RM } },
	{ "qadd", "qadd", 0xe1000050u, P_ALIAS, 0, 0, 20, { RN, RD, RM } },
	{ "qsub", "qsub", 0xe1200050u, P_ALIAS, 0, 0, 20, { RN, RD, RM } },
	{ "qdadd", "qdadd", 0xe1400050u, P_ALIAS, 0, 0, 20, { RN, RD, RM } },
	{ "qdsub", "qdsub", 0xe1600050u, P_ALIAS, 0, 0, 20, { RN, RD, RM } },
};

void g_media_sat(struct out *o) { run_patterns(o, sat, ARRAY_LEN(sat)); }

static const struct pattern pack[] = {
	{ "pkhbt", "pkhbt pkhtb", 0xe6800010u, P_ALIAS, 0, 0, 16, { RN, RD, FLD(F_SH5, 7, 5), RM } },
	{ "pkhtb", "pkhtb pkhbt", 0xe6800050u, P_ALIAS, 0, 0, 16, { RN, RD, FLD(F_SH5, 7, 5), RM } },
	{ "sxtb16", "sxtb16", 0xe68f0070u, 0, 0, 0, 10, { RD, ROT, RM } },
	{ "sxtab16", "sxtab16", 0xe6800070u, P_ALIAS, 0, 0, 10, { RN, RD, ROT, RM } },
	{ "sxtb", "sxtb", 0xe6af0070u, 0, 0, 0, 10, { RD, ROT, RM } },
	{ "sxtab", "sxtab", 0xe6a00070u, P_ALIAS, 0, 0, 10, { RN, RD, ROT, RM } },
	{ "sxth", "sxth", 0xe6bf0070u, 0, 0, 0, 10, { RD, ROT, RM } },
	{ "sxtah", "sxtah", 0xe6b00070u, P_ALIAS, 0, 0, 10, { RN, RD, ROT, RM } },
	{ "uxtb16", "uxtb16", 0xe6cf0070u, 0, 0, 0, 10, { RD, ROT, RM } },
	{ "uxtab16", "uxtab16", 0xe6c00070u, P_ALIAS, 0, 0, 10, { RN, RD, ROT, RM } },
	{ "uxtb", "uxtb", 0xe6ef0070u, 0, 0, 0, 10, { RD, ROT, RM } },
	{ "uxtab", "uxtab", 0xe6e00070u, P_ALIAS, 0, 0, 10, { RN, RD, ROT, RM } },
	{ "uxth", "uxth", 0xe6ff0070u, 0, 0, 0, 10, { RD, ROT, RM } },
	{ "uxtah", "uxtah", 0xe6f00070u, P_ALIAS, 0, 0, 10, { RN, RD, ROT, RM } },
	{ "rev", "rev", 0xe6bf0f30u, 0, 0, 0, 12, { RD, RM } },
	{ "rev16", "rev16", 0xe6bf0fb0u, 0, 0, 0, 12, { RD, RM } },
	{ "revsh", "revsh", 0xe6ff0fb0u, 0, 0, 0, 12, { RD, RM } },
	{ "sel", "sel", 0xe6800fb0u, P_ALIAS, 0, 0, 24, { RN, RD, RM } },
	{ "usad8", "usad8", 0xe780f010u, P_ALIAS, 0, 0, 16, { FLD(F_RD, 16, 4), FLD(F_RS, 8, 4), RM } },
	{ "usada8", "usada8", 0xe7800010u, P_ALIAS, 0, 0, 16,
	  { FLD(F_RD, 16, 4), FLD(F_RS, 12, 4), FLD(F_RS, 8, 4), RM } },
	{ "clz", "clz", 0xe16f0f10u, 0, 0, 0, 20, { RD, RM } },
};

void g_media_pack(struct out *o) { run_patterns(o, pack, ARRAY_LEN(pack)); }
