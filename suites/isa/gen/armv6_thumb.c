/* Thumb (ARMv6 Thumb-1): every 16-bit format. Entered from ARM through
 * the runtime's interworking LDM, left through "bx pc". */
#include "armv6.h"

#define T (P_THUMB)
#define TA (P_THUMB | P_ALIAS)
#define RD0 FLD(F_RD, 0, 3)
#define RS0 FLD(F_RS, 0, 3)
#define RS3 FLD(F_RS, 3, 3)
#define RS6 FLD(F_RS, 6, 3)
#define RN3 FLD(F_RN, 3, 3)
#define RM6 FLD(F_RM, 6, 3)
#define RT0 FLD(F_RT, 0, 3)

static const struct pattern shift_addsub[] = {
	{ "lsl", "lsl mov", 0x0000u, T, 0, 0, 24, { RD0, RS3, FLD(F_SH5, 6, 5) } },
	{ "lsr", "lsr", 0x0800u, T, 0, 0, 24, { RD0, RS3, FLD(F_SH5, 6, 5) } },
	{ "asr", "asr", 0x1000u, T, 0, 0, 24, { RD0, RS3, FLD(F_SH5, 6, 5) } },
	{ "add", "add", 0x1800u, TA, 0, 0, 24, { RD0, RS3, RS6 } },
	{ "sub", "sub", 0x1a00u, TA, 0, 0, 24, { RD0, RS3, RS6 } },
	{ "add3", "add mov", 0x1c00u, T, 0, 0, 20, { RD0, RS3, FLD(F_IMM, 6, 3) } },
	{ "sub3", "sub", 0x1e00u, T, 0, 0, 20, { RD0, RS3, FLD(F_IMM, 6, 3) } },
	{ "mov8", "mov", 0x2000u, T, 0, 0, 20, { FLD(F_RD, 8, 3), FLD(F_IMM, 0, 8) } },
	{ "cmp8", "cmp", 0x2800u, T, 0, 0, 24, { FLD(F_RS, 8, 3), FLD(F_IMM, 0, 8) } },
	{ "add8", "add", 0x3000u, T, 0, 0, 24, { FLD(F_RS, 8, 3), FLD(F_IMM, 0, 8) } },
	{ "sub8", "sub", 0x3800u, T, 0, 0, 24, { FLD(F_RS, 8, 3), FLD(F_IMM, 0, 8) } },
};

void g_thumb_imm(struct out *o) { run_patterns(o, shift_addsub, ARRAY_LEN(shift_addsub)); }

void g_thumb_alu(struct out *o)
{
	static const char *const names[16] = {
		"and", "eor", "lsl", "lsr", "asr", "adc", "sbc", "ror",
		"tst", "rsb neg", "cmp", "cmn", "orr", "mul", "bic", "mvn",
	};
	/* LSL, LSR, ASR and ROR take their amount from the second register. */
	static const uint16_t shifts = 1u << 2 | 1u << 3 | 1u << 4 | 1u << 7;
	struct pattern p[16];
	for (uint32_t op = 0; op < 16; op++) {
		struct field second = shifts >> op & 1 ? (struct field)FLD(F_RSH, 3, 3) : (struct field)RS3;
		p[op] = (struct pattern){ names[op], names[op], 0x4000u | op << 6, TA, 0, 0, 20, { RS0, second } };
	}
	run_patterns(o, p, 16);
}

