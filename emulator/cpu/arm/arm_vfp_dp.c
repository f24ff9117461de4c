/* VFPv2 data processing: arithmetic, multiply-accumulate, square root,
 * absolute/negate/move, compare and conversions, scalar only (FPSCR.LEN
 * is left to short-vector-free code, as glibc and compilers use it).
 * The host does the IEEE arithmetic under the guest's rounding mode; the
 * ARM rules it does not share (NaN selection and the default NaN,
 * flush-to-zero, saturating integer conversion) are applied here.
 * The host is x86-64: rounding and flags live in MXCSR, read and written
 * with the SSE intrinsics (no libm). Operands pass through volatile
 * objects so the compiler keeps each operation between setting the
 * rounding mode and reading the flags. */
#include <immintrin.h>

#include "cpu/arm/arm_vfp.h"

#define IOC 0x01u /* invalid operation */
#define DZC 0x02u /* division by zero */
#define OFC 0x04u /* overflow */
#define UFC 0x08u /* underflow */
#define IXC 0x10u /* inexact */
#define IDC 0x80u /* input denormal */
#define FZ (1u << 24)
#define DN (1u << 25)

/* Value layout of one format, bit patterns held in uint64_t. */
struct fmt {
	bool dbl;
	uint64_t sign, exp, frac, quiet, dnan;
};

static const struct fmt F32 = { false, 0x80000000u, 0x7f800000u, 0x007fffffu, 0x00400000u, 0x7fc00000u };
static const struct fmt F64 = { true, 1ull << 63, 0x7ffull << 52, (1ull << 52) - 1, 1ull << 51, 0x7ff8ull << 48 };

static bool is_nan(const struct fmt *f, uint64_t x) { return (x & f->exp) == f->exp && (x & f->frac); }
static bool is_snan(const struct fmt *f, uint64_t x) { return is_nan(f, x) && !(x & f->quiet); }
static bool is_denormal(const struct fmt *f, uint64_t x) { return !(x & f->exp) && (x & f->frac); }

static uint64_t flush_in(struct arm_cpu *cpu, const struct fmt *f, uint64_t x)
{
	if ((cpu->fpscr & FZ) && is_denormal(f, x)) {
		cpu->fpscr |= IDC;
		return x & f->sign;
	}
	return x;
}

/* A NaN operand's result: signalling before quiet, first before second. */
static bool process_nans(struct arm_cpu *cpu, const struct fmt *f, uint64_t a, uint64_t b, bool two, uint64_t *r)
{
	uint64_t pick;
	if (is_snan(f, a))
		pick = a;
	else if (two && is_snan(f, b))
		pick = b;
	else if (is_nan(f, a))
		pick = a;
	else if (two && is_nan(f, b))
		pick = b;
	else
		return false;
	if (is_snan(f, pick))
		cpu->fpscr |= IOC;
	*r = (cpu->fpscr & DN) ? f->dnan : pick | f->quiet;
	return true;
}

/* MXCSR rounding control (bits 14:13) for FPSCR.RMode: nearest, +inf,
 * -inf, zero; and its exception flags (bits 5:0). */
static const unsigned mxcsr_round[4] = { 0u << 13, 2u << 13, 1u << 13, 3u << 13 };
#define MXCSR_ROUND (3u << 13)
#define MXCSR_FLAGS 0x3fu

#define RMODE(cpu) (((cpu)->fpscr >> 22) & 3)
#define RZ 3u

/* Sets a rounding mode (FPSCR.RMode encoding) with clear flags; returns
 * the host state. */
static unsigned round_begin(unsigned rmode)
{
	unsigned saved = _mm_getcsr();
	_mm_setcsr((saved & ~(MXCSR_ROUND | MXCSR_FLAGS)) | mxcsr_round[rmode]);
	return saved;
}

/* Flags raised since round_begin as FPSCR cumulative bits; the host
 * state is restored. */
static unsigned round_end(unsigned saved)
{
	unsigned e = _mm_getcsr();
	_mm_setcsr(saved);
	return (e & 0x01 ? IOC : 0) | (e & 0x04 ? DZC : 0) | (e & 0x08 ? OFC : 0) |
	       (e & 0x10 ? UFC : 0) | (e & 0x20 ? IXC : 0);
}

