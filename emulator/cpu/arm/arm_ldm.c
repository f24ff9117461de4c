/* LDM/STM in all four modes. The whole range is checked before any
 * transfer so a fault leaves registers and base untouched. Word-unaligned
 * bases trap on the ARM1176 and Linux's alignment fix-up completes the
 * transfer at the given address, with its own order: the base is written
 * back after the loads, and a loaded PC is taken as is (no interworking;
 * ARM state ignores its low bits). The ^ forms (user registers,
 * exception return) are UNPREDICTABLE in User mode; the guest CPU makes
 * them undefined. */
#include "cpu/arm/arm_exec.h"

#define P_BIT (1u << 24)
#define U_BIT (1u << 23)
#define S_BIT (1u << 22)
#define W_BIT (1u << 21)
#define L_BIT (1u << 20)

static int ldm_checked(struct arm_cpu *cpu, uint32_t insn);

/* fast: only a range inside one page with the permission is done here;
 * anything else starts over in ldm_checked, out of line, so the common
 * case needs no registers saved around a call. */
static inline __attribute__((always_inline)) int ldm(struct arm_cpu *cpu, uint32_t insn, bool fast)
{
	unsigned rn = (insn >> 16) & 15, list = insn & 0xffff;
	uint32_t n = arm_list_count(list);
	uint32_t base = arm_reg(cpu, rn), len = 4 * n, start;

	if (insn & U_BIT)
		start = (insn & P_BIT) ? base + 4 : base;
	else
		start = (insn & P_BIT) ? base - len : base - len + 4;
	uint32_t wb = (insn & U_BIT) ? base + len : base - len;
	bool write_back = insn & W_BIT;

	if ((insn & S_BIT) || rn == 15) /* a PC base is UNPREDICTABLE */
		return arm_undef(cpu, insn);

	if (insn & L_BIT) {
		uint32_t v[16], a = start;
		if (fast) {
			if (!arm_fast_ok(cpu, start, len, GP_R))
				return ldm_checked(cpu, insn);
		} else if (!gmem_check(cpu->mem, start, len, GP_R)) {
			return arm_fault(cpu, insn);
		}
		for (unsigned i = 0; i < 16; i++)
			if (list & (1u << i)) {
				v[i] = arm_peek32(cpu, a);
				a += 4;
			}
		bool fixup = start & 3;
		/* In hardware a loaded base wins over the written-back one. */
		if (write_back && !fixup)
			cpu->r[rn] = wb;
		for (unsigned i = 0; i < 15; i++)
			if (list & (1u << i))
				cpu->r[i] = v[i];
		if (write_back && fixup)
			cpu->r[rn] = wb;
		if (list & 0x8000) {
			if (fixup)
				cpu->r[15] = v[15] & ~3u;
			else
				arm_bx(cpu, v[15]);
			return 0;
		}
		return arm_next(cpu);
	}
	/* The stored PC is the instruction address + 8 on the ARM1176, and a
	 * stored base is its value before writeback. */
	if (fast) {
		if (!arm_fast_ok(cpu, start, len, GP_W))
			return ldm_checked(cpu, insn);
	} else if (!gmem_check(cpu->mem, start, len, GP_W)) {
		return arm_fault(cpu, insn);
	}
	uint32_t a = start;
	for (unsigned i = 0; i < 16; i++)
		if (list & (1u << i)) {
			arm_poke32(cpu, a, arm_reg(cpu, i));
			a += 4;
		}
	if (write_back)
		cpu->r[rn] = wb;
	return arm_next(cpu);
}

/* Nothing is written before the transfer, so the instruction can start over. */
static __attribute__((noinline, cold)) int ldm_checked(struct arm_cpu *cpu, uint32_t insn)
{
	return ldm(cpu, insn, false);
}

int arm_exec_ldm(struct arm_cpu *cpu, uint32_t insn)
{
	return ldm(cpu, insn, true);
}
