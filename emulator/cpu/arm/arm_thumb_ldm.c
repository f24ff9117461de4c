/* Thumb LDMIA/STMIA, PUSH/POP. As in ARM state, the whole range is checked
 * before any transfer, so a fault leaves registers, base and memory as they
 * were. Word-unaligned addresses trap on the ARM1176 and Linux completes
 * the transfer at the given address, so they are simply done. An empty list
 * is UNPREDICTABLE; the reference guest's CPU model makes it UNDEFINED. */
#include "cpu/arm/arm_exec.h"
#include "cpu/arm/arm_thumb.h"

static inline void store_list(struct arm_cpu *cpu, uint32_t a, unsigned list)
{
	for (unsigned i = 0; list; i++, list >>= 1)
		if (list & 1) {
			arm_poke32(cpu, a, cpu->r[i]);
			a += 4;
		}
}

/* Registers are written after all loads so a loaded base wins. */
static inline void load_list(struct arm_cpu *cpu, uint32_t a, unsigned list)
{
	uint32_t v[16];
	unsigned i, l;

	for (i = 0, l = list; l; i++, l >>= 1)
		if (l & 1) {
			v[i] = arm_peek32(cpu, a);
			a += 4;
		}
	for (i = 0, l = list; l; i++, l >>= 1)
		if (l & 1)
			cpu->r[i] = v[i];
}

static inline uint32_t list_len(unsigned list)
{
	return 4 * arm_list_count(list);
}

/* STMIA Rn!, {list}: a base in the list stores its original value. */
int arm_thumb_stmia(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned n = (insn >> 8) & 7, list = insn & 0xff;
	uint32_t base = cpu->r[n], len = list_len(list);

	if (!list)
		return arm_undef(cpu, insn);
	if (!gmem_check(cpu->mem, base, len, GP_W))
		return arm_fault(cpu, insn);
	store_list(cpu, base, list);
	cpu->r[n] = base + len;
	cpu->r[15] += 2;
	return 0;
}

/* LDMIA Rn!, {list}: no write-back when the base is in the list. */
int arm_thumb_ldmia(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned n = (insn >> 8) & 7, list = insn & 0xff;
	uint32_t base = cpu->r[n], len = list_len(list);

	if (!list)
		return arm_undef(cpu, insn);
	if (!gmem_check(cpu->mem, base, len, GP_R))
		return arm_fault(cpu, insn);
	cpu->r[n] = base + len;
	load_list(cpu, base, list);
	cpu->r[15] += 2;
	return 0;
}

/* PUSH {list, LR?}: bit 8 adds LR. */
int arm_thumb_push(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned list = (insn & 0xff) | ((insn & 0x100) << 6);
	uint32_t a = cpu->r[13] - list_len(list);

	if (!list)
		return arm_undef(cpu, insn);
	if (!gmem_check(cpu->mem, a, list_len(list), GP_W))
		return arm_fault(cpu, insn);
	store_list(cpu, a, list);
	cpu->r[13] = a;
	cpu->r[15] += 2;
	return 0;
}

/* POP {list, PC?}: bit 8 adds PC, loaded with ARMv5T interworking. */
int arm_thumb_pop(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned list = (insn & 0xff) | ((insn & 0x100) << 7);
	uint32_t a = cpu->r[13], len = list_len(list);

	if (!list)
		return arm_undef(cpu, insn);
	if (!gmem_check(cpu->mem, a, len, GP_R))
		return arm_fault(cpu, insn);
	cpu->r[13] = a + len;
	load_list(cpu, a, list & 0xff);
	if (list & 0x8000)
		arm_bx(cpu, arm_peek32(cpu, a + len - 4));
	else
		cpu->r[15] += 2;
	return 0;
}
