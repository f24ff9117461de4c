/* The arithmetic primitives of the FPU formats S (s_) and D (d_), shared
 * by the COP1 formats and paired-single: NaN tests, host operations with
 * the guest's rounding and flags, conversions to integers. */
#ifndef MIMIC_MIPS_FPU_OPS_H
#define MIMIC_MIPS_FPU_OPS_H

#include <immintrin.h>

#include "cpu/mips/mips_fpu.h"

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT };

/* The rounding error of a product, quotient or square root by a fused
 * multiply-add (exact when nothing underflows); hosts without FMA keep to
 * the MXCSR path for these. */
extern bool mips_host_fma;
__attribute__((target("fma"))) static inline float s_fms(float a, float b, float c)
{
	return _mm_cvtss_f32(_mm_fmsub_ss(_mm_set_ss(a), _mm_set_ss(b), _mm_set_ss(c)));
}
__attribute__((target("fma"))) static inline double d_fms(double a, double b, double c)
{
	return _mm_cvtsd_f64(_mm_fmsub_sd(_mm_set_sd(a), _mm_set_sd(b), _mm_set_sd(c)));
}

/* One format: P prefix, T host type, U bit type, SIGN bit, EXP mask, Q the
 * top fraction bit (signalling in the legacy encoding), DNAN, the host
 * square root, the constants 1 and 2, SAFE the smallest magnitude (as
 * bits) the quick path takes: at 2^-90 (S) or 2^-900 (D) the error terms
 * below keep at least ten bits above the format's smallest denormal. */
