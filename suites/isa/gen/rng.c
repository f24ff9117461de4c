/* Deterministic operand choice: a fixed-seed generator per group (the seed
 * is derived from the group name, so adding a group leaves the others'
 * vectors unchanged), edge values first-class. */
#include "gen.h"

static uint64_t state;

void rng_seed(const char *name)
{
	/* FNV-1a of the name mixed into a fixed seed. */
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 0x100000001b3ull;
	state = h ^ 0x6d696d6963697361ull;
}

uint32_t rng32(void)
{
	/* splitmix64 */
	uint64_t z = (state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (uint32_t)((z ^ (z >> 31)) >> 32);
}

uint32_t rng_below(uint32_t n)
{
	return n ? rng32() % n : 0;
}

static const uint32_t edges[] = {
	0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x8000, 0x7fff,
	0xffff, 0x10000, 0xff, 0x80, 0x7f, 0x100, 0x80008000, 0x7fff7fff,
	0xffff0000, 0x0000ffff, 0x80808080, 0x7f7f7f7f, 0x01020304, 0xff00ff00,
	0x00ff00ff, 0x55555555, 0xaaaaaaaa, 0xfffffff0, 0x80000001, 0x00007ffe,
	0x7ffe8001, 0xff7f80ff, 0x12345678,
};

uint32_t pick_operand(void)
{
	switch (rng_below(8)) {
	case 0: case 1: case 2:
		return edges[rng_below(ARRAY_LEN(edges))];
	case 3: /* small signed */
		return (uint32_t)(int32_t)(int8_t)rng32();
	case 4: /* byte pattern */
		return 0x01010101u * (rng32() & 0xff);
	default:
		return rng32();
	}
}

static const uint32_t shift_edges[] = {
	0, 1, 2, 31, 32, 33, 255, 256, 257, 0x11f, 0xffffff20, 0x80, 0x40, 16, 30,
};

uint32_t pick_shift_reg(void)
{
	if (rng_below(4) == 0)
		return rng32();
	if (rng_below(3) == 0) {
		uint32_t high = rng32() & ~0xffu;
		return high | rng_below(40);
	}
	return shift_edges[rng_below(ARRAY_LEN(shift_edges))];
}

uint32_t pick_imm(unsigned width)
{
	uint32_t max = width >= 32 ? 0xffffffffu : (1u << width) - 1;
	switch (rng_below(6)) {
	case 0: return 0;
	case 1: return 1 & max;
	case 2: return max;
	case 3: return max >> 1;
	case 4: return (max >> 1) + 1;
	default: return rng32() & max;
	}
}
