/* armv6 VFPv2 modes: each rounding mode with and without DN and FZ on
 * operations built to round, overflow, underflow, take denormal inputs or
 * make NaNs; NaN propagation (which of quiet and signalling operands of
 * every position wins); and the short vectors (FPSCR LEN/STRIDE: a
 * destination outside bank 0 repeats the operation over its bank, a
 * second source in bank 0 stays scalar). */
#include "armv6_vfp.h"

#define S 0xee000a00u
#define D 0xee000b00u
#define F(x) 0x##x##u
#define G(x) 0x##x##ull

/* Operations on s1 = s2 op s3 (d1 = d2 op d3; Vd also read by VMLA and
 * compares): kinds and values. */
#define SS(m, b) { m, S | (b), O_S, O_S, O_S, 0, 0 }
#define DD(m, b) { m, D | (b), O_D, O_D, O_D, 0, 0 }
#define SM(m, b) { m, S | (b), O_S, O_S, O_S, V_DREAD, 0 }
#define DM(m, b) { m, D | (b), O_D, O_D, O_D, V_DREAD, 0 }
#define UN(m, b, dk, mk) { m, b, dk, O_NONE, mk, 0, 0 }

static const struct {
	struct vop op;
	uint64_t d, a, b;
} cases[] = {
	{ SS("vadd", 0x300000), 0, F(3f800000), F(33800001) },      /* 1 + just over half an ulp */
	{ SS("vsub", 0x300040), 0, F(3f800000), F(33000001) },      /* 1 - a quarter ulp */
	{ SS("vadd", 0x300000), 0, F(bf800000), F(b3800000) },      /* -1 - half an ulp: tie */
	{ DD("vadd", 0x300000), 0, G(3ff0000000000000), G(3ca0000000000000) },
	{ DD("vsub", 0x300040), 0, G(3ff0000000000001), G(3ff0000000000000) },
	{ SS("vmul", 0x200000), 0, F(7f000000), F(40000000) },      /* overflow */
	{ DD("vmul", 0x200000), 0, G(7fe0000000000000), G(c000000000000000) },
	{ SS("vmul", 0x200000), 0, F(00800000), F(3f000001) },      /* tiny, inexact */
	{ DD("vmul", 0x200000), 0, G(0010000000000000), G(3fe0000000000000) }, /* tiny, exact */
	{ SS("vadd", 0x300000), 0, F(00000003), F(00400000) },      /* denormal inputs */
	{ DD("vsub", 0x300040), 0, G(0008000000000000), G(800fffffffffffff) },
	{ SS("vdiv", 0x800000), 0, F(3f800000), F(40400000) },      /* 1/3 */
	{ DD("vdiv", 0x800000), 0, G(bff0000000000000), G(0) },     /* divide by zero */
	{ SS("vdiv", 0x800000), 0, F(0), F(80000000) },             /* 0/0 */
	{ DD("vmul", 0x200000), 0, G(7ff0000000000000), G(0) },     /* inf * 0 */
	{ UN("vsqrt", S | 0xb100c0, O_S, O_S), 0, 0, F(bf800000) }, /* sqrt(-1) */
	{ UN("vsqrt", D | 0xb100c0, O_D, O_D), 0, 0, G(4000000000000000) },
	{ SM("vmla", 0x000000), F(3f800000), F(3f800001), F(3f7fffff) },
	{ DM("vnmla", 0x100040), G(0010000000000000), G(0008000000000000), G(3ff8000000000000) },
	{ UN("vcvt", S | 0xb700c0, O_D, O_S), 0, 0, F(00000001) },  /* f64.f32 of a denormal */
	{ UN("vcvt", D | 0xb700c0, O_S, O_D), 0, 0, G(3810000000000001) }, /* f32.f64: tiny */
	{ UN("vcvt", D | 0xb700c0, O_S, O_D), 0, 0, G(47efffffefffffff) }, /* near overflow */
	{ UN("vcvtr", S | 0xbd0040, O_S, O_S), 0, 0, F(3fc00000) }, /* 1.5 by FPSCR */
	{ UN("vcvtr", D | 0xbd0040, O_S, O_D), 0, 0, G(c004000000000000) }, /* -2.5 */
	{ UN("vcvtr", S | 0xbc0040, O_S, O_S), 0, 0, F(bf000000) }, /* -0.5 to unsigned */
	{ UN("vcvt", S | 0xb800c0, O_S, O_I), 0, 0, F(7fffffff) },  /* f32.s32: rounds */
	{ { "vcmpe", D | 0xb500c0, O_D, O_NONE, O_NONE, V_DREAD, 0 }, G(0008000000000000), 0, 0 },
	/* just below the smallest normal, rounding up to it: tiny before
	 * rounding (ARM's rule), not after (x86's) */
	{ SS("vmul", 0x200000), 0, F(3f7ffffe), F(00800001) },
	{ DD("vmul", 0x200000), 0, G(3feffffffffffffe), G(0010000000000001) },
	{ UN("vcvt", D | 0xb700c0, O_S, O_D), 0, 0, G(380fffffffffffff) },
};