static double d_of(uint64_t x) { double d; memcpy(&d, &x, 8); return d; }
static uint64_t bits_d(double d) { uint64_t x; memcpy(&x, &d, 8); return x; }
static float f_of(uint64_t x) { uint32_t w = (uint32_t)x; float v; memcpy(&v, &w, 4); return v; }
static uint64_t bits_f(float v) { uint32_t w; memcpy(&w, &v, 4); return w; }

enum op { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT };

/* One host operation in a rounding mode; *flags gets its FPSCR flags. */
static uint64_t host_arith(const struct fmt *f, enum op op, uint64_t a, uint64_t b, unsigned rmode, unsigned *flags)
{
	uint64_t r;
	unsigned saved = round_begin(rmode);
	if (f->dbl) {
		volatile double x = d_of(a), y = d_of(b), z;
		switch (op) {
		case OP_ADD: z = x + y; break;
		case OP_SUB: z = x - y; break;
		case OP_MUL: z = x * y; break;
		case OP_DIV: z = x / y; break;
		default: z = _mm_cvtsd_f64(_mm_sqrt_sd(_mm_setzero_pd(), _mm_set_sd(x))); break;
		}
		r = bits_d(z);
	} else {
		volatile float x = f_of(a), y = f_of(b), z;
		switch (op) {
		case OP_ADD: z = x + y; break;
		case OP_SUB: z = x - y; break;
		case OP_MUL: z = x * y; break;
		case OP_DIV: z = x / y; break;
		default: z = _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(x))); break;
		}
		r = bits_f(z);
	}
	*flags = round_end(saved);
	return r;
}

/* The smallest normal magnitude of a format. */
static bool is_min_normal(const struct fmt *f, uint64_t x)
{
	return (x & ~f->sign) == (f->frac + 1);
}

/* ARM detects tininess before rounding, x86 after: an inexact result that
 * rounded up to the smallest normal was tiny when rounding towards zero
 * gives a denormal; then it underflowed (and FZ flushes it). rz is the
 * result rounded towards zero. */
static unsigned tiny_before_rounding(const struct fmt *f, uint64_t r, unsigned flags, uint64_t rz)
{
	if (is_min_normal(f, r) && (flags & IXC) && !(rz & f->exp))
		flags |= UFC;
	return flags;
}

/* A tiny result under FZ: signed zero, underflow and not inexact. */
static uint64_t flush_out(struct arm_cpu *cpu, const struct fmt *f, uint64_t r, unsigned *flags)
{
	if ((cpu->fpscr & FZ) && (is_denormal(f, r) || (*flags & UFC))) {
		r &= f->sign;
		*flags = (*flags & ~(IXC | UFC)) | UFC;
	}
	return r;
}

/* The rounded result of a host operation with flags, a NaN it makes
 * replaced by the default NaN, a tiny result flushed under FZ. */
static uint64_t arith(struct arm_cpu *cpu, const struct fmt *f, enum op op, uint64_t a, uint64_t b)
{
	uint64_t r;
	unsigned flags, rzflags;
	a = flush_in(cpu, f, a);
	if (op != OP_SQRT)
		b = flush_in(cpu, f, b);
	if (process_nans(cpu, f, a, b, op != OP_SQRT, &r))
		return r;
	r = host_arith(f, op, a, b, RMODE(cpu), &flags);
	if (is_min_normal(f, r))
		flags = tiny_before_rounding(f, r, flags, host_arith(f, op, a, b, RZ, &rzflags));
	if (is_nan(f, r))
		r = f->dnan;
	r = flush_out(cpu, f, r, &flags);
	cpu->fpscr |= flags;
	return r;
}

static uint64_t neg(const struct fmt *f, uint64_t x) { return x ^ f->sign; }

/* NZCV of a comparison: equal 0110, less 1000, greater 0010, unordered 0011. */
static void compare(struct arm_cpu *cpu, const struct fmt *f, uint64_t a, uint64_t b, bool quiet_nan_signals)
{
	uint32_t nzcv;
	a = flush_in(cpu, f, a);
	b = flush_in(cpu, f, b);
	if (is_nan(f, a) || is_nan(f, b)) {
		if (quiet_nan_signals || is_snan(f, a) || is_snan(f, b))
			cpu->fpscr |= IOC;
		nzcv = 0x3;
	} else {
		double x = f->dbl ? d_of(a) : f_of(a), y = f->dbl ? d_of(b) : f_of(b);
		nzcv = x == y ? 0x6 : x < y ? 0x8 : 0x2;
	}
	cpu->fpscr = (cpu->fpscr & 0x0fffffff) | nzcv << 28;
}

