/* The mips64 pattern interpreter: picks registers and field values under
 * their constraints, operand values (edges or random) and, for memory
 * patterns, a base and offset that keep the access inside the window. */
#include <string.h>

#include "mips64.h"

static const uint32_t trap_codes[] = { 0, 1, 5, 6, 7, 8, 12, 0x200, 0x3ff };
static const uint32_t break_codes[] = {
	0, 1, 5, 6, 7, 8, 12, 514, 515, 516, 1023, 6u << 10, 7u << 10, 0xfffffu,
};
static const uint32_t hw_regs[] = { 29, 29, 29, 29, 0, 1, 3 };

static int pick_fpr(uint32_t *taken)
{
	int free[32], n = 0;
	for (int r = 0; r < 32; r++)
		if (!(*taken & (1u << r)))
			free[n++] = r;
	int r = free[rng_below((uint32_t)n)];
	*taken |= 1u << r;
	return r;
}

static uint64_t source_value(enum mips_field k)
{
	switch (k) {
	case K_G32: return pick_s32();
	case K_GZ: return rng_below(2) ? 0 : pick64();
	case K_GSH: {
		uint64_t hi = rng32();
		return rng_below(3) ? (hi << 32 | (rng32() & ~0xffu)) + rng_below(70) : pick64();
	}
	default: return pick64();
	}
}

/* A memory offset the access can add to the base: inside the window. */
static int32_t mem_offset(const struct pattern *p)
{
	int32_t off = (int32_t)rng_below(0x1000) - 0x800;
	if (!(p->flags & P_UNAL))
		off &= -(int32_t)p->size;
	if (rng_below(6) == 0)
		off = 0;
	return off;
}

static void one(struct out *o, const struct pattern *p)
{
	struct mvec v;
	mv_init(&v);
	uint32_t insn = p->bits, ftaken = 0;
	int sources[8], ns = 0, fsources[8], nfs = 0, base = -1, idx = -1;
	int32_t off = mem_offset(p);
	size_t alen = (size_t)snprintf(v.alt[0], sizeof v.alt[0], "%s", p->name);
	for (int i = 0; i < 8 && p->f[i].kind != K_END; i++) {
		const struct field *f = &p->f[i];
		uint32_t val = 0;
		int r;
		const char *fmt = " $%u";
		switch ((enum mips_field)f->kind) {
		case K_GD:
			r = mv_reg(&v);
			val = (uint32_t)r;
			break;
		case K_G64: case K_G32: case K_GSH: case K_GZ:
			if ((p->flags & P_ALIAS) && ns && rng_below(4) == 0) {
				r = sources[rng_below((uint32_t)ns)];
			} else {
				/* COP1X's fr position (ALNV.PS rs) is never $8 (see K_FR) */
				int cop1x_fr = (p->bits >> 26) == 0x13 && f->lsb == 21 && !(v.used & 1u << 8);
				if (cop1x_fr)
					v.used |= 1u << 8;
				r = mv_reg(&v);
				if (cop1x_fr)
					v.used &= ~(1u << 8);
				mv_set(&v, r, source_value((enum mips_field)f->kind), 1);
				sources[ns++] = r;
			}
			val = (uint32_t)r;
			break;
		case K_GDS:
			r = mv_reg(&v);
			mv_set(&v, r, pick64(), 1);
			val = (uint32_t)r;
			break;
		case K_BASE:
			if ((p->bits >> 26) == 0x13 && !(v.used & 1u << 8)) {
				/* COP1X base in the fr position: not $8 (see K_FR) */
				v.used |= 1u << 8;
				base = r = mv_reg(&v);
				v.used &= ~(1u << 8);
			} else {
				base = r = mv_reg(&v);
			}
			val = (uint32_t)r;
			break;
		case K_IDX:
			idx = r = mv_reg(&v);
			val = (uint32_t)r;
			break;
		case K_OFF:
			val = (uint32_t)off;
			break;
		case K_IMM: case K_SA:
			val = pick_imm(f->width);
			fmt = " 0x%x";
			break;
		case K_FD:
			val = (uint32_t)pick_fpr(&ftaken);
			fmt = " $f%u";
			break;
		case K_FS: case K_FDS: case K_FR:
			if (f->kind == K_FR) {
				uint32_t t = ftaken | 1u << 8;
				r = pick_fpr(&t);
				ftaken |= 1u << r;
				v.fpr[r] = pick_fp(p->am);
				v.fshow |= 1u << r;
			} else if (f->kind == K_FS && (p->flags & P_ALIAS) && nfs && rng_below(4) == 0) {
				r = fsources[rng_below((uint32_t)nfs)];
			} else {
				r = pick_fpr(&ftaken);
				v.fpr[r] = pick_fp(p->am);
				v.fshow |= 1u << r;
				if (f->kind == K_FS)
					fsources[nfs++] = r;
			}
			val = (uint32_t)r;
			fmt = " $f%u";
			break;
		case K_CC:
			val = rng_below(2) ? 0 : rng32() & 7;
			fmt = " $fcc%u";
			break;
		case K_TCODE:
			val = rng_below(3) ? trap_codes[rng_below(ARRAY_LEN(trap_codes))] : rng32() & 0x3ff;
			fmt = " %u";
			break;
		case K_BCODE:
			val = rng_below(3) ? break_codes[rng_below(ARRAY_LEN(break_codes))] : rng32() & 0xfffff;
			fmt = " %u";
			break;
		case K_HWR:
			val = hw_regs[rng_below(ARRAY_LEN(hw_regs))];
			fmt = " $%u";
			break;
		case K_END:
			break;
		}
		val &= (uint32_t)((1ull << f->width) - 1);
		insn |= val << f->lsb;
		if (i && alen < sizeof v.alt[0])
			alen += (size_t)snprintf(v.alt[0] + alen, sizeof v.alt[0] - alen, ",");
		if (alen < sizeof v.alt[0] && f->kind == K_OFF)
			alen += (size_t)snprintf(v.alt[0] + alen, sizeof v.alt[0] - alen, " %d", (int)off);
		else if (alen < sizeof v.alt[0])
			alen += (size_t)snprintf(v.alt[0] + alen, sizeof v.alt[0] - alen, fmt, val);
	}
	if (base >= 0) {
		int64_t at = WIN_BASE;
		if ((p->flags & P_UNAL) && rng_below(3))
			at += 1 + rng_below(7);
		if (idx >= 0)
			mv_set(&v, idx, (uint64_t)(int64_t)off, 1);
		mv_win(&v, base, at);
	}
	if (p->flags & MP_FPU) {
		v.fcsr = pick_fcsr(p->flags);
		v.flags |= MP_FPU;
	}
	if (p->flags & MP_HILO) {
		v.hi = pick_s32();
		v.lo = pick_s32();
		v.flags |= MP_HILO;
	}
	mv_code(&v, insn, p->mnem);
	mips_emit(o, &v);
}

void mips_patterns(struct out *o, const struct pattern *p, int n)
{
	for (int i = 0; i < n; i++)
		for (int k = 0; k < p[i].count; k++)
			one(o, &p[i]);
}