static const struct pattern hireg[] = {
	{ "add-hi", "add", 0x4400u, T, 0, 0, 30, { FLD(F_HD, 0, 3), FLD(F_HS, 3, 4) } },
	{ "cmp-hi", "cmp", 0x4500u, T, 0, 0, 30, { FLD(F_HD, 0, 3), FLD(F_HS, 3, 4) } },
	{ "mov-hi", "mov", 0x4600u, T, 0, 0, 30, { FLD(F_HD, 0, 3), FLD(F_HS, 3, 4) } },
	{ "add-pc", "add", 0x4478u, T, 0, 0, 6, { FLD(F_HD, 0, 3) } },
	{ "mov-pc", "mov", 0x4678u, T, 0, 0, 6, { FLD(F_HD, 0, 3) } },
	{ "mov-sp", "mov", 0x4685u, T, 0, 0, 6, { FLD(F_HS, 3, 4) } },
	{ "add-sp", "add", 0x4485u, T | P_SP, 0, 0, 6, { FLD(F_HS, 3, 4) } },
	{ "mov-lr", "mov", 0x4686u, T, 0, 0, 6, { FLD(F_HS, 3, 4) } },
	{ "add-lr", "add", 0x4486u, T | P_LR, 0, 0, 6, { FLD(F_HS, 3, 4) } },
	{ "cmp-lr", "cmp", 0x4586u, T | P_LR, 0, 0, 6, { FLD(F_HS, 3, 4) } },
	{ "from-sp", "mov", 0x4668u, T | P_SP, 0, 0, 6, { FLD(F_HD, 0, 3) } },
	{ "from-lr", "add", 0x4470u, T | P_LR, 0, 0, 6, { FLD(F_HD, 0, 3) } },
	{ "sxth", "sxth", 0xb200u, T, 0, 0, 12, { RD0, RS3 } },
	{ "sxtb", "sxtb", 0xb240u, T, 0, 0, 12, { RD0, RS3 } },
	{ "uxth", "uxth", 0xb280u, T, 0, 0, 12, { RD0, RS3 } },
	{ "uxtb", "uxtb", 0xb2c0u, T, 0, 0, 12, { RD0, RS3 } },
	{ "rev", "rev", 0xba00u, T, 0, 0, 12, { RD0, RS3 } },
	{ "rev16", "rev16", 0xba40u, T, 0, 0, 12, { RD0, RS3 } },
	{ "revsh", "revsh", 0xbac0u, T, 0, 0, 12, { RD0, RS3 } },
	{ "cps", "cps cpsie cpsid", 0xb660u, T, 0, 0, 6, { FLD(F_BIT, 4, 1), FLD(F_IMM, 0, 3) } },
};

void g_thumb_hireg(struct out *o) { run_patterns(o, hireg, ARRAY_LEN(hireg)); }

#define TM (P_THUMB | P_MEM | P_UNAL)
#define TL (P_THUMB | P_MEM | P_UNAL | P_LOAD)

static const struct pattern ldst[] = {
	{ "str", "str", 0x5000u, TM, AM_T_REG, 4, 14, { RT0, RN3, RM6 } },
	{ "strh", "strh", 0x5200u, TM, AM_T_REG, 2, 14, { RT0, RN3, RM6 } },
	{ "strb", "strb", 0x5400u, TM, AM_T_REG, 1, 14, { RT0, RN3, RM6 } },
	{ "ldrsb", "ldrsb", 0x5600u, TL, AM_T_REG, 1, 14, { RT0, RN3, RM6 } },
	{ "ldr", "ldr", 0x5800u, TL, AM_T_REG, 4, 14, { RT0, RN3, RM6 } },
	{ "ldrh", "ldrh", 0x5a00u, TL, AM_T_REG, 2, 14, { RT0, RN3, RM6 } },
	{ "ldrb", "ldrb", 0x5c00u, TL, AM_T_REG, 1, 14, { RT0, RN3, RM6 } },
	{ "ldrsh", "ldrsh", 0x5e00u, TL, AM_T_REG, 2, 14, { RT0, RN3, RM6 } },
	{ "str5", "str", 0x6000u, TM, AM_T_IMM5, 4, 14, { RT0, RN3, FLD(F_IMM, 6, 5) } },
	{ "ldr5", "ldr", 0x6800u, TL, AM_T_IMM5, 4, 14, { RT0, RN3, FLD(F_IMM, 6, 5) } },
	{ "strb5", "strb", 0x7000u, TM, AM_T_IMM5, 1, 14, { RT0, RN3, FLD(F_IMM, 6, 5) } },
	{ "ldrb5", "ldrb", 0x7800u, TL, AM_T_IMM5, 1, 14, { RT0, RN3, FLD(F_IMM, 6, 5) } },
	{ "strh5", "strh", 0x8000u, TM, AM_T_IMM5, 2, 14, { RT0, RN3, FLD(F_IMM, 6, 5) } },
	{ "ldrh5", "ldrh", 0x8800u, TL, AM_T_IMM5, 2, 14, { RT0, RN3, FLD(F_IMM, 6, 5) } },
};

