/* mips64 paired-single (fmt PS: two singles in one 64-bit FPR) and the
 * MIPS-3D ASE, which the reference CPU model runs and its FIR advertises.
 * Capstone 4.0.2 decodes few of them: the others print from the pattern
 * ("-"). */
#include "mips64.h"

#define COP1(fmt, fn) (0x44000000u | (uint32_t)(fmt) << 21 | (fn))
#define FT(k) FLD(k, 16, 5)
#define FS(k) FLD(k, 11, 5)
#define FD(k) FLD(k, 6, 5)
#define FR(k) FLD(k, 21, 5)
#define RT(k) FLD(k, 16, 5)
#define X1(fn) (0x4c000000u | (fn))
#define S 0x10
#define D 0x11
#define W 0x14
#define PS 0x16
#define AR (MP_FPU | MP_FEN | P_ALIAS)
#define MV (MP_FPU | MP_FCC)

#define A3(name, fmt, fn, vf, n) { name, name " -", COP1(fmt, fn), AR, vf, 0, n, { FD(K_FD), FS(K_FS), FT(K_FS) } }
#define A2(name, fmt, fn, vf, n) { name, name " -", COP1(fmt, fn), AR, vf, 0, n, { FD(K_FD), FS(K_FS) } }
#define M4(name, fn) { name, name " -", X1(fn), AR, FM_PS, 0, 50, { FD(K_FD), FR(K_FR), FS(K_FS), FT(K_FS) } }

static const struct pattern ps[] = {
	A3("add.ps", PS, 0x00, FM_PS, 50), A3("sub.ps", PS, 0x01, FM_PS, 50), A3("mul.ps", PS, 0x02, FM_PS, 50),
	A2("abs.ps", PS, 0x05, FM_PS, 25), A2("mov.ps", PS, 0x06, FM_PS, 15), A2("neg.ps", PS, 0x07, FM_PS, 25),
	A2("cvt.s.pu", PS, 0x20, FM_PS, 30), A2("cvt.s.pl", PS, 0x28, FM_PS, 30),
	A3("cvt.ps.s", S, 0x26, FM_S, 30),
	A3("pll.ps", PS, 0x2c, FM_PS, 15), A3("plu.ps", PS, 0x2d, FM_PS, 15),
	A3("pul.ps", PS, 0x2e, FM_PS, 15), A3("puu.ps", PS, 0x2f, FM_PS, 15),
	{ "movf.ps", "movf.ps -", COP1(PS, 0x11), MV, FM_PS, 0, 20, { FD(K_FDS), FS(K_FS), FLD(K_CC, 18, 3) } },
	{ "movt.ps", "movt.ps -", COP1(PS, 0x10011), MV, FM_PS, 0, 20, { FD(K_FDS), FS(K_FS), FLD(K_CC, 18, 3) } },
	{ "movz.ps", "movz.ps -", COP1(PS, 0x12), MP_FPU, FM_PS, 0, 20, { FD(K_FDS), FS(K_FS), RT(K_GZ) } },
	{ "movn.ps", "movn.ps -", COP1(PS, 0x13), MP_FPU, FM_PS, 0, 20, { FD(K_FDS), FS(K_FS), RT(K_GZ) } },
	M4("madd.ps", 0x26), M4("msub.ps", 0x2e), M4("nmadd.ps", 0x36), M4("nmsub.ps", 0x3e),
	{ "alnv.ps", "alnv.ps -", X1(0x1e), MP_FPU, FM_PS, 0, 40,
	  { FD(K_FD), FS(K_FS), FT(K_FS), FLD(K_G64, 21, 5) } },
};

static const struct pattern m3d[] = {
	A3("addr.ps", PS, 0x18, FM_PS, 40), A3("mulr.ps", PS, 0x1a, FM_PS, 40),
	A2("recip1.s", S, 0x1d, FM_S, 25), A2("recip1.d", D, 0x1d, FM_D, 25), A2("recip1.ps", PS, 0x1d, FM_PS, 25),
	A3("recip2.s", S, 0x1c, FM_S, 25), A3("recip2.d", D, 0x1c, FM_D, 25), A3("recip2.ps", PS, 0x1c, FM_PS, 25),
	A2("rsqrt1.s", S, 0x1e, FM_S, 25), A2("rsqrt1.d", D, 0x1e, FM_D, 25), A2("rsqrt1.ps", PS, 0x1e, FM_PS, 25),
	A3("rsqrt2.s", S, 0x1f, FM_S, 25), A3("rsqrt2.d", D, 0x1f, FM_D, 25), A3("rsqrt2.ps", PS, 0x1f, FM_PS, 25),
	A2("cvt.pw.ps", PS, 0x24, FM_PS, 30), A2("cvt.ps.pw", W, 0x26, FM_PS, 30),
};

static const char *const conds[16] = {
	"f", "un", "eq", "ueq", "olt", "ult", "ole", "ule",
	"sf", "ngle", "seq", "ngl", "lt", "nge", "le", "ngt",
};

/* C.cond.PS (bit 6 clear) and MIPS-3D CABS.cond.fmt (bit 6 set: compares
 * absolute values) for every condition; cc random (odd ones too). */
static void compares(struct out *o, int abs)
{
	static const struct { int fmt, vf; const char *s; } fmts[] = {
		{ PS, FM_PS, "ps" }, { S, FM_S, "s" }, { D, FM_D, "d" },
	};
	for (size_t f = 0; f < (abs ? ARRAY_LEN(fmts) : 1); f++)
		for (int c = 0; c < 16; c++) {
			char name[24], mnem[32];
			snprintf(name, sizeof name, "%s.%s.%s", abs ? "cabs" : "c", conds[c], fmts[f].s);
			snprintf(mnem, sizeof mnem, "%s -", name);
			struct pattern p = { name, mnem, COP1(fmts[f].fmt, 0x30u | (uint32_t)c | (abs ? 0x40u : 0)),
					     AR | MP_FCC, (uint8_t)fmts[f].vf, 0, 12,
					     { FLD(K_CC, 8, 3), FS(K_FS), FT(K_FS) } };
			mips_patterns(o, &p, 1);
		}
}

void g_fp_ps(struct out *o)
{
	mips_patterns(o, ps, ARRAY_LEN(ps));
	compares(o, 0);
}

void g_fp_3d(struct out *o)
{
	mips_patterns(o, m3d, ARRAY_LEN(m3d));
	compares(o, 1);
}
