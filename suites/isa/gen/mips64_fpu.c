/* mips64 FPU groups (FR=1, as n64 runs it): arithmetic, conversions with
 * every rounding variant, compares, moves, fused multiply-add, FCSR
 * (rounding modes, flags, causes, enables: SIGFPE) and FPU loads/stores.
 * FCSR is an input of every vector (random rounding mode and flags). */
#include "mips64.h"

#define COP1(fmt, fn) (0x44000000u | (uint32_t)(fmt) << 21 | (fn))
#define FT(k) FLD(k, 16, 5)
#define FS(k) FLD(k, 11, 5)
#define FD(k) FLD(k, 6, 5)
#define RT(k) FLD(k, 16, 5)
#define S 0x10
#define D 0x11
#define W 0x14
#define L 0x15
#define AR (MP_FPU | MP_FEN | P_ALIAS)

/* RECIP and RSQRT: Capstone 4.0.2 has no decoder for them ("-"). */
static const struct pattern arith[] = {
	{ "add.s", "add.s", COP1(S, 0x00), AR, FM_S, 0, 50, { FD(K_FD), FS(K_FS), FT(K_FS) } },
	{ "add.d", "add.d", COP1(D, 0x00), AR, FM_D, 0, 50, { FD(K_FD), FS(K_FS), FT(K_FS) } },
	{ "sub.s", "sub.s", COP1(S, 0x01), AR, FM_S, 0, 50, { FD(K_FD), FS(K_FS), FT(K_FS) } },
	{ "sub.d", "sub.d", COP1(D, 0x01), AR, FM_D, 0, 50, { FD(K_FD), FS(K_FS), FT(K_FS) } },
	{ "mul.s", "mul.s", COP1(S, 0x02), AR, FM_S, 0, 50, { FD(K_FD), FS(K_FS), FT(K_FS) } },
	{ "mul.d", "mul.d", COP1(D, 0x02), AR, FM_D, 0, 50, { FD(K_FD), FS(K_FS), FT(K_FS) } },
	{ "div.s", "div.s", COP1(S, 0x03), AR, FM_S, 0, 50, { FD(K_FD), FS(K_FS), FT(K_FS) } },
	{ "div.d", "div.d", COP1(D, 0x03), AR, FM_D, 0, 50, { FD(K_FD), FS(K_FS), FT(K_FS) } },
	{ "sqrt.s", "sqrt.s", COP1(S, 0x04), AR, FM_S, 0, 40, { FD(K_FD), FS(K_FS) } },
	{ "sqrt.d", "sqrt.d", COP1(D, 0x04), AR, FM_D, 0, 40, { FD(K_FD), FS(K_FS) } },
	{ "abs.s", "abs.s", COP1(S, 0x05), AR, FM_S, 0, 25, { FD(K_FD), FS(K_FS) } },
	{ "abs.d", "abs.d", COP1(D, 0x05), AR, FM_D, 0, 25, { FD(K_FD), FS(K_FS) } },
	{ "neg.s", "neg.s", COP1(S, 0x07), AR, FM_S, 0, 25, { FD(K_FD), FS(K_FS) } },
	{ "neg.d", "neg.d", COP1(D, 0x07), AR, FM_D, 0, 25, { FD(K_FD), FS(K_FS) } },
	{ "recip.s", "recip.s -", COP1(S, 0x15), AR, FM_S, 0, 30, { FD(K_FD), FS(K_FS) } },
	{ "recip.d", "recip.d -", COP1(D, 0x15), AR, FM_D, 0, 30, { FD(K_FD), FS(K_FS) } },
	{ "rsqrt.s", "rsqrt.s -", COP1(S, 0x16), AR, FM_S, 0, 30, { FD(K_FD), FS(K_FS) } },
	{ "rsqrt.d", "rsqrt.d -", COP1(D, 0x16), AR, FM_D, 0, 30, { FD(K_FD), FS(K_FS) } },
};

#define CV(name, fmt, fn, vfmt) \
	{ name, name, COP1(fmt, fn), MP_FPU | MP_FEN, vfmt, 0, 30, { FD(K_FD), FS(K_FS) } }