/* x rounded towards zero (exact for every double). */
static double integral(double x)
{
	if (!(x > -4503599627370496.0 && x < 4503599627370496.0)) /* 2^52: already integral */
		return x;
	return (double)(int64_t)x;
}

/* True when the integral value r is odd. */
static bool fmod2(double r)
{
	return r > -9007199254740992.0 && r < 9007199254740992.0 && ((int64_t)r & 1);
}

/* Float to 32-bit integer, saturating; NaN gives 0. Round towards zero or
 * by FPSCR. */
static uint32_t to_int(struct arm_cpu *cpu, const struct fmt *f, uint64_t a, bool is_signed, bool rz)
{
	a = flush_in(cpu, f, a);
	if (is_nan(f, a)) {
		cpu->fpscr |= IOC;
		return 0;
	}
	double x = f->dbl ? d_of(a) : f_of(a), r = integral(x);
	switch (rz ? 3 : (cpu->fpscr >> 22) & 3) {
	case 0: /* nearest, ties to even */
		if (x - r > 0.5 || (x - r == 0.5 && fmod2(r)))
			r += 1;
		else if (r - x > 0.5 || (r - x == 0.5 && fmod2(r)))
			r -= 1;
		break;
	case 1:
		if (r < x)
			r += 1;
		break;
	case 2:
		if (r > x)
			r -= 1;
		break;
	default:
		break;
	}
	double lo = is_signed ? -2147483648.0 : 0.0, hi = is_signed ? 2147483647.0 : 4294967295.0;
	if (r < lo || r > hi) {
		cpu->fpscr |= IOC;
		r = r < lo ? lo : hi;
		return is_signed ? (uint32_t)(int32_t)r : (uint32_t)r;
	}
	if (r != x)
		cpu->fpscr |= IXC;
	return is_signed ? (uint32_t)(int32_t)r : (uint32_t)r;
}

static uint64_t from_int(struct arm_cpu *cpu, const struct fmt *f, uint32_t v, bool is_signed)
{
	uint64_t r;
	unsigned saved = round_begin(RMODE(cpu));
	if (f->dbl) {
		volatile double z = is_signed ? (double)(int32_t)v : (double)v;
		r = bits_d(z);
	} else {
		volatile float z = is_signed ? (float)(int32_t)v : (float)v;
		r = bits_f(z);
	}
	cpu->fpscr |= round_end(saved);
	return r;
}

/* A host conversion between the formats (f the source) in a rounding mode. */
static uint64_t host_narrow(const struct fmt *f, uint64_t a, unsigned rmode, unsigned *flags)
{
	uint64_t r;
	unsigned saved = round_begin(rmode);
	if (f->dbl) {
		volatile float z = (float)d_of(a);
		r = bits_f(z);
	} else {
		volatile double z = (double)f_of(a);
		r = bits_d(z);
	}
	*flags = round_end(saved);
	return r;
}

/* Between single and double; f is the source format. */
static uint64_t convert(struct arm_cpu *cpu, const struct fmt *f, uint64_t a)
{
	const struct fmt *t = f->dbl ? &F32 : &F64;
	uint64_t r;
	a = flush_in(cpu, f, a);
	if (is_nan(f, a)) {
		if (is_snan(f, a))
			cpu->fpscr |= IOC;
		if (cpu->fpscr & DN)
			return t->dnan;
		uint64_t sign = (a & f->sign) ? t->sign : 0;
		uint64_t frac = f->dbl ? (a & f->frac) >> 29 : (a & f->frac) << 29;
		return sign | t->exp | t->quiet | frac;
	}
	unsigned flags, rzflags;
	r = host_narrow(f, a, RMODE(cpu), &flags);
	if (is_min_normal(t, r))
		flags = tiny_before_rounding(t, r, flags, host_narrow(f, a, RZ, &rzflags));
	r = flush_out(cpu, t, r, &flags);
	cpu->fpscr |= flags;
	return r;
}

static uint64_t get(const struct arm_cpu *cpu, bool dbl, unsigned n)
{
	return dbl ? cpu->d[n] : vfp_get_s(cpu, n);
}

