/* ARM data processing: the 16 opcodes with immediate, immediate-shift and
 * register-shift operands, with and without S. */
#include "armv6.h"

static const struct { const char *name; int kind; } ops[16] = {
	{ "and", 0 }, { "eor", 0 }, { "sub", 0 }, { "rsb", 0 },
	{ "add", 0 }, { "adc", 0 }, { "sbc", 0 }, { "rsc", 0 },
	{ "tst", 1 }, { "teq", 1 }, { "cmp", 1 }, { "cmn", 1 },
	{ "orr", 0 }, { "mov", 2 }, { "bic", 0 }, { "mvn", 2 },
};

/* MOV with a shift is named for the shift by Capstone; ADD/SUB with PC as
 * the base may be ADR. */
static const char *names(int op)
{
	static const char *const mov = "mov lsl lsr asr ror rrx";
	if (op == 13)
		return mov;
	if (op == 2 || op == 4)
		return op == 2 ? "sub adr" : "add adr";
	return ops[op].name;
}

/* operand: 0 immediate, 1 immediate shift, 2 register shift */
static void dp(struct out *o, int operand, int count)
{
	struct pattern p[32];
	int n = 0;
	for (int op = 0; op < 16; op++)
		for (int s = ops[op].kind == 1; s < 2; s++) {
			struct pattern *q = &p[n++];
			*q = (struct pattern){ .name = ops[op].name, .mnem = names(op), .count = (uint16_t)count };
			q->bits = 0xe0000000u | (uint32_t)op << 21 | (uint32_t)s << 20;
			int f = 0;
			if (ops[op].kind != 1)
				q->f[f++] = (struct field)FLD(F_RD, 12, 4);
			if (ops[op].kind != 2)
				q->f[f++] = (struct field)FLD(F_RS, 16, 4);
			if (operand == 0) {
				q->bits |= 0x02000000u;
				q->f[f++] = (struct field)FLD(F_IMM, 0, 8);
				q->f[f++] = (struct field)FLD(F_IMM, 8, 4);
			} else {
				q->f[f++] = (struct field)FLD(F_RS, 0, 4);
				q->f[f++] = (struct field)FLD(F_SHT, 5, 2);
				if (operand == 1) {
					q->f[f++] = (struct field)FLD(F_SH5, 7, 5);
				} else {
					q->bits |= 0x10u;
					q->f[f++] = (struct field)FLD(F_RSH, 8, 4);
				}
			}
			q->flags = P_ALIAS;
		}
	run_patterns(o, p, n);
}

void g_dp_imm(struct out *o)
{
	dp(o, 0, 8);
	/* PC as the first operand: the result is an address near the code. */
	static const struct pattern pc[] = {
		{ "add-pc", "add adr", 0xe28f0000u, 0, 0, 0, 6, { FLD(F_RD, 12, 4), FLD(F_IMM, 0, 8) } },
		{ "sub-pc", "sub adr", 0xe24f0000u, 0, 0, 0, 6, { FLD(F_RD, 12, 4), FLD(F_IMM, 0, 8) } },
		{ "mov-pc", "mov", 0xe1a0000fu, 0, 0, 0, 4, { FLD(F_RD, 12, 4) } },
		/* SP and LR as operands, as compiled code uses them */
		{ "add-sp", "add", 0xe28dd000u, P_SP, 0, 0, 6, { FLD(F_IMM, 0, 8), FLD(F_IMM, 8, 4) } },
		{ "sub-sp", "sub", 0xe24dd000u, P_SP, 0, 0, 6, { FLD(F_IMM, 0, 8), FLD(F_IMM, 8, 4) } },
		{ "sp-rel", "add", 0xe28d0000u, P_SP, 0, 0, 6, { FLD(F_RD, 12, 4), FLD(F_IMM, 0, 8) } },
		{ "mov-sp", "mov", 0xe1a0000du, P_SP, 0, 0, 4, { FLD(F_RD, 12, 4) } },
		{ "mov-lr", "mov", 0xe1a0e000u, 0, 0, 0, 6, { FLD(F_RS, 0, 4) } },
		{ "sub-lr", "sub", 0xe04ee000u, P_LR, 0, 0, 6, { FLD(F_RS, 0, 4) } },
	};
	run_patterns(o, pc, ARRAY_LEN(pc));
}

void g_dp_shimm(struct out *o) { dp(o, 1, 12); }
void g_dp_shreg(struct out *o) { dp(o, 2, 10); }
