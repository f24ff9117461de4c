/* mips64 integer groups: ALU, overflow traps, shifts and rotates,
 * multiply/divide with HI/LO, conditional moves, Release 2 byte and bit
 * operations. */
#include "mips64.h"

#define RS(k) FLD(k, 21, 5)
#define RT(k) FLD(k, 16, 5)
#define RD(k) FLD(k, 11, 5)
#define SA    FLD(K_SA, 6, 5)
#define IMM   FLD(K_IMM, 0, 16)
#define SPC(f) (0x00000000u | (f))
#define SP2(f) (0x70000000u | (f))
#define SP3(f) (0x7c000000u | (f))
#define OP(o)  ((uint32_t)(o) << 26)

/* 32-bit operations take sign-extended inputs (other inputs are
 * UNPREDICTABLE), 64-bit and logical ones any value. */
static const struct pattern alu[] = {
	{ "addu", "addu move", SPC(0x21), P_ALIAS, 0, 0, 60, { RD(K_GD), RS(K_G32), RT(K_G32) } },
	{ "subu", "subu negu", SPC(0x23), P_ALIAS, 0, 0, 60, { RD(K_GD), RS(K_G32), RT(K_G32) } },
	{ "daddu", "daddu move", SPC(0x2d), P_ALIAS, 0, 0, 60, { RD(K_GD), RS(K_G64), RT(K_G64) } },
	{ "dsubu", "dsubu dnegu", SPC(0x2f), P_ALIAS, 0, 0, 60, { RD(K_GD), RS(K_G64), RT(K_G64) } },
	{ "and", "and", SPC(0x24), P_ALIAS, 0, 0, 30, { RD(K_GD), RS(K_G64), RT(K_G64) } },
	{ "or", "or move", SPC(0x25), P_ALIAS, 0, 0, 30, { RD(K_GD), RS(K_G64), RT(K_G64) } },
	{ "xor", "xor", SPC(0x26), P_ALIAS, 0, 0, 30, { RD(K_GD), RS(K_G64), RT(K_G64) } },
	{ "nor", "nor not", SPC(0x27), P_ALIAS, 0, 0, 30, { RD(K_GD), RS(K_G64), RT(K_G64) } },
	{ "slt", "slt", SPC(0x2a), P_ALIAS, 0, 0, 60, { RD(K_GD), RS(K_G64), RT(K_G64) } },
	{ "sltu", "sltu", SPC(0x2b), P_ALIAS, 0, 0, 60, { RD(K_GD), RS(K_G64), RT(K_G64) } },
};

static const struct pattern alu_imm[] = {
	{ "addiu", "addiu", OP(0x09), 0, 0, 0, 60, { RT(K_GD), RS(K_G32), IMM } },
	{ "daddiu", "daddiu", OP(0x19), 0, 0, 0, 60, { RT(K_GD), RS(K_G64), IMM } },
	{ "slti", "slti", OP(0x0a), 0, 0, 0, 50, { RT(K_GD), RS(K_G64), IMM } },
	{ "sltiu", "sltiu", OP(0x0b), 0, 0, 0, 50, { RT(K_GD), RS(K_G64), IMM } },
	{ "andi", "andi", OP(0x0c), 0, 0, 0, 30, { RT(K_GD), RS(K_G64), IMM } },
	{ "ori", "ori", OP(0x0d), 0, 0, 0, 30, { RT(K_GD), RS(K_G64), IMM } },
	{ "xori", "xori", OP(0x0e), 0, 0, 0, 30, { RT(K_GD), RS(K_G64), IMM } },
	{ "lui", "lui", OP(0x0f), 0, 0, 0, 40, { RT(K_GD), IMM } },
};

/* Overflow traps SIGFPE; edge operands make overflow common. */
static const struct pattern ovf[] = {
	{ "add", "add", SPC(0x20), P_ALIAS, 0, 0, 70, { RD(K_GD), RS(K_G32), RT(K_G32) } },
	{ "sub", "sub neg", SPC(0x22), P_ALIAS, 0, 0, 70, { RD(K_GD), RS(K_G32), RT(K_G32) } },
	{ "dadd", "dadd", SPC(0x2c), P_ALIAS, 0, 0, 70, { RD(K_GD), RS(K_G64), RT(K_G64) } },
	{ "dsub", "dsub dneg", SPC(0x2e), P_ALIAS, 0, 0, 70, { RD(K_GD), RS(K_G64), RT(K_G64) } },
	{ "addi", "addi", OP(0x08), 0, 0, 0, 70, { RT(K_GD), RS(K_G32), IMM } },
	{ "daddi", "daddi", OP(0x18), 0, 0, 0, 70, { RT(K_GD), RS(K_G64), IMM } },
};

