/* mips64 control: branches (incl. likely and linking forms, BC1T/BC1F)
 * and jumps with their delay slots, traps and BREAK codes, SYNC, PREF,
 * SYNCI, RDHWR, hints, and undefined encodings.
 *
 * A branch vector has three landing slots (one before the code, two after)
 * that write k+1 to a marker register, the fall-through writes 0; the
 * delay slot holds "ori D, $0, 0xd5", so D shows whether it ran (likely
 * forms nullify it when not taken). */
#include "mips64.h"

#define OP(o)  ((uint32_t)(o) << 26)
#define RS(k) FLD(k, 21, 5)
#define RT(k) FLD(k, 16, 5)
#define RD(k) FLD(k, 11, 5)
#define IMM   FLD(K_IMM, 0, 16)

enum bform { B_RS_RT, B_RS, B_FCC };

static const struct branch {
	const char *mnem;
	uint32_t bits;
	int form, link;
} branches[] = {
	{ "beq", OP(0x04), B_RS_RT, 0 }, { "bne", OP(0x05), B_RS_RT, 0 },
	{ "blez", OP(0x06), B_RS, 0 }, { "bgtz", OP(0x07), B_RS, 0 },
	{ "beql", OP(0x14), B_RS_RT, 0 }, { "bnel", OP(0x15), B_RS_RT, 0 },
	{ "blezl", OP(0x16), B_RS, 0 }, { "bgtzl", OP(0x17), B_RS, 0 },
	{ "bltz", OP(1) | 0x00u << 16, B_RS, 0 }, { "bgez", OP(1) | 0x01u << 16, B_RS, 0 },
	{ "bltzl", OP(1) | 0x02u << 16, B_RS, 0 }, { "bgezl", OP(1) | 0x03u << 16, B_RS, 0 },
	{ "bltzal", OP(1) | 0x10u << 16, B_RS, 1 }, { "bgezal", OP(1) | 0x11u << 16, B_RS, 1 },
	{ "bltzall", OP(1) | 0x12u << 16, B_RS, 1 }, { "bgezall", OP(1) | 0x13u << 16, B_RS, 1 },
	{ "bc1f", 0x45000000u, B_FCC, 0 }, { "bc1t", 0x45010000u, B_FCC, 0 },
	{ "bc1fl", 0x45020000u, B_FCC, 0 }, { "bc1tl", 0x45030000u, B_FCC, 0 },
};

static uint64_t cond_value(void)
{
	static const uint64_t small[] = { 0, 1, ~0ull, 0x8000000000000000ull, 0x7fffffffffffffffull };
	return rng_below(2) ? small[rng_below(ARRAY_LEN(small))] : pick64();
}

/* Marker, delay-slot register and slots; the caller adds the code. */
static int landing(struct mvec *v, int link)
{
	if (link)
		v->used |= 1u << 31;
	v->marker = mv_reg(v);
	v->nslot = 3;
	v->npre = 1;
	return mv_reg(v);
}

static uint32_t delay_marker(int d)
{
	return 0x340000d5u | (uint32_t)d << 16;
}

void g_branch_m(struct out *o)
{
	for (size_t i = 0; i < ARRAY_LEN(branches); i++) {
		const struct branch *b = &branches[i];
		for (int n = 0; n < 40; n++) {
			struct mvec v;
			mv_init(&v);
			int d = landing(&v, b->link);
			uint32_t insn = b->bits;
			if (b->form == B_FCC) {
				v.fcsr = pick_fcsr(MP_FCC);
				v.flags |= MP_FPU;
				insn |= (rng_below(2) ? 0 : rng32() & 7) << 18;
			} else {
				int rs = mv_reg(&v);
				mv_set(&v, rs, cond_value(), 1);
				insn |= (uint32_t)rs << 21;
				if (b->form == B_RS_RT) {
					int rt = mv_reg(&v);
					mv_set(&v, rt, rng_below(3) ? v.gpr[rs] : cond_value(), 1);
					insn |= (uint32_t)rt << 16;
				}
			}
			mv_code(&v, insn, b->mnem);
			mv_code(&v, delay_marker(d), "ori li");
			int32_t to = mv_slot_offset(&v, (int)rng_below(3));
			v.code[0] |= (uint32_t)((to - 4) >> 2) & 0xffffu;
			mips_emit(o, &v);
		}
	}
}

