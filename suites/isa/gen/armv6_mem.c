/* ARM loads and stores: every addressing mode of the word/byte and the
 * halfword/doubleword forms, including unaligned bases (the real kernel
 * decides what happens), multiples, exclusives, SWP and PLD. */
#include "armv6.h"

#define PB FLD(F_BIT, 24, 1)
#define UB FLD(F_BIT, 23, 1)
#define WB FLD(F_BIT, 21, 1)
#define RN FLD(F_RN, 16, 4)
#define RT FLD(F_RT, 12, 4)
#define RTE FLD(F_RTE, 12, 4)
#define RM FLD(F_RM, 0, 4)
#define IMM12 FLD(F_IMM, 0, 12)
#define SHIFT FLD(F_SH5, 7, 5), FLD(F_SHT, 5, 2)
#define IMM8 FLD(F_IMM, 8, 4), FLD(F_IMM, 0, 4)

#define MU (P_MEM | P_UNAL)
#define ML (P_MEM | P_UNAL | P_LOAD)

static const struct pattern word[] = {
	{ "ldr", "ldr ldrt", 0xe4100000u, ML, AM_IMM12, 4, 30, { PB, UB, WB, RN, RT, IMM12 } },
	{ "str", "str strt", 0xe4000000u, MU, AM_IMM12, 4, 30, { PB, UB, WB, RN, RT, IMM12 } },
	{ "ldrb", "ldrb ldrbt", 0xe4500000u, ML, AM_IMM12, 1, 30, { PB, UB, WB, RN, RT, IMM12 } },
	{ "strb", "strb strbt", 0xe4400000u, MU, AM_IMM12, 1, 30, { PB, UB, WB, RN, RT, IMM12 } },
	{ "ldr-reg", "ldr ldrt", 0xe6100000u, ML, AM_REGSH, 4, 30, { PB, UB, WB, RN, RT, RM, SHIFT } },
	{ "str-reg", "str strt", 0xe6000000u, MU, AM_REGSH, 4, 30, { PB, UB, WB, RN, RT, RM, SHIFT } },
	{ "ldrb-reg", "ldrb ldrbt", 0xe6500000u, ML, AM_REGSH, 1, 30, { PB, UB, WB, RN, RT, RM, SHIFT } },
	{ "strb-reg", "strb strbt", 0xe6400000u, MU, AM_REGSH, 1, 30, { PB, UB, WB, RN, RT, RM, SHIFT } },
};

/* Extra load/store forms: {L, SH, name}; P=0 with W=1 is not an ARMv6
 * encoding, so post-indexed patterns keep W clear. */
static const struct { uint32_t l, sh; const char *name; int pair; } half_ops[] = {
	{ 1, 1, "ldrh", 0 }, { 0, 1, "strh", 0 }, { 1, 2, "ldrsb", 0 },
	{ 1, 3, "ldrsh", 0 }, { 0, 2, "ldrd", 1 }, { 0, 3, "strd", 1 },
};

void g_ldst_word(struct out *o) { run_patterns(o, word, ARRAY_LEN(word)); }

void g_ldst_half(struct out *o)
{
	for (size_t i = 0; i < ARRAY_LEN(half_ops); i++) {
		uint32_t b = 0xe0000090u | half_ops[i].l << 20 | half_ops[i].sh << 5;
		int load = half_ops[i].l || half_ops[i].sh == 2;
		unsigned fl = load ? ML : MU;
		struct field rt = half_ops[i].pair ? (struct field)RTE : (struct field)RT;
		const struct pattern p[] = {
			{ half_ops[i].name, half_ops[i].name, b | 0x01400000u, fl, AM_IMM8, 2, 12,
			  { UB, WB, RN, rt, IMM8 } },
			{ half_ops[i].name, half_ops[i].name, b | 0x00400000u, fl, AM_IMM8, 2, 10,
			  { UB, RN, rt, IMM8 } },
			{ half_ops[i].name, half_ops[i].name, b | 0x01000000u, fl, AM_REG, 2, 10,
			  { UB, WB, RN, rt, RM } },
			{ half_ops[i].name, half_ops[i].name, b, fl, AM_REG, 2, 8, { UB, RN, rt, RM } },
		};
		run_patterns(o, p, ARRAY_LEN(p));
	}
}

/* Random register list avoiding one register (kept for the exit code). */
static uint32_t reg_list(int base, int with_base)
{
	uint32_t list = rng32() & 0x7fffu;
	if (__builtin_popcount(list) > 8) {  /* keeps transcript lines short */
		uint32_t thin = rng32();
		list &= thin | 0x1u << rng_below(15);
	}
	int keep;
	do
		keep = (int)rng_below(13);
	while (keep == base);
	list &= ~(1u << keep);
	if (base >= 0)
		list = with_base ? list | 1u << base : list & ~(1u << base);
	if (!list)
		list = 1u << (base == 0 ? 1 : 0);
	return list;
}