static void put(struct arm_cpu *cpu, bool dbl, unsigned n, uint64_t v)
{
	if (dbl)
		cpu->d[n] = v;
	else
		vfp_set_s(cpu, n, (uint32_t)v);
}

/* One element of an arithmetic operation (opc = p q r) or, for opc 7, of
 * VMOV/VABS/VNEG/VSQRT (op2 0 or 1). */
static void element(struct arm_cpu *cpu, const struct fmt *f, unsigned opc, unsigned op2, bool s6, bool s7,
		    unsigned d, unsigned n, unsigned m)
{
	uint64_t a, b = get(cpu, f->dbl, m), r;

	if (opc == 7) {
		if (op2 == 1 && s7)
			r = arith(cpu, f, OP_SQRT, b, 0);
		else if (op2 == 1)
			r = neg(f, b);
		else
			r = s7 ? b & ~f->sign : b;
		put(cpu, f->dbl, d, r);
		return;
	}
	a = get(cpu, f->dbl, n);
	switch (opc) {
	case 0: /* VMLA, VMLS: d + p, d - p */
	case 1: /* VNMLS, VNMLA: -d + p, -d - p */
		r = arith(cpu, f, OP_MUL, a, b);
		if (s6)
			r = neg(f, r);
		a = get(cpu, f->dbl, d);
		r = arith(cpu, f, OP_ADD, opc == 1 ? neg(f, a) : a, r);
		break;
	case 2: /* VMUL, VNMUL */
		r = arith(cpu, f, OP_MUL, a, b);
		if (s6)
			r = neg(f, r);
		break;
	case 3: /* VADD, VSUB */
		r = arith(cpu, f, s6 ? OP_SUB : OP_ADD, a, b);
		break;
	default: /* VDIV */
		r = arith(cpu, f, OP_DIV, a, b);
		break;
	}
	put(cpu, f->dbl, d, r);
}

/* VFPv2 short vectors: with FPSCR.LEN set, an element-wise operation whose
 * destination is outside the first bank (S0-S7, D0-D3) repeats LEN+1
 * times, each register stepping by STRIDE within its bank of 8 singles
 * or 4 doubles; a source in the first bank stays scalar. */
static unsigned next_reg(unsigned r, bool dbl, unsigned stride)
{
	unsigned bank = dbl ? 3 : 7;
	return (r & ~bank) | ((r + stride) & bank);
}

/* The register step of a short vector as the reference guest's CPU
 * model (QEMU's ARM1176 on raspi0) takes it: singles step by the
 * STRIDE field plus one (0b11 steps by 4, not the architecture's 2),
 * doubles by its high bit plus one. The guest's transcripts show both. */
static unsigned vector_stride(uint32_t fpscr, bool dbl)
{
	unsigned field = (fpscr >> 20) & 3;
	return dbl ? (field >> 1) + 1 : field + 1;
}

unsigned arm_vfp_vector_len(const struct arm_cpu *cpu, bool dbl, unsigned d)
{
	return (d & (dbl ? ~3u : ~7u)) ? ((cpu->fpscr >> 16) & 7) + 1 : 1;
}

unsigned arm_vfp_next_reg(const struct arm_cpu *cpu, bool dbl, unsigned r)
{
	return next_reg(r, dbl, vector_stride(cpu->fpscr, dbl));
}

uint64_t arm_vfp_flush_in(struct arm_cpu *cpu, bool dbl, uint64_t x)
{
	return flush_in(cpu, dbl ? &F64 : &F32, x);
}

uint64_t arm_vfp_from_int(struct arm_cpu *cpu, bool dbl, uint32_t v, bool is_signed)
{
	return from_int(cpu, dbl ? &F64 : &F32, v, is_signed);
}

