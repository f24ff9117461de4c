/* The MIPS run loop over decoded pages (cpu/icache.h), both byte orders.
 *
 * Each 4 KiB code page is decoded once into 1024 entries of the decode
 * table's executor and the instruction word, and a 1025th entry ends the
 * page; the loop calls them one after the other (call threading). A
 * branch executor only decides (MIPS_DELAY and branch_target): the loop
 * runs the next entry as the delay slot, with in_delay set so a stop in
 * it reports the branch, then moves to the target, inside the page by
 * index, back to the page last left by swapping two pointers. Interrupt
 * requests and the code-change generation are checked on each branch and
 * page change; SYSCALL checks first (syscall_checked).
 *
 * Measured here (user seconds, best of 5, integer / branchy workloads,
 * mips64): fetch and decode every word 1.39 / 1.84, decoded entries
 * 1.08-1.20 / 1.35-1.53 (load 7-8). The computed-goto bodies that paid on
 * ARM (arm_run.c) are the next step: MIPS executors are one-line
 * functions in the group files, to be moved into headers first. */
#include <xmmintrin.h>

#include "cpu/icache.h"
#include "cpu/mips/mips_fpu.h"

/* FIR of the reference CPU model: F64, L, W, 3D, PS, D, S. */
#define MIPS_FIR 0x007f0000u

void mips_cpu_init(struct mips_cpu *cpu, struct gmem *mem)
{
	memset(cpu, 0, sizeof *cpu);
	cpu->mem = mem;
	cpu->fir = MIPS_FIR;
	mips_decode_init();
}

struct mips_entry {
	mips_handler fn;
	uint32_t insn;
};

#define PAGE_ENTRIES (GPAGE_SIZE / 4)

/* What the last entry of a page returns: continue at pc on the next page. */
#define MIPS_LOOKUP (-3)

static int page_end(struct mips_cpu *cpu, uint32_t insn)
{
	(void)cpu;
	(void)insn;
	return MIPS_LOOKUP;
}

/* The entry of a page whose code changed under this thread: fetch and
 * decode the word each time, as before the cache. */
static int fallback(struct mips_cpu *cpu, uint32_t insn)
{
	if (!mips_fetch(cpu, cpu->pc, &insn))
		return mips_stop(cpu, 0, MIPS_STOP_FAULT);
	return mips_exec(cpu, insn);
}

int mips_interrupt(struct mips_cpu *cpu, uint64_t pc)
{
	__atomic_store_n(&cpu->interrupt_request, 0, __ATOMIC_RELAXED);
	cpu->pc = pc;
	cpu->stop_pc = pc;
	return MIPS_STOP_INTERRUPT;
}

/* SYSCALL looks at interrupt requests first, as every instruction did
 * before the decoded pages: a signal that came before it is delivered
 * before the system call, which could block. In a delay slot it runs as
 * the branch's part. */
int mips_syscall_checked(struct mips_cpu *cpu, uint32_t insn)
{
	if (!cpu->in_delay && __atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED))
		return mips_interrupt(cpu, cpu->pc);
	return mips_table[MIPS_T_SPECIAL + 12](cpu, insn);
}

static struct mips_entry *entries(struct icache_page *pg)
{
	return (struct mips_entry *)pg->entries;
}

static void reset(struct icache_page *pg)
{
	struct mips_entry *e = entries(pg);
	for (unsigned i = 0; i < PAGE_ENTRIES; i++)
		e[i] = (struct mips_entry){ fallback, 0 };
}

static void decode_page(struct icache_page *pg, const uint8_t *code, bool big_endian)
{
	struct mips_entry *e = entries(pg);
	for (unsigned i = 0; i < PAGE_ENTRIES; i++) {
		uint32_t insn = gmem_raw_ld32(code + 4 * i);
		if (big_endian)
			insn = __builtin_bswap32(insn);
		mips_handler fn = mips_flat[(insn >> 20 & 0xfc0) | (insn & 63)];
		e[i] = (struct mips_entry){ fn == mips_table[MIPS_T_SPECIAL + 12] ? mips_syscall_checked : fn, insn };
	}
	e[PAGE_ENTRIES] = (struct mips_entry){ page_end, 0 };
}

/* The entry for pc (cpu->pc), decoding its page when needed; NULL with
 * the fault stop filled in when pc cannot be fetched. */
