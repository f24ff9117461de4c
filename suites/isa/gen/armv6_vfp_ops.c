/* VFPv2 vector building blocks shared by the armv6 VFP groups: operand
 * values (edges of each format, NaNs with payloads, values that round),
 * FPSCR inputs, register fields, and one vector of a data-processing
 * operation. */
#include "armv6_vfp.h"

/* Edges of single precision: zeros, denormals, min/max normal, infinities,
 * quiet and signalling NaNs with payloads, small integers and halves (ties
 * in every rounding mode), the integer conversion limits. */
static const uint32_t f32_edges[] = {
	0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00400000,
	0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
	0x7fc00000, 0xffc00000, 0x7fc12345, 0xffe54321, 0x7f800001, 0x7fa5a5a5, 0xff812345, 0x7fbfffff,
	0x3f800000, 0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000, 0x40200000, 0xbfc00000,
	0x40400000, 0x3f800001, 0x3f7fffff, 0x33800000, 0x4b000001, 0x3eaaaaab,
	0x4f000000, 0xcf000000, 0x4f800000, 0x4effffff, 0xcf000001, 0x4f7fffff, 0x3f400000,
};

static const uint64_t f64_edges[] = {
	0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull, 0x8000000000000001ull,
	0x000fffffffffffffull, 0x800fffffffffffffull, 0x0008000000000000ull,
	0x0010000000000000ull, 0x8010000000000000ull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
	0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000000ull,
	0x7ff8000012345678ull, 0xfffc0000abcdef01ull, 0x7ff0000000000001ull, 0x7ff5a5a5a5a5a5a5ull,
	0xfff0000087654321ull, 0x7ff7ffffffffffffull,
	0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3fe0000000000000ull, 0xbfe0000000000000ull,
	0x3ff8000000000000ull, 0x4004000000000000ull, 0xbff8000000000000ull, 0x4008000000000000ull,
	0x3ff0000000000001ull, 0x3fefffffffffffffull, 0x3ca0000000000000ull, 0x3fd5555555555555ull,
	0x41e0000000000000ull, 0xc1e0000000000000ull, 0x41f0000000000000ull, 0x41dfffffffc00000ull,
	0xc1e0000000200000ull, 0x41efffffffe00000ull, 0x41dfffffffffffffull, 0xc1e0000000100000ull,
	0x3810000000000000ull, 0x380fffffffffffffull, 0x47efffffe0000000ull, 0x47efffffefffffffull,
	0x47effffff0000000ull, 0x36a0000000000000ull, 0x3690000000000001ull,
};

uint32_t pick_f32(void)
{
	uint32_t sign = rng32() & 0x80000000u;
	switch (rng_below(8)) {
	case 0: case 1: case 2:
		return f32_edges[rng_below(ARRAY_LEN(f32_edges))];
	case 3:
		return rng32();
	case 4: case 5: /* ordinary magnitudes, random fraction */
		return sign | (103 + rng_below(48)) << 23 | (rng32() & 0x7fffffu);
	case 6: /* near the denormal and overflow boundaries */
		return sign | (rng_below(2) ? rng_below(3) : 252 + rng_below(3)) << 23 | (rng32() & 0x7fffffu);
	default: { /* integers and halves: ties and conversions */
		float x = (float)(int32_t)(rng32() >> (8 + rng_below(23))) / (rng_below(2) ? 2.0f : 1.0f);
		uint32_t w;
		memcpy(&w, &x, 4);
		return sign ^ w;
	}
	}
}

uint64_t pick_f64(void)
{
	uint64_t sign = (uint64_t)(rng32() & 0x80000000u) << 32;
	uint64_t frac = ((uint64_t)rng32() << 32 | rng32()) & 0xfffffffffffffull;
	switch (rng_below(8)) {
	case 0: case 1: case 2:
		return f64_edges[rng_below(ARRAY_LEN(f64_edges))];
	case 3:
		return (uint64_t)rng32() << 32 | rng32();
	case 4: case 5:
		return sign | (uint64_t)(1000 + rng_below(48)) << 52 | frac;
	case 6: /* near the denormal and overflow boundaries of double, and of
		 * single (results of a conversion) */
		switch (rng_below(3)) {
		case 0: return sign | (uint64_t)rng_below(3) << 52 | frac;
		case 1: return sign | (uint64_t)(2044 + rng_below(3)) << 52 | frac;
		default: return sign | (uint64_t)(871 + rng_below(40) + (rng_below(2) ? 0 : 255)) << 52 | frac;
		}
	default: {
		double x = (double)(int32_t)rng32() / (double)(1u << rng_below(3));
		uint64_t w;
		memcpy(&w, &x, 8);
		return sign ^ w;
	}
	}
}