static int elementwise(struct arm_cpu *cpu, uint32_t insn, unsigned opc, unsigned op2, int d, int n, int m)
{
	bool dbl = insn & (1u << 8), s6 = insn & 0x40, s7 = insn & 0x80;
	const struct fmt *f = dbl ? &F64 : &F32;
	unsigned bank = dbl ? 3 : 7, len = 1, stride = vector_stride(cpu->fpscr, dbl);

	if ((unsigned)d & ~bank)
		len = ((cpu->fpscr >> 16) & 7) + 1;
	bool m_scalar = !((unsigned)m & ~bank);
	unsigned rd = (unsigned)d, rn = (unsigned)n, rm = (unsigned)m;
	for (unsigned i = 0; i < len; i++) {
		element(cpu, f, opc, op2, s6, s7, rd, rn, rm);
		rd = next_reg(rd, dbl, stride);
		rn = next_reg(rn, dbl, stride);
		if (m_scalar)
			continue;
		/* The reference guest's CPU model (QEMU's do_vfp_2op_dp) steps
		 * a double VMOV/VABS/VNEG/VSQRT wrongly: each element after
		 * the first writes the register after Vm from Vm itself. The
		 * guest's transcripts show it, so mimic does the same. */
		if (opc == 7 && dbl)
			rd = next_reg(rm, dbl, stride);
		else
			rm = next_reg(rm, dbl, stride);
	}
	return arm_next(cpu);
}

/* cond 1110 p D q r Vn Vd 101 sz N s M 0 Vm */
int arm_vfp_dp(struct arm_cpu *cpu, uint32_t insn)
{
	bool dbl = insn & (1u << 8), s6 = insn & 0x40;
	const struct fmt *f = dbl ? &F64 : &F32;
	unsigned opc = ((insn >> 21) & 4) | ((insn >> 20) & 3); /* p q r */
	int d = dbl ? vfp_dreg(cpu, insn, 12, 22) : vfp_sreg(insn, 12, 22);
	int n = dbl ? vfp_dreg(cpu, insn, 16, 7) : vfp_sreg(insn, 16, 7);
	int m = dbl ? vfp_dreg(cpu, insn, 0, 5) : vfp_sreg(insn, 0, 5);
	uint64_t r;

	if (opc != 7) {
		if (d < 0 || n < 0 || m < 0 || opc == 5 || opc == 6 || (opc == 4 && s6))
			return arm_undef(cpu, insn);
		return elementwise(cpu, insn, opc, 0, d, n, m);
	}

	/* Other operations: bits 19:16 select, bit 6 must be set (VMOV
	 * immediate is VFPv3). Source and destination formats vary; only
	 * the first two are element-wise. */
	unsigned op2 = (insn >> 16) & 15;
	bool s7 = insn & 0x80;
	int sd = vfp_sreg(insn, 12, 22), sm = vfp_sreg(insn, 0, 5);
	if (!s6)
		return cpu->v7 ? arm_vfp_vmov_imm(cpu, insn) : arm_undef(cpu, insn);
	if (cpu->v7 && (op2 & 10) == 10)
		return arm_vfp_fixed(cpu, insn);
	switch (op2) {
	case 0: /* VMOV, VABS */
	case 1: /* VNEG, VSQRT */
		if (d < 0 || m < 0)
			return arm_undef(cpu, insn);
		return elementwise(cpu, insn, 7, op2, d, 0, m);
	case 4: /* VCMP{E} */
	case 5: /* VCMP{E} with zero */
		if (d < 0 || (op2 == 4 && m < 0) || (op2 == 5 && (insn & 0x2f)))
			return arm_undef(cpu, insn);
		compare(cpu, f, get(cpu, dbl, (unsigned)d), op2 == 4 ? get(cpu, dbl, (unsigned)m) : 0, s7);
		break;
	case 7: /* VCVT between double and single */
		if (!s7 || (dbl ? sd < 0 : d < 0) || m < 0)
			return arm_undef(cpu, insn);
		r = convert(cpu, f, get(cpu, dbl, (unsigned)m));
		if (dbl)
			vfp_set_s(cpu, (unsigned)sd, (uint32_t)r);
		else
			cpu->d[vfp_dreg(cpu, insn, 12, 22)] = r;
		break;
	case 8: /* VCVT from a 32-bit integer in Sm */
		if (d < 0)
			return arm_undef(cpu, insn);
		put(cpu, dbl, (unsigned)d, from_int(cpu, f, vfp_get_s(cpu, (unsigned)sm), s7));
		break;
	case 12: /* VCVT{R} to unsigned */
	case 13: /* VCVT{R} to signed */
		if (m < 0)
			return arm_undef(cpu, insn);
		vfp_set_s(cpu, (unsigned)sd, to_int(cpu, f, get(cpu, dbl, (unsigned)m), op2 == 13, s7));
		break;
	default:
		return arm_undef(cpu, insn);
	}
	return arm_next(cpu);
}