/* SP- and PC-relative forms: SP points into the window. */
static void sp_pc(struct out *o)
{
	static const struct { uint32_t bits; const char *name; int kind; } f[] = {
		{ 0x9000u, "str", 0 }, { 0x9800u, "ldr", 0 }, { 0xa800u, "add", 0 },
		{ 0xa000u, "add adr", 1 }, { 0x4800u, "ldr", 2 }, { 0xb000u, "add", 3 }, { 0xb080u, "sub", 3 },
	};
	for (size_t i = 0; i < ARRAY_LEN(f); i++)
		for (int k = 0; k < 12; k++) {
			struct vec v;
			vec_init(&v, 1);
			int rd = (int)rng_below(8);
			uint32_t insn = f[i].bits;
			if (f[i].kind != 3) {
				insn |= (uint32_t)rd << 8;
				vec_set(&v, rd, pick_operand(), f[i].bits == 0x9000u);
			}
			if (f[i].kind == 2) {
				v.lit = 1;
				vec_code(&v, 0, 2, NULL);
				/* base: the word-aligned PC (code + 4) */
				insn |= (vec_lit_offset(&v) - 4) / 4 + rng_below(16);
				v.ncode = 0;
			} else if (f[i].kind == 3) {
				insn |= pick_imm(7);
				vec_win(&v, 13, WIN_BASE + (k % 5 == 4 ? 2 : 0), 1);
			} else {
				insn |= f[i].kind == 1 ? pick_imm(8) : rng_below(2) ? pick_imm(8) : rng_below(256);
				if (f[i].kind == 0)
					vec_win(&v, 13, WIN_BASE - 4 * (insn & 0xff) + (k % 6 == 5 ? 2 : 0), 1);
			}
			vec_code(&v, insn, 2, f[i].name);
			emit_vec(o, &v);
		}
}

void g_thumb_ldst(struct out *o)
{
	run_patterns(o, ldst, ARRAY_LEN(ldst));
	sp_pc(o);
}

/* PUSH/POP (SP in the window), LDMIA/STMIA; POP {pc} interworks. */
void g_thumb_multi(struct out *o)
{
	for (int k = 0; k < 160; k++) {
		struct vec v;
		vec_init(&v, 1);
		int kind = k % 4, rn = (int)rng_below(8);
		uint32_t list = rng32() & 0xffu, extra = rng_below(2);
		if (!list)
			list = 1u << rng_below(8);
		uint32_t insn;
		switch (kind) {
		case 0: insn = 0xb400u | extra << 8 | list; break;           /* push {.., lr} */
		case 1: insn = 0xbc00u | list; break;                        /* pop */
		case 2: insn = 0xc000u | (uint32_t)rn << 8 | list; break;    /* stmia */
		default: insn = 0xc800u | (uint32_t)rn << 8 | list; break;   /* ldmia */
		}
		if (kind >= 2 && rng_below(4))
			list &= ~(1u << rn), insn &= ~(1u << rn);
		if (!(insn & 0xffu))
			insn |= 1u << ((rn + 1) & 7), list = insn & 0xffu;
		for (int r = 0; r < 8; r++)
			if (list >> r & 1)
				vec_set(&v, r, pick_operand(), kind == 0 || kind == 2);
		if (kind == 0 && extra)
			vec_set(&v, 14, pick_operand(), 1);
		uint32_t off = WIN_BASE + (k % 9 == 8 ? 2 : 0);
		if (kind < 2)
			vec_win(&v, 13, off, 1);
		else
			vec_win(&v, rn, off, 1);
		vec_code(&v, insn, 2, kind == 0 ? "push" : kind == 1 ? "pop" : kind == 2 ? "stm" : "ldm");
		emit_vec(o, &v);
	}
	for (int k = 0; k < 24; k++) {
		struct vec v;
		vec_init(&v, 1);
		uint32_t list = rng32() & 0xffu;
		for (int r = 0; r < 8; r++)
			if (list >> r & 1)
				vec_set(&v, r, v.reg[r], 0);
		vec_win(&v, 13, WIN_BASE, 1);
		v.nslot = 1;
		v.slot_thumb[0] = (uint8_t)(k & 1);
		v.poke_off = (int)WIN_BASE + 4 * __builtin_popcount(list);
		v.poke_sym = slot_sym[0];
		v.poke_add = v.slot_thumb[0];
		v.marker = vec_free_reg(&v);
		v.used |= (uint16_t)(1u << v.marker);
		vec_code(&v, 0xbd00u | list, 2, "pop");
		emit_vec(o, &v);
	}
}

