/* A sample of the ARM and Thumb undefined space (SIGILL expected, the real
 * kernel decides: some encodings are its breakpoints), encodings of later
 * architectures that ARMv6 does not have, and UNPREDICTABLE encodings the
 * real hardware settles. Capstone may name an encoding of a later
 * architecture; what cannot be decoded is labelled udf-space. */
#include "armv6.h"

static void word(struct out *o, uint32_t insn, int thumb, const char *expect)
{
	struct vec v;
	vec_init(&v, thumb);
	vec_code(&v, insn, thumb ? 2 : 4, expect);
	emit_vec(o, &v);
}

/* Random register fields, never PC as a destination (bits 15:12, 19:16). */
static uint32_t regs(uint32_t mask)
{
	uint32_t r = rng32() & mask;
	if ((r >> 12 & 0xf) == 0xf)
		r &= ~0x8000u;
	if ((r >> 16 & 0xf) == 0xf)
		r &= ~0x80000u;
	return r;
}

void g_undef_arm(struct out *o)
{
	/* permanently undefined, and the kernel's breakpoint encodings */
	static const uint32_t fixed[] = { 0xe7f001f0u, 0xe7f001f1u, 0xe7f000f0u, 0xe7fddef0u, 0xe7fddef1u,
					  0xe7ffdefeu, 0xe7ffffffu };
	for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
		word(o, fixed[i], 0, NULL);
	for (int k = 0; k < 30; k++)
		word(o, 0xe7f000f0u | (rng32() & 0x000fff0fu), 0, NULL);
	/* media space, bit 4 set */
	for (int k = 0; k < 80; k++)
		word(o, 0xe6000010u | regs(0x01ffffefu), 0, NULL);
	/* coprocessors 0-7 (not VFP, not the system or debug ones) */
	for (int k = 0; k < 40; k++) {
		uint32_t cp = rng_below(8) << 8;
		switch (k % 3) {
		case 0: word(o, 0xee000010u | cp | regs(0x00fff0efu), 0, NULL); break;  /* mcr/mrc */
		case 1: word(o, 0xee000000u | cp | regs(0x00fff0efu), 0, NULL); break;  /* cdp */
		default: word(o, 0xed000000u | cp | regs(0x01fff0ffu), 0, NULL); break; /* ldc/stc */
		}
	}
	/* ARMv6T2 and ARMv7 encodings */
	static const struct { uint32_t bits, mask; } later[] = {
		{ 0xe3000000u, 0x000fffffu },  /* movw */
		{ 0xe3400000u, 0x000fffffu },  /* movt */
		{ 0xe7c0001fu, 0x001fff80u },  /* bfc */
		{ 0xe7c00010u, 0x001fff8eu },  /* bfi */
		{ 0xe7e00050u, 0x001fff8fu },  /* ubfx */
		{ 0xe7a00050u, 0x001fff8fu },  /* sbfx */
		{ 0xe6ff0f30u, 0x0000f00fu },  /* rbit */
		{ 0xe710f010u, 0x000f0f0fu },  /* sdiv */
		{ 0xe730f010u, 0x000f0f0fu },  /* udiv */
		{ 0xe0600090u, 0x000fff0fu },  /* mls */
		{ 0xf57ff05fu, 0x0000000fu },  /* dmb */
		{ 0xf57ff04fu, 0x0000000fu },  /* dsb */
		{ 0xf57ff06fu, 0x0000000fu },  /* isb */
		{ 0xf450f000u, 0x008f0fffu },  /* pli */
		{ 0xe1600070u, 0x0000000fu },  /* smc */
		{ 0xe320f0f0u, 0x0000000fu },  /* dbg */
	};
	for (size_t i = 0; i < ARRAY_LEN(later); i++)
		for (int k = 0; k < 4; k++)
			word(o, later[i].bits | regs(later[i].mask), 0, NULL);
	/* unconditional space without instructions in ARMv6 */
	for (int k = 0; k < 40; k++) {
		static const uint32_t tops[] = { 0xf0000000u, 0xf2000000u, 0xf3000000u, 0xf6000000u, 0xf7000000u };
		uint32_t top = tops[rng_below(ARRAY_LEN(tops))];
		uint32_t w = top | regs(0x00ffffffu);
		if (top >= 0xf6000000u)
			w |= 0x10u;  /* keep clear of PLD (register) */
		word(o, w, 0, NULL);
	}
	/* ARMv6K hints that are safe in User mode */
	word(o, 0xe320f000u, 0, "nop");
	word(o, 0xe320f001u, 0, "yield");
	word(o, 0xe320f004u, 0, "sev");
}

