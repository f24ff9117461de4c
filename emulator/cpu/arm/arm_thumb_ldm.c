/* Thumb LDMIA/STMIA, PUSH/POP. Loads go through a scratch array so a fault
 * part way leaves every register as it was (the base is restored on a data
 * abort). Unaligned addresses are accessed as given: the Linux kernel fixes
 * up the alignment trap these raise on ARMv6, so user code sees them work. */
#include "cpu/arm/arm_internal.h"
#include "cpu/arm/arm_thumb.h"

static int store_list(struct arm_cpu *cpu, uint32_t insn, uint32_t a, unsigned list)
{
	for (unsigned i = 0; list; i++, list >>= 1) {
		if (!(list & 1))
			continue;
		if (!arm_st32(cpu, a, cpu->r[i]))
			return arm_fault(cpu, insn);
		a += 4;
	}
	return 0;
}

/* Loads the registers of list into v[i] (indexed by register). */
static int load_list(struct arm_cpu *cpu, uint32_t insn, uint32_t a, unsigned list, uint32_t *v)
{
	for (unsigned i = 0; list; i++, list >>= 1) {
		if (!(list & 1))
			continue;
		if (!arm_ld32(cpu, a, &v[i]))
			return arm_fault(cpu, insn);
		a += 4;
	}
	return 0;
}

static inline void commit(struct arm_cpu *cpu, unsigned list, const uint32_t *v)
{
	for (unsigned i = 0; list; i++, list >>= 1)
		if (list & 1)
			cpu->r[i] = v[i];
}

/* STMIA Rn!, {list}: a base in the list stores its original value. */
int arm_thumb_stmia(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned n = (insn >> 8) & 7, list = insn & 0xff;
	uint32_t base = cpu->r[n];
	int rc = store_list(cpu, insn, base, list);

	if (rc)
		return rc;
	cpu->r[n] = base + 4 * (uint32_t)__builtin_popcount(list);
	cpu->r[15] += 2;
	return 0;
}

/* LDMIA Rn!, {list}: no write-back when the base is in the list. */
int arm_thumb_ldmia(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned n = (insn >> 8) & 7, list = insn & 0xff;
	uint32_t base = cpu->r[n], v[8];
	int rc = load_list(cpu, insn, base, list, v);

	if (rc)
		return rc;
	if (!(list & (1u << n)))
		cpu->r[n] = base + 4 * (uint32_t)__builtin_popcount(list);
	commit(cpu, list, v);
	cpu->r[15] += 2;
	return 0;
}

/* PUSH {list, LR?}: bit 8 adds LR. */
int arm_thumb_push(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned list = (insn & 0xff) | ((insn & 0x100) << 6);
	uint32_t a = cpu->r[13] - 4 * (uint32_t)__builtin_popcount(list);
	int rc = store_list(cpu, insn, a, list);

	if (rc)
		return rc;
	cpu->r[13] = a;
	cpu->r[15] += 2;
	return 0;
}

/* POP {list, PC?}: bit 8 adds PC, loaded with ARMv5T interworking. */
int arm_thumb_pop(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned list = (insn & 0xff) | ((insn & 0x100) << 7);
	uint32_t a = cpu->r[13], v[16];
	int rc = load_list(cpu, insn, a, list, v);

	if (rc)
		return rc;
	commit(cpu, list & 0xff, v);
	cpu->r[13] = a + 4 * (uint32_t)__builtin_popcount(list);
	if (list & 0x8000)
		arm_bx(cpu, v[15]);
	else
		cpu->r[15] += 2;
	return 0;
}