static const struct pattern shift[] = {
	{ "sll", "sll", SPC(0x00), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), SA } },
	{ "srl", "srl", SPC(0x02), 0, 0, 0, 30, { RD(K_GD), RT(K_G32), SA } },
	{ "sra", "sra", SPC(0x03), 0, 0, 0, 30, { RD(K_GD), RT(K_G32), SA } },
	{ "rotr", "rotr", SPC(0x00200002), 0, 0, 0, 30, { RD(K_GD), RT(K_G32), SA } },
	{ "sllv", "sllv", SPC(0x04), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), RS(K_GSH) } },
	{ "srlv", "srlv", SPC(0x06), 0, 0, 0, 30, { RD(K_GD), RT(K_G32), RS(K_GSH) } },
	{ "srav", "srav", SPC(0x07), 0, 0, 0, 30, { RD(K_GD), RT(K_G32), RS(K_GSH) } },
	{ "rotrv", "rotrv", SPC(0x46), 0, 0, 0, 30, { RD(K_GD), RT(K_G32), RS(K_GSH) } },
	{ "dsll", "dsll", SPC(0x38), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), SA } },
	{ "dsrl", "dsrl", SPC(0x3a), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), SA } },
	{ "dsra", "dsra", SPC(0x3b), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), SA } },
	{ "drotr", "drotr", SPC(0x0020003a), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), SA } },
	{ "dsll32", "dsll32", SPC(0x3c), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), SA } },
	{ "dsrl32", "dsrl32", SPC(0x3e), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), SA } },
	{ "dsra32", "dsra32", SPC(0x3f), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), SA } },
	{ "drotr32", "drotr32", SPC(0x0020003e), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), SA } },
	{ "dsllv", "dsllv", SPC(0x14), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), RS(K_GSH) } },
	{ "dsrlv", "dsrlv", SPC(0x16), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), RS(K_GSH) } },
	{ "dsrav", "dsrav", SPC(0x17), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), RS(K_GSH) } },
	{ "drotrv", "drotrv", SPC(0x56), 0, 0, 0, 30, { RD(K_GD), RT(K_G64), RS(K_GSH) } },
};

static const struct pattern muldiv[] = {
	{ "mult", "mult", SPC(0x18), P_ALIAS, 0, 0, 40, { RS(K_G32), RT(K_G32) } },
	{ "multu", "multu", SPC(0x19), P_ALIAS, 0, 0, 40, { RS(K_G32), RT(K_G32) } },
	{ "div", "div sdiv", SPC(0x1a), P_ALIAS, 0, 0, 40, { RS(K_G32), RT(K_G32) } },
	{ "divu", "divu udiv", SPC(0x1b), P_ALIAS, 0, 0, 40, { RS(K_G32), RT(K_G32) } },
	{ "dmult", "dmult", SPC(0x1c), P_ALIAS, 0, 0, 40, { RS(K_G64), RT(K_G64) } },
	{ "dmultu", "dmultu", SPC(0x1d), P_ALIAS, 0, 0, 40, { RS(K_G64), RT(K_G64) } },
	{ "ddiv", "ddiv", SPC(0x1e), P_ALIAS, 0, 0, 40, { RS(K_G64), RT(K_G64) } },
	{ "ddivu", "ddivu", SPC(0x1f), P_ALIAS, 0, 0, 40, { RS(K_G64), RT(K_G64) } },
	{ "mul", "mul", SP2(0x02), P_ALIAS, 0, 0, 40, { RD(K_GD), RS(K_G32), RT(K_G32) } },
	{ "madd", "madd", SP2(0x00), P_ALIAS | MP_HILO, 0, 0, 40, { RS(K_G32), RT(K_G32) } },
	{ "maddu", "maddu", SP2(0x01), P_ALIAS | MP_HILO, 0, 0, 40, { RS(K_G32), RT(K_G32) } },
	{ "msub", "msub", SP2(0x04), P_ALIAS | MP_HILO, 0, 0, 40, { RS(K_G32), RT(K_G32) } },
	{ "msubu", "msubu", SP2(0x05), P_ALIAS | MP_HILO, 0, 0, 40, { RS(K_G32), RT(K_G32) } },
	{ "mfhi", "mfhi", SPC(0x10), MP_HILO, 0, 0, 10, { RD(K_GD) } },
	{ "mflo", "mflo", SPC(0x12), MP_HILO, 0, 0, 10, { RD(K_GD) } },
	{ "mthi", "mthi", SPC(0x11), MP_HILO, 0, 0, 10, { RS(K_G64) } },
	{ "mtlo", "mtlo", SPC(0x13), MP_HILO, 0, 0, 10, { RS(K_G64) } },
};

