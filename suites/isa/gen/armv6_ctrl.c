/* ARM control: MRS/MSR, conditional execution, branches with landing
 * slots (including interworking to Thumb), BKPT, SETEND, and a sample of
 * the undefined and UNPREDICTABLE space. */
#include "armv6.h"

/* ---- MRS/MSR on the flags ---- */
void g_psr(struct out *o)
{
	static const struct pattern mrs[] = {
		{ "mrs", "mrs", 0xe10f0000u, 0, 0, 0, 24, { FLD(F_RD, 12, 4) } },
	};
	run_patterns(o, mrs, 1);
	/* Field masks: f, s, fs, and c or x (ignored or restricted in User mode). */
	static const uint32_t masks[] = { 8, 4, 12, 8, 12, 1, 2, 15, 9 };
	for (int k = 0; k < 72; k++) {
		struct vec v;
		vec_init(&v, 0);
		uint32_t mask = masks[rng_below(ARRAY_LEN(masks))];
		/* Never set T or E: the runtime itself would stop working. */
		uint32_t val = pick_operand() & ~0x220u;
		if (k < 48) {
			int rm = (int)rng_below(13);
			vec_set(&v, rm, val, 1);
			vec_code(&v, 0xe120f000u | mask << 16 | (uint32_t)rm, 4, "msr");
		} else {
			mask &= 12;
			if (!mask)
				mask = 8;
			uint32_t imm = rng32() & 0xff, rot = mask == 8 ? 4 : rng_below(16);
			vec_code(&v, 0xe320f000u | mask << 16 | rot << 8 | imm, 4, "msr");
		}
		emit_vec(o, &v);
	}
}

/* ---- every condition against every NZCV value ---- */
void g_cond(struct out *o)
{
	for (uint32_t c = 0; c < 15; c++)
		for (uint32_t f = 0; f < 16; f++) {
			struct vec v;
			vec_init(&v, 0);
			v.psr = (v.psr & 0x0fffffffu) | f << 28;
			int rd = (int)rng_below(13);
			vec_set(&v, rd, v.reg[rd], 0);
			vec_code(&v, c << 28 | 0x03a00001u | (uint32_t)rd << 12, 4, "mov");
			emit_vec(o, &v);
		}
	/* A flag-setting instruction only updates flags when it executes. */
	for (uint32_t c = 0; c < 15; c++)
		for (int k = 0; k < 4; k++) {
			struct vec v;
			vec_init(&v, 0);
			int rd = (int)rng_below(13), rn;
			do rn = (int)rng_below(13); while (rn == rd);
			vec_set(&v, rd, v.reg[rd], 0);
			vec_set(&v, rn, pick_operand(), 1);
			vec_code(&v, c << 28 | 0x02900000u | (uint32_t)rn << 16 | (uint32_t)rd << 12 | pick_imm(8), 4,
				 "add");
			emit_vec(o, &v);
		}
}

/* ---- branches ---- */
enum { BR_B, BR_BCC, BR_BL, BR_BX, BR_BLX, BR_BLXI, BR_MOVPC, BR_KINDS };
static const int br_count[BR_KINDS] = { 30, 45, 30, 36, 36, 24, 12 };

static void branch(struct out *o, int kind)
{
	struct vec v;
	vec_init(&v, 0);
	v.npre = (int)rng_below(3);
	v.nslot = v.npre + 1 + (int)rng_below(3);
	for (int k = 0; k < v.nslot; k++)
		v.slot_thumb[k] = (uint8_t)(kind == BR_BLXI ? 1 : (kind == BR_BX || kind == BR_BLX) ? rng_below(2) : 0);
	int target = (int)rng_below((uint32_t)v.nslot), rm = (int)rng_below(13);
	if (kind == BR_BX || kind == BR_BLX || kind == BR_MOVPC) {
		vec_set(&v, rm, v.slot_thumb[target], 1);
		v.sym[rm] = slot_sym[target];
	}
	v.marker = vec_free_reg(&v);
	v.used |= (uint16_t)(1u << v.marker);
	vec_code(&v, 0, 4, NULL);  /* sized first: the layout depends on it */
	int32_t off = vec_slot_offset(&v, target);
	v.ncode = 0;
	uint32_t cond = kind == BR_BCC ? rng_below(15) << 28 : 0xe0000000u;
	uint32_t b = arm_b(0, (uint32_t)off, 0) & 0x0fffffffu;
	switch (kind) {
	case BR_B: case BR_BCC: vec_code(&v, cond | b, 4, "b"); break;
	case BR_BL: vec_code(&v, cond | b | 0x01000000u, 4, "bl"); break;
	case BR_BX: vec_code(&v, 0xe12fff10u | (uint32_t)rm, 4, "bx"); break;
	case BR_BLX: vec_code(&v, 0xe12fff30u | (uint32_t)rm, 4, "blx"); break;
	case BR_BLXI: vec_code(&v, 0xfa000000u | (b & 0xffffffu), 4, "blx"); break;
	default: vec_code(&v, 0xe1a0f000u | (uint32_t)rm, 4, "mov"); break;
	}
	emit_vec(o, &v);
}

