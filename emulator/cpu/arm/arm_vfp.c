/* VFPv2 (the ARM1176's VFP11) and, under armv7, VFPv3-D32 register file access: VLDR/VSTR, VLDM/VSTM
 * (including the FLDMX/FSTMX forms), VMOV between core and extension
 * registers, VMRS/VMSR; data processing is in arm_vfp_dp.c. Linux
 * enables the unit lazily, so User mode never sees it disabled. */
#include "cpu/arm/arm_vfp.h"

/* VFP11 identification (ARM1176JZF-S TRM r0p7), readable in any mode.
 * The TRM also lists MVFR0/MVFR1, but the guest CPU makes them undefined
 * (VFPv2 has no feature registers). */
#define VFP11_FPSID 0x410120b5u
/* FPSCR bits a write keeps, as the reference guest shows them (its CPU
 * model has no trapped exceptions: the enables read as zero; bit 26,
 * AHP, is kept): NZCV, AHP, DN, FZ, RMode, Stride, Len, IDC and the
 * cumulative exception flags. */
#define FPSCR_MASK 0xf7f7009fu

enum { FPSID = 0, FPSCR = 1 };

/* A memory word of a D register transfer: the first word is the low half
 * unless CPSR.E selects big-endian order. */
static void d_words(const struct arm_cpu *cpu, unsigned d, uint32_t w[2])
{
	uint32_t lo = (uint32_t)cpu->d[d], hi = (uint32_t)(cpu->d[d] >> 32);
	w[0] = cpu->e ? hi : lo;
	w[1] = cpu->e ? lo : hi;
}

static uint64_t d_from_words(const struct arm_cpu *cpu, uint32_t w0, uint32_t w1)
{
	return cpu->e ? (uint64_t)w0 << 32 | w1 : (uint64_t)w1 << 32 | w0;
}

/* Transfers n words at a (already checked) to or from registers starting
 * at single s or double d. */
static void transfer(struct arm_cpu *cpu, uint32_t a, bool dbl, unsigned first, unsigned count, bool load)
{
	for (unsigned i = 0; i < count; i++) {
		unsigned r = first + i;
		if (!dbl) {
			if (load)
				vfp_set_s(cpu, r, arm_peek32(cpu, a));
			else
				arm_poke32(cpu, a, vfp_get_s(cpu, r));
			a += 4;
			continue;
		}
		if (load) {
			cpu->d[r] = d_from_words(cpu, arm_peek32(cpu, a), arm_peek32(cpu, a + 4));
		} else {
			uint32_t w[2];
			d_words(cpu, r, w);
			arm_poke32(cpu, a, w[0]);
			arm_poke32(cpu, a + 4, w[1]);
		}
		a += 8;
	}
}

/* cond 110P UDWL Rn Vd 101s imm8: VLDR/VSTR (P=1, W=0) and VLDM/VSTM
 * increment-after or decrement-before with writeback. */
static int load_store(struct arm_cpu *cpu, uint32_t insn)
{
	bool p = insn & (1u << 24), u = insn & (1u << 23), w = insn & (1u << 21);
	bool load = insn & (1u << 20), dbl = insn & (1u << 8);
	unsigned rn = (insn >> 16) & 15, imm8 = insn & 0xff;
	/* Only the PC is word-aligned first (Align(PC, 4)); any other base
	 * is taken as it is: the ARM1176 faults a misaligned coprocessor
	 * transfer whatever SCTLR.U says, and Linux does not fix it up. */
	uint32_t base = rn == 15 ? arm_reg(cpu, rn) & ~3u : arm_reg(cpu, rn), a;
	unsigned count;
	int first = dbl ? vfp_dreg(cpu, insn, 12, 22) : vfp_sreg(insn, 12, 22);

	if (first < 0)
		return arm_undef(cpu, insn);
	if (p && !w) { /* VLDR/VSTR */
		a = u ? base + imm8 * 4 : base - imm8 * 4;
		count = 1;
	} else {
		if (p == u)
			return arm_undef(cpu, insn);
		count = dbl ? imm8 >> 1 : imm8;
		if (count == 0 || first + count > (dbl ? arm_vfp_dregs(cpu) : 32u))
			return arm_undef(cpu, insn);
		a = p ? base - imm8 * 4 : base;
	}
	if (a & 3)
		return arm_align_stop(cpu, insn, a);
	if (!gmem_check(cpu->mem, a, count * (dbl ? 8 : 4), load ? GP_R : GP_W))
		return arm_fault(cpu, insn);
	transfer(cpu, a, dbl, (unsigned)first, count, load);
	if (w && rn != 15)
		cpu->r[rn] = u ? cpu->r[rn] + imm8 * 4 : cpu->r[rn] - imm8 * 4;
	return arm_next(cpu);
}