static const struct mips_entry *lookup(struct mips_cpu *cpu, struct icache *ic, uint64_t pc)
{
	struct gmem *m = cpu->mem;
	uint64_t page = pc & ~GPAGE_MASK;
	uint32_t insn;
	struct icache_page *pg = (pc & 3) ? NULL : icache_find(ic, page);

	if ((!pg || pg->stale) &&
	    (!mips_fetch(cpu, pc, &insn) ||
	     !(pg = icache_fill(ic, m, pg, page, page, (PAGE_ENTRIES + 1) * sizeof(struct mips_entry), reset, decode_page)))) {
		mips_fetch(cpu, pc, &insn);
		cpu->pc = pc;
		mips_stop(cpu, 0, MIPS_STOP_FAULT);
		return NULL;
	}
	return entries(pg) + ((pc & GPAGE_MASK) >> 2);
}

/* The delay slot at pc (after the branch entry e - 1 of its page): its
 * executor's result, MIPS_NEXT when the program goes on at branch_target. */
static int delay_slot(struct mips_cpu *cpu, struct icache *ic, const struct mips_entry *e, uint64_t pc)
{
	int rc;
	cpu->pc = pc;
	cpu->in_delay = true;
	if (e->fn == page_end)
		e = lookup(cpu, ic, pc);
	ICACHE_COUNT(1);
	rc = e ? e->fn(cpu, e->insn) : MIPS_STOP_FAULT;
	cpu->in_delay = false;
	cpu->r[0] = 0;
	return rc;
}

/* The loop; with one, it returns 0 after one instruction (a branch with
 * its slot) with pc where the program goes on. */
static inline __attribute__((always_inline)) int interp(struct mips_cpu *cpu, const bool one)
{
	struct icache *ic = icache_self();
	uint64_t pc = cpu->pc;
	/* The page left by the last jump out of a page, for calls and
	 * returns between two pages without a look-up. */
	uint64_t other_page = 1;
	const struct mips_entry *other = NULL;
	unsigned long other_drops = 0;
	for (;;) {
		const struct mips_entry *e = lookup(cpu, ic, pc);
		if (!e)
			return MIPS_STOP_FAULT;
		for (;;) {
			cpu->pc = pc;
			ICACHE_COUNT(1);
			int rc = e->fn(cpu, e->insn);
			cpu->r[0] = 0;
			if (__builtin_expect(rc == MIPS_NEXT, 1)) {
				pc += 4;
				e++;
				if (one) {
					cpu->pc = pc;
					return 0;
				}
				continue;
			}
			uint64_t to;
			if (rc == MIPS_DELAY) {
				rc = delay_slot(cpu, ic, e + 1, pc + 4);
				if (rc)
					return rc;
				to = cpu->branch_target;
			} else if (rc == MIPS_JUMPED) {
				to = cpu->pc;
			} else if (rc == MIPS_LOOKUP) {
				break;
			} else {
				return rc;
			}
			if (one) {
				cpu->pc = to;
				return 0;
			}
			if (__builtin_expect(__atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED), 0))
				return mips_interrupt(cpu, to);
			/* On by index when nothing is to be checked. */
			if (__builtin_expect((to & 3) || icache_outdated(ic), 0)) {
				pc = to;
				break;
			}
			if ((to ^ pc) & ~GPAGE_MASK) {
				const struct mips_entry *base = e - ((pc & GPAGE_MASK) >> 2);
				uint64_t page = pc & ~GPAGE_MASK;
				if ((to & ~GPAGE_MASK) != other_page || ic->drops != other_drops) {
					other_page = page;
					other = base;
					other_drops = ic->drops;
					pc = to;
					break;
				}
				e = other + ((to & GPAGE_MASK) >> 2);
				other_page = page;
				other = base;
				pc = to;
				continue;
			}
			e += (int64_t)(to - pc) >> 2;
			pc = to;
		}
	}
}

int mips_interp_step(struct mips_cpu *cpu)
{
	return interp(cpu, true);
}

static int run(struct mips_cpu *cpu)
{
	if (__atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED))
		return mips_interrupt(cpu, cpu->pc);
	int rc = mips_jit_run(cpu);
	return rc >= 0 ? rc : interp(cpu, false);
}

/* Every stop enters the kernel on the guest, whose ERET clears LLbit. The
 * host MXCSR is kept apart from the guest's FPU state (mips_fpu.h): the
 * guest's rounding is loaded on entry, so the FPU's quick path runs from
 * the first operation. */
int mips_run(struct mips_cpu *cpu)
{
	unsigned host_csr = _mm_getcsr();
	fp_begin(cpu);
	int rc = run(cpu);
	_mm_setcsr(host_csr);
	cpu->host_rm = 0;
	icache_count_flush();
	cpu->ll_valid = false;
	return rc;
}
