/* Paired-single (format PS: two singles in one FPR, the upper half and
 * the lower) and the MIPS-3D ASE, as the reference CPU model runs them:
 * each half is a single operation (its own default NaN, flush to zero),
 * the cause bits of both halves combine, and an enabled one traps before
 * anything is written. Condition codes: the lower half uses cc, the upper
 * cc + 1, whose FCSR bit is taken modulo 32 as the model computes it (cc 7
 * pairs with bit 0, and so on for BC1ANY4). */
#include "cpu/mips/mips_fpu_ops.h"

#define PS_SIGNS 0x8000000080000000ull

static uint32_t lo(uint64_t v) { return (uint32_t)v; }
static uint32_t hi(uint64_t v) { return (uint32_t)(v >> 32); }
static uint64_t pair(uint32_t h, uint32_t l) { return (uint64_t)h << 32 | l; }
static unsigned ps_bit(unsigned cc) { return fcc_bit(cc) & 31; }

static int ps_done(struct mips_cpu *cpu, uint32_t insn, unsigned cause, uint64_t v)
{
	int rc = mips_fp_cause(cpu, insn, cause);
	if (rc)
		return rc;
	cpu->f[FD(insn)] = v;
	return mips_next(cpu);
}

/* ADD/SUB/MUL.PS: fd = fs op ft, half by half. */
static int ps_arith(struct mips_cpu *cpu, uint32_t insn, int op)
{
	uint64_t a = cpu->f[FS(insn)], b = cpu->f[FT(insn)];
	unsigned cause = 0;
	uint32_t h = s_op(cpu, op, hi(a), hi(b), &cause), l = s_op(cpu, op, lo(a), lo(b), &cause);
	return ps_done(cpu, insn, cause, pair(h, l));
}

static int add_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_arith(cpu, insn, OP_ADD); }
static int sub_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_arith(cpu, insn, OP_SUB); }
static int mul_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_arith(cpu, insn, OP_MUL); }

/* ADDR/MULR.PS: fd.upper = fs.lower op fs.upper, fd.lower = the same of ft. */
static int ps_reduce(struct mips_cpu *cpu, uint32_t insn, int op)
{
	uint64_t a = cpu->f[FS(insn)], b = cpu->f[FT(insn)];
	unsigned cause = 0;
	uint32_t h = s_op(cpu, op, lo(a), hi(a), &cause), l = s_op(cpu, op, lo(b), hi(b), &cause);
	return ps_done(cpu, insn, cause, pair(h, l));
}

static int addr_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_reduce(cpu, insn, OP_ADD); }
static int mulr_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_reduce(cpu, insn, OP_MUL); }

/* RECIP1/RSQRT1.PS: 1 / fs, 1 / sqrt(fs) per half. */
static uint32_t s_recip1(struct mips_cpu *cpu, uint32_t a, unsigned *cause)
{
	return s_op(cpu, OP_DIV, 0x3f800000u, a, cause);
}

static uint32_t s_rsqrt1(struct mips_cpu *cpu, uint32_t a, unsigned *cause)
{
	return s_op(cpu, OP_DIV, 0x3f800000u, s_op(cpu, OP_SQRT, a, 0, cause), cause);
}

static int recip1_ps(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->f[FS(insn)];
	unsigned cause = 0;
	uint32_t h = s_recip1(cpu, hi(a), &cause), l = s_recip1(cpu, lo(a), &cause);
	return ps_done(cpu, insn, cause, pair(h, l));
}

static int rsqrt1_ps(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->f[FS(insn)];
	unsigned cause = 0;
	uint32_t h = s_rsqrt1(cpu, hi(a), &cause), l = s_rsqrt1(cpu, lo(a), &cause);
	return ps_done(cpu, insn, cause, pair(h, l));
}

static int ps_step2(struct mips_cpu *cpu, uint32_t insn, bool half)
{
	uint64_t a = cpu->f[FS(insn)], b = cpu->f[FT(insn)];
	unsigned cause = 0;
	uint32_t h = s_step2(cpu, hi(a), hi(b), half, &cause), l = s_step2(cpu, lo(a), lo(b), half, &cause);
	return ps_done(cpu, insn, cause, pair(h, l));
}

static int recip2_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_step2(cpu, insn, false); }
static int rsqrt2_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_step2(cpu, insn, true); }

/* Sign and moves: no FCSR change. */
static int ps_move(struct mips_cpu *cpu, uint32_t insn, uint64_t v)
{
	cpu->f[FD(insn)] = v;
	return mips_next(cpu);
}

