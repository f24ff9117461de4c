/* Synchronisation primitives: SWP/SWPB and the exclusive loads and stores
 * (word, and the ARMv6K byte, halfword and doubleword forms). The monitor
 * is tagged with the exact address and the value read: a store-exclusive
 * fails once memory no longer holds that value (an ordinary store in
 * between makes it fail on the guest too). A failing store-exclusive
 * accesses nothing, so it takes no alignment fault; the other accesses
 * need natural alignment even with SCTLR.U set. */
#include "cpu/arm/arm_exec.h"

static int swap(struct arm_cpu *cpu, uint32_t insn, bool byte)
{
	uint32_t a = cpu->r[(insn >> 16) & 15], v = arm_reg(cpu, insn & 15), old;

	if (!byte && (a & 3))
		return arm_align_stop(cpu, insn, a);
	if (!gmem_check(cpu->mem, a, byte ? 1 : 4, GP_R | GP_W))
		return arm_fault(cpu, insn);
	if (byte) {
		old = arm_peek8(cpu, a);
		arm_poke8(cpu, a, (uint8_t)v);
	} else {
		old = arm_peek32(cpu, a);
		arm_poke32(cpu, a, v);
	}
	cpu->r[(insn >> 12) & 15] = old;
	return arm_next(cpu);
}

/* Access size in bytes of LDREX/STREX (op bits 22:21): word, double, byte, half. */
static const uint8_t excl_size[4] = { 4, 8, 1, 2 };

static int load_excl(struct arm_cpu *cpu, uint32_t insn, uint32_t a, unsigned size)
{
	unsigned rt = (insn >> 12) & 15;
	uint32_t lo, hi = 0;

	if (size == 8 && ((rt & 1) || rt == 14))
		return arm_undef(cpu, insn);
	if (!gmem_check(cpu->mem, a, size, GP_R))
		return arm_fault(cpu, insn);
	switch (size) {
	case 1: lo = arm_peek8(cpu, a); break;
	case 2: lo = arm_peek16(cpu, a); break;
	default:
		lo = arm_peek32(cpu, a);
		if (size == 8)
			hi = arm_peek32(cpu, a + 4);
		break;
	}
	cpu->excl_valid = true;
	cpu->excl_addr = a;
	cpu->excl_val = (uint64_t)hi << 32 | lo;
	cpu->r[rt] = lo;
	if (size == 8)
		cpu->r[rt + 1] = hi;
	return arm_next(cpu);
}

static uint64_t current(const struct arm_cpu *cpu, uint32_t a, unsigned size)
{
	switch (size) {
	case 1: return arm_peek8(cpu, a);
	case 2: return arm_peek16(cpu, a);
	case 4: return arm_peek32(cpu, a);
	default: return (uint64_t)arm_peek32(cpu, a + 4) << 32 | arm_peek32(cpu, a);
	}
}

static int fail_excl(struct arm_cpu *cpu, unsigned rd)
{
	cpu->excl_valid = false;
	cpu->r[rd] = 1;
	return arm_next(cpu);
}

static int store_excl(struct arm_cpu *cpu, uint32_t insn, uint32_t a, unsigned size)
{
	unsigned rd = (insn >> 12) & 15, rt = insn & 15;
	uint32_t v = cpu->r[rt];

	if (size == 8 && ((rt & 1) || rt == 14))
		return arm_undef(cpu, insn);
	if (!cpu->excl_valid || cpu->excl_addr != a)
		return fail_excl(cpu, rd);
	if (a & (size - 1))
		return arm_align_stop(cpu, insn, a);
	if (!gmem_check(cpu->mem, a, size, GP_R | GP_W))
		return arm_fault(cpu, insn);
	if (current(cpu, a, size) != cpu->excl_val)
		return fail_excl(cpu, rd);
	switch (size) {
	case 1: arm_poke8(cpu, a, (uint8_t)v); break;
	case 2: arm_poke16(cpu, a, (uint16_t)v); break;
	default:
		arm_poke32(cpu, a, v);
		if (size == 8)
			arm_poke32(cpu, a + 4, cpu->r[rt + 1]);
		break;
	}
	cpu->excl_valid = false;
	cpu->r[rd] = 0;
	return arm_next(cpu);
}

/* cond 0001 op Rn Rt/Rd 1111/0000 1001 Rt/Rt2 */
int arm_exec_sync(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 20) & 15;

	/* Fixed fields: SWP bits 11:8 zero, LDREX bits 11:8 and 3:0 ones,
	 * STREX bits 11:8 ones. */
	if (op == 0 || op == 4) {
		if (insn & 0xf00)
			return arm_undef(cpu, insn);
		return swap(cpu, insn, op == 4);
	}
	if (!(op & 8) || (insn & 0xf00) != 0xf00 || ((op & 1) && (insn & 15) != 15))
		return arm_undef(cpu, insn);
	/* The PC as Rt or status register is UNPREDICTABLE: undefined on the
	 * guest CPU. */
	if (((insn >> 12) & 15) == 15 || (!(op & 1) && (insn & 15) == 15))
		return arm_undef(cpu, insn);
	unsigned size = excl_size[(op >> 1) & 3];
	uint32_t a = cpu->r[(insn >> 16) & 15];
	if (!(op & 1))
		return store_excl(cpu, insn, a, size);
	if (a & (size - 1))
		return arm_align_stop(cpu, insn, a);
	return load_excl(cpu, insn, a, size);
}