static const struct pattern cmov[] = {
	{ "movn", "movn", SPC(0x0b), 0, 0, 0, 60, { RD(K_GDS), RS(K_G64), RT(K_GZ) } },
	{ "movz", "movz", SPC(0x0a), 0, 0, 0, 60, { RD(K_GDS), RS(K_G64), RT(K_GZ) } },
};

static const struct pattern r2[] = {
	{ "wsbh", "wsbh", SP3(0x0a0), 0, 0, 0, 40, { RD(K_GD), RT(K_G32) } },
	{ "dsbh", "dsbh", SP3(0x0a4), 0, 0, 0, 40, { RD(K_GD), RT(K_G64) } },
	{ "dshd", "dshd", SP3(0x164), 0, 0, 0, 40, { RD(K_GD), RT(K_G64) } },
	{ "seb", "seb", SP3(0x420), 0, 0, 0, 40, { RD(K_GD), RT(K_G64) } },
	{ "seh", "seh", SP3(0x620), 0, 0, 0, 40, { RD(K_GD), RT(K_G64) } },
};

void g_alu(struct out *o) { mips_patterns(o, alu, ARRAY_LEN(alu)); }
void g_alu_imm(struct out *o) { mips_patterns(o, alu_imm, ARRAY_LEN(alu_imm)); }
void g_ovf(struct out *o) { mips_patterns(o, ovf, ARRAY_LEN(ovf)); }
void g_shift(struct out *o) { mips_patterns(o, shift, ARRAY_LEN(shift)); }
/* Division corner cases the random operands rarely hit: by zero (no trap;
 * HI and LO are whatever the CPU leaves) and the most negative value by -1. */
void g_muldiv(struct out *o)
{
	mips_patterns(o, muldiv, ARRAY_LEN(muldiv));
	static const struct { const char *name; uint32_t funct; int wide; } divs[] = {
		{ "div", 0x1a, 0 }, { "divu", 0x1b, 0 }, { "ddiv", 0x1e, 1 }, { "ddivu", 0x1f, 1 },
	};
	static const uint64_t pairs[][2] = {
		{ 0xffffffff80000000ull, ~0ull }, { 0x8000000000000000ull, ~0ull }, { 7, 0 }, { 0, 0 },
		{ ~0ull, 0 }, { 0xffffffff80000000ull, 0 }, { ~0ull, ~0ull }, { 0x7fffffff, 1 },
	};
	for (size_t i = 0; i < ARRAY_LEN(divs); i++)
		for (size_t k = 0; k < ARRAY_LEN(pairs); k++) {
			struct mvec v;
			mv_init(&v);
			int rs = mv_reg(&v), rt = mv_reg(&v);
			uint64_t a = pairs[k][0], b = pairs[k][1];
			if (!divs[i].wide) {
				a = (uint64_t)(int64_t)(int32_t)a;
				b = (uint64_t)(int64_t)(int32_t)b;
			}
			mv_set(&v, rs, a, 1);
			mv_set(&v, rt, b, 1);
			mv_code(&v, SPC(divs[i].funct) | (uint32_t)rs << 21 | (uint32_t)rt << 16,
				divs[i].wide ? divs[i].name : i ? "divu udiv" : "div sdiv");
			mips_emit(o, &v);
		}
}
void g_cmov(struct out *o) { mips_patterns(o, cmov, ARRAY_LEN(cmov)); }

/* CLZ/CLO/DCLZ/DCLO name their destination twice (rt and rd). */
static const struct { const char *name; uint32_t funct; int wide; } counts[] = {
	{ "clz", 0x20, 0 }, { "clo", 0x21, 0 }, { "dclz", 0x24, 1 }, { "dclo", 0x25, 1 },
};

void g_r2(struct out *o)
{
	mips_patterns(o, r2, ARRAY_LEN(r2));
	for (size_t i = 0; i < ARRAY_LEN(counts); i++)
		for (int n = 0; n < 30; n++) {
			struct mvec v;
			mv_init(&v);
			int rd = mv_reg(&v), rs = mv_reg(&v);
			uint64_t x = counts[i].wide ? pick64() : pick_s32();
			if (rng_below(3) == 0)
				x = counts[i].wide ? ~0ull >> rng_below(64) : (uint64_t)(int64_t)(int32_t)(~0u >> rng_below(32));
			mv_set(&v, rs, rng_below(2) ? x : ~x, 1);
			mv_code(&v, SP2(counts[i].funct) | (uint32_t)rs << 21 | (uint32_t)rd << 16 | (uint32_t)rd << 11,
				counts[i].name);
			mips_emit(o, &v);
		}
}