static int abs_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_move(cpu, insn, cpu->f[FS(insn)] & ~PS_SIGNS); }
static int neg_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_move(cpu, insn, cpu->f[FS(insn)] ^ PS_SIGNS); }
static int mov_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_move(cpu, insn, cpu->f[FS(insn)]); }

static int movz_ps(struct mips_cpu *cpu, uint32_t insn)
{
	return cpu->r[RT(insn)] == 0 ? ps_move(cpu, insn, cpu->f[FS(insn)]) : mips_next(cpu);
}

static int movn_ps(struct mips_cpu *cpu, uint32_t insn)
{
	return cpu->r[RT(insn)] != 0 ? ps_move(cpu, insn, cpu->f[FS(insn)]) : mips_next(cpu);
}

/* MOVF/MOVT.PS: each half moves on its own condition code. */
static int movcf_ps(struct mips_cpu *cpu, uint32_t insn)
{
	unsigned cc = insn >> 18 & 7, tf = insn >> 16 & 1;
	uint64_t d = cpu->f[FD(insn)], s = cpu->f[FS(insn)];
	uint32_t l = ((cpu->fcsr >> ps_bit(cc)) & 1) == tf ? lo(s) : lo(d);
	uint32_t h = ((cpu->fcsr >> ps_bit(cc + 1)) & 1) == tf ? hi(s) : hi(d);
	return ps_move(cpu, insn, pair(h, l));
}

/* PLL/PLU/PUL/PUU.PS (functions 44-47): fd.upper from fs, fd.lower from
 * ft; bit 1 picks fs's upper half, bit 0 ft's. */
static int pxx_ps(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->f[FS(insn)], b = cpu->f[FT(insn)];
	return ps_move(cpu, insn, pair(insn & 2 ? hi(a) : lo(a), insn & 1 ? hi(b) : lo(b)));
}

/* CVT.S.PU (32) and CVT.S.PL (40): one half as a single result; the
 * model writes an empty cause field. */
static int cvt_s_px(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->f[FS(insn)];
	int rc = mips_fp_cause(cpu, insn, 0);
	if (rc)
		return rc;
	set_fpr_s(cpu, FD(insn), (insn & 8) ? lo(a) : hi(a));
	return mips_next(cpu);
}

/* CVT.PS.S: fd.upper = fs, fd.lower = ft (lower words), no arithmetic. */
static int cvt_ps_s(struct mips_cpu *cpu, uint32_t insn)
{
	return ps_move(cpu, insn, pair(lo(cpu->f[FS(insn)]), lo(cpu->f[FT(insn)])));
}

/* CVT.PW.PS: both halves to words with FCSR's rounding. */
static int cvt_pw_ps(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->f[FS(insn)];
	unsigned cause = 0;
	uint32_t h = (uint32_t)s_to_int(cpu, (int)(cpu->fcsr & 3), hi(a), false, &cause);
	uint32_t l = (uint32_t)s_to_int(cpu, (int)(cpu->fcsr & 3), lo(a), false, &cause);
	return ps_done(cpu, insn, cause, pair(h, l));
}

/* CVT.PS.PW: two words to singles (the W table also holds L: RI there). */
static uint32_t s_from_w(struct mips_cpu *cpu, uint32_t w, unsigned *cause)
{
	int32_t i = (int32_t)w;
	fp_begin(cpu);
	__asm__ volatile("" : "+r"(i));
	float r = (float)i;
	FP_HIDE(r);
	return s_result(cpu, r, cause);
}

static int cvt_ps_pw(struct mips_cpu *cpu, uint32_t insn)
{
	if (RS(insn) != 20)
		return mips_ri(cpu, insn);
	uint64_t a = cpu->f[FS(insn)];
	unsigned cause = 0;
	uint32_t h = s_from_w(cpu, hi(a), &cause), l = s_from_w(cpu, lo(a), &cause);
	return ps_done(cpu, insn, cause, pair(h, l));
}

/* C.cond.PS and CABS.cond.PS: cc from the lower halves, cc + 1 from the
 * upper ones. */
static int cmp_ps(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->f[FS(insn)], b = cpu->f[FT(insn)];
	unsigned cause = 0, cc = insn >> 8 & 7;
	bool l = s_cond(insn, lo(a), lo(b), &cause), h = s_cond(insn, hi(a), hi(b), &cause);
	int rc = mips_fp_cause(cpu, insn, cause);
	if (rc)
		return rc;
	uint32_t c = cpu->fcsr & ~(1u << ps_bit(cc));
	c = (c & ~(1u << ps_bit(cc + 1))) | (uint32_t)h << ps_bit(cc + 1);
	cpu->fcsr = c | (uint32_t)l << ps_bit(cc);
	return mips_next(cpu);
}

