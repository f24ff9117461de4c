/* mips64 loads and stores: every width, the partial-word (left/right)
 * forms, unaligned accesses (the kernel may fix them up) and LL/SC. The
 * base register points into the window (win+0x1000, sometimes unaligned). */
#include "mips64.h"

#define OP(o)  ((uint32_t)(o) << 26)
#define BASE   FLD(K_BASE, 21, 5)
#define RT(k)  FLD(k, 16, 5)
#define OFF    FLD(K_OFF, 0, 16)

static const struct pattern load[] = {
	{ "lb", "lb", OP(0x20), P_MEM, 0, 1, 40, { RT(K_GD), BASE, OFF } },
	{ "lbu", "lbu", OP(0x24), P_MEM, 0, 1, 40, { RT(K_GD), BASE, OFF } },
	{ "lh", "lh", OP(0x21), P_MEM, 0, 2, 40, { RT(K_GD), BASE, OFF } },
	{ "lhu", "lhu", OP(0x25), P_MEM, 0, 2, 40, { RT(K_GD), BASE, OFF } },
	{ "lw", "lw", OP(0x23), P_MEM, 0, 4, 40, { RT(K_GD), BASE, OFF } },
	{ "lwu", "lwu", OP(0x27), P_MEM, 0, 4, 40, { RT(K_GD), BASE, OFF } },
	{ "ld", "ld", OP(0x37), P_MEM, 0, 8, 40, { RT(K_GD), BASE, OFF } },
};

static const struct pattern store[] = {
	{ "sb", "sb", OP(0x28), P_MEM, 0, 1, 50, { RT(K_G64), BASE, OFF } },
	{ "sh", "sh", OP(0x29), P_MEM, 0, 2, 50, { RT(K_G64), BASE, OFF } },
	{ "sw", "sw", OP(0x2b), P_MEM, 0, 4, 50, { RT(K_G64), BASE, OFF } },
	{ "sd", "sd", OP(0x3f), P_MEM, 0, 8, 50, { RT(K_G64), BASE, OFF } },
};

/* Any byte offset: these merge part of a word into the register or
 * write part of it to memory. */
static const struct pattern lwlr[] = {
	{ "lwl", "lwl", OP(0x22), P_MEM | P_UNAL, 0, 1, 40, { RT(K_GDS), BASE, OFF } },
	{ "lwr", "lwr", OP(0x26), P_MEM | P_UNAL, 0, 1, 40, { RT(K_GDS), BASE, OFF } },
	{ "ldl", "ldl", OP(0x1a), P_MEM | P_UNAL, 0, 1, 40, { RT(K_GDS), BASE, OFF } },
	{ "ldr", "ldr", OP(0x1b), P_MEM | P_UNAL, 0, 1, 40, { RT(K_GDS), BASE, OFF } },
	{ "swl", "swl", OP(0x2a), P_MEM | P_UNAL, 0, 1, 40, { RT(K_G64), BASE, OFF } },
	{ "swr", "swr", OP(0x2e), P_MEM | P_UNAL, 0, 1, 40, { RT(K_G64), BASE, OFF } },
	{ "sdl", "sdl", OP(0x2c), P_MEM | P_UNAL, 0, 1, 40, { RT(K_G64), BASE, OFF } },
	{ "sdr", "sdr", OP(0x2d), P_MEM | P_UNAL, 0, 1, 40, { RT(K_G64), BASE, OFF } },
};

/* Plain accesses at unaligned addresses: address error, which Linux
 * fixes up for user space (or SIGBUS): the baseline says which. */
static const struct pattern unaligned[] = {
	{ "lh", "lh", OP(0x21), P_MEM | P_UNAL, 0, 2, 30, { RT(K_GD), BASE, OFF } },
	{ "lhu", "lhu", OP(0x25), P_MEM | P_UNAL, 0, 2, 30, { RT(K_GD), BASE, OFF } },
	{ "lw", "lw", OP(0x23), P_MEM | P_UNAL, 0, 4, 30, { RT(K_GD), BASE, OFF } },
	{ "lwu", "lwu", OP(0x27), P_MEM | P_UNAL, 0, 4, 30, { RT(K_GD), BASE, OFF } },
	{ "ld", "ld", OP(0x37), P_MEM | P_UNAL, 0, 8, 30, { RT(K_GD), BASE, OFF } },
	{ "sh", "sh", OP(0x29), P_MEM | P_UNAL, 0, 2, 30, { RT(K_G64), BASE, OFF } },
	{ "sw", "sw", OP(0x2b), P_MEM | P_UNAL, 0, 4, 30, { RT(K_G64), BASE, OFF } },
	{ "sd", "sd", OP(0x3f), P_MEM | P_UNAL, 0, 8, 30, { RT(K_G64), BASE, OFF } },
};