#define FORMAT(P, T, U, SIGN, EXP, Q, DNAN, SQRT, ONE, TWO, SAFE)                                   \
	static inline bool P##_nan(U x) { return (x & ~(U)SIGN) > (U)EXP; }                 \
	static inline bool P##_snan(U x) { return P##_nan(x) && (x & (U)Q); }               \
	static inline T P##_f(U x) { T f; memcpy(&f, &x, sizeof f); return f; }             \
	static inline U P##_u(T f) { U x; memcpy(&x, &f, sizeof x); return x; }             \
	/* Rounds a host result into guest form and collects the host flags. */          \
	static inline U P##_result(const struct mips_cpu *cpu, T r, unsigned *cause)        \
	{                                                                                   \
		unsigned c = fp_flags();                                                    \
		U u = P##_u(r);                                                             \
		if (P##_nan(u)) {                                                           \
			u = DNAN;                                                           \
		} else if ((cpu->fcsr & MIPS_FCSR_FS) && !(u & (U)EXP) && ((u & ~(U)SIGN) || (c & FP_U))) { \
			u &= (U)SIGN;                                                       \
			c &= ~(unsigned)(FP_U | FP_I);                                      \
		}                                                                           \
		*cause |= c;                                                                \
		return u;                                                                   \
	}                                                                                   \
	/* Round to nearest with the host MXCSR known to round so: a finite     \
	 * result of at least SAFE raises inexact alone, when the error term is \
	 * not zero (TwoSum for a sum, a fused multiply-add otherwise). False:  \
	 * take the MXCSR path. */                                                       \
	static inline bool P##_quick(const struct mips_cpu *cpu, int op, U a, U b, U *v, unsigned *cause) \
	{                                                                                   \
		if (cpu->host_rm != 1 || (cpu->fcsr & 3) || (op > OP_SUB && !mips_host_fma)) \
			return false;                                                       \
		T x = P##_f(a), y = P##_f(b), r, e;                                         \
		switch (op) {                                                               \
		case OP_SUB:                                                                \
			y = -y;                                                             \
			/* fall through */                                                  \
		case OP_ADD: {                                                              \
			r = x + y;                                                          \
			T z = r - x;                                                        \
			e = (x - (r - z)) + (y - z);                                        \
			break;                                                              \
		}                                                                           \
		case OP_MUL: r = x * y; e = P##_fms(x, y, r); break;                        \
		case OP_DIV: r = x / y; e = P##_fms(r, y, x); break;                        \
		default: r = SQRT(x); e = P##_fms(r, r, x); break;                          \
		}                                                                           \
		/* A dividend or radicand below SAFE leaves too few bits under its  \
		 * error term (the square root of a denormal is far above SAFE). */ \
		if (op >= OP_DIV && (a & ~(U)SIGN) < (U)SAFE)                               \
			return false;                                                       \
		U m = P##_u(r) & ~(U)SIGN;                                                  \
		if (m < (U)SAFE || m >= (U)EXP)                                             \
			return false;                                                       \
		*cause |= e != 0 ? FP_I : 0;                                                \
		*v = P##_u(r);                                                              \
		return true;                                                                \
	}                                                                                   \
	static inline U P##_op(struct mips_cpu *cpu, int op, U a, U b, unsigned *cause)    \
	{                                                                                   \
		U v;                                                                        \
		if (P##_quick(cpu, op, a, b, &v, cause))                                    \
			return v;                                                           \
		if (P##_nan(a) || (op != OP_SQRT && P##_nan(b))) {                          \
			if (P##_snan(a) || (op != OP_SQRT && P##_snan(b)))                  \
				*cause |= FP_V;                                             \
			return DNAN;                                                        \
		}                                                                           \
		T x = P##_f(a), y = P##_f(b), r;                                            \
		fp_begin(cpu);                                                              \
		FP_HIDE(x);                                                                 \
		FP_HIDE(y);                                                                 \
		switch (op) {                                                               \
		case OP_ADD: r = x + y; break;                                              \
		case OP_SUB: r = x - y; break;                                              \
		case OP_MUL: r = x * y; break;                                              \
		case OP_DIV: r = x / y; break;                                              \
		default: r = SQRT(x); break;                                                \
		}                                                                           \
		FP_HIDE(r);                                                                 \
		return P##_result(cpu, r, cause);                                           \
	}                                                                                   \
	/* To a 32- or 64-bit integer with rounding mode rm; out of range is only \
	 * invalid (the host also says inexact). */                                        \
	static inline uint64_t P##_to_int(struct mips_cpu *cpu, int rm, U a, bool wide, unsigned *cause) \
	{                                                                                   \
		uint64_t max = wide ? INT64_MAX : INT32_MAX;                                \
		if (P##_nan(a)) {                                                           \
			*cause |= FP_V;                                                     \
			return max;                                                         \
		}                                                                           \
		T x = P##_f(a);                                                             \
		int64_t r;                                                                  \
		fp_begin_rm(cpu, (unsigned)rm);                                             \
		FP_HIDE(x);                                                                 \
		r = wide ? P##_cvt64(x) : P##_cvt32(x);                                     \
		__asm__ volatile("" : "+r"(r));                                             \
		unsigned c = fp_flags();                                                    \
		if (c & FP_V) {                                                             \
			*cause |= FP_V;                                                     \
			return max;                                                         \
		}                                                                           \
		*cause |= c;                                                                \
		return (uint64_t)r;                                                         \
	}                                                                                   \
	/* MIPS-3D RECIP2 (-(a * b - 1)) or RSQRT2 (halved), as the reference FPU \
	 * computes them: three roundings, the negation flips a NaN's sign. */     \
	static inline U P##_step2(struct mips_cpu *cpu, U a, U b, bool half, unsigned *cause) \
	{                                                                                   \
		U v = P##_op(cpu, OP_MUL, a, b, cause);                                     \
		v = P##_op(cpu, OP_SUB, v, ONE, cause);                                     \
		if (half)                                                                   \
			v = P##_op(cpu, OP_DIV, v, TWO, cause);                             \
		return v ^ (U)SIGN;                                                         \
	}                                                                                   \
	/* C.cond: bit 0 true when unordered, bit 1 when equal, bit 2 when less;   \
	 * bit 3 makes a quiet NaN invalid too; CABS (bit 6 of the instruction)    \
	 * compares the absolute values. */                                             \
	static inline bool P##_cond(uint32_t insn, U a, U b, unsigned *cause)               \
	{                                                                                   \
		unsigned cond = insn & 15;                                                  \
		if (insn & 0x40) {                                                          \
			a &= ~(U)SIGN;                                                      \
			b &= ~(U)SIGN;                                                      \
		}                                                                           \
		if (P##_nan(a) || P##_nan(b)) {                                             \
			if ((cond & 8) || P##_snan(a) || P##_snan(b))                       \
				*cause |= FP_V;                                             \
			return cond & 1;                                                    \
		}                                                                           \
		return ((cond & 4) && P##_f(a) < P##_f(b)) || ((cond & 2) && P##_f(a) == P##_f(b)); \
	}

/* The conversions are volatile so that only the one asked for runs: each
 * raises its own host flags. */
static inline int64_t s_cvt64(float x) { int64_t r; __asm__ volatile("cvtss2si %1, %0" : "=r"(r) : "x"(x)); return r; }
static inline int64_t s_cvt32(float x) { int32_t r; __asm__ volatile("cvtss2si %1, %0" : "=r"(r) : "x"(x)); return r; }
static inline int64_t d_cvt64(double x) { int64_t r; __asm__ volatile("cvtsd2si %1, %0" : "=r"(r) : "x"(x)); return r; }
static inline int64_t d_cvt32(double x) { int32_t r; __asm__ volatile("cvtsd2si %1, %0" : "=r"(r) : "x"(x)); return r; }
static inline float s_hsqrt(float x) { return _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(x))); }
static inline double d_hsqrt(double x) { return _mm_cvtsd_f64(_mm_sqrt_sd(_mm_set_sd(x), _mm_set_sd(x))); }

FORMAT(s, float, uint32_t, 0x80000000u, 0x7f800000u, 0x00400000u, S_DNAN, s_hsqrt, 0x3f800000u, 0x40000000u,
       0x12800000u)
FORMAT(d, double, uint64_t, 0x8000000000000000ull, 0x7ff0000000000000ull, 0x0008000000000000ull, D_DNAN, d_hsqrt,
       0x3ff0000000000000ull, 0x4000000000000000ull, 0x07b0000000000000ull)

#endif