static const struct pattern cvt[] = {
	CV("cvt.s.d", D, 0x20, FM_D), CV("cvt.s.w", W, 0x20, FM_W), CV("cvt.s.l", L, 0x20, FM_L),
	CV("cvt.d.s", S, 0x21, FM_S), CV("cvt.d.w", W, 0x21, FM_W), CV("cvt.d.l", L, 0x21, FM_L),
	CV("cvt.w.s", S, 0x24, FM_S), CV("cvt.w.d", D, 0x24, FM_D),
	CV("cvt.l.s", S, 0x25, FM_S), CV("cvt.l.d", D, 0x25, FM_D),
	CV("round.l.s", S, 0x08, FM_S), CV("round.l.d", D, 0x08, FM_D),
	CV("trunc.l.s", S, 0x09, FM_S), CV("trunc.l.d", D, 0x09, FM_D),
	CV("ceil.l.s", S, 0x0a, FM_S), CV("ceil.l.d", D, 0x0a, FM_D),
	CV("floor.l.s", S, 0x0b, FM_S), CV("floor.l.d", D, 0x0b, FM_D),
	CV("round.w.s", S, 0x0c, FM_S), CV("round.w.d", D, 0x0c, FM_D),
	CV("trunc.w.s", S, 0x0d, FM_S), CV("trunc.w.d", D, 0x0d, FM_D),
	CV("ceil.w.s", S, 0x0e, FM_S), CV("ceil.w.d", D, 0x0e, FM_D),
	CV("floor.w.s", S, 0x0f, FM_S), CV("floor.w.d", D, 0x0f, FM_D),
};

/* C.cond.fmt: Capstone 4.0.2 decodes only condition code 0 ("-"). */
static const char *const conds[16] = {
	"f", "un", "eq", "ueq", "olt", "ult", "ole", "ule",
	"sf", "ngle", "seq", "ngl", "lt", "nge", "le", "ngt",
};

void g_fp_cmp(struct out *o)
{
	for (int fmt = S; fmt <= D; fmt++)
		for (int c = 0; c < 16; c++) {
			char name[16], mnem[24];
			snprintf(name, sizeof name, "c.%s.%s", conds[c], fmt == S ? "s" : "d");
			snprintf(mnem, sizeof mnem, "%s -", name);
			struct pattern p = { name, mnem, COP1(fmt, 0x30u | (uint32_t)c), AR | MP_FCC,
					     fmt == S ? FM_S : FM_D, 0, 24,
					     { FLD(K_CC, 8, 3), FS(K_FS), FT(K_FS) } };
			mips_patterns(o, &p, 1);
		}
}

#define MV (MP_FPU | MP_FCC)

static const struct pattern mov[] = {
	{ "mov.s", "mov.s", COP1(S, 0x06), MP_FPU, FM_S, 0, 15, { FD(K_FD), FS(K_FS) } },
	{ "mov.d", "mov.d", COP1(D, 0x06), MP_FPU, FM_D, 0, 15, { FD(K_FD), FS(K_FS) } },
	{ "movf", "movf", 0x00000001u, MV, 0, 0, 30, { FLD(K_GDS, 11, 5), FLD(K_G64, 21, 5), FLD(K_CC, 18, 3) } },
	{ "movt", "movt", 0x00010001u, MV, 0, 0, 30, { FLD(K_GDS, 11, 5), FLD(K_G64, 21, 5), FLD(K_CC, 18, 3) } },
	{ "movf.s", "movf.s", COP1(S, 0x11), MV, FM_S, 0, 20, { FD(K_FDS), FS(K_FS), FLD(K_CC, 18, 3) } },
	{ "movf.d", "movf.d", COP1(D, 0x11), MV, FM_D, 0, 20, { FD(K_FDS), FS(K_FS), FLD(K_CC, 18, 3) } },
	{ "movt.s", "movt.s", COP1(S, 0x10011), MV, FM_S, 0, 20, { FD(K_FDS), FS(K_FS), FLD(K_CC, 18, 3) } },
	{ "movt.d", "movt.d", COP1(D, 0x10011), MV, FM_D, 0, 20, { FD(K_FDS), FS(K_FS), FLD(K_CC, 18, 3) } },
	{ "movn.s", "movn.s", COP1(S, 0x13), MP_FPU, FM_S, 0, 20, { FD(K_FDS), FS(K_FS), RT(K_GZ) } },
	{ "movn.d", "movn.d", COP1(D, 0x13), MP_FPU, FM_D, 0, 20, { FD(K_FDS), FS(K_FS), RT(K_GZ) } },
	{ "movz.s", "movz.s", COP1(S, 0x12), MP_FPU, FM_S, 0, 20, { FD(K_FDS), FS(K_FS), RT(K_GZ) } },
	{ "movz.d", "movz.d", COP1(D, 0x12), MP_FPU, FM_D, 0, 20, { FD(K_FDS), FS(K_FS), RT(K_GZ) } },
	{ "mfc1", "mfc1", 0x44000000u, MP_FPU, FM_D, 0, 25, { RT(K_GD), FS(K_FS) } },
	{ "dmfc1", "dmfc1", 0x44200000u, MP_FPU, FM_D, 0, 25, { RT(K_GD), FS(K_FS) } },
	{ "mfhc1", "mfhc1", 0x44600000u, MP_FPU, FM_D, 0, 25, { RT(K_GD), FS(K_FS) } },
	{ "mtc1", "mtc1", 0x44800000u, MP_FPU, FM_D, 0, 25, { RT(K_G64), FS(K_FDS) } },
	{ "dmtc1", "dmtc1", 0x44a00000u, MP_FPU, FM_D, 0, 25, { RT(K_G64), FS(K_FD) } },
	{ "mthc1", "mthc1", 0x44e00000u, MP_FPU, FM_D, 0, 25, { RT(K_G64), FS(K_FDS) } },
};

