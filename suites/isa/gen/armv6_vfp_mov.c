/* armv6 VFPv2 transfers: VMOV between core and VFP registers (one S, one
 * half of a D, two S, one D), VMRS/VMSR of FPSCR and the other system
 * registers User mode may name (FPSID reads; FPEXC and MVFR0/1 are the
 * kernel's or undefined: the guest decides), and loads and stores:
 * VLDR/VSTR (also PC-relative), VLDM/VSTM in every addressing form, and
 * the FLDMX/FSTMX forms. */
#include "armv6_vfp.h"

/* A core register r0-r12 not yet used. */
static int core_reg(struct vec *v)
{
	int r;
	do r = (int)rng_below(13); while (v->used & (1u << r));
	return r;
}

static void emit_one(struct out *o, struct vec *v, uint32_t insn, const char *mnem, int dview)
{
	v->dview = dview;
	vec_code(v, insn, 4, mnem);
	emit_vec(o, v);
}

static void moves(struct out *o)
{
	for (int k = 0; k < 60; k++) {
		struct vec v;
		vfp_vec_init(&v, 0);
		int s = (int)rng_below(32), rt = core_reg(&v);
		vec_set(&v, rt, pick_operand(), 1);
		emit_one(o, &v, 0xee000a10u | vfp_field(s, O_S, 1) | (uint32_t)rt << 12, "vmov", 0);
		vfp_vec_init(&v, 0);
		rt = core_reg(&v);
		vec_set(&v, rt, v.reg[rt], 0);
		vfp_put(&v, O_S, s, pick_f32(), 1);
		emit_one(o, &v, 0xee100a10u | vfp_field(s, O_S, 1) | (uint32_t)rt << 12, "vmov", 0);
	}
	for (int k = 0; k < 60; k++) {
		struct vec v;
		uint32_t x = (uint32_t)k & 1, d = rng_below(16);
		vfp_vec_init(&v, 0);
		int rt = core_reg(&v);
		vec_set(&v, rt, pick_operand(), 1);
		vfp_put(&v, O_D, (int)d, pick_f64(), 1);
		emit_one(o, &v, 0xee000b10u | x << 21 | d << 16 | (uint32_t)rt << 12, "vmov", 1);
		vfp_vec_init(&v, 0);
		rt = core_reg(&v);
		vec_set(&v, rt, v.reg[rt], 0);
		vfp_put(&v, O_D, (int)d, pick_f64(), 1);
		emit_one(o, &v, 0xee100b10u | x << 21 | d << 16 | (uint32_t)rt << 12, "vmov", 0);
	}
	/* Two core registers: Rt and Rt2 distinct for the transfers to core. */
	for (int k = 0; k < 160; k++) {
		struct vec v;
		vfp_vec_init(&v, 0);
		int to_core = k & 1, dbl = k >> 1 & 1;
		int rt = core_reg(&v);
		vec_set(&v, rt, to_core ? v.reg[rt] : pick_operand(), !to_core);
		int rt2 = to_core || rng_below(8) ? core_reg(&v) : rt;
		if (rt2 != rt)
			vec_set(&v, rt2, to_core ? v.reg[rt2] : pick_operand(), !to_core);
		int m = (int)rng_below(dbl ? 16 : 31);
		if (to_core) {
			vfp_put(&v, dbl ? O_D : O_S, m, pick_vfp(dbl), 1);
			if (!dbl)
				vfp_put(&v, O_S, m + 1, pick_f32(), 1);
		}
		uint32_t insn = 0xec400a10u | (uint32_t)to_core << 20 | (uint32_t)rt2 << 16 | (uint32_t)rt << 12 |
				(uint32_t)dbl << 8 | vfp_field(m, dbl ? O_D : O_S, 2);
		emit_one(o, &v, insn, "vmov", dbl);
	}
}

/* FPSCR written with random values (every field, LEN/STRIDE and the trap
 * enables included) and read back; FMSTAT; the other system registers. */