void g_branch(struct out *o)
{
	for (int kind = 0; kind < BR_KINDS; kind++)
		for (int k = 0; k < br_count[kind]; k++)
			branch(o, kind);
}

/* ---- breakpoints ---- */
void g_bkpt(struct out *o)
{
	for (int k = 0; k < 24; k++) {
		struct vec v;
		vec_init(&v, k & 1);
		uint32_t imm = pick_imm(16);
		if (v.thumb)
			vec_code(&v, 0xbe00u | (imm & 0xff), 2, "bkpt");
		else
			vec_code(&v, 0xe1200070u | (imm & 0xfff0) << 4 | (imm & 0xf), 4, "bkpt");
		emit_vec(o, &v);
	}
}

/* ---- SETEND and loads/stores under big-endian data ---- */
void g_setend(struct out *o)
{
	static const uint32_t arm_mem[] = {
		0xe5900000u, 0xe5800000u, 0xe1d000b0u, 0xe1c000b0u, 0xe1d000f0u, 0xe8900000u,
	};
	static const char *const arm_names[] = { "ldr", "str", "ldrh", "strh", "ldrsh", "ldm" };
	static const uint32_t t_mem[] = { 0x6800u, 0x6000u, 0x8800u, 0x8000u, 0x5e00u };
	static const char *const t_names[] = { "ldr", "str", "ldrh", "strh", "ldrsh" };
	for (int k = 0; k < 60; k++) {
		struct vec v;
		vec_init(&v, k >= 30);
		v.setend = 1;
		int kind = k % 3;
		uint32_t be = v.thumb ? 0xb658u : 0xf1010200u, le = v.thumb ? 0xb650u : 0xf1010000u;
		int size = v.thumb ? 2 : 4;
		if (kind == 0) {
			vec_code(&v, rng_below(2) ? be : le, size, "setend");
		} else {
			int rn = (int)rng_below(8), rt;
			do rt = (int)rng_below(8); while (rt == rn);
			vec_win(&v, rn, WIN_BASE + 4 * rng_below(8), 1);
			vec_set(&v, rt, pick_operand(), 1);
			vec_code(&v, be, size, "setend");
			if (v.thumb) {
				size_t i = rng_below(ARRAY_LEN(t_mem));
				vec_code(&v, t_mem[i] | (uint32_t)rn << 3 | (uint32_t)rt | (i == 4 ? (uint32_t)rt << 6 : 0),
					 2, t_names[i]);
				if (i == 4) /* ldrsh [rn, rm]: rm = rt, value small */
					vec_set(&v, rt, 4 * rng_below(4), 1);
			} else {
				size_t i = rng_below(ARRAY_LEN(arm_mem));
				uint32_t insn = arm_mem[i] | (uint32_t)rn << 16;
				insn |= i == 5 ? 1u << rt | 1u << (rt ^ 1 ? rt ^ 1 : 2) : (uint32_t)rt << 12;
				if (i == 5)
					for (int r = 0; r < 8; r++)
						if (insn >> r & 1 && r != rn)
							vec_set(&v, r, v.reg[r], 0);
				vec_code(&v, insn, 4, arm_names[i]);
			}
			if (kind == 2)
				vec_code(&v, le, size, "setend");
		}
		v.marker = vec_free_reg(&v);
		v.used |= (uint16_t)(1u << v.marker);
		emit_vec(o, &v);
	}
}
