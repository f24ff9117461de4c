/* Random encodings from the whole MIPS64 user-mode space, in the manner
 * of RISU (see armv6_random.c): one 32-bit word per vector, drawn from the
 * group's seed, run on the real guest and on the subject alike.
 *
 * Left out are the encodings that would leave the stub or depend on more
 * than the vector's inputs: jumps and branches (their delay slots belong
 * to the branch groups), JALX, SYSCALL, SDBBP (the CPU enters EJTAG debug
 * mode, outside the kernel: the guest hangs), RDHWR of the cycle counter, and
 * any register field naming k0 or k1 (the kernel changes them at any
 * interrupt). Every register a field names is an input; a load or
 * store gets a small offset (within 256 bytes) and a base that makes
 * base plus offset land in the window, an index register a small value.
 * The guest's kernel randomizes where the heap starts, so no access may
 * stray past the window into it. */
#include "mips64.h"

enum { RANDOM_MIPS_VECTORS = 6500 };

static int leaves_stub(uint32_t w)
{
	unsigned op = w >> 26, rs = w >> 21 & 31, rt = w >> 16 & 31, rd = w >> 11 & 31, fn = w & 63;
	if (rs == 26 || rs == 27 || rt == 26 || rt == 27 || rd == 26 || rd == 27)
		return 1;
	switch (op) {
	case 0x00: return fn == 0x08 || fn == 0x09 || fn == 0x0c;        /* JR JALR SYSCALL */
	case 0x01: return rt <= 3 || (rt >= 16 && rt <= 19) || rt == 28 || rt == 29;
	case 0x02: case 0x03: case 0x1d: return 1;                       /* J JAL JALX */
	case 0x11: return rs >= 8 && rs <= 10;                           /* BC1, BC1ANY2/4 */
	case 0x1c: return fn == 0x3f;                                    /* SDBBP */
	case 0x1f: return fn == 0x3b && rd == 2;                         /* RDHWR $2 */
	default: return (op >= 0x04 && op <= 0x07) || (op >= 0x14 && op <= 0x17);
	}
}

static int is_memory(uint32_t w)
{
	unsigned op = w >> 26;
	return op == 0x1a || op == 0x1b || op >= 0x20 || (op == 0x01 && (w >> 16 & 31) == 31);
}

static int is_indexed(uint32_t w)
{
	unsigned fn = w & 63;
	return w >> 26 == 0x13 && (fn <= 0x0f);
}

int mips_random_ok(uint32_t w) { return !leaves_stub(w); }

/* One vector of word w with the group's rules: 1, or 0 when w is left out
 * because it may leave the stub. A memory access's offset is replaced;
 * *emitted gets the word run. probe_mips (mips64_probe.c) uses it too. */
int mips_random_vector(struct out *o, uint32_t w, uint32_t *emitted)
{
	if (leaves_stub(w))
		return 0;
	unsigned op = w >> 26, rs = w >> 21 & 31, rt = w >> 16 & 31, rd = w >> 11 & 31;
	/* A small offset keeps the base itself near the window: one far
	 * from it may read as thread-pointer relative under one kernel's
	 * heap placement and not the other's. */
	if (is_memory(w) && !is_indexed(w) && op != 0x01)
		w = (w & 0xffff0000u) | (((rng32() & 0x1ffu) - 0x100u) & 0xffffu);
	struct mvec v;
	mv_init(&v);
	int fields[3] = { (int)rs, (int)rt, (int)rd };
	for (int i = 0; i < 3; i++)
		if (fields[i])
			mv_set(&v, fields[i], pick64(), 1);
	int64_t at = WIN_BASE + 8 * (int64_t)rng_below(33) - 128;
	if (rng_below(4) == 0)
		at += 1 + rng_below(7);
	if (is_indexed(w)) {
		int64_t idx = rng_below(0x100);
		if (rt)
			mv_set(&v, (int)rt, (uint64_t)idx, 1);
		if (rs)
			mv_win(&v, (int)rs, at - (rt ? idx : 0));
	} else if (is_memory(w) && rs) {
		int64_t off = (int16_t)(w & 0xffff);
		if (op == 0x01)
			off = 0;
		mv_win(&v, (int)rs, at - off);
	}
	if (op == 0x11 || op == 0x13) {
		unsigned fr[4] = { rs, rt, rd, w >> 6 & 31 };
		for (int i = 0; i < 4; i++) {
			v.fpr[fr[i]] = pick_fp(FM_S + (int)rng_below(4));
			v.fshow |= 1u << fr[i];
		}
		v.fcsr = pick_fcsr(MP_FEN | MP_FCC);
		v.flags |= MP_FPU;
	}
	if ((op == 0x00 && (w & 0x30u) == 0x10u) || op == 0x1c) {
		v.hi = pick_s32();
		v.lo = pick_s32();
		v.flags |= MP_HILO;
	}
	char text[96];
	unsigned id = dis_mips(w, M_CODE_BASE, text, sizeof text);
	mv_code(&v, w, id ? dis_name(id) : NULL);
	mips_emit(o, &v);
	*emitted = w;
	return 1;
}

void g_random_mips(struct out *o)
{
	uint32_t w;
	for (int n = 0; n < RANDOM_MIPS_VECTORS;)
		n += mips_random_vector(o, rng32(), &w);
}
