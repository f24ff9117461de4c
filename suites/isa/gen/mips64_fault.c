/* mips64 encodings whose outcome the kernel decides: FPU loads and stores
 * taking an address error (Linux hands them to its FPU emulator, which
 * reports its own signals), and multiply/divide/HI/LO encodings with
 * must-be-zero fields set. */
#include "mips64.h"

#define OP(o) ((uint32_t)(o) << 26)
#define X1(fn) (0x4c000000u | (fn))
#define SPC(fn) ((uint32_t)(fn))
#define SP2(fn) (0x70000000u | (fn))

/* Addresses of every kind an FPU access can take an address error at:
 * xsseg, xkphys, xkseg, ckseg (all at or above XKSSEG), xuseg beyond the
 * CPU's 42 segment bits, and, for contrast, unmapped user addresses below
 * them (no address error when aligned). */
static const uint64_t far_addrs[] = {
	0x4000000000000000ull, 0x4000000000001000ull, 0x7ffffffffffff000ull,
	0x8000000000000000ull, 0x9800000000010000ull, 0xc000000000000000ull,
	0xc000000000010008ull, 0xffffffff80000000ull, 0xfffffffffffff000ull,
	0x3ffffffffffff000ull, 0x0000040000000000ull, 0x0000020000000000ull,
	0x0000010000000000ull, 0x0000000000001000ull,
};

static const struct {
	const char *name;
	uint32_t bits;
	unsigned size;
	int indexed, store;
} fops[] = {
	{ "lwc1", OP(0x31), 4, 0, 0 }, { "ldc1", OP(0x35), 8, 0, 0 },
	{ "swc1", OP(0x39), 4, 0, 1 }, { "sdc1", OP(0x3d), 8, 0, 1 },
	{ "lwxc1", X1(0x00), 4, 1, 0 }, { "ldxc1", X1(0x01), 8, 1, 0 },
	{ "luxc1", X1(0x05), 8, 1, 0 }, { "swxc1", X1(0x08), 4, 1, 1 },
	{ "sdxc1", X1(0x09), 8, 1, 1 }, { "suxc1", X1(0x0d), 8, 1, 1 },
};

/* One access of fops[i] at sym + at: base + offset, or base + index (the
 * base takes the address half the time, the index the other half). */
static void faccess(struct out *o, size_t i, const char *sym, uint64_t at)
{
	struct mvec v;
	mv_init(&v);
	v.flags |= MP_FPU;
	v.fcsr = pick_fcsr(0);
	int fr = 1 + (int)rng_below(31);
	v.fpr[fr] = pick_fp(fops[i].size == 4 ? FM_S : FM_D);
	v.fshow = 1u << fr;
	v.used |= 1u << 8;  /* COP1X base never $8 (K_FR) */
	int b = mv_reg(&v);
	v.used &= ~(1u << 8);
	uint32_t insn = fops[i].bits | (uint32_t)b << 21;
	uint64_t off = fops[i].indexed ? 0 : (uint64_t)(int64_t)(int16_t)(rng_below(3) ? 0 : 8 * rng_below(64) - 256);
	if (fops[i].indexed) {
		int x = mv_reg(&v);
		uint64_t part = rng_below(2) ? 0 : 8 * rng_below(64);
		int hold = rng_below(2) ? b : x;
		mv_set(&v, b, 0, 1);
		mv_set(&v, x, 0, 1);
		v.gpr[hold] = at - part;
		v.sym[hold] = sym;
		v.gpr[hold == b ? x : b] = part;
		insn |= (uint32_t)x << 16 | (uint32_t)fr << (fops[i].store ? 11 : 6);
	} else {
		mv_set(&v, b, at - off, 1);
		v.sym[b] = sym;
		insn |= (uint32_t)fr << 16 | (uint32_t)(off & 0xffff);
	}
	mv_code(&v, insn, fops[i].indexed ? NULL : fops[i].name);
	mips_emit(o, &v);
}