/* MADD/MSUB/NMADD/NMSUB.PS: ±(fs * ft ± fr) per half, fr in the rs field. */
static int madd_ps(struct mips_cpu *cpu, uint32_t insn)
{
	unsigned kind = insn >> 3 & 7, cause = 0;
	uint64_t s = cpu->f[FS(insn)], t = cpu->f[FT(insn)], r = cpu->f[RS(insn)];
	uint32_t half[2];
	for (int k = 0; k < 2; k++) {
		uint32_t p = s_op(cpu, OP_MUL, (uint32_t)(s >> 32 * (1 - k)), (uint32_t)(t >> 32 * (1 - k)), &cause);
		half[k] = s_op(cpu, kind & 1 ? OP_SUB : OP_ADD, p, (uint32_t)(r >> 32 * (1 - k)), &cause);
		if (kind & 2)
			half[k] ^= 0x80000000u;
	}
	return ps_done(cpu, insn, cause, pair(half[0], half[1]));
}

/* ALNV.PS fd, fs, ft, rs: rs & 7 == 0 copies fs; 4 joins the halves at
 * the byte offset, in memory order (big-endian: fs.lower and ft.upper);
 * any other value leaves fd. */
static int alnv_ps(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t a = cpu->f[FS(insn)], b = cpu->f[FT(insn)];
	switch (cpu->r[RS(insn)] & 7) {
	case 0:
		return ps_move(cpu, insn, a);
	case 4:
		return ps_move(cpu, insn, cpu->mem->big_endian ? pair(lo(a), hi(b)) : pair(lo(b), hi(a)));
	default:
		return mips_next(cpu);
	}
}

/* BC1ANY2F/T (rs 9) and BC1ANY4F/T (rs 10): taken when any of the 2 or
 * 4 condition codes from cc matches the true bit. */
static int bc1any(struct mips_cpu *cpu, uint32_t insn)
{
	unsigned cc = insn >> 18 & 7, tf = insn >> 16 & 1, n = RS(insn) == 9 ? 2 : 4;
	bool taken = false;
	for (unsigned k = 0; k < n; k++)
		taken |= ((cpu->fcsr >> ps_bit(cc + k)) & 1) == tf;
	return mips_branch(cpu, insn, taken, false, 0, cpu->pc + 4 + (SIMM(insn) << 2));
}

static mips_handler ps_ops[64];

static int fmt_ps(struct mips_cpu *cpu, uint32_t insn) { return ps_ops[insn & 63](cpu, insn); }

static const struct {
	uint8_t fn;
	mips_handler h;
} ps_table[] = {
	{ 0, add_ps }, { 1, sub_ps }, { 2, mul_ps }, { 5, abs_ps }, { 6, mov_ps }, { 7, neg_ps },
	{ 17, movcf_ps }, { 18, movz_ps }, { 19, movn_ps }, { 24, addr_ps }, { 26, mulr_ps },
	{ 28, recip2_ps }, { 29, recip1_ps }, { 30, rsqrt1_ps }, { 31, rsqrt2_ps },
	{ 32, cvt_s_px }, { 36, cvt_pw_ps }, { 40, cvt_s_px },
	{ 44, pxx_ps }, { 45, pxx_ps }, { 46, pxx_ps }, { 47, pxx_ps },
};

void mips_fpu_ps_init(mips_handler *t, mips_handler *s_ops, mips_handler *i_ops)
{
	for (unsigned f = 0; f < 64; f++)
		ps_ops[f] = f >= 48 ? cmp_ps : mips_ri;
	for (unsigned i = 0; i < sizeof ps_table / sizeof ps_table[0]; i++)
		ps_ops[ps_table[i].fn] = ps_table[i].h;
	t[MIPS_T_COP1 + 22] = fmt_ps;
	t[MIPS_T_COP1 + 9] = t[MIPS_T_COP1 + 10] = bc1any;
	s_ops[38] = cvt_ps_s;
	i_ops[38] = cvt_ps_pw;
	t[MIPS_T_COP1X + 30] = alnv_ps;
	t[MIPS_T_COP1X + 38] = t[MIPS_T_COP1X + 46] = t[MIPS_T_COP1X + 54] = t[MIPS_T_COP1X + 62] = madd_ps;
}