void g_load(struct out *o) { mips_patterns(o, load, ARRAY_LEN(load)); }
void g_store(struct out *o) { mips_patterns(o, store, ARRAY_LEN(store)); }

/* Single left/right forms, then the usual pairs that load or store an
 * unaligned word or doubleword (both orders of the pair, so each byte
 * order sees its own idiom and the other's). */
void g_lwlr(struct out *o)
{
	mips_patterns(o, lwlr, ARRAY_LEN(lwlr));
	static const struct { uint32_t a, b; int span; const char *na, *nb; } pairs[] = {
		{ 0x22, 0x26, 3, "lwl", "lwr" }, { 0x26, 0x22, 3, "lwr", "lwl" },
		{ 0x1a, 0x1b, 7, "ldl", "ldr" }, { 0x1b, 0x1a, 7, "ldr", "ldl" },
		{ 0x2a, 0x2e, 3, "swl", "swr" }, { 0x2e, 0x2a, 3, "swr", "swl" },
		{ 0x2c, 0x2d, 7, "sdl", "sdr" }, { 0x2d, 0x2c, 7, "sdr", "sdl" },
	};
	for (size_t i = 0; i < ARRAY_LEN(pairs); i++)
		for (int n = 0; n < 25; n++) {
			struct mvec v;
			mv_init(&v);
			int rt = mv_reg(&v), b = mv_reg(&v);
			mv_set(&v, rt, pick64(), 1);
			mv_win(&v, b, WIN_BASE);
			uint32_t off = rng_below(0x800);
			mv_code(&v, OP(pairs[i].a) | (uint32_t)b << 21 | (uint32_t)rt << 16 | off, pairs[i].na);
			mv_code(&v, OP(pairs[i].b) | (uint32_t)b << 21 | (uint32_t)rt << 16 |
				    (off + (uint32_t)pairs[i].span), pairs[i].nb);
			mips_emit(o, &v);
		}
}

void g_unaligned(struct out *o) { mips_patterns(o, unaligned, ARRAY_LEN(unaligned)); }

/* LL then SC on the same word, with an update between (the usual atomic
 * increment): SC writes 1 and the new value. Sometimes the base is
 * unaligned (address error: no fix-up for LL/SC) or SC's word differs. */
void g_llsc(struct out *o)
{
	static const struct { uint32_t ll, sc, add; int size; const char *nl, *ns, *na; } kinds[] = {
		{ 0x30, 0x38, 0x09, 4, "ll", "sc", "addiu" },
		{ 0x34, 0x3c, 0x19, 8, "lld", "scd", "daddiu" },
	};
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		for (int n = 0; n < 80; n++) {
			struct mvec v;
			mv_init(&v);
			int rt = mv_reg(&v), rs = mv_reg(&v), b = mv_reg(&v);
			int size = kinds[i].size;
			uint32_t off = (rng_below(0x800) & (uint32_t)-size);
			uint32_t off2 = rng_below(4) == 0 ? off + (uint32_t)size : off;
			int64_t at = WIN_BASE + (rng_below(8) == 0 ? 1 + rng_below((uint32_t)size - 1) : 0);
			mv_win(&v, b, at);
			mv_code(&v, OP(kinds[i].ll) | (uint32_t)b << 21 | (uint32_t)rt << 16 | off, kinds[i].nl);
			mv_code(&v, OP(kinds[i].add) | (uint32_t)rt << 21 | (uint32_t)rs << 16 | pick_imm(16),
				kinds[i].na);
			mv_code(&v, OP(kinds[i].sc) | (uint32_t)b << 21 | (uint32_t)rs << 16 | off2, kinds[i].ns);
			mips_emit(o, &v);
		}
}