static const char *const multi_names =
	"ldm ldmda ldmdb ldmib stm stmda stmdb stmib push pop";

static void multi(struct out *o, uint32_t pu, uint32_t w, uint32_t l, int pc)
{
	struct vec v;
	vec_init(&v, 0);
	int base = rng_below(6) == 0 ? 13 : (int)rng_below(13);
	uint32_t list = reg_list(base, base != 13 && rng_below(5) == 0);
	if (pc) {
		/* a second free register, for the slot marker */
		int r;
		do r = (int)rng_below(13); while (r == base);
		list = (list & ~(1u << r)) | 0x8000u;
	}
	uint32_t insn = 0xe8000000u | pu << 23 | w << 21 | l << 20 | (uint32_t)base << 16 | list;
	for (int r = 0; r < 15; r++)
		if (list >> r & 1)
			vec_set(&v, r, pick_operand(), !l);
	vec_win(&v, base, WIN_BASE + (rng_below(6) == 0 ? 4 * rng_below(4) + 2 : 0), 1);
	if (pc) {
		/* PC is loaded from the highest address: aim it at a slot. */
		int n = __builtin_popcount(list);
		/* lowest address for DA, IA, DB, IB */
		int32_t lowest = (pu == 0) ? -4 * n + 4 : pu == 1 ? 0 : pu == 2 ? -4 * n : 4;
		v.poke_off = (int)WIN_BASE + lowest + 4 * (n - 1);
		v.nslot = 1;
		v.slot_thumb[0] = (uint8_t)rng_below(2);
		v.poke_sym = slot_sym[0];
		v.poke_add = v.slot_thumb[0];
		v.marker = vec_free_reg(&v);
		v.used |= (uint16_t)(1u << v.marker);
		v.flags |= P_MEM;
	}
	vec_code(&v, insn, 4, multi_names);
	emit_vec(o, &v);
}

void g_ldst_multi(struct out *o)
{
	for (uint32_t pu = 0; pu < 4; pu++)
		for (uint32_t w = 0; w < 2; w++)
			for (uint32_t l = 0; l < 2; l++)
				for (int k = 0; k < 14; k++)
					multi(o, pu, w, l, 0);
	for (int k = 0; k < 24; k++) {
		uint32_t pu = rng_below(4);
		multi(o, pu, rng_below(2), 1, 1);
	}
}

/* Exclusives: {ldrex, strex} encodings per size. */
static const struct { uint32_t ld, st; const char *name; int pair, size; } excl[] = {
	{ 0xe1900f9fu, 0xe1800f90u, "ldrex strex", 0, 4 },
	{ 0xe1d00f9fu, 0xe1c00f90u, "ldrexb strexb", 0, 1 },
	{ 0xe1f00f9fu, 0xe1e00f90u, "ldrexh strexh", 0, 2 },
	{ 0xe1b00f9fu, 0xe1a00f90u, "ldrexd strexd", 1, 8 },
};

#define CLREX 0xf57ff01fu

enum { X_LD, X_LDST, X_CLST, X_LDCLST, X_LDST_OTHER, X_LDSTR_ST, X_KINDS };

static void exclusive(struct out *o, int s, int kind)
{
	struct vec v;
	vec_init(&v, 0);
	uint16_t taken = 0;
	int rn = (int)rng_below(13);
	taken |= (uint16_t)(1u << rn);
	int rt, rd, rt2;
	do rt = excl[s].pair ? 2 * (int)rng_below(6) : (int)rng_below(13);
	while (taken & (3u << rt));
	taken |= (uint16_t)((excl[s].pair ? 3u : 1u) << rt);
	do rd = (int)rng_below(13); while (taken & (1u << rd));
	taken |= (uint16_t)(1u << rd);
	do rt2 = excl[s].pair ? 2 * (int)rng_below(6) : (int)rng_below(13);
	while (taken & ((excl[s].pair ? 3u : 1u) << rt2));

	uint32_t off = WIN_BASE;
	if (rng_below(5) == 0)
		off += 1 + rng_below(7);   /* unaligned: an alignment fault is expected */
	vec_win(&v, rn, off, 1);
	vec_set(&v, rt, pick_operand(), kind != X_LD);
	if (excl[s].pair)
		vec_set(&v, rt + 1, pick_operand(), kind != X_LD);
	vec_set(&v, rd, v.reg[rd], 0);
	vec_set(&v, rt2, v.reg[rt2], 0);
	if (excl[s].pair)
		vec_set(&v, rt2 + 1, v.reg[rt2 + 1], 0);
	uint32_t ld = excl[s].ld | (uint32_t)rn << 16 | (uint32_t)rt2 << 12;
	uint32_t st = excl[s].st | (uint32_t)rn << 16 | (uint32_t)rd << 12 | (uint32_t)rt;
	switch (kind) {
	case X_LD:
		vec_code(&v, ld, 4, excl[s].name);
		break;
	case X_LDST:
		vec_code(&v, ld, 4, excl[s].name);
		vec_code(&v, st, 4, excl[s].name);
		break;
	case X_CLST:
		vec_code(&v, CLREX, 4, "clrex");
		vec_code(&v, st, 4, excl[s].name);
		break;
	case X_LDCLST:
		vec_code(&v, ld, 4, excl[s].name);
		vec_code(&v, CLREX, 4, "clrex");
		vec_code(&v, st, 4, excl[s].name);
		break;
	case X_LDST_OTHER: {
		/* strex to another word than the one loaded: the monitor decides */
		int rn2;
		do rn2 = (int)rng_below(13); while ((taken | (1u << rt2) | (excl[s].pair ? 2u << rt2 : 0)) & (1u << rn2));
		vec_win(&v, rn2, off + 8 * (1 + rng_below(4)), 1);
		vec_code(&v, ld, 4, excl[s].name);
		vec_code(&v, (st & ~0xf0000u) | (uint32_t)rn2 << 16, 4, excl[s].name);
		break;
	}
	default:
		/* an ordinary store to the reserved word between ldrex and strex */
		vec_code(&v, ld, 4, excl[s].name);
		vec_code(&v, 0xe5800000u | (uint32_t)rn << 16 | (uint32_t)rt << 12, 4, "str");
		vec_code(&v, st, 4, excl[s].name);
		break;
	}
	emit_vec(o, &v);
}