#define FR(k) FLD(k, 21, 5)
#define X1(fn) (0x4c000000u | (fn))

static const struct pattern madd[] = {
	{ "madd.s", "madd.s", X1(0x20), AR, FM_S, 0, 50, { FD(K_FD), FR(K_FR), FS(K_FS), FT(K_FS) } },
	{ "madd.d", "madd.d", X1(0x21), AR, FM_D, 0, 50, { FD(K_FD), FR(K_FR), FS(K_FS), FT(K_FS) } },
	{ "msub.s", "msub.s", X1(0x28), AR, FM_S, 0, 50, { FD(K_FD), FR(K_FR), FS(K_FS), FT(K_FS) } },
	{ "msub.d", "msub.d", X1(0x29), AR, FM_D, 0, 50, { FD(K_FD), FR(K_FR), FS(K_FS), FT(K_FS) } },
	{ "nmadd.s", "nmadd.s", X1(0x30), AR, FM_S, 0, 50, { FD(K_FD), FR(K_FR), FS(K_FS), FT(K_FS) } },
	{ "nmadd.d", "nmadd.d", X1(0x31), AR, FM_D, 0, 50, { FD(K_FD), FR(K_FR), FS(K_FS), FT(K_FS) } },
	{ "nmsub.s", "nmsub.s", X1(0x38), AR, FM_S, 0, 50, { FD(K_FD), FR(K_FR), FS(K_FS), FT(K_FS) } },
	{ "nmsub.d", "nmsub.d", X1(0x39), AR, FM_D, 0, 50, { FD(K_FD), FR(K_FR), FS(K_FS), FT(K_FS) } },
};

#define OP(o) ((uint32_t)(o) << 26)
#define BASE FLD(K_BASE, 21, 5)
#define OFF FLD(K_OFF, 0, 16)
#define IDX FLD(K_IDX, 16, 5)
#define FM (MP_FPU | P_MEM)

static const struct pattern mem[] = {
	{ "lwc1", "lwc1", OP(0x31), FM, FM_S, 4, 40, { FT(K_FDS), BASE, OFF } },
	{ "ldc1", "ldc1", OP(0x35), FM, FM_D, 8, 40, { FT(K_FD), BASE, OFF } },
	{ "swc1", "swc1", OP(0x39), FM, FM_S, 4, 40, { FT(K_FS), BASE, OFF } },
	{ "sdc1", "sdc1", OP(0x3d), FM, FM_D, 8, 40, { FT(K_FS), BASE, OFF } },
	{ "lwc1", "lwc1", OP(0x31), FM | P_UNAL, FM_S, 4, 10, { FT(K_FDS), BASE, OFF } },
	{ "ldc1", "ldc1", OP(0x35), FM | P_UNAL, FM_D, 8, 10, { FT(K_FD), BASE, OFF } },
	{ "swc1", "swc1", OP(0x39), FM | P_UNAL, FM_S, 4, 10, { FT(K_FS), BASE, OFF } },
	{ "sdc1", "sdc1", OP(0x3d), FM | P_UNAL, FM_D, 8, 10, { FT(K_FS), BASE, OFF } },
	{ "lwxc1", "lwxc1", X1(0x00), FM, FM_S, 4, 40, { FD(K_FDS), BASE, IDX } },
	{ "ldxc1", "ldxc1", X1(0x01), FM, FM_D, 8, 40, { FD(K_FD), BASE, IDX } },
	{ "luxc1", "luxc1", X1(0x05), FM | P_UNAL, FM_D, 1, 30, { FD(K_FD), BASE, IDX } },
	{ "swxc1", "swxc1", X1(0x08), FM, FM_S, 4, 40, { FS(K_FS), BASE, IDX } },
	{ "sdxc1", "sdxc1", X1(0x09), FM, FM_D, 8, 40, { FS(K_FS), BASE, IDX } },
	{ "suxc1", "suxc1", X1(0x0d), FM | P_UNAL, FM_D, 1, 30, { FS(K_FS), BASE, IDX } },
	{ "prefx", "prefx -", X1(0x0f), P_MEM, 0, 1, 10, { FLD(K_IMM, 11, 5), BASE, IDX } },
};

