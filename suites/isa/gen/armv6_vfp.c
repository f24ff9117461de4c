/* armv6 VFPv2 data processing, single and double: arithmetic,
 * multiply-accumulate, compares (with FMSTAT after some) and conversions,
 * operands from the edges of each format or random, FPSCR with a random
 * rounding mode, flags and NZCV, DN and FZ now and then (scalar: LEN 0). */
#include "armv6_vfp.h"

#define A(m, bits, k, c) { m, bits, k, k, k, 0, c }
#define U(m, bits, k, c) { m, bits, k, O_NONE, k, 0, c }
#define S 0xee000a00u
#define D 0xee000b00u

static const struct vop arith[] = {
	A("vadd", S | 0x300000, O_S, 90), A("vadd", D | 0x300000, O_D, 90),
	A("vsub", S | 0x300040, O_S, 90), A("vsub", D | 0x300040, O_D, 90),
	A("vmul", S | 0x200000, O_S, 90), A("vmul", D | 0x200000, O_D, 90),
	A("vnmul", S | 0x200040, O_S, 60), A("vnmul", D | 0x200040, O_D, 60),
	A("vdiv", S | 0x800000, O_S, 90), A("vdiv", D | 0x800000, O_D, 90),
	U("vsqrt", S | 0xb100c0, O_S, 70), U("vsqrt", D | 0xb100c0, O_D, 70),
	U("vabs", S | 0xb000c0, O_S, 40), U("vabs", D | 0xb000c0, O_D, 40),
	U("vneg", S | 0xb10040, O_S, 40), U("vneg", D | 0xb10040, O_D, 40),
	U("vmov", S | 0xb00040, O_S, 30), U("vmov", D | 0xb00040, O_D, 30),
};

#define M(m, bits, k) { m, bits, k, k, k, V_DREAD, 90 }

static const struct vop mac[] = {
	M("vmla", S | 0x000000, O_S), M("vmla", D | 0x000000, O_D),
	M("vmls", S | 0x000040, O_S), M("vmls", D | 0x000040, O_D),
	M("vnmla", S | 0x100040, O_S), M("vnmla", D | 0x100040, O_D),
	M("vnmls", S | 0x100000, O_S), M("vnmls", D | 0x100000, O_D),
};

/* Compares write only FPSCR.NZCV (and IOC): Vd is a source. */
#define C(m, bits, k, f, c) { m, bits, k, O_NONE, k, (f) | V_DREAD, c }

static const struct vop cmp[] = {
	C("vcmp", S | 0xb40040, O_S, 0, 80), C("vcmp", D | 0xb40040, O_D, 0, 80),
	C("vcmpe", S | 0xb400c0, O_S, 0, 80), C("vcmpe", D | 0xb400c0, O_D, 0, 80),
	C("vcmp", S | 0xb40040, O_S, V_FMSTAT, 25), C("vcmpe", D | 0xb400c0, O_D, V_FMSTAT, 25),
};

/* With zero: Vd only. */
#define Z(m, bits, k, f, c) { m, bits, k, O_NONE, O_NONE, (f) | V_DREAD, c }
static const struct vop cmpz[] = {
	Z("vcmp", S | 0xb50040, O_S, 0, 50), Z("vcmp", D | 0xb50040, O_D, 0, 50),
	Z("vcmpe", S | 0xb500c0, O_S, 0, 50), Z("vcmpe", D | 0xb500c0, O_D, 0, 50),
	Z("vcmpe", S | 0xb500c0, O_S, V_FMSTAT, 20),
};

/* Conversions: bit 7 is "round towards zero" for float to integer (clear:
 * VCVTR, by FPSCR) and "signed" for integer to float. */
#define K(m, bits, dk, mk) { m, bits, dk, O_NONE, mk, 0, 70 }

static const struct vop cvt[] = {
	K("vcvt", S | 0xb700c0, O_D, O_S), K("vcvt", D | 0xb700c0, O_S, O_D),
	K("vcvt", S | 0xb80040, O_S, O_I), K("vcvt", S | 0xb800c0, O_S, O_I),
	K("vcvt", D | 0xb80040, O_D, O_I), K("vcvt", D | 0xb800c0, O_D, O_I),
	K("vcvt", S | 0xbc00c0, O_S, O_S), K("vcvtr", S | 0xbc0040, O_S, O_S),
	K("vcvt", S | 0xbd00c0, O_S, O_S), K("vcvtr", S | 0xbd0040, O_S, O_S),
	K("vcvt", D | 0xbc00c0, O_S, O_D), K("vcvtr", D | 0xbc0040, O_S, O_D),
	K("vcvt", D | 0xbd00c0, O_S, O_D), K("vcvtr", D | 0xbd0040, O_S, O_D),
};

void g_vfp_arith(struct out *o) { vfp_ops(o, arith, ARRAY_LEN(arith)); }
void g_vfp_mac(struct out *o) { vfp_ops(o, mac, ARRAY_LEN(mac)); }
void g_vfp_cvt(struct out *o) { vfp_ops(o, cvt, ARRAY_LEN(cvt)); }

void g_vfp_cmp(struct out *o)
{
	vfp_ops(o, cmp, ARRAY_LEN(cmp));
	vfp_ops(o, cmpz, ARRAY_LEN(cmpz));
}