/* Each case in the four rounding modes, with neither, DN, FZ, both. */
void g_vfp_fpscr(struct out *o)
{
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		for (uint32_t mode = 0; mode < 16; mode++) {
			const struct vop *op = &cases[i].op;
			struct vec v;
			vfp_vec_init(&v, 0);
			v.fpscr = (v.fpscr & ~(3u << 22)) | (mode & 3) << 22 | (mode & 4 ? FPSCR_DN : 0) |
				  (mode & 8 ? FPSCR_FZ : 0);
			uint32_t insn = op->bits | vfp_field(1, op->d, 0);
			if (op->flags & V_DREAD)
				vfp_put(&v, op->d, 1, cases[i].d, 1);
			if (op->n) {
				insn |= vfp_field(2, op->n, 1);
				vfp_put(&v, op->n, 2, cases[i].a, 1);
			}
			if (op->m) {
				insn |= vfp_field(3, op->m, 2);
				vfp_put(&v, op->m, 3, cases[i].b, 1);
			}
			v.dview = op->d == O_D;
			vec_code(&v, insn, 4, op->mnem);
			emit_vec(o, &v);
		}
}

/* NaN propagation: each operand a number, a quiet or a signalling NaN
 * (distinct payloads, either sign), DN clear and set. */
static const struct vop nan_ops[] = {
	{ "vadd", S | 0x300000, O_S, O_S, O_S, 0, 0 }, { "vadd", D | 0x300000, O_D, O_D, O_D, 0, 0 },
	{ "vsub", S | 0x300040, O_S, O_S, O_S, 0, 0 }, { "vmul", D | 0x200000, O_D, O_D, O_D, 0, 0 },
	{ "vnmul", S | 0x200040, O_S, O_S, O_S, 0, 0 }, { "vdiv", D | 0x800000, O_D, O_D, O_D, 0, 0 },
	{ "vdiv", S | 0x800000, O_S, O_S, O_S, 0, 0 },
	{ "vmla", S | 0x000000, O_S, O_S, O_S, V_DREAD, 0 }, { "vmla", D | 0x000000, O_D, O_D, O_D, V_DREAD, 0 },
	{ "vmls", S | 0x000040, O_S, O_S, O_S, V_DREAD, 0 }, { "vnmla", D | 0x100040, O_D, O_D, O_D, V_DREAD, 0 },
	{ "vnmls", S | 0x100000, O_S, O_S, O_S, V_DREAD, 0 },
	{ "vsqrt", S | 0xb100c0, O_S, 0, O_S, 0, 0 }, { "vsqrt", D | 0xb100c0, O_D, 0, O_D, 0, 0 },
	{ "vabs", S | 0xb000c0, O_S, 0, O_S, 0, 0 }, { "vneg", D | 0xb10040, O_D, 0, O_D, 0, 0 },
	{ "vmov", S | 0xb00040, O_S, 0, O_S, 0, 0 },
	{ "vcvt", S | 0xb700c0, O_D, 0, O_S, 0, 0 }, { "vcvt", D | 0xb700c0, O_S, 0, O_D, 0, 0 },
	{ "vcmp", S | 0xb40040, O_S, 0, O_S, V_DREAD, 0 }, { "vcmpe", D | 0xb400c0, O_D, 0, O_D, V_DREAD, 0 },
	{ "vcvt", S | 0xbd00c0, O_S, 0, O_S, 0, 0 }, { "vcvtr", D | 0xbc0040, O_S, 0, O_D, 0, 0 },
};

