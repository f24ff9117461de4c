/* probe_mips: one vector per mnemonic Capstone finds in the MIPS64
 * encoding space, so the real guest says which of them its CPU runs (no
 * SIGILL: user mode on MIPS64R2-generic, FPU included) and harness/coverage
 * can list the user-mode mnemonics no other group tests.
 *
 * Every combination of the opcode, rs (COP1's fmt) and function fields,
 * times seeded fillers of rt (REGIMM's and BC1's selector), rd and sa,
 * each zero or random (some functions need rt, rd or sa zero; SPECIAL3's
 * BSHFL selects by sa). A mnemonic's representative is the encoding a
 * pattern group runs, else its first encoding found, that the random
 * group's rules let run (mips_random_vector); one without any is noted
 * with the reason. */
#include <string.h>

#include "mips64.h"

enum { FILLERS = 8 };

struct rep {
	uint32_t any, safe;
	int have, have_safe;
};

static struct rep reps[MNEMONICS_MAX];

void g_probe_mips(struct out *o)
{
	for (uint32_t op = 0; op < 64; op++)
		for (uint32_t rs = 0; rs < 32; rs++)
			for (uint32_t fn = 0; fn < 64; fn++)
				for (int k = 0; k < FILLERS; k++) {
					uint32_t rt = rng_below(4) ? rng_below(32) : 0;
					uint32_t mid = rng_below(2) ? rng32() & 0xffc0u : 0;
					uint32_t w = op << 26 | rs << 21 | rt << 16 | mid | fn;
					char text[96];
					unsigned id = dis_mips(w, M_CODE_BASE, text, sizeof text);
					if (!id || id >= ARRAY_LEN(reps) || reps[id].have_safe)
						continue;
					if (!reps[id].have) {
						reps[id].have = 1;
						reps[id].any = w;
					}
					if (mips_random_ok(w)) {
						reps[id].have_safe = 1;
						reps[id].safe = w;
					}
				}
	for (unsigned id = 1; id < ARRAY_LEN(reps); id++) {
		struct rep *r = &reps[id];
		uint32_t run, k;
		if (r->have && probe_known(id, 0, &k) && mips_random_ok(k))
			r->safe = k, r->have_safe = 1;
		if (r->have_safe && mips_random_vector(o, r->safe, &run))
			probe_note("mips", dis_name(id), run, NULL);
		else if (r->have)
			probe_note("mips", dis_name(id), r->any, "leaves-stub");
	}
	memset(reps, 0, sizeof reps);
}