/* MIPS-3D BC1ANY2F/T and BC1ANY4F/T (Capstone 4.0.2 cannot decode them):
 * taken when any of 2 or 4 condition codes from cc is false/true. */
void g_bc1any(struct out *o)
{
	static const struct { const char *name, *expect; uint32_t bits; } forms[] = {
		{ "bc1any2f", "bc1any2f -", 0x45200000u }, { "bc1any2t", "bc1any2t -", 0x45210000u },
		{ "bc1any4f", "bc1any4f -", 0x45400000u }, { "bc1any4t", "bc1any4t -", 0x45410000u },
	};
	for (size_t i = 0; i < ARRAY_LEN(forms); i++)
		for (int n = 0; n < 40; n++) {
			struct mvec v;
			mv_init(&v);
			int d = landing(&v, 0);
			v.fcsr = pick_fcsr(MP_FCC);
			v.flags |= MP_FPU;
			uint32_t cc = rng32() & 7;
			mv_code(&v, forms[i].bits | cc << 18, forms[i].expect);
			mv_code(&v, delay_marker(d), "ori li");
			int32_t to = mv_slot_offset(&v, (int)rng_below(3));
			v.code[0] |= (uint32_t)((to - 4) >> 2) & 0xffffu;
			snprintf(v.alt[0], sizeof v.alt[0], "%s $fcc%u, %d", forms[i].name, cc, (int)to);
			mips_emit(o, &v);
		}
}

/* J/JAL to a slot; JR/JALR (and their hazard-barrier forms) through a
 * register holding a slot address. (Misaligned targets are left out: QEMU
 * user mode aborts on them, so the group would not run to completion.) */
void g_jump(struct out *o)
{
	static const struct { const char *mnem; uint32_t bits; int reg, link; } jumps[] = {
		{ "j", OP(0x02), 0, 0 }, { "jal", OP(0x03), 0, 1 },
		{ "jr", 0x00000008u, 1, 0 }, { "jr.hb", 0x00000408u, 1, 0 },
		{ "jalr", 0x0000f809u, 1, 1 }, { "jalr.hb", 0x0000fc09u, 1, 1 },
		{ "jalr", 0x00000009u, 2, 0 },
	};
	for (size_t i = 0; i < ARRAY_LEN(jumps); i++)
		for (int n = 0; n < 40; n++) {
			struct mvec v;
			mv_init(&v);
			int d = landing(&v, jumps[i].link);
			int k = (int)rng_below(3);
			uint32_t insn = jumps[i].bits;
			if (jumps[i].reg) {
				int rs = mv_reg(&v);
				mv_set(&v, rs, 0, 1);
				v.sym[rs] = slot_sym[k];
				insn |= (uint32_t)rs << 21;
				if (jumps[i].reg == 2)
					insn |= (uint32_t)mv_reg(&v) << 11;
			} else {
				v.jslot = k;
			}
			mv_code(&v, insn, jumps[i].mnem);
			mv_code(&v, delay_marker(d), "ori li");
			mips_emit(o, &v);
		}
}