static uint64_t nan_value(int kind, int cls, int pos)
{
	uint64_t sign = rng_below(2) ? (kind == O_D ? 1ull << 63 : 0x80000000u) : 0;
	uint64_t payload = (uint64_t)(pos + 1) << 4 | rng_below(16);
	if (cls == 0)
		return kind == O_D ? pick_f64() : pick_f32();
	if (kind == O_D)
		return sign | 0x7ff0000000000000ull | (cls == 1 ? 1ull << 51 : 0) | payload << 28 | payload;
	return sign | 0x7f800000u | (cls == 1 ? 1u << 22 : 0) | (uint32_t)payload << 8 | (uint32_t)payload;
}

void g_vfp_nan(struct out *o)
{
	for (size_t i = 0; i < ARRAY_LEN(nan_ops); i++) {
		const struct vop *op = &nan_ops[i];
		int nsrc = 1 + (op->n != 0) + ((op->flags & V_DREAD) != 0);
		int combos = nsrc == 3 ? 27 : nsrc == 2 ? 9 : 3;
		for (int dn = 0; dn < 2; dn++)
			for (int c = 0; c < combos; c++) {
				struct vec v;
				vfp_vec_init(&v, 0);
				v.fpscr = (v.fpscr & ~(FPSCR_DN | FPSCR_FZ)) | (dn ? FPSCR_DN : 0);
				int d = 4, n = 8, m = 12;  /* distinct S and D registers */
				int cls[3] = { c % 3, c / 3 % 3, c / 9 };
				int k = 0;
				uint32_t insn = op->bits | vfp_field(d, op->d, 0) | vfp_field(m, op->m, 2);
				vfp_put(&v, op->m, m, nan_value(op->m, cls[k], k), 1);
				k++;
				if (op->n) {
					insn |= vfp_field(n, op->n, 1);
					vfp_put(&v, op->n, n, nan_value(op->n, cls[k], k), 1);
					k++;
				}
				if (op->flags & V_DREAD)
					vfp_put(&v, op->d, d, nan_value(op->d, cls[k], k), 1);
				v.dview = op->d == O_D;
				vec_code(&v, insn, 4, op->mnem);
				emit_vec(o, &v);
			}
	}
}

/* The registers of one operand of a short vector operation, in order. */
static int step(int r, int dbl, int stride)
{
	int bank = dbl ? 3 : 7;
	return (r & ~bank) | ((r + stride) & bank);
}