static void system_regs(struct out *o)
{
	for (int k = 0; k < 120; k++) {
		struct vec v;
		vfp_vec_init(&v, 1);
		int rt = core_reg(&v), rt2 = -1;
		uint32_t val = rng32();
		if (rng_below(2))
			val &= rng_below(2) ? 0xf3c0009fu : 0x0037ff00u;
		vec_set(&v, rt, val, 1);
		vec_code(&v, 0xeee10a10u | (uint32_t)rt << 12, 4, "vmsr");
		if (k & 1) {
			rt2 = core_reg(&v);
			vec_set(&v, rt2, v.reg[rt2], 0);
			vec_code(&v, 0xeef10a10u | (uint32_t)rt2 << 12, 4, "vmrs");
		}
		emit_vec(o, &v);
	}
	static const struct { uint32_t reg; int count; } reads[] = {
		{ 1, 40 }, { 0, 8 }, { 8, 8 }, { 7, 4 }, { 6, 4 },
	};
	for (size_t i = 0; i < ARRAY_LEN(reads); i++)
		for (int k = 0; k < reads[i].count; k++) {
			struct vec v;
			vfp_vec_init(&v, 1);
			int rt = core_reg(&v);
			vec_set(&v, rt, v.reg[rt], 0);
			emit_one(o, &v, 0xeef00a10u | reads[i].reg << 16 | (uint32_t)rt << 12, "vmrs", 0);
		}
	for (int k = 0; k < 40; k++) {
		struct vec v;
		vfp_vec_init(&v, 1);
		emit_one(o, &v, FMSTAT, "vmrs", 0);
	}
	/* Writes to FPSID (ignored?) and FPEXC (privileged?). */
	static const uint32_t writes[] = { 0, 8 };
	for (size_t i = 0; i < ARRAY_LEN(writes); i++)
		for (int k = 0; k < 6; k++) {
			struct vec v;
			vfp_vec_init(&v, 1);
			int rt = core_reg(&v);
			vec_set(&v, rt, k & 1 ? rng32() : 0x40000000u, 1);
			emit_one(o, &v, 0xeee00a10u | writes[i] << 16 | (uint32_t)rt << 12, "vmsr", 0);
		}
}

void g_vfp_mov(struct out *o)
{
	moves(o);
	system_regs(o);
}

/* Loads print the registers they change; stores the window words. */
static void single_ldst(struct out *o, int dbl, int load)
{
	struct vec v;
	vfp_vec_init(&v, 0);
	int rn = core_reg(&v), r = (int)rng_below(dbl ? 16 : 32);
	uint32_t up = rng_below(4) != 0, imm = rng_below(5) ? rng_below(64) : 255 - rng_below(4);
	vec_win(&v, rn, WIN_BASE + (up ? 0 : rng_below(0x400) & ~3u), 1);
	if (!load)
		vfp_put(&v, dbl ? O_D : O_S, r, pick_vfp(dbl), 1);
	uint32_t insn = 0xed000a00u | up << 23 | (uint32_t)load << 20 | (uint32_t)rn << 16 | (uint32_t)dbl << 8 |
			vfp_field(r, dbl ? O_D : O_S, 0) | imm;
	emit_one(o, &v, insn, load ? "vldr" : "vstr", dbl);
}

/* VLDR from the literal block after the stub. */
static void literal(struct out *o, int dbl)
{
	struct vec v;
	vfp_vec_init(&v, 0);
	v.lit = 1;
	int r = (int)rng_below(dbl ? 16 : 32);
	vec_code(&v, 0, 4, NULL);  /* the layout counts the code */
	v.ncode = 0;
	uint32_t imm = (vec_lit_offset(&v) - 8) / 4 + rng_below(dbl ? 15 : 16);
	emit_one(o, &v, 0xed9f0a00u | (uint32_t)dbl << 8 | vfp_field(r, dbl ? O_D : O_S, 0) | imm, "vldr", dbl);
}

/* Multiple: IA, IA!, DB!; X: the FLDMX/FSTMX form (doubles, imm8 odd). */
static void multiple(struct out *o, int dbl, int x, int load, int mode)
{
	static const uint32_t modes[3] = { 0x00800000u, 0x00a00000u, 0x01200000u };
	static const char *const names[2][2][2] = {
		{ { "vstmia", "vstmdb" }, { "vldmia", "vldmdb" } },
		{ { "fstmiax", "fstmdbx" }, { "fldmiax", "fldmdbx" } },
	};
	struct vec v;
	vfp_vec_init(&v, 0);
	int rn = core_reg(&v), max = dbl ? 16 : 32;
	int first = (int)rng_below((uint32_t)max);
	int count = 1 + (int)rng_below((uint32_t)(max - first));
	if (rng_below(4) == 0)
		count = max - first;
	vec_win(&v, rn, WIN_BASE + (mode == 2 ? 0x100 : 0), 1);
	if (!load)
		for (int i = 0; i < count; i++)
			vfp_put(&v, dbl ? O_D : O_S, first + i, pick_vfp(dbl), 1);
	uint32_t imm = (uint32_t)(dbl ? 2 * count + x : count);
	uint32_t insn = 0xec000a00u | modes[mode] | (uint32_t)load << 20 | (uint32_t)rn << 16 |
			(uint32_t)dbl << 8 | vfp_field(first, dbl ? O_D : O_S, 0) | imm;
	emit_one(o, &v, insn, names[x][load][mode == 2], dbl);
}

void g_vfp_ldst(struct out *o)
{
	for (int k = 0; k < 160; k++)
		single_ldst(o, k & 1, k >> 1 & 1);
	for (int k = 0; k < 16; k++)
		literal(o, k & 1);
	for (int mode = 0; mode < 3; mode++)
		for (int load = 0; load < 2; load++) {
			for (int k = 0; k < 24; k++)
				multiple(o, k & 1, 0, load, mode);
			for (int k = 0; k < 8; k++)
				multiple(o, 1, 1, load, mode);
		}
}