static const struct pattern traps[] = {
	{ "tge", "tge", 0x30u, P_ALIAS, 0, 0, 40, { RS(K_GZ), RT(K_GZ), FLD(K_TCODE, 6, 10) } },
	{ "tgeu", "tgeu", 0x31u, P_ALIAS, 0, 0, 40, { RS(K_GZ), RT(K_GZ), FLD(K_TCODE, 6, 10) } },
	{ "tlt", "tlt", 0x32u, P_ALIAS, 0, 0, 40, { RS(K_GZ), RT(K_GZ), FLD(K_TCODE, 6, 10) } },
	{ "tltu", "tltu", 0x33u, P_ALIAS, 0, 0, 40, { RS(K_GZ), RT(K_GZ), FLD(K_TCODE, 6, 10) } },
	{ "teq", "teq", 0x34u, P_ALIAS, 0, 0, 60, { RS(K_GZ), RT(K_GZ), FLD(K_TCODE, 6, 10) } },
	{ "tne", "tne", 0x36u, P_ALIAS, 0, 0, 60, { RS(K_GZ), RT(K_GZ), FLD(K_TCODE, 6, 10) } },
	{ "tgei", "tgei", OP(1) | 0x08u << 16, 0, 0, 0, 30, { RS(K_GZ), IMM } },
	{ "tgeiu", "tgeiu", OP(1) | 0x09u << 16, 0, 0, 0, 30, { RS(K_GZ), IMM } },
	{ "tlti", "tlti", OP(1) | 0x0au << 16, 0, 0, 0, 30, { RS(K_GZ), IMM } },
	{ "tltiu", "tltiu", OP(1) | 0x0bu << 16, 0, 0, 0, 30, { RS(K_GZ), IMM } },
	{ "teqi", "teqi", OP(1) | 0x0cu << 16, 0, 0, 0, 40, { RS(K_GZ), IMM } },
	{ "tnei", "tnei", OP(1) | 0x0eu << 16, 0, 0, 0, 40, { RS(K_GZ), IMM } },
	{ "break", "break", 0x0000000du, 0, 0, 0, 80, { FLD(K_BCODE, 6, 20) } },
};

static const struct pattern misc[] = {
	{ "sync", "sync", 0x0000000fu, 0, 0, 0, 20, { FLD(K_IMM, 6, 5) } },
	{ "pref", "pref", OP(0x33), P_MEM, 0, 1, 40, { FLD(K_IMM, 16, 5), FLD(K_BASE, 21, 5), FLD(K_OFF, 0, 16) } },
	{ "synci", "synci", OP(1) | 0x1fu << 16, P_MEM, 0, 1, 10, { FLD(K_BASE, 21, 5), FLD(K_OFF, 0, 16) } },
	{ "rdhwr", "rdhwr -", 0x7c00003bu, 0, 0, 0, 40, { RT(K_GD), FLD(K_HWR, 11, 5) } },
	{ "nop", "nop", 0x00000000u, 0, 0, 0, 2, { { 0, 0, 0 } } },
	{ "ssnop", "ssnop", 0x00000040u, 0, 0, 0, 2, { { 0, 0, 0 } } },
	{ "ehb", "ehb", 0x000000c0u, 0, 0, 0, 2, { { 0, 0, 0 } } },
};

void g_trap(struct out *o) { mips_patterns(o, traps, ARRAY_LEN(traps)); }
void g_misc(struct out *o) { mips_patterns(o, misc, ARRAY_LEN(misc)); }

/* Reserved or privileged encodings, random in their free bits. Capstone's
 * name is printed but not required (NULL expectation). */
static const struct { uint32_t bits, free; } undef[] = {
	{ 0x00000005u, 0x03ffffc0u }, { 0x0000000eu, 0x03ffffc0u }, { 0x00000028u, 0x03ffffc0u },
	{ 0x00000029u, 0x03ffffc0u }, { 0x00000035u, 0x03ffffc0u }, { 0x00000037u, 0x03ffffc0u },
	{ 0x00000039u, 0x03ffffc0u }, { 0x0000003du, 0x03ffffc0u },
	{ OP(0x1e), 0x03ffffffu }, { OP(0x3b), 0x03ffffffu }, { OP(0x12), 0x03ffffffu },
	{ OP(0x32), 0x03ffffffu }, { OP(0x36), 0x03ffffffu }, { OP(0x3a), 0x03ffffffu },
	{ OP(0x3e), 0x03ffffffu },
	{ 0x40000000u, 0x001ff807u }, { 0x40800000u, 0x001ff807u }, { 0x42000018u, 0 },
	{ 0x42000020u, 0 }, { 0x42000008u, 0 }, { OP(0x2f), 0x03ffffffu },
	{ 0x70000003u, 0x03ffffc0u }, { 0x70000010u, 0x03ffffc0u }, { 0x7000002fu, 0x03ffffc0u },
	{ 0x7c00000cu, 0x03ffffc0u }, { 0x7c00003cu, 0x03ffffc0u },
	{ 0x47000000u, 0x001fffffu }, { 0x4c000002u, 0x03fff800u },
	{ 0x04040000u, 0x03e0ffffu }, { 0x040d0000u, 0x03e0ffffu }, { 0x04140000u, 0x03e0ffffu },
};