static const struct vop vec_ops[] = {
	{ "vadd", S | 0x300000, O_S, O_S, O_S, 0, 40 }, { "vadd", D | 0x300000, O_D, O_D, O_D, 0, 30 },
	{ "vsub", S | 0x300040, O_S, O_S, O_S, 0, 30 }, { "vsub", D | 0x300040, O_D, O_D, O_D, 0, 20 },
	{ "vmul", S | 0x200000, O_S, O_S, O_S, 0, 30 }, { "vmul", D | 0x200000, O_D, O_D, O_D, 0, 20 },
	{ "vnmul", S | 0x200040, O_S, O_S, O_S, 0, 20 }, { "vdiv", D | 0x800000, O_D, O_D, O_D, 0, 20 },
	{ "vdiv", S | 0x800000, O_S, O_S, O_S, 0, 20 },
	{ "vmla", S | 0x000000, O_S, O_S, O_S, V_DREAD, 30 }, { "vmla", D | 0x000000, O_D, O_D, O_D, V_DREAD, 20 },
	{ "vmls", S | 0x000040, O_S, O_S, O_S, V_DREAD, 20 }, { "vnmla", D | 0x100040, O_D, O_D, O_D, V_DREAD, 20 },
	{ "vnmls", S | 0x100000, O_S, O_S, O_S, V_DREAD, 20 },
	{ "vmov", S | 0xb00040, O_S, 0, O_S, 0, 20 }, { "vmov", D | 0xb00040, O_D, 0, O_D, 0, 15 },
	{ "vabs", S | 0xb000c0, O_S, 0, O_S, 0, 20 }, { "vneg", D | 0xb10040, O_D, 0, O_D, 0, 15 },
	{ "vneg", S | 0xb10040, O_S, 0, O_S, 0, 15 },
	{ "vsqrt", S | 0xb100c0, O_S, 0, O_S, 0, 20 }, { "vsqrt", D | 0xb100c0, O_D, 0, O_D, 0, 15 },
	/* scalar whatever LEN says */
	{ "vcmp", S | 0xb40040, O_S, 0, O_S, V_DREAD, 15 }, { "vcvt", S | 0xb700c0, O_D, 0, O_S, 0, 15 },
	{ "vcvt", S | 0xbd00c0, O_S, 0, O_S, 0, 15 },
};

static void short_vector(struct out *o, const struct vop *op)
{
	struct vec v;
	vfp_vec_init(&v, 1);
	int dbl = op->d == O_D && op->m == O_D, size = dbl ? 4 : 8;
	int stride = 1 + (int)rng_below(2), len = 1 + (int)rng_below((uint32_t)(size / stride));
	if (len == 1 && rng_below(2))
		len = size / stride;
	v.fpscr |= (uint32_t)(len - 1) << 16 | (stride == 2 ? 3u : 0u) << 20;
	/* banks: the destination's outside bank 0 (bank 0 now and then:
	 * scalar), the sources' in other banks than it, Vm's sometimes bank 0 */
	int bd = rng_below(6) ? 1 + (int)rng_below(3) : 0, bn, bm;
	do bn = (int)rng_below(4); while (bn == bd && bd);
	do bm = rng_below(3) ? (int)rng_below(4) : 0; while (bm == bd && bd);
	int d = bd * size + (int)rng_below((uint32_t)size);
	int n = bn * size + (int)rng_below((uint32_t)size);
	int m = bm * size + (int)rng_below((uint32_t)size);
	if (op->d != op->m) {  /* VCVT: scalar, any registers */
		d = (int)rng_below(op->d == O_D ? 16 : 32);
		m = (int)rng_below(32);
	}
	/* element-wise: the three-register operations, VMOV/VABS/VNEG/VSQRT */
	int ew = (op->bits & 0xb00000u) != 0xb00000u || (op->bits & 0xe0000u) == 0;
	int vector = bd != 0 && ew;
	int count = vector ? len : 1;
	for (int i = 0, rd = d, rn = n, rm = m; i < count; i++) {
		if (op->flags & V_DREAD)
			vfp_put(&v, op->d, rd, pick_vfp(op->d == O_D), 1);
		if (op->n)
			vfp_put(&v, op->n, rn, pick_vfp(op->n == O_D), 1);
		vfp_put(&v, op->m, rm, pick_vfp(op->m == O_D), 1);
		rd = step(rd, dbl, stride);
		rn = step(rn, dbl, stride);
		if (bm)
			rm = step(rm, dbl, stride);
	}
	uint32_t insn = op->bits | vfp_field(d, op->d, 0) | vfp_field(m, op->m, 2);
	if (op->n)
		insn |= vfp_field(n, op->n, 1);
	v.dview = op->d == O_D;
	vec_code(&v, insn, 4, op->mnem);
	emit_vec(o, &v);
}

void g_vfp_vec(struct out *o)
{
	for (size_t i = 0; i < ARRAY_LEN(vec_ops); i++)
		for (int k = 0; k < vec_ops[i].count; k++)
			short_vector(o, &vec_ops[i]);
}
