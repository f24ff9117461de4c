/* FPU arithmetic (COP1 formats S, D, W, L and the COP1X multiply-adds):
 * add/sub/mul/div/sqrt, abs/neg/mov, conversions with the rounding
 * variants, RECIP/RSQRT and their MIPS-3D steps, compares (CABS too) into
 * condition codes, conditional moves (paired-single: mips_fpu_ps.c).
 * Results follow the reference FPU: the default NaN for any NaN result,
 * the largest positive integer for an invalid conversion, fused forms
 * computed as a multiply then an add (two roundings), the negated forms
 * negating the sum (NaN included). With FCSR.FS a tiny result becomes
 * zero without underflow or inexact. */
#include "cpu/mips/mips_fpu_ops.h"

static uint32_t s_get(const struct mips_cpu *cpu, unsigned r) { return fpr_s(cpu, r); }
static uint64_t d_get(const struct mips_cpu *cpu, unsigned r) { return cpu->f[r]; }
static void s_set(struct mips_cpu *cpu, unsigned r, uint32_t v) { set_fpr_s(cpu, r, v); }
static void d_set(struct mips_cpu *cpu, unsigned r, uint64_t v) { cpu->f[r] = v; }

#define S_ONE 0x3f800000u
#define D_ONE 0x3ff0000000000000ull