void g_undef(struct out *o)
{
	for (size_t i = 0; i < ARRAY_LEN(undef); i++)
		for (int n = 0; n < (undef[i].free ? 12 : 2); n++) {
			struct mvec v;
			mv_init(&v);
			mv_code(&v, undef[i].bits | (rng32() & undef[i].free), NULL);
			mips_emit(o, &v);
		}
}

/* Exceptions in a delay slot: the kernel reports the branch's address
 * and, when it emulates or fixes up the slot (unaligned access), must
 * also complete the branch. Branch forms use $0 so the outcome is fixed;
 * the not-taken BNE/BNEL compare a register holding 0 with $0 instead of
 * $0 with itself, because the reference guest's CPU model (QEMU TCG)
 * drops the delay-slot state of a branch on two identical registers and
 * would report the slot's own address, which no hardware does. */
void g_delay(struct out *o)
{
	/* reg: 0 none, RS_TARGET rs holds the slot's address, RS_ZERO rs holds 0. */
	enum { RS_TARGET = 1, RS_ZERO };
	static const struct { const char *mnem; uint32_t bits; int reg, link; } br[] = {
		{ "b beq", 0x10000000u, 0, 0 }, { "bnez", 0x14000000u, RS_ZERO, 0 },
		{ "beql", 0x50000000u, 0, 0 }, { "bnel", 0x54000000u, RS_ZERO, 0 },
		{ "bal bgezal", 0x04110000u, 0, 1 }, { "jr", 0x00000008u, RS_TARGET, 0 },
		{ "jalr", 0x0000f809u, RS_TARGET, 1 },
	};
	/* Slot instructions: R = operand register, B = base (win+0x1000). */
	static const struct { const char *mnem; uint32_t bits; int r, b; uint64_t val; } slot[] = {
		{ "teq", 0x00000034u, 0, 0, 0 },                   /* teq $0, $0 */
		{ "break", 0x0000000du, 0, 0, 0 },
		{ "add", 0x00000020u, 1, 0, 0x7fffffffu },         /* add R, R, R: overflow */
		{ "lw", 0x8c000001u, 1, 1, 0 },                    /* lw R, 1(B) */
		{ "ld", 0xdc000003u, 1, 1, 0 },                    /* ld R, 3(B) */
		{ "sw", 0xac000002u, 1, 1, 0x0123456789abcdefull }, /* sw R, 2(B) */
		{ "lw", 0x8c000004u, 1, 1, 0 },                    /* aligned: no exception */
		{ "udf-space", 0x0000003du, 0, 0, 0 },             /* reserved */
	};
	for (size_t i = 0; i < ARRAY_LEN(br); i++)
		for (size_t j = 0; j < ARRAY_LEN(slot); j++)
			for (int n = 0; n < 2; n++) {
				struct mvec v;
				mv_init(&v);
				landing(&v, br[i].link);
				int k = (int)rng_below(3);
				uint32_t insn = br[i].bits, d = slot[j].bits;
				if (br[i].reg) {
					int rs = mv_reg(&v);
					mv_set(&v, rs, 0, 1);
					if (br[i].reg == RS_TARGET)
						v.sym[rs] = slot_sym[k];
					insn |= (uint32_t)rs << 21;
				}
				if (slot[j].r) {
					uint32_t r = (uint32_t)mv_reg(&v);
					mv_set(&v, (int)r, slot[j].val, 1);
					d |= slot[j].b ? r << 16 : r << 21 | r << 16 | r << 11;
				}
				if (slot[j].b) {
					int b = mv_reg(&v);
					mv_win(&v, b, WIN_BASE);
					d |= (uint32_t)b << 21;
				}
				mv_code(&v, insn, br[i].mnem);
				mv_code(&v, d, slot[j].mnem);
				if (br[i].reg != RS_TARGET)
					v.code[0] |= (uint32_t)((mv_slot_offset(&v, k) - 4) >> 2) & 0xffffu;
				mips_emit(o, &v);
			}
}
