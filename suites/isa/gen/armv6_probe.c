/* probe_arm, probe_thumb: one vector per mnemonic Capstone finds in the
 * encoding space, so the real guest says which of them its CPU runs (no
 * SIGILL: a user-mode instruction of the ARM1176) and harness/coverage can
 * list the user-mode mnemonics no other group tests.
 *
 * ARM: every value of bits 27:20 and 7:4 (the decoding fields), with the
 * condition AL and the unconditional space, times fillers of the other
 * nibbles: every combination of the values fixed fields take (0, 1, 0xa
 * and 0xb for the VFP coprocessors, 0xf for should-be-one fields, the
 * hint numbers), then seeded random ones. Conditions are folded, as
 * Capstone's ids fold them. Thumb: every 16-bit word, and a sample of the
 * BL/BLX pairs (ARMv6 has no other 32-bit Thumb encodings). A mnemonic's
 * representative is the encoding a pattern group runs, else its first
 * encoding found, that the random group's rules let run
 * (arm_random_vector); one without any is noted with the reason.
 */
#include <string.h>

#include "armv6.h"

enum { RANDOM_FILLERS = 64, BL_PAIRS = 64 };

struct rep {
	uint32_t any, safe;
	int have, have_safe;
	const char *why;
};

static struct rep reps[MNEMONICS_MAX];

static void consider(uint32_t w, int size, int thumb)
{
	char text[96];
	unsigned id = dis(w, size, thumb, text, sizeof text);
	if (!id || id >= ARRAY_LEN(reps) || reps[id].have_safe)
		return;
	struct rep *r = &reps[id];
	if (!r->have) {
		r->have = 1;
		r->any = w;
	}
	int ok = size == 2 || !thumb ? arm_random_ok(w, thumb) : 0;
	if (ok > 0) {
		r->have_safe = 1;
		r->safe = w;
	} else if (!r->why || ok < 0) {
		r->why = ok < 0 ? "all-registers" : "leaves-stub";
	}
}

/* Filler nibbles: bits 19:16, 15:12, 11:8, 3:0. Every combination of the
 * values fixed fields take (SBO 0xf, coprocessors 10 and 11, the hint
 * numbers in bits 3:0), then random ones. */
static const uint8_t fix0[] = { 0x0, 0x1, 0xf }, fix1[] = { 0x0, 0xf }, fix2[] = { 0x0, 0xa, 0xb, 0xf },
		     fix3[] = { 0x0, 0x1, 0x2, 0x3, 0x4, 0xf };

static void fill(uint32_t base)
{
	for (size_t a = 0; a < sizeof fix0; a++)
		for (size_t b = 0; b < sizeof fix1; b++)
			for (size_t c = 0; c < sizeof fix2; c++)
				for (size_t d = 0; d < sizeof fix3; d++)
					consider(base | (uint32_t)fix0[a] << 16 | (uint32_t)fix1[b] << 12 |
							 (uint32_t)fix2[c] << 8 | fix3[d], 4, 0);
	for (int k = 0; k < RANDOM_FILLERS; k++)
		consider(base | (rng32() & 0x000fff0fu), 4, 0);
}

static void emit_reps(struct out *o, int thumb)
{
	const char *state = thumb ? "thumb" : "arm";
	for (unsigned id = 1; id < ARRAY_LEN(reps); id++) {
		struct rep *r = &reps[id];
		if (!r->have)
			continue;
		uint32_t k;
		if (probe_known(id, thumb, &k) && arm_random_ok(k, thumb) > 0)
			r->safe = k, r->have_safe = 1;
		if (r->have_safe && arm_random_vector(o, r->safe, thumb, 1) > 0)
			probe_note(state, dis_name(id), r->safe, NULL);
		else
			probe_note(state, dis_name(id), r->any, r->why ? r->why : "leaves-stub");
	}
	memset(reps, 0, sizeof reps);
}

void g_probe_arm(struct out *o)
{
	for (uint32_t top = 0xe; top <= 0xf; top++)
		for (uint32_t hi = 0; hi < 256; hi++)
			for (uint32_t lo = 0; lo < 16; lo++)
				fill(top << 28 | hi << 20 | lo << 4);
	emit_reps(o, 0);
}

void g_probe_thumb(struct out *o)
{
	for (uint32_t h = 0; h < 0x10000u; h++)
		consider(h, 2, 1);
	for (int k = 0; k < BL_PAIRS; k++) {
		uint32_t first = 0xf000u | rng_below(0x800);
		uint32_t second = (k & 1 ? 0xf800u : 0xe800u) | (rng_below(0x800) & ~1u);
		consider(first << 16 | second, 4, 1);
	}
	emit_reps(o, 1);
}
