/* The pattern interpreter: picks field values under their constraints,
 * operand values (edges or random) and, for memory patterns, a base and
 * offset whose accesses stay inside the window. */
#include <string.h>

#include "gen.h"

static int pick_reg(uint16_t *taken, int lo, int hi)
{
	int free[16], n = 0;
	for (int r = lo; r <= hi; r++)
		if (!(*taken & (1u << r)))
			free[n++] = r;
	if (!n)
		return lo;
	int r = free[rng_below((uint32_t)n)];
	*taken |= (uint16_t)(1u << r);
	return r;
}

static uint32_t ror32(uint32_t x, unsigned s)
{
	s &= 31;
	return s ? x >> s | x << (32 - s) : x;
}

/* Offset added by an ARM scaled-register address. */
static int64_t shifted(uint32_t rm, unsigned type, unsigned imm, int carry)
{
	switch (type) {
	case 0: return (int32_t)(rm << imm);
	case 1: return imm ? (int32_t)(rm >> imm) : 0;
	case 2: return imm ? (int32_t)rm >> imm : ((int32_t)rm >> 31);
	default: return imm ? (int32_t)ror32(rm, imm) : (int32_t)((uint32_t)carry << 31 | rm >> 1);
	}
}

/* A register value giving roughly offset t through the shift. */
static uint32_t unshift(int32_t t, unsigned type, unsigned imm)
{
	switch (type) {
	case 0: return (uint32_t)(t >> imm);
	case 1: case 2: return imm ? (uint32_t)t << imm : rng32();
	default: return imm ? ror32((uint32_t)t, 32 - imm) : (uint32_t)t << 1;
	}
}

/* Does every access of the vector stay inside the window? */
static int addr_ok(const struct vec *v, const struct pattern *p, int rn, int rm)
{
	if (!(p->flags & P_MEM) || rn < 0)
		return 1;
	uint32_t insn = v->code[0];
	int64_t base = v->reg[rn], off = 0;
	int up = insn >> 23 & 1;
	switch (p->am) {
	case AM_IMM12: off = insn & 0xfff; break;
	case AM_IMM8: off = (insn >> 4 & 0xf0) | (insn & 0xf); break;
	case AM_REG: off = (int32_t)v->reg[rm]; break;
	case AM_REGSH:
		off = shifted(v->reg[rm], insn >> 5 & 3, insn >> 7 & 31, v->psr >> 29 & 1);
		break;
	case AM_T_REG: off = (int32_t)v->reg[rm], up = 1; break;
	case AM_T_IMM5: off = (insn >> 6 & 31) * p->size, up = 1; break;
	default: return 1;
	}
	int64_t ea = up ? base + off : base - off;
	return base >= 0 && ea >= 0 && ea + 8 <= (int64_t)WIN_SIZE;
}

static void one(struct out *o, const struct pattern *p)
{
	struct vec v;
	int thumb = (p->flags & P_THUMB) != 0;
	for (int tries = 0;; tries++) {
		vec_init(&v, thumb);
		uint32_t insn = p->bits;
		uint16_t taken = 0;
		int rn = -1, rm = -1, sources[8], ns = 0;
		for (int i = 0; i < 8 && p->f[i].kind != F_END; i++) {
			const struct field *f = &p->f[i];
			int hi = f->width == 3 ? 7 : 12, r = -1;
			uint32_t val = 0;
			switch (f->kind) {
			case F_RS: case F_RSH:
				if ((p->flags & P_ALIAS) && ns && rng_below(4) == 0)
					r = sources[rng_below((uint32_t)ns)];
				else
					r = pick_reg(&taken, 0, hi);
				sources[ns++] = r;
				vec_set(&v, r, f->kind == F_RS ? pick_operand() : pick_shift_reg(), 1);
				val = (uint32_t)r;
				break;
			case F_HS: case F_HD:
				r = pick_reg(&taken, 0, 12);
				vec_set(&v, r, pick_operand(), 1);  /* Rdn is read by ADD/CMP */
				val = f->kind == F_HS ? (uint32_t)r : (uint32_t)((r & 7) | (r & 8) << 4);
				break;
			case F_RD:
				r = pick_reg(&taken, 0, hi);
				vec_set(&v, r, v.reg[r], 0);
				val = (uint32_t)r;
				break;
			case F_RT:
				r = pick_reg(&taken, 0, hi);
				vec_set(&v, r, pick_operand(), !(p->flags & P_LOAD));
				val = (uint32_t)r;
				break;
			case F_RTE:
				do {
					r = (int)rng_below(6) * 2;
				} while (taken & (3u << r));
				taken |= (uint16_t)(3u << r);
				vec_set(&v, r, pick_operand(), !(p->flags & P_LOAD));
				vec_set(&v, r + 1, pick_operand(), !(p->flags & P_LOAD));
				val = (uint32_t)r;
				break;
			case F_RN:
				rn = r = pick_reg(&taken, 0, hi);
				vec_win(&v, r, WIN_BASE + ((p->flags & P_UNAL) && rng_below(3) == 0 ? 1 + rng_below(7) : 0), 1);
				val = (uint32_t)r;
				break;
			case F_RM:
				rm = r = pick_reg(&taken, 0, hi);
				val = (uint32_t)r;
				break;
			case F_IMM: case F_SH5: val = pick_imm(f->width); break;
			case F_BIT: case F_ROT: case F_SHT: val = rng32() & ((1u << f->width) - 1); break;
			}
			insn |= (val & ((1u << f->width) - 1)) << f->lsb;
			if (f->kind == F_HD)
				insn |= (val & 0x80u);
		}
		if (rm >= 0) {
			/* Offset register: aim at an offset inside the window. */
			int32_t t = (int32_t)rng_below(0x1000) - 0x800;
			uint32_t val = p->am == AM_REGSH ? unshift(t, insn >> 5 & 3, insn >> 7 & 31) : (uint32_t)t;
			if (rng_below(8) == 0)
				val = pick_operand();
			vec_set(&v, rm, val, 1);
		}
		if (p->flags & P_SP)
			vec_set(&v, 13, v.reg[13], 1);
		if (p->flags & P_LR)
			vec_set(&v, 14, v.reg[14], 1);
		vec_code(&v, insn, thumb ? 2 : 4, p->mnem);
		if (addr_ok(&v, p, rn, rm) || tries > 500)
			break;
	}
	emit_vec(o, &v);
}

void run_patterns(struct out *o, const struct pattern *p, int n)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < p[i].count; k++)
			one(o, &p[i]);
}
