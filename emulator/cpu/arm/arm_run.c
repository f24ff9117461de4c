/* The run loop: fetch, execute, stop on anything the OS must handle.
 * Page permissions only change through the OS, that is between two calls
 * of arm_run, so the loop keeps the host address of the current code page
 * and rechecks only when the PC leaves it. Instruction words are still
 * read from guest memory each time: self-modifying code needs nothing.
 * Decoding them again costs little next to the executors; what bounds the
 * loop is the chain from one PC to the next, kept in a register. */
#include "cpu/arm/arm_decode.h"

/* Every stop goes through the kernel on real hardware, and Linux clears the
 * exclusive monitor on each return to user mode. */
static int arm_stop(struct arm_cpu *cpu, int why)
{
	cpu->excl_valid = false;
	return why;
}

int arm_run(struct arm_cpu *cpu)
{
	struct gmem *m = cpu->mem;
	uint32_t page = 1; /* never a page number shifted left: no page cached */
	const uint8_t *code = NULL;
	bool big_endian = m->big_endian;
	int rc;

	/* Back from the kernel: the reference CPU model's exception return
	 * cannot restore ITSTATE (no Thumb-2), so it is clear. */
	cpu->itstate = 0;
	for (;;) {
		if (__builtin_expect(__atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED), 0)) {
			__atomic_store_n(&cpu->interrupt_request, 0, __ATOMIC_RELAXED);
			cpu->stop_pc = cpu->r[15];
			return arm_stop(cpu, ARM_STOP_INTERRUPT);
		}
		if (cpu->t) {
			rc = arm_thumb_run(cpu);
			if (__builtin_expect(rc, 0))
				return arm_stop(cpu, rc);
			continue;
		}
		/* ARM state: the PC lives in pc, stepped here when an executor
		 * returns ARM_NEXT; r[15] is written from it before each
		 * instruction and on leaving, so both agree whenever an
		 * executor or a stop looks. */
		uint32_t pc = cpu->r[15];
		do {
			uint32_t insn;
			if (__builtin_expect((pc & ~(uint32_t)GPAGE_MASK) != page, 0)) {
				if (!gmem_check(m, pc, 4, GP_X)) {
					cpu->r[15] = pc;
					cpu->stop_pc = pc;
					cpu->insn = 0;
					return arm_stop(cpu, ARM_STOP_FAULT);
				}
				page = pc & ~(uint32_t)GPAGE_MASK;
				code = m->host + page;
			}
			/* ARM state ignores PC[1:0]. */
			insn = gmem_raw_ld32(code + (pc & GPAGE_MASK & ~3u));
			if (big_endian)
				insn = __builtin_bswap32(insn);
			cpu->r[15] = pc;
			rc = arm_exec_arm_inline(cpu, insn);
			/* An UNPREDICTABLE register write to the PC (MUL, CLZ...
			 * with Rd = 15) is then stepped like the PC, and taken. */
			if (rc == ARM_NEXT && __builtin_expect(cpu->r[15] != pc, 0)) {
				cpu->r[15] += 4;
				rc = 0;
			}
			pc += 4;
		} while (rc == ARM_NEXT && __builtin_expect(!__atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED), 1));
		if (rc == ARM_NEXT)
			cpu->r[15] = pc;
		if (__builtin_expect(rc > 0, 0))
			return arm_stop(cpu, rc);
	}
}