/* Branches: B, Bcc, BL and BLX pairs, BX/BLX register, MOV pc, and the
 * BL prefix on its own (it only sets LR in ARMv6). */
enum { TB_B, TB_BCC, TB_BL, TB_BLX, TB_BX, TB_BLXR, TB_MOVPC, TB_KINDS };
static const int tb_count[TB_KINDS] = { 30, 60, 30, 30, 30, 30, 12 };

static void tbranch(struct out *o, int kind)
{
	struct vec v;
	vec_init(&v, 1);
	v.npre = (int)rng_below(3);
	v.nslot = v.npre + 1 + (int)rng_below(3);
	for (int k = 0; k < v.nslot; k++)
		v.slot_thumb[k] = (uint8_t)(kind == TB_BLX ? 0 : (kind == TB_BX || kind == TB_BLXR) ? rng_below(2) : 1);
	int target = (int)rng_below((uint32_t)v.nslot), rm = (int)rng_below(13);
	if (kind >= TB_BX) {
		vec_set(&v, rm, v.slot_thumb[target], 1);
		v.sym[rm] = slot_sym[target];
	}
	v.marker = vec_free_reg(&v);
	v.used |= (uint16_t)(1u << v.marker);
	vec_code(&v, 0, kind == TB_BL || kind == TB_BLX ? 4 : 2, NULL);  /* sized first */
	int32_t off = vec_slot_offset(&v, target) - 4;
	v.ncode = 0;
	uint32_t u = (uint32_t)off;
	switch (kind) {
	case TB_B: vec_code(&v, 0xe000u | (u >> 1 & 0x7ffu), 2, "b"); break;
	case TB_BCC: vec_code(&v, 0xd000u | rng_below(14) << 8 | (u >> 1 & 0xffu), 2, "b"); break;
	case TB_BL: vec_code(&v, (0xf000u | (u >> 12 & 0x7ffu)) << 16 | 0xf800u | (u >> 1 & 0x7ffu), 4, "bl"); break;
	case TB_BLX: vec_code(&v, (0xf000u | (u >> 12 & 0x7ffu)) << 16 | 0xe800u | (u >> 1 & 0x7feu), 4, "blx"); break;
	case TB_BX: vec_code(&v, 0x4700u | (uint32_t)rm << 3, 2, "bx"); break;
	case TB_BLXR: vec_code(&v, 0x4780u | (uint32_t)rm << 3, 2, "blx"); break;
	default:
		v.sym[rm] = slot_sym[target];
		v.reg[rm] = 1;
		v.slot_thumb[target] = 1;
		vec_code(&v, 0x4687u | (uint32_t)rm << 3, 2, "mov");
		break;
	}
	emit_vec(o, &v);
}

void g_thumb_branch(struct out *o)
{
	for (int kind = 0; kind < TB_KINDS; kind++)
		for (int k = 0; k < tb_count[kind]; k++)
			tbranch(o, kind);
	static const uint32_t prefix[] = { 0xf000u, 0xf001u, 0xf7ffu, 0xf400u, 0xf3ffu, 0xf7feu };
	for (size_t i = 0; i < ARRAY_LEN(prefix); i++) {
		struct vec v;
		vec_init(&v, 1);
		vec_set(&v, 14, v.reg[14], 0);
		vec_code(&v, prefix[i], 2, NULL);
		v.note = "bl prefix alone";
		emit_vec(o, &v);
	}
}

/* Every Thumb condition against every NZCV value: a Bcc to a slot. */
void g_thumb_cond(struct out *o)
{
	for (uint32_t c = 0; c < 14; c++)
		for (uint32_t f = 0; f < 16; f++) {
			struct vec v;
			vec_init(&v, 1);
			v.psr = (v.psr & 0x0fffffffu) | f << 28;
			v.nslot = 1;
			v.slot_thumb[0] = 1;
			v.marker = vec_free_reg(&v);
			v.used |= (uint16_t)(1u << v.marker);
			vec_code(&v, 0, 2, NULL);  /* sized first */
			uint32_t off = (uint32_t)(vec_slot_offset(&v, 0) - 4);
			v.ncode = 0;
			vec_code(&v, 0xd000u | c << 8 | (off >> 1 & 0xffu), 2, "b");
			emit_vec(o, &v);
		}
}
