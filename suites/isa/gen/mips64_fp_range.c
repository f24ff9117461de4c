/* fp_range: double and single arithmetic whose results lie where an
 * emulator's shortcuts end: around 2^-900 and 2^-90 (below which the error
 * of a product, quotient or square root can fall under the smallest
 * denormal), around the smallest normal and near the largest finite, each
 * exact and inexact, in round to nearest with and without the inexact
 * enable. A wrong inexact flag, a missed trap or a wrong result shows. */
#include <stdbool.h>
#include <string.h>

#include "mips64.h"

#define COP1(fmt, fn) (0x44000000u | (uint32_t)(fmt) << 21 | (fn))

static const struct {
	const char *name;
	uint32_t fmt, fn;
	int args;
} ops[] = {
	{ "add.d", 0x11, 0x00, 2 }, { "sub.d", 0x11, 0x01, 2 }, { "mul.d", 0x11, 0x02, 2 },
	{ "div.d", 0x11, 0x03, 2 }, { "sqrt.d", 0x11, 0x04, 1 },
	{ "add.s", 0x10, 0x00, 2 }, { "sub.s", 0x10, 0x01, 2 }, { "mul.s", 0x10, 0x02, 2 },
	{ "div.s", 0x10, 0x03, 2 }, { "sqrt.s", 0x10, 0x04, 1 },
};

/* A value of the format with unbiased exponent e (clamped to the format)
 * and a significand that is either short (few bits: exact products and
 * quotients by powers of two) or random. */
static uint64_t value(bool dbl, int e, bool shortsig)
{
	int bias = dbl ? 1023 : 127, fbits = dbl ? 52 : 23, emax = dbl ? 2046 : 254;
	uint64_t frac = (uint64_t)rng32() << 32 | rng32();
	frac &= ((uint64_t)1 << fbits) - 1;
	if (shortsig)
		frac &= (uint64_t)0x7 << (fbits - 3);
	int be = e + bias;
	if (be < 0)
		be = 0;
	if (be > emax)
		be = emax;
	uint64_t v = (uint64_t)be << fbits | frac;
	if (rng_below(2))
		v |= (uint64_t)1 << (dbl ? 63 : 31);
	return v;
}

/* Exponents of the operands for a result near 2^t. */
static void exps(const char *name, int t, int *ea, int *eb)
{
	int k = (int)rng_below(40) - 20;
	if (strncmp(name, "mul", 3) == 0) {
		*ea = t / 2 + k;
		*eb = t - *ea;
	} else if (strncmp(name, "div", 3) == 0) {
		*ea = t + k;
		*eb = k;
	} else if (strncmp(name, "sqrt", 4) == 0) {
		*ea = 2 * t;
		*eb = 0;
	} else {
		*ea = t;
		*eb = t + (int)rng_below(3) - 1;
	}
}

void g_fp_range(struct out *o)
{
	for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
		bool dbl = ops[i].fmt == 0x11;
		const int targets[] = { dbl ? -900 : -90, dbl ? -1018 : -122, dbl ? 1015 : 120 };
		for (size_t t = 0; t < ARRAY_LEN(targets); t++)
			for (int n = 0; n < 16; n++) {
				int ea, eb;
				exps(ops[i].name, targets[t] + (int)rng_below(25) - 12, &ea, &eb);
				struct mvec v;
				mv_init(&v);
				/* Round to nearest; every fourth vector traps on inexact,
				 * every eighth flushes tiny results (FS). */
				v.fcsr = (n % 4 == 3 ? 0x80u : 0) | (n % 8 == 5 ? 0x01000000u : 0);
				v.flags |= MP_FPU;
				v.fpr[2] = value(dbl, ea, n % 2 == 0);
				v.fpr[4] = ops[i].args == 2 ? value(dbl, eb, n % 2 == 0) : 0;
				if (ops[i].args == 1)
					v.fpr[2] &= dbl ? ~(1ull << 63) : ~(1ull << 31);
				v.fshow = ops[i].args == 2 ? 0x14 : 0x04;
				mv_code(&v, COP1(ops[i].fmt, ops[i].fn) | (ops[i].args == 2 ? 4u << 16 : 0) | 2u << 11 | 6u << 6,
					ops[i].name);
				mips_emit(o, &v);
			}
	}
}
