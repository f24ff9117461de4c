/* Building a vector: code under test, input registers, flags. */
#include <string.h>

#include "gen.h"

const char *const slot_sym[MAXSLOT] = {
	"@s0", "@s1", "@s2", "@s3", "@s4", "@s5", "@s6", "@s7",
};

void vec_init(struct vec *v, int thumb)
{
	memset(v, 0, sizeof *v);
	v->thumb = thumb;
	v->marker = -1;
	v->poke_off = -1;
	/* Registers that are not inputs hold a distinct known pattern. */
	for (int r = 0; r < 15; r++)
		v->reg[r] = 0xc0de0000u | (uint32_t)r << 8 | (uint32_t)r;
	/* VFP vectors likewise: S<k> holds fade<k><k> unless an input. */
	for (uint64_t s = 0; s < 32; s += 2)
		v->d[s / 2] = (0xfade0000u | (s + 1) << 8 | (s + 1)) << 32 | (0xfade0000u | s << 8 | s);
	/* Random flags: NZCVQ and GE (one draw per statement: C leaves the
	 * order of operand evaluation open, the output must not depend on it). */
	v->psr = rng32() & 0xf8000000u;
	v->psr |= rng32() & 0x000f0000u;
}

void vec_code(struct vec *v, uint32_t insn, int size, const char *expect)
{
	v->code[v->ncode] = insn;
	v->csize[v->ncode] = (uint8_t)size;
	v->expect[v->ncode] = expect;
	v->ncode++;
}

void vec_set(struct vec *v, int r, uint32_t val, int shown)
{
	v->reg[r] = val;
	v->sym[r] = NULL;
	v->used |= (uint16_t)(1u << r);
	if (shown)
		v->show |= (uint16_t)(1u << r);
}

void vec_win(struct vec *v, int r, uint32_t off, int shown)
{
	vec_set(v, r, off, shown);
	v->sym[r] = "isa_win";
	v->flags |= P_MEM;
}

/* The highest register the vector leaves alone: the exit code saves the
 * registers through it. */
int vec_free_reg(const struct vec *v)
{
	for (int r = 12; r >= 0; r--)
		if (!(v->used & (1u << r)) && r != v->marker)
			return r;
	return -1;
}

uint32_t arm_b(uint32_t from, uint32_t to, int link)
{
	uint32_t off = ((to - from - 8) >> 2) & 0xffffffu;
	return 0xea000000u | (link ? 0x01000000u : 0) | off;
}
