/* FPU register transfers, control registers, branches on condition codes,
 * loads and stores (base + offset and indexed), MOVF/MOVT. */
#include "cpu/mips/mips_fpu.h"

/* FCSR bits CTC1 can write on the reference CPU model. */
#define FCSR_RW 0xff83ffffu

int mips_fp_cause(struct mips_cpu *cpu, uint32_t insn, unsigned cause)
{
	cpu->fcsr = (cpu->fcsr & ~MIPS_FCSR_CAUSE) | cause << 12;
	if (cause & ((cpu->fcsr >> 7 & 0x1f) | FP_E))
		return mips_stop(cpu, insn, MIPS_STOP_FPE);
	cpu->fcsr |= (cause & 0x1f) << 2;
	return 0;
}

static int mfc1(struct mips_cpu *cpu, uint32_t insn) { cpu->r[RT(insn)] = sx32(cpu->f[FS(insn)]); return mips_next(cpu); }
static int dmfc1(struct mips_cpu *cpu, uint32_t insn) { cpu->r[RT(insn)] = cpu->f[FS(insn)]; return mips_next(cpu); }
static int mfhc1(struct mips_cpu *cpu, uint32_t insn) { cpu->r[RT(insn)] = sx32(cpu->f[FS(insn)] >> 32); return mips_next(cpu); }
static int mtc1(struct mips_cpu *cpu, uint32_t insn) { set_fpr_s(cpu, FS(insn), (uint32_t)cpu->r[RT(insn)]); return mips_next(cpu); }
static int dmtc1(struct mips_cpu *cpu, uint32_t insn) { cpu->f[FS(insn)] = cpu->r[RT(insn)]; return mips_next(cpu); }

static int mthc1(struct mips_cpu *cpu, uint32_t insn)
{
	cpu->f[FS(insn)] = (uint32_t)cpu->f[FS(insn)] | cpu->r[RT(insn)] << 32;
	return mips_next(cpu);
}

/* CFC1 of FIR, FCCR, FEXR, FENR or FCSR; other numbers read FCSR except
 * the Release 5/6 FR/FRE controls (1, 5), which do not exist here: the
 * CPU raises Reserved Instruction and Linux hands it to its FPU emulator
 * (simulate_fp), which reads 0 for them (CTC1 to them does nothing). */
static int cfc1(struct mips_cpu *cpu, uint32_t insn)
{
	uint32_t c = cpu->fcsr, v;
	switch (FS(insn)) {
	case 0: v = cpu->fir; break;
	case 1:
	case 5: v = 0; break;
	case 25: v = (c >> 24 & 0xfe) | (c >> 23 & 1); break;
	case 26: v = c & 0x0003f07c; break;
	case 28: v = (c & 0x00000f83) | (c >> 22 & 4); break;
	default: v = c; break;
	}
	cpu->r[RT(insn)] = sx32(v);
	return mips_next(cpu);
}

/* CTC1: writes with reserved bits set in the partial views are ignored;
 * a write leaving an enabled (or unimplemented) cause traps at once. */
static int ctc1(struct mips_cpu *cpu, uint32_t insn)
{
	uint32_t v = (uint32_t)cpu->r[RT(insn)], c = cpu->fcsr;
	switch (FS(insn)) {
	case 25:
		if (v & 0xffffff00)
			return mips_next(cpu);
		c = (c & 0x017fffff) | (v & 0xfe) << 24 | (v & 1) << 23;
		break;
	case 26:
		if (v & 0x007c0000)
			return mips_next(cpu);
		c = (c & 0xfffc0f83) | (v & 0x0003f07c);
		break;
	case 28:
		if (v & 0x007c0000)
			return mips_next(cpu);
		c = (c & 0xfefff07c) | (v & 0x00000f83) | (v & 4) << 22;
		break;
	case 31:
		c = (v & FCSR_RW) | (c & ~FCSR_RW);
		break;
	default:
		return mips_next(cpu);
	}
	cpu->fcsr = c;
	if ((c >> 12 & 0x3f) & ((c >> 7 & 0x1f) | FP_E))
		return mips_stop(cpu, insn, MIPS_STOP_FPE);
	return mips_next(cpu);
}

/* BC1F/BC1T/BC1FL/BC1TL: cc in bits 20:18, likely bit 17, true bit 16. */
static int bc1(struct mips_cpu *cpu, uint32_t insn)
{
	bool taken = fcc(cpu, insn >> 18 & 7) == (insn >> 16 & 1);
	return mips_branch(cpu, insn, taken, insn >> 17 & 1, 0, cpu->pc + 4 + (SIMM(insn) << 2));
}

/* MOVF/MOVT (SPECIAL function 1). */
static int movci(struct mips_cpu *cpu, uint32_t insn)
{
	if (fcc(cpu, insn >> 18 & 7) == (insn >> 16 & 1))
		cpu->r[RD(insn)] = cpu->r[RS(insn)];
	return mips_next(cpu);
}