void g_undef_thumb(struct out *o)
{
	word(o, 0xde01u, 1, NULL);  /* the kernel's Thumb breakpoint */
	for (int k = 0; k < 30; k++)
		word(o, 0xde00u | (rng32() & 0xff), 1, NULL);
	/* ARMv6 Thumb gaps: CBZ/CBNZ, IT and hints, misc 0xb... holes */
	static const struct { uint32_t bits, mask; int n; } gaps[] = {
		{ 0xb100u, 0x00ffu, 10 }, { 0xb900u, 0x00ffu, 10 }, { 0xbf00u, 0x00ffu, 12 },
		{ 0xba80u, 0x003fu, 6 }, { 0xb600u, 0x004fu, 6 }, { 0xb680u, 0x007fu, 6 },
		{ 0xb800u, 0x00ffu, 6 }, { 0xbb00u, 0x00ffu, 6 }, { 0xb300u, 0x00ffu, 6 },
		{ 0xe800u, 0x07ffu, 12 },
	};
	for (size_t i = 0; i < ARRAY_LEN(gaps); i++)
		for (int k = 0; k < gaps[i].n; k++)
			word(o, gaps[i].bits | (rng32() & gaps[i].mask), 1, NULL);
}

/* UNPREDICTABLE encodings whose outcome the real hardware settles. */
void g_unpred(struct out *o)
{
	for (int k = 0; k < 60; k++) {
		struct vec v;
		vec_init(&v, 0);
		int a = (int)rng_below(12), b = (a + 1 + (int)rng_below(11)) % 12;
		switch (k % 6) {
		case 0: /* str pc: stores the address plus 8 or 12 */
			vec_win(&v, a, WIN_BASE, 1);
			vec_code(&v, 0xe580f000u | (uint32_t)a << 16 | 4 * rng_below(4), 4, "str");
			break;
		case 1: /* stm with pc in the list */
			vec_win(&v, a, WIN_BASE, 1);
			vec_set(&v, b, pick_operand(), 1);
			vec_code(&v, 0xe8808000u | (uint32_t)a << 16 | 1u << b, 4, "stm");
			break;
		case 2: /* load with writeback to the loaded register */
			vec_win(&v, a, WIN_BASE + 4 * rng_below(4), 1);
			vec_code(&v, 0xe4900004u | (uint32_t)a << 16 | (uint32_t)a << 12 | (rng_below(2) << 24 | 1u << 21), 4,
				 "ldr ldrt");
			break;
		case 3: /* umull/smull with RdHi == RdLo */
			vec_set(&v, a, pick_operand(), 1);
			vec_set(&v, b, pick_operand(), 1);
			vec_set(&v, 12, v.reg[12], 0);
			vec_code(&v, (rng_below(2) ? 0xe0800090u : 0xe0c00090u) | 12u << 16 | 12u << 12 |
				 (uint32_t)a << 8 | (uint32_t)b, 4, "umull smull");
			break;
		case 4: /* register-shifted operand with pc */
			vec_set(&v, a, pick_shift_reg(), 1);
			vec_set(&v, b, v.reg[b], 0);
			vec_code(&v, 0xe08f0010u | (uint32_t)b << 12 | (uint32_t)a << 8 | rng_below(4) << 5 | (uint32_t)a,
				 4, "add lsl lsr asr ror");
			break;
		default: /* ldrd with an odd first register */
			vec_win(&v, a, WIN_BASE, 1);
			b |= 1;
			if (b == a)
				b = (b + 2) % 12 | 1;
			vec_set(&v, b, v.reg[b], 0);
			vec_set(&v, b + 1, v.reg[b + 1], 0);
			vec_code(&v, 0xe1c000d0u | (uint32_t)a << 16 | (uint32_t)b << 12 | 8 * rng_below(4), 4, NULL);
			break;
		}
		emit_vec(o, &v);
	}
}