/* The executors of one format. */
#define HANDLERS(P, U, SIGN, ONE)                                                         \
	static int P##_done(struct mips_cpu *cpu, uint32_t insn, unsigned cause, U v)       \
	{                                                                                   \
		int rc = mips_fp_cause(cpu, insn, cause);                                   \
		if (rc)                                                                     \
			return rc;                                                          \
		P##_set(cpu, FD(insn), v);                                                  \
		return mips_next(cpu);                                                      \
	}                                                                                   \
	static int P##_arith(struct mips_cpu *cpu, uint32_t insn, int op)                   \
	{                                                                                   \
		unsigned cause = 0;                                                         \
		U v = P##_op(cpu, op, P##_get(cpu, FS(insn)), P##_get(cpu, FT(insn)), &cause); \
		return P##_done(cpu, insn, cause, v);                                       \
	}                                                                                   \
	static int P##_add(struct mips_cpu *cpu, uint32_t insn) { return P##_arith(cpu, insn, OP_ADD); } \
	static int P##_sub(struct mips_cpu *cpu, uint32_t insn) { return P##_arith(cpu, insn, OP_SUB); } \
	static int P##_mul(struct mips_cpu *cpu, uint32_t insn) { return P##_arith(cpu, insn, OP_MUL); } \
	static int P##_div(struct mips_cpu *cpu, uint32_t insn) { return P##_arith(cpu, insn, OP_DIV); } \
	static int P##_sqrt(struct mips_cpu *cpu, uint32_t insn) { return P##_arith(cpu, insn, OP_SQRT); } \
	static int P##_recip(struct mips_cpu *cpu, uint32_t insn)                           \
	{                                                                                   \
		unsigned cause = 0;                                                         \
		U v = P##_op(cpu, OP_DIV, ONE, P##_get(cpu, FS(insn)), &cause);             \
		return P##_done(cpu, insn, cause, v);                                       \
	}                                                                                   \
	static int P##_rsqrt(struct mips_cpu *cpu, uint32_t insn)                           \
	{                                                                                   \
		unsigned cause = 0;                                                         \
		U v = P##_op(cpu, OP_SQRT, P##_get(cpu, FS(insn)), 0, &cause);              \
		v = P##_op(cpu, OP_DIV, ONE, v, &cause);                                    \
		return P##_done(cpu, insn, cause, v);                                       \
	}                                                                                   \
	/* MIPS-3D: RECIP2 -(fs * ft - 1), RSQRT2 -(fs * ft - 1) / 2 (the      \
	 * negation flips a NaN's sign too); RECIP1/RSQRT1 are RECIP/RSQRT. */    \
	static int P##_recip2(struct mips_cpu *cpu, uint32_t insn)                          \
	{                                                                                   \
		unsigned cause = 0;                                                         \
		U v = P##_step2(cpu, P##_get(cpu, FS(insn)), P##_get(cpu, FT(insn)), false, &cause); \
		return P##_done(cpu, insn, cause, v);                                       \
	}                                                                                   \
	static int P##_rsqrt2(struct mips_cpu *cpu, uint32_t insn)                          \
	{                                                                                   \
		unsigned cause = 0;                                                         \
		U v = P##_step2(cpu, P##_get(cpu, FS(insn)), P##_get(cpu, FT(insn)), true, &cause); \
		return P##_done(cpu, insn, cause, v);                                       \
	}                                                                                   \
	static int P##_abs(struct mips_cpu *cpu, uint32_t insn)                             \
	{                                                                                   \
		P##_set(cpu, FD(insn), P##_get(cpu, FS(insn)) & ~(U)SIGN);                  \
		return mips_next(cpu);                                                      \
	}                                                                                   \
	static int P##_neg(struct mips_cpu *cpu, uint32_t insn)                             \
	{                                                                                   \
		P##_set(cpu, FD(insn), P##_get(cpu, FS(insn)) ^ (U)SIGN);                   \
		return mips_next(cpu);                                                      \
	}                                                                                   \
	static int P##_mov(struct mips_cpu *cpu, uint32_t insn)                             \
	{                                                                                   \
		P##_set(cpu, FD(insn), P##_get(cpu, FS(insn)));                             \
		return mips_next(cpu);                                                      \
	}                                                                                   \
	static int P##_movcf(struct mips_cpu *cpu, uint32_t insn)                           \
	{                                                                                   \
		if (fcc(cpu, insn >> 18 & 7) == (insn >> 16 & 1))                           \
			P##_set(cpu, FD(insn), P##_get(cpu, FS(insn)));                     \
		return mips_next(cpu);                                                      \
	}                                                                                   \
	static int P##_movz(struct mips_cpu *cpu, uint32_t insn)                            \
	{                                                                                   \
		if (cpu->r[RT(insn)] == 0)                                                  \
			P##_set(cpu, FD(insn), P##_get(cpu, FS(insn)));                     \
		return mips_next(cpu);                                                      \
	}                                                                                   \
	static int P##_movn(struct mips_cpu *cpu, uint32_t insn)                            \
	{                                                                                   \
		if (cpu->r[RT(insn)] != 0)                                                  \
			P##_set(cpu, FD(insn), P##_get(cpu, FS(insn)));                     \
		return mips_next(cpu);                                                      \
	}                                                                                   \
	/* ROUND/TRUNC/CEIL/FLOOR .L (8-11) and .W (12-15), CVT.W (36), CVT.L (37);   \
	 * the low two function bits of the first four are the FCSR.RM value. */      \
	static int P##_toint(struct mips_cpu *cpu, uint32_t insn)                           \
	{                                                                                   \
		unsigned f = insn & 63, cause = 0;                                          \
		bool wide = f == 37 || (f >= 8 && f < 12);                                  \
		int mode = (int)(f >= 36 ? cpu->fcsr & 3 : f & 3);                        \
		uint64_t v = P##_to_int(cpu, mode, P##_get(cpu, FS(insn)), wide, &cause);        \
		int rc = mips_fp_cause(cpu, insn, cause);                                   \
		if (rc)                                                                     \
			return rc;                                                          \
		if (wide)                                                                   \
			cpu->f[FD(insn)] = v;                                               \
		else                                                                        \
			set_fpr_s(cpu, FD(insn), (uint32_t)v);                              \
		return mips_next(cpu);                                                      \
	}                                                                                   \
	/* C.cond and MIPS-3D CABS.cond (bit 6: absolute values). */                 \
	static int P##_cmp(struct mips_cpu *cpu, uint32_t insn)                             \
	{                                                                                   \
		unsigned cause = 0, bit = fcc_bit(insn >> 8 & 7);                           \
		bool r = P##_cond(insn, P##_get(cpu, FS(insn)), P##_get(cpu, FT(insn)), &cause); \
		int rc = mips_fp_cause(cpu, insn, cause);                                   \
		if (rc)                                                                     \
			return rc;                                                          \
		cpu->fcsr = (cpu->fcsr & ~(1u << bit)) | (uint32_t)r << bit;                \
		return mips_next(cpu);                                                      \
	}                                                                                   \
	/* COP1X: fd = ±(fs * ft ± fr), fr in the rs field. */                              \
	static int P##_madd(struct mips_cpu *cpu, uint32_t insn)                            \
	{                                                                                   \
		unsigned kind = insn >> 3 & 7, cause = 0; /* 4 MADD, 5 MSUB, 6 NMADD, 7 NMSUB */ \
		U p = P##_op(cpu, OP_MUL, P##_get(cpu, FS(insn)), P##_get(cpu, FT(insn)), &cause); \
		U v = P##_op(cpu, kind & 1 ? OP_SUB : OP_ADD, p, P##_get(cpu, RS(insn)), &cause); \
		if (kind & 2)                                                               \
			v ^= (U)SIGN;                                                       \
		return P##_done(cpu, insn, cause, v);                                       \
	}

HANDLERS(s, uint32_t, 0x80000000u, S_ONE)
HANDLERS(d, uint64_t, 0x8000000000000000ull, D_ONE)