/* cond 1100 010L Rt2 Rt 101s 00M1 Vm: two core registers and one D
 * register or two consecutive S registers. */
static int move_two(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rt = (insn >> 12) & 15, rt2 = (insn >> 16) & 15;
	bool to_core = insn & (1u << 20);

	if ((insn & 0xd0) != 0x10 || rt == 15 || rt2 == 15 || (to_core && rt == rt2))
		return arm_undef(cpu, insn);
	if (insn & (1u << 8)) {
		int d = vfp_dreg(cpu, insn, 0, 5);
		if (d < 0)
			return arm_undef(cpu, insn);
		if (to_core) {
			cpu->r[rt] = (uint32_t)cpu->d[d];
			cpu->r[rt2] = (uint32_t)(cpu->d[d] >> 32);
		} else {
			cpu->d[d] = (uint64_t)cpu->r[rt2] << 32 | cpu->r[rt];
		}
		return arm_next(cpu);
	}
	int s = vfp_sreg(insn, 0, 5);
	if (s == 31)
		return arm_undef(cpu, insn);
	if (to_core) {
		cpu->r[rt] = vfp_get_s(cpu, (unsigned)s);
		cpu->r[rt2] = vfp_get_s(cpu, (unsigned)s + 1);
	} else {
		vfp_set_s(cpu, (unsigned)s, cpu->r[rt]);
		vfp_set_s(cpu, (unsigned)s + 1, cpu->r[rt2]);
	}
	return arm_next(cpu);
}

static int system_reg(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rt = (insn >> 12) & 15, reg = (insn >> 16) & 15;
	uint32_t v;

	/* VFPv3 (ARMv7) gives User mode FPSCR alone: its ID registers
	 * (FPSID, MVFR0, MVFR1) and FPEXC are UNDEFINED there. */
	if (cpu->v7 && reg != FPSCR)
		return arm_undef(cpu, insn);
	if (!(insn & (1u << 20))) { /* VMSR: the ID registers ignore writes */
		if (rt == 15)
			return arm_undef(cpu, insn);
		if (reg == FPSCR)
			cpu->fpscr = cpu->r[rt] & FPSCR_MASK;
		else if (reg != FPSID)
			return arm_undef(cpu, insn);
		return arm_next(cpu);
	}
	switch (reg) {
	case FPSID: v = VFP11_FPSID; break;
	case FPSCR: v = cpu->fpscr; break;
	default: return arm_undef(cpu, insn);
	}
	if (rt == 15) { /* VMRS APSR_nzcv, <reg>: the flags from bits 31:28 */
		cpu->n = v >> 31;
		cpu->z = (v >> 30) & 1;
		cpu->c = (v >> 29) & 1;
		cpu->v = (v >> 28) & 1;
	} else {
		cpu->r[rt] = v;
	}
	return arm_next(cpu);
}

/* cond 1110 opc1 L Vn Rt 101s N opc2 1 0000: core register transfers. */
static int move_one(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rt = (insn >> 12) & 15, opc1 = (insn >> 21) & 7;
	bool to_core = insn & (1u << 20);

	/* Bits 6:5 (opc2, a NEON size in the scalar form) and 3:0 are
	 * should-be-zero. */
	if (insn & 0x6f)
		return arm_undef(cpu, insn);
	if (!(insn & (1u << 8))) {
		if (opc1 == 7)
			return system_reg(cpu, insn);
		if (opc1 != 0 || rt == 15)
			return arm_undef(cpu, insn);
		unsigned s = (unsigned)vfp_sreg(insn, 16, 7);
		if (to_core)
			cpu->r[rt] = vfp_get_s(cpu, s);
		else
			vfp_set_s(cpu, s, cpu->r[rt]);
		return arm_next(cpu);
	}
	/* VMOV between a core register and one half of a D register. */
	int d = vfp_dreg(cpu, insn, 16, 7);
	if ((opc1 & 6) || d < 0 || rt == 15)
		return arm_undef(cpu, insn);
	unsigned s = (unsigned)d * 2 + (opc1 & 1);
	if (to_core)
		cpu->r[rt] = vfp_get_s(cpu, s);
	else
		vfp_set_s(cpu, s, cpu->r[rt]);
	return arm_next(cpu);
}

int arm_exec_vfp(struct arm_cpu *cpu, uint32_t insn)
{
	switch ((insn >> 24) & 15) {
	case 0xc:
	case 0xd:
		if ((insn & 0x0fe00000) == 0x0c400000)
			return move_two(cpu, insn);
		return load_store(cpu, insn);
	case 0xe:
		if (insn & 0x10)
			return move_one(cpu, insn);
		return arm_vfp_dp(cpu, insn);
	default:
		return arm_undef(cpu, insn);
	}
}