void g_fp_adr(struct out *o)
{
	for (size_t i = 0; i < ARRAY_LEN(fops); i++) {
		for (size_t k = 0; k < ARRAY_LEN(far_addrs); k++)
			faccess(o, i, NULL, far_addrs[k]);
		/* misaligned far addresses */
		for (int k = 0; k < 3; k++)
			faccess(o, i, NULL, far_addrs[rng_below(ARRAY_LEN(far_addrs))] + 1 + rng_below(7));
		/* misaligned and unmapped, misaligned in the read-only code
		 * (a load completes, a store faults), aligned in the code */
		faccess(o, i, NULL, 0x1002);
		faccess(o, i, NULL, 0x10000004ull + rng_below(4));
		faccess(o, i, "@i", 1 + rng_below(7));
		faccess(o, i, "@i", 2);
		faccess(o, i, "@i", 0);
	}
}

/* Must-be-zero fields: each field alone, with a value whose low two bits
 * are clear (4, 8, 16: an accumulator number of 0 where the DSP ASE would
 * read one) or not, then several fields at once. */
static const struct {
	const char *name;
	uint32_t bits;
	uint32_t mbz;     /* the must-be-zero fields, as a mask */
	int rd, rs, rt;   /* operand fields used: destination rd, sources rs, rt */
} mbz_ops[] = {
	{ "mfhi", SPC(0x10), 0x03ff07c0u, 1, 0, 0 }, { "mflo", SPC(0x12), 0x03ff07c0u, 1, 0, 0 },
	{ "mthi", SPC(0x11), 0x001fffc0u, 0, 1, 0 }, { "mtlo", SPC(0x13), 0x001fffc0u, 0, 1, 0 },
	{ "mult", SPC(0x18), 0x0000ffc0u, 0, 1, 1 }, { "multu", SPC(0x19), 0x0000ffc0u, 0, 1, 1 },
	{ "div", SPC(0x1a), 0x0000ffc0u, 0, 1, 1 }, { "divu", SPC(0x1b), 0x0000ffc0u, 0, 1, 1 },
	{ "dmult", SPC(0x1c), 0x0000ffc0u, 0, 1, 1 }, { "dmultu", SPC(0x1d), 0x0000ffc0u, 0, 1, 1 },
	{ "ddiv", SPC(0x1e), 0x0000ffc0u, 0, 1, 1 }, { "ddivu", SPC(0x1f), 0x0000ffc0u, 0, 1, 1 },
	{ "madd", SP2(0x00), 0x0000ffc0u, 0, 1, 1 }, { "maddu", SP2(0x01), 0x0000ffc0u, 0, 1, 1 },
	{ "msub", SP2(0x04), 0x0000ffc0u, 0, 1, 1 }, { "msubu", SP2(0x05), 0x0000ffc0u, 0, 1, 1 },
};

static const struct { uint32_t lsb, width; } fields[] = { { 21, 5 }, { 16, 5 }, { 11, 5 }, { 6, 5 } };

static void mbz_one(struct out *o, size_t i, uint32_t extra)
{
	struct mvec v;
	mv_init(&v);
	v.flags |= MP_HILO;
	v.hi = pick_s32();
	v.lo = pick_s32();
	uint32_t insn = mbz_ops[i].bits | extra;
	if (mbz_ops[i].rd)
		insn |= (uint32_t)mv_reg(&v) << 11;
	if (mbz_ops[i].rs) {
		int r = mv_reg(&v);
		mv_set(&v, r, pick_s32(), 1);
		insn |= (uint32_t)r << 21;
	}
	if (mbz_ops[i].rt) {
		int r = mv_reg(&v);
		mv_set(&v, r, rng_below(2) ? pick_s32() : pick64(), 1);
		insn |= (uint32_t)r << 16;
	}
	mv_code(&v, insn, NULL);
	mips_emit(o, &v);
}

void g_mbz(struct out *o)
{
	static const uint32_t vals[] = { 1, 2, 3, 4, 8, 16, 31 };
	for (size_t i = 0; i < ARRAY_LEN(mbz_ops); i++) {
		mbz_one(o, i, 0);
		for (size_t f = 0; f < ARRAY_LEN(fields); f++) {
			uint32_t mask = ((1u << fields[f].width) - 1) << fields[f].lsb;
			if ((mask & mbz_ops[i].mbz) != mask)
				continue;
			for (size_t k = 0; k < ARRAY_LEN(vals); k++)
				mbz_one(o, i, vals[k] << fields[f].lsb);
		}
		for (int k = 0; k < 6; k++)
			mbz_one(o, i, rng32() & mbz_ops[i].mbz);
	}
}