/* Format conversions between S and D. */
static int cvt_s_d(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->f[FS(insn)];
	unsigned cause = 0;
	uint32_t v;
	if (d_nan(a)) {
		cause = d_snan(a) ? FP_V : 0;
		v = S_DNAN;
	} else {
		double x = d_f(a);
		fp_begin(cpu);
		FP_HIDE(x);
		float r = (float)x;
		FP_HIDE(r);
		v = s_result(cpu, r, &cause);
	}
	return s_done(cpu, insn, cause, v);
}

static int cvt_d_s(struct mips_cpu *cpu, uint32_t insn)
{
	uint32_t a = fpr_s(cpu, FS(insn));
	unsigned cause = 0;
	uint64_t v;
	if (s_nan(a)) {
		cause = s_snan(a) ? FP_V : 0;
		v = D_DNAN;
	} else {
		float x = s_f(a);
		fp_begin(cpu);
		FP_HIDE(x);
		double r = x;
		FP_HIDE(r);
		v = d_result(cpu, r, &cause);
	}
	return d_done(cpu, insn, cause, v);
}

/* From W (low word) or L to S or D, rounding as FCSR says. */
static int from_int(struct mips_cpu *cpu, uint32_t insn)
{
	bool wide = RS(insn) == 21, dbl = (insn & 63) == 33;
	int64_t i = wide ? (int64_t)cpu->f[FS(insn)] : (int32_t)cpu->f[FS(insn)];
	unsigned cause = 0;
	fp_begin(cpu);
	__asm__ volatile("" : "+r"(i));
	if (dbl) {
		double r = (double)i;
		FP_HIDE(r);
		return d_done(cpu, insn, cause, d_result(cpu, r, &cause));
	}
	float r = (float)i;
	FP_HIDE(r);
	return s_done(cpu, insn, cause, s_result(cpu, r, &cause));
}

static mips_handler s_ops[64], d_ops[64], i_ops[64];

static int fmt_s(struct mips_cpu *cpu, uint32_t insn) { return s_ops[insn & 63](cpu, insn); }
static int fmt_d(struct mips_cpu *cpu, uint32_t insn) { return d_ops[insn & 63](cpu, insn); }
static int fmt_i(struct mips_cpu *cpu, uint32_t insn) { return i_ops[insn & 63](cpu, insn); }

#define FILL(P)                                                                   \
	do {                                                                      \
		P##_ops[0] = P##_add;                                             \
		P##_ops[1] = P##_sub;                                             \
		P##_ops[2] = P##_mul;                                             \
		P##_ops[3] = P##_div;                                             \
		P##_ops[4] = P##_sqrt;                                            \
		P##_ops[5] = P##_abs;                                             \
		P##_ops[6] = P##_mov;                                             \
		P##_ops[7] = P##_neg;                                             \
		for (unsigned f = 8; f < 16; f++)                                 \
			P##_ops[f] = P##_toint;                                   \
		P##_ops[17] = P##_movcf;                                          \
		P##_ops[18] = P##_movz;                                           \
		P##_ops[19] = P##_movn;                                           \
		P##_ops[21] = P##_recip;                                          \
		P##_ops[22] = P##_rsqrt;                                          \
		P##_ops[36] = P##_toint;                                          \
		P##_ops[37] = P##_toint;                                          \
		for (unsigned f = 48; f < 64; f++)                                \
			P##_ops[f] = P##_cmp;                                     \
		P##_ops[28] = P##_recip2;                                         \
		P##_ops[29] = P##_recip;                                          \
		P##_ops[30] = P##_rsqrt;                                          \
		P##_ops[31] = P##_rsqrt2;                                         \
	} while (0)

bool mips_host_fma;

void mips_fpu_arith_init(mips_handler *t)
{
	__builtin_cpu_init();
	mips_host_fma = __builtin_cpu_supports("fma");
	for (unsigned f = 0; f < 64; f++)
		s_ops[f] = d_ops[f] = i_ops[f] = mips_ri;
	FILL(s);
	FILL(d);
	d_ops[32] = cvt_s_d;
	s_ops[33] = cvt_d_s;
	i_ops[32] = i_ops[33] = from_int;
	t[MIPS_T_COP1 + 16] = fmt_s;
	t[MIPS_T_COP1 + 17] = fmt_d;
	t[MIPS_T_COP1 + 20] = fmt_i;
	t[MIPS_T_COP1 + 21] = fmt_i;
	t[MIPS_T_COP1X + 32] = t[MIPS_T_COP1X + 40] = t[MIPS_T_COP1X + 48] = t[MIPS_T_COP1X + 56] = s_madd;
	t[MIPS_T_COP1X + 33] = t[MIPS_T_COP1X + 41] = t[MIPS_T_COP1X + 49] = t[MIPS_T_COP1X + 57] = d_madd;
	mips_fpu_ps_init(t, s_ops, i_ops);
}
