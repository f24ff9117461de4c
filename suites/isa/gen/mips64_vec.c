/* Building a mips64 vector: registers, operand values, FCSR. */
#include <string.h>

#include "mips64.h"

/* $0 is fixed, k0/k1 ($26, $27) belong to the kernel: an interrupt may
 * change them at any time, so no vector uses them. */
#define GPR_OK 0xf3fffffeu

void mv_init(struct mvec *v)
{
	memset(v, 0, sizeof *v);
	v->marker = -1;
	v->jslot = -1;
	for (int r = 0; r < NGPR; r++)
		v->gpr[r] = r ? 0xc0dec0de00000000ull | (uint64_t)r << 8 | (uint64_t)r : 0;
	for (int r = 0; r < 32; r++)
		v->fpr[r] = 0xf0def0de00000000ull | (uint64_t)r << 8 | (uint64_t)r;
	v->hi = 0x4848484848484848ull;
	v->lo = 0x4c4c4c4c4c4c4c4cull;
	v->used = ~GPR_OK;
}

void mv_code(struct mvec *v, uint32_t insn, const char *expect)
{
	v->code[v->ncode] = insn;
	v->expect[v->ncode] = expect;
	v->ncode++;
}

void mv_set(struct mvec *v, int r, uint64_t val, int shown)
{
	v->gpr[r] = val;
	v->sym[r] = NULL;
	v->used |= 1u << r;
	if (shown)
		v->show |= 1u << r;
}

void mv_win(struct mvec *v, int r, int64_t off)
{
	mv_set(v, r, (uint64_t)off, 1);
	v->sym[r] = "isa_win";
	v->flags |= P_MEM;
}

int mv_reg(struct mvec *v)
{
	int free[NGPR], n = 0;
	for (int r = 1; r < NGPR; r++)
		if (!(v->used & (1u << r)))
			free[n++] = r;
	if (!n)
		return -1;
	int r = free[rng_below((uint32_t)n)];
	v->used |= 1u << r;
	return r;
}

static const uint64_t edges64[] = {
	0, 1, 2, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
	0xfffffffffffffffeull, 0x00000000ffffffffull, 0x0000000080000000ull,
	0x000000007fffffffull, 0x0000000100000000ull, 0xffffffff00000000ull,
	0x8000000000000001ull, 0x0123456789abcdefull, 0xfedcba9876543210ull,
	0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull, 0x00000000ffff8000ull,
	0xffffffff80000000ull, 0x7fffffff00000000ull,
};

uint64_t pick64(void)
{
	switch (rng_below(6)) {
	case 0: case 1:
		return edges64[rng_below(ARRAY_LEN(edges64))];
	case 2:
		return pick_s32();
	case 3: {
		uint64_t hi = rng32();
		return hi << 32 | rng32();
	}
	default: {
		uint64_t hi = pick_operand();
		return hi << 32 | pick_operand();
	}
	}
}

uint64_t pick_s32(void)
{
	return (uint64_t)(int64_t)(int32_t)pick_operand();
}

static const uint32_t edges_s[] = {
	0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
	0x7fc00000, 0x7fa00000, 0xffc00000, 0x00000001, 0x807fffff, 0x00800000,
	0x7f7fffff, 0x3f000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x4f000000,
	0xcf000000, 0x5f000000, 0xdf000000, 0x4effffff, 0x40490fdb, 0x3eaaaaab,
	0x00400000, 0x4b400001,
};

static const uint64_t edges_d[] = {
	0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
	0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
	0x7ff4000000000000ull, 0xfff8000000000000ull, 0x0000000000000001ull,
	0x800fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull,
	0x3fe0000000000000ull, 0x3ff8000000000000ull, 0x4004000000000000ull,
	0xc004000000000000ull, 0x41e0000000000000ull, 0xc1e0000000000000ull,
	0x43e0000000000000ull, 0xc3e0000000000000ull, 0x41dfffffffc00000ull,
	0x400921fb54442d18ull, 0x3fd5555555555555ull, 0x0008000000000000ull,
	0x4330000000000001ull, 0x3ff0000000000001ull, 0x36a0000000000000ull,
};

/* A random finite value of moderate exponent, so arithmetic mostly stays
 * normal and rounding matters. */
static uint64_t moderate_d(void)
{
	uint64_t m = (uint64_t)rng32() << 20 ^ rng32();
	uint64_t e = 1023 - 40 + rng_below(80);
	return (uint64_t)(rng32() & 1) << 63 | e << 52 | (m & 0xfffffffffffffull);
}

static uint32_t moderate_s(void)
{
	uint32_t e = 127 - 20 + rng_below(40);
	return (rng32() & 0x80000000u) | e << 23 | (rng32() & 0x7fffffu);
}

/* Singles live in the low word (FR=1); the high word is a known filler. */
uint64_t pick_fp(int fmt)
{
	uint32_t r = rng_below(8);
	switch (fmt) {
	case FM_S:
		return 0x5151515100000000ull |
		       (r < 3 ? edges_s[rng_below(ARRAY_LEN(edges_s))] : r < 7 ? moderate_s() : rng32());
	case FM_D:
		if (r < 3)
			return edges_d[rng_below(ARRAY_LEN(edges_d))];
		if (r < 7)
			return moderate_d();
		return (uint64_t)rng32() << 32 | rng32();
	case FM_W:
		return 0x5757575700000000ull | (uint32_t)pick_operand();
	case FM_PS: {  /* two singles: upper and lower */
		uint64_t hi = pick_fp(FM_S);
		return hi << 32 | (uint32_t)pick_fp(FM_S);
	}
	default:
		return pick64();
	}
}

/* Rounding mode, sticky flags and FS random; cause bits clear (CTC1 with a
 * cause bit whose enable is set traps at once); enables only when asked. */
uint32_t pick_fcsr(unsigned flags)
{
	uint32_t f = rng32() & 3u;
	if (rng_below(4) == 0)
		f |= rng32() & 0x7cu;
	if ((flags & MP_FEN) && rng_below(3) == 0)
		f |= rng32() & 0xf80u;
	if (rng_below(8) == 0)
		f |= 1u << 24;
	if (flags & MP_FCC)
		f |= (rng32() & 0xfe800000u);
	return f;
}
