/* CBZ/CBNZ, IT and the 0xBFx0 hints. ARMv6 leaves these 16-bit Thumb-2
 * encodings undefined, but the reference guest's CPU model (QEMU 7.2's
 * ARM1176) decodes them without a Thumb-2 check and runs them, so this
 * does the same. ITSTATE follows the architecture (IT[7:4] the condition of
 * the next instruction, IT[3:0] != 0 while inside a block); a CPSR write by
 * that model never restores it, so it comes back clear from the kernel. */
#include "cpu/arm/arm_exec.h"
#include "cpu/arm/arm_internal.h"
#include "cpu/arm/arm_thumb.h"

/* CBZ/CBNZ Rn, label: 1011 o0i1 iiii irrr, target PC + 4 + i:imm5:0. */
int arm_thumb_cbz(struct arm_cpu *cpu, uint32_t insn)
{
	bool nonzero = insn & 0x800;

	if ((cpu->r[insn & 7] != 0) == nonzero)
		cpu->r[15] += 4 + (((insn >> 3) & 0x40) | ((insn >> 2) & 0x3e));
	else
		cpu->r[15] += 2;
	return 0;
}

/* IT firstcond:mask (mask != 0) starts a block; a zero mask is the hint
 * space (NOP, YIELD, WFE, WFI, SEV...), all no-ops for a user process. */
int arm_thumb_it_hint(struct arm_cpu *cpu, uint32_t insn)
{
	if (insn & 0xf)
		cpu->itstate = insn & 0xff;
	cpu->r[15] += 2;
	return 0;
}

static inline uint32_t it_advance(uint32_t it)
{
	return (it & 7) ? (it & 0xe0) | ((it << 1) & 0x1f) : 0;
}

/* The 16-bit data-processing instructions that set the flags outside an IT
 * block and not inside one (CMP, CMN and TST always do). */
static bool flags_only_outside_it(uint32_t insn)
{
	if (insn < 0x4000)
		return (insn & 0xf800) != 0x2800;
	if (insn < 0x4400)
		return (0xf2ffu >> ((insn >> 6) & 15)) & 1;
	return false;
}

int arm_thumb_in_it(struct arm_cpu *cpu, uint32_t insn, arm_thumb_fn fn)
{
	uint32_t it = cpu->itstate, pc = cpu->r[15];

	/* BKPT ignores the condition; it stops, leaving ITSTATE as it is. */
	if ((insn & 0xff00) == 0xbe00)
		return fn(cpu, insn);
	cpu->itstate = it_advance(it);
	if (!arm_cond_ok(cpu, it >> 4)) {
		/* A BL/BLX prefix and its suffix are one instruction unless the
		 * prefix ends a page (arm_thumb_bl_prefix). */
		bool pair = (insn >> 11) == 0x1e && (pc & GPAGE_MASK) <= GPAGE_SIZE - 4;
		cpu->r[15] = pc + (pair ? 4 : 2);
		return 0;
	}
	/* Inside a block those instructions leave the flags alone. */
	bool keep = flags_only_outside_it(insn);
	uint32_t n = cpu->n, z = cpu->z, c = cpu->c, v = cpu->v;
	int rc = fn(cpu, insn);
	if (keep) {
		cpu->n = n;
		cpu->z = z;
		cpu->c = c;
		cpu->v = v;
	}
	/* Only a completed instruction (or an SVC) moves the block on. */
	if (rc && rc != ARM_STOP_SVC)
		cpu->itstate = it;
	return rc;
}
