/* Coprocessor space. The VFP (cp10, cp11) has its own file; of CP15 only
 * what User mode may reach on the ARM1176: the thread ID registers and
 * the ARMv6 barrier operations; of CP14 the debug ID register, which
 * the guest CPU (the raspi0 machine) makes user-readable and reads as
 * zero, "no debug architecture". Everything else is undefined. */
#include "cpu/arm/arm_exec.h"

/* Register selector: CRn, opc1, CRm, opc2 packed as in the encoding. */
#define CP15_SEL(crn, opc1, crm, opc2) ((crn) << 16 | (opc1) << 21 | (crm) | (opc2) << 5)
#define CP15_SEL_MASK 0x00ef00efu

enum {
	TPIDRURW = CP15_SEL(13, 0, 0, 2),
	TPIDRURO = CP15_SEL(13, 0, 0, 3),
	CP15_ISB = CP15_SEL(7, 0, 5, 4),  /* flush prefetch buffer */
	CP15_DSB = CP15_SEL(7, 0, 10, 4), /* data synchronization barrier */
	CP15_DMB = CP15_SEL(7, 0, 10, 5), /* data memory barrier */
	DBGDIDR = CP15_SEL(0, 0, 0, 0),   /* CP14 */
};

/* The value of an MRC to Rt; Rt = 15 means APSR_nzcv from bits 31:28. */
static int mrc_result(struct arm_cpu *cpu, unsigned rt, uint32_t v)
{
	if (rt == 15) {
		cpu->n = v >> 31;
		cpu->z = (v >> 30) & 1;
		cpu->c = (v >> 29) & 1;
		cpu->v = (v >> 28) & 1;
	} else {
		cpu->r[rt] = v;
	}
	return arm_next(cpu);
}

static int cp15(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned rt = (insn >> 12) & 15;
	uint32_t sel = insn & CP15_SEL_MASK;

	if (insn & (1u << 20)) { /* MRC */
		uint32_t v;
		if (sel == TPIDRURO)
			v = cpu->tls;
		else if (sel == TPIDRURW)
			v = cpu->tls_rw;
		else
			return arm_undef(cpu, insn);
		return mrc_result(cpu, rt, v);
	}
	switch (sel) { /* MCR */
	case TPIDRURW:
		cpu->tls_rw = arm_reg(cpu, rt);
		return arm_next(cpu);
	case CP15_ISB:
		return arm_next(cpu);
	case CP15_DSB:
	case CP15_DMB:
		/* Guest threads are host threads: order their accesses. */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		return arm_next(cpu);
	default:
		return arm_undef(cpu, insn);
	}
}

int arm_exec_coproc(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned cp = (insn >> 8) & 15;

	if (cp == 10 || cp == 11)
		return arm_exec_vfp(cpu, insn);
	if (cp == 15 && (insn & 0x0f000010) == 0x0e000010)
		return cp15(cpu, insn);
	if (cp == 14 && (insn & 0x0f100010) == 0x0e100010 && (insn & CP15_SEL_MASK) == DBGDIDR)
		return mrc_result(cpu, (insn >> 12) & 15, 0);
	return arm_undef(cpu, insn);
}