static int fault(struct mips_cpu *cpu, uint32_t insn) { return mips_stop(cpu, insn, MIPS_STOP_FAULT); }

/* A misaligned single load the kernel fixes up goes through its FPU
 * emulator, whose SITOREG clears the upper half of the register (FR=1);
 * the hardware keeps it. */
static int fload(struct mips_cpu *cpu, uint32_t insn, uint64_t a, unsigned size, unsigned fr)
{
	uint64_t v;
	if (!mips_load(cpu, a, size, &v))
		return fault(cpu, insn);
	if (size == 4 && (a & 3))
		cpu->f[fr] = (uint32_t)v;
	else if (size == 4)
		set_fpr_s(cpu, fr, (uint32_t)v);
	else
		cpu->f[fr] = v;
	return mips_next(cpu);
}

static int fstore(struct mips_cpu *cpu, uint32_t insn, uint64_t a, unsigned size, unsigned fr)
{
	if (!mips_store(cpu, a, size, size == 4 ? (uint32_t)cpu->f[fr] : cpu->f[fr]))
		return fault(cpu, insn);
	return mips_next(cpu);
}

static int lwc1(struct mips_cpu *cpu, uint32_t insn) { return fload(cpu, insn, mips_ea(cpu, insn), 4, FT(insn)); }
static int ldc1(struct mips_cpu *cpu, uint32_t insn) { return fload(cpu, insn, mips_ea(cpu, insn), 8, FT(insn)); }
static int swc1(struct mips_cpu *cpu, uint32_t insn) { return fstore(cpu, insn, mips_ea(cpu, insn), 4, FT(insn)); }
static int sdc1(struct mips_cpu *cpu, uint32_t insn) { return fstore(cpu, insn, mips_ea(cpu, insn), 8, FT(insn)); }

/* Indexed forms: base rs + index rt; loads to fd (bits 10:6), stores
 * from fs (bits 15:11). LUXC1/SUXC1 ignore the low three address bits. */
static uint64_t xaddr(const struct mips_cpu *cpu, uint32_t insn) { return cpu->r[RS(insn)] + cpu->r[RT(insn)]; }

static int lwxc1(struct mips_cpu *cpu, uint32_t insn) { return fload(cpu, insn, xaddr(cpu, insn), 4, FD(insn)); }
static int ldxc1(struct mips_cpu *cpu, uint32_t insn) { return fload(cpu, insn, xaddr(cpu, insn), 8, FD(insn)); }
static int luxc1(struct mips_cpu *cpu, uint32_t insn) { return fload(cpu, insn, xaddr(cpu, insn) & ~7ull, 8, FD(insn)); }
static int swxc1(struct mips_cpu *cpu, uint32_t insn) { return fstore(cpu, insn, xaddr(cpu, insn), 4, FS(insn)); }
static int sdxc1(struct mips_cpu *cpu, uint32_t insn) { return fstore(cpu, insn, xaddr(cpu, insn), 8, FS(insn)); }
static int suxc1(struct mips_cpu *cpu, uint32_t insn) { return fstore(cpu, insn, xaddr(cpu, insn) & ~7ull, 8, FS(insn)); }

static int prefx(struct mips_cpu *cpu, uint32_t insn)
{
	(void)insn;
	return mips_next(cpu);
}

static const struct {
	uint16_t index;
	mips_handler h;
} handlers[] = {
	{ 49, lwc1 }, { 53, ldc1 }, { 57, swc1 }, { 61, sdc1 }, { MIPS_T_SPECIAL + 1, movci },
	{ MIPS_T_COP1 + 0, mfc1 }, { MIPS_T_COP1 + 1, dmfc1 }, { MIPS_T_COP1 + 2, cfc1 },
	{ MIPS_T_COP1 + 3, mfhc1 }, { MIPS_T_COP1 + 4, mtc1 }, { MIPS_T_COP1 + 5, dmtc1 },
	{ MIPS_T_COP1 + 6, ctc1 }, { MIPS_T_COP1 + 7, mthc1 }, { MIPS_T_COP1 + 8, bc1 },
	{ MIPS_T_COP1X + 0, lwxc1 }, { MIPS_T_COP1X + 1, ldxc1 }, { MIPS_T_COP1X + 5, luxc1 },
	{ MIPS_T_COP1X + 8, swxc1 }, { MIPS_T_COP1X + 9, sdxc1 }, { MIPS_T_COP1X + 13, suxc1 },
	{ MIPS_T_COP1X + 15, prefx },
};

void mips_fpu_init(mips_handler *t)
{
	for (unsigned i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
		t[handlers[i].index] = handlers[i].h;
	mips_fpu_arith_init(t);
}