/* Bit fields: position and size drawn inside each instruction's range. */
static const struct bitfield {
	const char *name;
	uint32_t funct;
	int pos_lo, pos_hi, size_lo, size_hi, limit; /* pos + size <= limit */
	int ins;          /* encodes msb (pos+size-1) rather than size-1 */
	int wide;
} fields[] = {
	{ "ext", 0, 0, 31, 1, 32, 32, 0, 0 },
	{ "dext", 3, 0, 31, 1, 32, 63, 0, 1 },
	{ "dextm", 1, 0, 31, 33, 64, 64, 0, 1 },
	{ "dextu", 2, 32, 63, 1, 32, 64, 0, 1 },
	{ "ins", 4, 0, 31, 1, 32, 32, 1, 0 },
	{ "dins", 7, 0, 31, 1, 32, 32, 1, 1 },
	{ "dinsm", 5, 0, 31, 2, 64, 64, 1, 1 },
	{ "dinsu", 6, 32, 63, 1, 32, 64, 1, 1 },
};

static int draw(int lo, int hi)
{
	return lo + (int)rng_below((uint32_t)(hi - lo + 1));
}

void g_bitfield(struct out *o)
{
	for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
		const struct bitfield *b = &fields[i];
		for (int n = 0; n < 60; n++) {
			int pos, size, msb;
			do {
				pos = draw(b->pos_lo, b->pos_hi);
				size = draw(b->size_lo, b->size_hi);
				msb = b->ins ? pos + size - 1 : size - 1;
			} while (pos + size > b->limit || (b->funct == 5 && pos + size <= 32));
			struct mvec v;
			mv_init(&v);
			int rt = mv_reg(&v), rs = mv_reg(&v);
			mv_set(&v, rs, b->wide ? pick64() : pick_s32(), 1);
			if (b->ins)
				mv_set(&v, rt, b->wide ? pick64() : pick_s32(), 1);
			mv_code(&v, SP3(b->funct) | (uint32_t)rs << 21 | (uint32_t)rt << 16 |
				    (uint32_t)(msb & 31) << 11 | (uint32_t)(pos & 31) << 6, b->name);
			mips_emit(o, &v);
		}
	}
}

/* Results written to $zero are discarded; the sources are still read (a
 * load still accesses memory and may fault). */
#define ZB FLD(K_BASE, 21, 5)
#define ZO FLD(K_OFF, 0, 16)

static const struct pattern zero[] = {
	{ "addu", "addu", SPC(0x21), 0, 0, 0, 8, { RS(K_G32), RT(K_G32) } },
	{ "daddu", "daddu", SPC(0x2d), 0, 0, 0, 8, { RS(K_G64), RT(K_G64) } },
	{ "sll", "sll", SPC(0x40), 0, 0, 0, 8, { RT(K_G64) } },
	{ "dsra32", "dsra32", SPC(0x3f), 0, 0, 0, 8, { RT(K_G64), SA } },
	{ "daddiu", "daddiu", OP(0x19), 0, 0, 0, 8, { RS(K_G64), IMM } },
	{ "lui", "lui", OP(0x0f), 0, 0, 0, 8, { IMM } },
	{ "slt", "slt", SPC(0x2a), 0, 0, 0, 8, { RS(K_G64), RT(K_G64) } },
	{ "movn", "movn", SPC(0x0b), 0, 0, 0, 8, { RS(K_G64), RT(K_GZ) } },
	{ "mfhi", "mfhi", SPC(0x10), MP_HILO, 0, 0, 4, { { 0, 0, 0 } } },
	{ "mul", "mul", SP2(0x02), 0, 0, 0, 8, { RS(K_G32), RT(K_G32) } },
	{ "seb", "seb", SP3(0x420), 0, 0, 0, 8, { RT(K_G64) } },
	{ "dext", "dext", SP3(0x003), 0, 0, 0, 8, { RS(K_G64), FLD(K_IMM, 6, 10) } },
	{ "rdhwr", "rdhwr", 0x7c00e83bu, 0, 0, 0, 4, { { 0, 0, 0 } } },
	{ "lw", "lw", OP(0x23), P_MEM, 0, 4, 8, { ZB, ZO } },
	{ "ld", "ld", OP(0x37), P_MEM | P_UNAL, 0, 8, 8, { ZB, ZO } },
	{ "lwl", "lwl", OP(0x22), P_MEM | P_UNAL, 0, 1, 8, { ZB, ZO } },
	{ "mfc1", "mfc1", 0x44000000u, MP_FPU, FM_D, 0, 8, { FLD(K_FS, 11, 5) } },
	{ "cfc1", "cfc1", 0x4440f800u, MP_FPU | MP_FCC, 0, 0, 4, { { 0, 0, 0 } } },
};

void g_zero(struct out *o) { mips_patterns(o, zero, ARRAY_LEN(zero)); }
