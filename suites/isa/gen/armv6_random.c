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
 * registers differ from run to run), and coprocessors 8 and 9: the
 * reference guest's CPU model (QEMU's ARM1176) decodes cp9 transfers as
 * the half-precision VLDR/VSTR of ARMv8.2, which the ARM1176 does not
 * have, so no baseline of them would be the hardware's.
 *
 * Registers an instruction addresses memory through point into the
 * window; an index register holds a value its shift brings within 1 KiB,
 * so every access lands in the window, in the program's code and data
 * below it, or far from anything mapped: never in the heap, whose start
 * the guest's kernel randomizes. The other registers hold edge or random
 * values. */
#include "armv6.h"

enum { RANDOM_ARM_VECTORS = 10000, RANDOM_THUMB_VECTORS = 4000 };

/* exact: the probe groups' reading. The random group (recorded so) also
 * leaves out the media space with a field of 15 in bits 15:12 or 19:16
 * (there Ra or an SBO field, not Rd or a base: REV, SXTB, SMMUL have no
 * form without it) and the hints (bits 15:12 SBO); Capstone's detail
 * still catches a PC written there. */
static int leaves_stub(uint32_t w, int exact)
{
	unsigned cond = w >> 28, op = w >> 25 & 7;
	if (cond == 0xf)
		return op == 4 || op == 5 || (w & 0xfffffdffu) == 0xf1010000u;
	if (exact && ((op == 3 && (w & 0x10u)) || (w & 0x0fffff00u) == 0x0320f000u))
		return 0;
	if (op == 5 || (w >> 24 & 0xf) == 0xf || (w >> 12 & 0xf) == 0xf)
		return 1;
	if (op == 4 && (w & 1u << 20) && (w & 0x8000u))
		return 1;
	/* A base of 15 written back (post-indexed, or W): a jump. */
	int extra = op == 0 && (w & 0x90u) == 0x90u && (w & 0x60u);
	if ((w >> 16 & 0xf) == 0xf && (op == 2 || op == 3 || op == 4 || op == 6 || extra) &&
	    (!(w & 1u << 24) || (w & 1u << 21)))
		return 1;
	unsigned bx = w & 0x0ff000f0u;
	if (bx == 0x01200010u || bx == 0x01200020u || bx == 0x01200030u)
		return 1;
	int msr = (w & 0x0fb00000u) == 0x03200000u || (w & 0x0fb000f0u) == 0x01200000u;
	if (msr && (w & 1u << 17))
		return 1;
	unsigned cp = w >> 8 & 0xf;
	return (op == 6 || op == 7) && (cp >= 14 || cp == 8 || cp == 9);
}

static uint32_t ror32(uint32_t x, unsigned k) { return k ? x >> k | x << (32 - k) : x; }

/* An index register's value whose scaled offset is at most 1 KiB: LDR and
 * STR shift it by the encoding's imm5 and type (RRX: with C clear). */
static uint32_t index_value(uint32_t w, struct vec *v)
{
	uint32_t small = rng_below(0x401);
	if ((w >> 25 & 7) != 3 || (w & 0x10u))
		return small;
	unsigned k = w >> 7 & 31;
	switch (w >> 5 & 3) {
	case 0: return small >> k;
	case 1: return k ? small << k : rng32();
	case 2: return k ? (rng_below(2) ? small : (uint32_t)-(int32_t)small) << k : rng32();
	default:
		if (k)
			return ror32(small, 32 - k);
		v->psr &= ~0x20000000u;
		return small;
	}
}

/* A window address with an offset a transfer of up to 64 bytes either
 * way keeps inside; sometimes unaligned. */
static uint32_t window_offset(void)
{
	uint32_t off = WIN_BASE + 4 * rng_below(65) - 128;
	return rng_below(4) ? off : off + 1 + rng_below(3);
}

/* Thumb (16-bit units only): branches, BL/BLX halves, BX/BLX, SVC,
 * high-register ADD/MOV/CMP with the PC as destination, POP of the PC,
 * SETEND. */
static int thumb_leaves_stub(uint32_t h)
{
	if ((h & 0xf000u) == 0xd000u && (h & 0x0f00u) != 0x0e00u)
		return 1;
	if (h >= 0xe000u && (h & 0xf800u) != 0xe800u)
		return 1;
	if ((h & 0xff00u) == 0x4700u || ((h & 0xfc00u) == 0x4400u && (h & 0x87u) == 0x87u))
		return 1;
	return (h & 0xff00u) == 0xbd00u || (h & 0xfff7u) == 0xb650u;
}

/* One vector of word w with the random group's rules (exact: the probe
 * groups' reading, see leaves_stub): 1, or 0 when w is left out because it
 * may leave the stub, -1 because it uses every register. probe_arm and
 * probe_thumb (armv6_probe.c) use it too. */
int arm_random_ok(uint32_t w, int thumb)
{
	if (thumb ? thumb_leaves_stub(w) : leaves_stub(w, 1))
		return 0;
	struct dis_arm_info info;
	dis_arm_info(w, thumb ? 2 : 4, thumb, &info);
	if (info.pc)
		return 0;
	return ((info.regs | info.addr | info.index) & 0x1fffu) == 0x1fffu ? -1 : 1;
}

int arm_random_vector(struct out *o, uint32_t w, int thumb, int exact)
{
	if (thumb ? thumb_leaves_stub(w) : leaves_stub(w, exact))
		return 0;
	struct dis_arm_info info;
	unsigned id = dis_arm_info(w, thumb ? 2 : 4, thumb, &info);
	if (info.pc)
		return 0;
	struct vec v;
	vec_init(&v, thumb);
	for (int r = 0; r < 15; r++) {
		if (info.addr & 1u << r)
			vec_win(&v, r, window_offset(), 1);
		else if (info.index & 1u << r)
			vec_set(&v, r, thumb ? rng_below(0x401) : index_value(w, &v), 1);
		else if (info.regs & 1u << r)
			vec_set(&v, r, pick_operand(), 1);
	}
	if (vec_free_reg(&v) < 0)
		return -1;
	vec_code(&v, w, thumb ? 2 : 4, id ? dis_name(id) : NULL);
	emit_vec(o, &v);
	return 1;
}

static void random_vectors(struct out *o, int thumb, int count)
{
	for (int n = 0; n < count;)
		n += arm_random_vector(o, thumb ? rng32() & 0xffffu : rng32(), thumb, 0) > 0;
}

void g_random_arm(struct out *o) { random_vectors(o, 0, RANDOM_ARM_VECTORS); }

void g_random_thumb(struct out *o) { random_vectors(o, 1, RANDOM_THUMB_VECTORS); }
