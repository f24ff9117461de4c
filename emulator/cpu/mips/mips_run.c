/* The run loop: fetch, execute, stop on anything the OS must handle. Page
 * permissions only change through the OS, that is between two calls of
 * mips_run, so the loop keeps the host address of the current code page
 * and rechecks only when the PC leaves it. Branches run their delay slot
 * themselves (mips_branch.c) and check interrupt_request. */
#include <xmmintrin.h>

#include "cpu/mips/mips_internal.h"

/* FIR of the reference CPU model: F64, L, W, 3D, PS, D, S. */
#define MIPS_FIR 0x007f0000u

void mips_cpu_init(struct mips_cpu *cpu, struct gmem *mem)
{
	memset(cpu, 0, sizeof *cpu);
	cpu->mem = mem;
	cpu->fir = MIPS_FIR;
	mips_decode_init();
}

static int run(struct mips_cpu *cpu)
{
	struct gmem *m = cpu->mem;
	uint64_t page = 1; /* never a page address: nothing cached */
	const uint8_t *code = NULL;
	bool big_endian = m->big_endian;

	if (__atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED)) {
		__atomic_store_n(&cpu->interrupt_request, 0, __ATOMIC_RELAXED);
		cpu->stop_pc = cpu->pc;
		return MIPS_STOP_INTERRUPT;
	}
	uint64_t pc = cpu->pc;
	for (;;) {
		uint32_t insn;
		if (__builtin_expect((pc & ~(GPAGE_MASK & ~3ull)) != page, 0)) {
			cpu->pc = pc;
			if (!mips_fetch(cpu, pc, &insn))
				return mips_stop(cpu, 0, MIPS_STOP_FAULT);
			page = pc & ~GPAGE_MASK;
			code = m->host + page;
		}
		insn = gmem_raw_ld32(code + (pc & GPAGE_MASK));
		if (big_endian)
			insn = __builtin_bswap32(insn);
		cpu->pc = pc;
		int rc = mips_exec(cpu, insn);
		cpu->r[0] = 0;
		if (__builtin_expect(rc == MIPS_NEXT, 1))
			pc += 4;
		else if (rc == MIPS_JUMPED)
			pc = cpu->pc;
		else
			return rc;
	}
}

/* Every stop enters the kernel on the guest, whose ERET clears LLbit. The
 * host MXCSR is kept apart from the guest's FPU state (mips_fpu.h). */
int mips_run(struct mips_cpu *cpu)
{
	unsigned host_csr = _mm_getcsr();
	int rc = run(cpu);
	_mm_setcsr(host_csr);
	cpu->ll_valid = false;
	return rc;
}
