/* Random encodings from the whole ARM-state user-mode space, in the manner
 * of RISU: each vector is one 32-bit word drawn from the group's seed, run
 * on the real guest and on the subject alike; the pattern groups aim at
 * the instructions, this one at whatever they do not think of (the
 * encodings between them, undefined space, odd field values).
 *
 * Left out are the encodings that would leave the stub or make a run
 * depend on more than its inputs: branches, calls, SVC, anything that may
 * write the PC (Capstone's groups and written registers, a destination
 * field of 15, a write-back base of 15, LDM of the PC), RFE and SRS,
 * SETEND and MSR of the E bit (the exit code stores little-endian), and
 * the system and debug coprocessors 14 and 15 (thread and cycle
 * registers differ from run to run). Registers an instruction addresses
 * memory through point into the window, index registers hold small
 * offsets, the others edge or random values. */
#include "armv6.h"

enum { RANDOM_ARM_VECTORS = 3000 };

static int leaves_stub(uint32_t w)
{
	unsigned cond = w >> 28, op = w >> 25 & 7;
	if (cond == 0xf)
		return op == 4 || op == 5 || (w & 0xfffffdffu) == 0xf1010000u;
	if (op == 5 || (w >> 24 & 0xf) == 0xf || (w >> 12 & 0xf) == 0xf)
		return 1;
	if (op == 4 && (w & 1u << 20) && (w & 0x8000u))
		return 1;
	unsigned bx = w & 0x0ff000f0u;
	if (bx == 0x01200010u || bx == 0x01200020u || bx == 0x01200030u)
		return 1;
	int msr = (w & 0x0fb00000u) == 0x03200000u || (w & 0x0fb000f0u) == 0x01200000u;
	if (msr && (w & 1u << 17))
		return 1;
	return (op == 6 || op == 7) && (w >> 8 & 0xf) >= 14;
}

/* A window address with an offset a transfer of up to 64 bytes either
 * way keeps inside; sometimes unaligned. */
static uint32_t window_offset(void)
{
	uint32_t off = WIN_BASE + 4 * rng_below(65) - 128;
	return rng_below(4) ? off : off + 1 + rng_below(3);
}

void g_random_arm(struct out *o)
{
	for (int n = 0; n < RANDOM_ARM_VECTORS;) {
		uint32_t w = rng32();
		if (leaves_stub(w))
			continue;
		struct dis_arm_info info;
		unsigned id = dis_arm_info(w, 4, 0, &info);
		if (info.pc)
			continue;
		struct vec v;
		vec_init(&v, 0);
		for (int r = 0; r < 15; r++) {
			if (info.addr & 1u << r)
				vec_win(&v, r, window_offset(), 1);
			else if (info.index & 1u << r)
				vec_set(&v, r, rng_below(2) ? 4 * rng_below(64) : rng_below(256), 1);
			else if (info.regs & 1u << r)
				vec_set(&v, r, pick_operand(), 1);
		}
		if (vec_free_reg(&v) < 0)
			continue;
		vec_code(&v, w, 4, id ? dis_name(id) : NULL);
		emit_vec(o, &v);
		n++;
	}
}