void g_ldst_excl(struct out *o)
{
	for (int s = 0; s < 4; s++)
		for (int kind = 0; kind < X_KINDS; kind++)
			for (int k = 0; k < 10; k++)
				exclusive(o, s, kind);
}

static const struct pattern misc[] = {
	{ "swp", "swp", 0xe1000090u, P_MEM | P_UNAL, AM_BASE, 4, 30, { RN, FLD(F_RD, 12, 4), FLD(F_RS, 0, 4) } },
	{ "swpb", "swpb", 0xe1400090u, P_MEM | P_UNAL, AM_BASE, 1, 30, { RN, FLD(F_RD, 12, 4), FLD(F_RS, 0, 4) } },
	{ "pld", "pld", 0xf550f000u, 0, 0, 0, 20, { UB, FLD(F_RS, 16, 4), IMM12 } },
	{ "pld-reg", "pld", 0xf750f000u, 0, 0, 0, 20, { UB, FLD(F_RS, 16, 4), FLD(F_RS, 0, 4), SHIFT } },
};

/* PC-relative loads read a literal block placed after the stub; loads into
 * PC branch (and interwork) to a slot whose address is in the window. */
static void pc_loads(struct out *o)
{
	static const struct { uint32_t bits; const char *name; } ld[] = {
		{ 0xe59f0000u, "ldr" }, { 0xe5df0000u, "ldrb" }, { 0xe1df00b0u, "ldrh" },
		{ 0xe1df00d0u, "ldrsb" }, { 0xe1df00f0u, "ldrsh" },
	};
	for (size_t i = 0; i < ARRAY_LEN(ld); i++)
		for (int k = 0; k < 8; k++) {
			struct vec v;
			vec_init(&v, 0);
			v.lit = 1;
			int rt = (int)rng_below(13);
			vec_set(&v, rt, v.reg[rt], 0);
			vec_code(&v, 0, 4, NULL);
			uint32_t imm = vec_lit_offset(&v) - 8 + rng_below(i ? 60 : 57);
			v.ncode = 0;
			uint32_t insn = ld[i].bits | (uint32_t)rt << 12;
			insn |= i < 2 ? imm : (imm & 0xf0) << 4 | (imm & 0xf);
			vec_code(&v, insn, 4, ld[i].name);
			emit_vec(o, &v);
		}
	for (int k = 0; k < 16; k++) {
		struct vec v;
		vec_init(&v, 0);
		int rn = (int)rng_below(13);
		uint32_t imm = 4 * rng_below(16);
		vec_win(&v, rn, WIN_BASE, 1);
		v.poke_off = (int)(WIN_BASE + imm);
		v.nslot = 1;
		v.slot_thumb[0] = (uint8_t)(k & 1);
		v.poke_sym = slot_sym[0];
		v.poke_add = v.slot_thumb[0];
		v.marker = vec_free_reg(&v);
		v.used |= (uint16_t)(1u << v.marker);
		vec_code(&v, 0xe590f000u | (uint32_t)rn << 16 | imm, 4, "ldr");
		emit_vec(o, &v);
	}
}

void g_ldst_misc(struct out *o)
{
	run_patterns(o, misc, ARRAY_LEN(misc));
	pc_loads(o);
}