uint64_t pick_vfp(int dbl)
{
	return dbl ? pick_f64() : pick_f32();
}

/* NZCV, rounding mode and cumulative flags at random; DN and FZ each a
 * quarter of the time when modes is set. No trap enables, no LEN/STRIDE. */
uint32_t pick_fpscr(int modes)
{
	uint32_t f = rng32() & 0xf0000000u;
	f |= (rng32() & 3u) << 22;
	if (rng_below(2))
		f |= rng32() & 0x9fu;
	if (modes && rng_below(4) == 0)
		f |= FPSCR_DN;
	if (modes && rng_below(4) == 0)
		f |= FPSCR_FZ;
	return f;
}

uint32_t vfp_field(int r, int kind, int pos)
{
	static const struct { uint8_t v, b; } at[3] = { { 12, 22 }, { 16, 7 }, { 0, 5 } };
	uint32_t ur = (uint32_t)r;
	if (kind == O_D)
		return (ur & 15) << at[pos].v | (ur >> 4) << at[pos].b;
	return (ur >> 1) << at[pos].v | (ur & 1) << at[pos].b;
}

void vfp_vec_init(struct vec *v, int modes)
{
	vec_init(v, 0);
	v->vfp = 1;
	v->fpscr = pick_fpscr(modes);
}

void vfp_put(struct vec *v, int kind, int r, uint64_t val, int shown)
{
	if (kind == O_D) {
		v->d[r] = val;
		if (shown)
			v->dshow |= (uint16_t)(1u << r);
		return;
	}
	unsigned sh = 32 * ((unsigned)r & 1);
	v->d[r >> 1] = (v->d[r >> 1] & ~(0xffffffffull << sh)) | (val & 0xffffffffull) << sh;
	if (shown)
		v->sshow |= 1u << r;
}

static int nregs(int kind)
{
	return kind == O_D ? 16 : 32;
}

static uint64_t pick_kind(int kind)
{
	switch (kind) {
	case O_S: return pick_f32();
	case O_D: return pick_f64();
	default: return pick_operand();  /* O_I: a 32-bit integer in Sm */
	}
}

/* One vector of a data-processing operation: registers at random (the
 * second source sometimes the first, the destination sometimes a source),
 * condition AL but now and then another against the random NZCV. */
void vfp_dp(struct out *o, const struct vop *op)
{
	struct vec v;
	vfp_vec_init(&v, 1);
	int d = (int)rng_below((uint32_t)nregs(op->d));
	int n = op->n ? (int)rng_below((uint32_t)nregs(op->n)) : 0;
	int m = op->m ? (int)rng_below((uint32_t)nregs(op->m)) : 0;
	if (op->n && op->m == op->n && rng_below(6) == 0)
		m = n;
	if (op->m == op->d && rng_below(8) == 0)
		d = op->n && rng_below(2) ? n : m;
	uint32_t insn = op->bits | vfp_field(d, op->d, 0);
	if (op->flags & V_DREAD)
		vfp_put(&v, op->d, d, pick_kind(op->d), 1);
	if (op->n) {
		insn |= vfp_field(n, op->n, 1);
		vfp_put(&v, op->n, n, pick_kind(op->n), 1);
	}
	if (op->m) {
		insn |= vfp_field(m, op->m, 2);
		uint64_t val = pick_kind(op->m);
		/* now and then equal or opposite to the other source */
		int a = op->n ? n : d, ak = op->n ? op->n : (op->flags & V_DREAD) ? op->d : O_NONE;
		if (ak == op->m && ak != O_I && rng_below(8) == 0) {
			uint64_t sign = ak == O_D ? 1ull << 63 : 0x80000000u;
			val = (ak == O_D ? v.d[a] : v.d[a >> 1] >> 32 * (a & 1)) ^ (rng_below(2) ? sign : 0);
		}
		vfp_put(&v, op->m, m, val, 1);
	}
	if (rng_below(10) == 0)
		insn = (insn & 0x0fffffffu) | rng_below(14) << 28;
	v.dview = op->d == O_D;
	vec_code(&v, insn, 4, op->mnem);
	if (op->flags & V_FMSTAT)
		vec_code(&v, FMSTAT, 4, "vmrs");
	emit_vec(o, &v);
}

void vfp_ops(struct out *o, const struct vop *ops, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < ops[i].count; k++)
			vfp_dp(o, &ops[i]);
}