/* CTC1/CFC1 on FCSR and its views (FCCR 25, FEXR 26, FENR 28); writing a
 * cause bit whose enable is set traps at once. */
void g_fp_csr(struct out *o)
{
	static const uint32_t views[] = { 31, 31, 31, 25, 26, 28 };
	for (int n = 0; n < 120; n++) {
		struct mvec v;
		mv_init(&v);
		v.fcsr = pick_fcsr(MP_FEN | MP_FCC);
		v.flags |= MP_FPU;
		int rt = mv_reg(&v);
		uint32_t cs = views[rng_below(ARRAY_LEN(views))];
		uint64_t val = rng32();
		if (rng_below(2))
			val &= rng_below(2) ? 0x0183fffcu : 0xfe800ffcu;
		mv_set(&v, rt, (uint64_t)(int64_t)(int32_t)val, 1);
		mv_code(&v, 0x44c00000u | (uint32_t)rt << 16 | cs << 11, "ctc1");
		mips_emit(o, &v);
	}
	static const uint32_t reads[] = { 0, 25, 26, 28, 31 };
	for (size_t i = 0; i < ARRAY_LEN(reads); i++)
		for (int n = 0; n < 16; n++) {
			struct mvec v;
			mv_init(&v);
			v.fcsr = pick_fcsr(MP_FEN | MP_FCC);
			v.flags |= MP_FPU;
			mv_code(&v, 0x44400000u | (uint32_t)mv_reg(&v) << 16 | reads[i] << 11, "cfc1");
			mips_emit(o, &v);
		}
	/* Each rounding mode and each enable in turn, on operations that
	 * raise the matching exception. */
	static const struct { uint32_t insn; uint64_t a, b; } ops[] = {
		{ COP1(D, 0x00), 0x3ff0000000000000ull, 0x3ca0000000000001ull },  /* inexact */
		{ COP1(D, 0x02), 0x7fefffffffffffffull, 0x4000000000000000ull },  /* overflow */
		{ COP1(D, 0x02), 0x0010000000000000ull, 0x3fe0000000000001ull },  /* underflow */
		{ COP1(D, 0x03), 0x3ff0000000000000ull, 0 },                      /* divide by zero */
		{ COP1(D, 0x01), 0x7ff0000000000000ull, 0x7ff0000000000000ull },  /* invalid */
		{ COP1(S, 0x00), 0x3f800001u, 0xbf800000u },                       /* exact */
	};
	for (size_t i = 0; i < ARRAY_LEN(ops); i++)
		for (uint32_t rm = 0; rm < 4; rm++)
			for (uint32_t en = 0; en < 6; en++) {
				struct mvec v;
				mv_init(&v);
				v.fcsr = rm | (en ? 0x40u << en : 0);
				v.flags |= MP_FPU;
				v.fpr[2] = ops[i].a;
				v.fpr[4] = ops[i].b;
				v.fshow = 0x14;
				mv_code(&v, ops[i].insn | 4u << 16 | 2u << 11 | 6u << 6, NULL);
				mips_emit(o, &v);
			}
}

void g_fp_arith(struct out *o) { mips_patterns(o, arith, ARRAY_LEN(arith)); }
void g_fp_cvt(struct out *o) { mips_patterns(o, cvt, ARRAY_LEN(cvt)); }
void g_fp_mov(struct out *o) { mips_patterns(o, mov, ARRAY_LEN(mov)); }
void g_fp_madd(struct out *o) { mips_patterns(o, madd, ARRAY_LEN(madd)); }
void g_fp_mem(struct out *o) { mips_patterns(o, mem, ARRAY_LEN(mem)); }
