/* Runs every vector of a group and prints one line per vector:
 *   <group> <index> <hex> <disassembly> | in <regs> [hi lo] [fprs] [fcsr] | out <changed> [memory]
 * or "| sig=... code=... addr=... pc=..." when the code raised a signal.
 * Addresses print relative to the memory window (win+0x..), the code under
 * test (insn+0x..) or the thread pointer (tp+0x..), never raw. k0/k1 are
 * not compared: the kernel may change them at any interrupt. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#include "runtime.h"

struct isa_state isa_save;
/* Own section, linked at a fixed address (isa.mk) like the stubs. */
uint8_t isa_win[WIN_SIZE] __attribute__((aligned(64), section(".isa_win")));
static uint8_t pattern[WIN_SIZE];
static uint8_t altstack[65536] __attribute__((aligned(16)));

static sigjmp_buf back;
static volatile int got_sig, got_code;
static volatile uint64_t got_addr, got_pc;
static volatile uint32_t got_fcsr;

/* Capstone's names, so the transcript matches the disassembly. */
static const char *const names[32] = {
	"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
	"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
	"t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra",
};
#define COMPARED 0xf3fffffeu  /* $1-$25, $28-$31 */

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = (uint64_t)(uintptr_t)si->si_addr;
	got_pc = (uint64_t)uc->uc_mcontext.pc;
	got_fcsr = uc->uc_mcontext.fpc_csr;
	siglongjmp(back, 1);
}

static uint32_t get_fcsr(void)
{
	uint32_t f;
	__asm__ volatile("cfc1 %0, $31" : "=r"(f));
	return f;
}

static void set_fcsr(uint32_t f)
{
	__asm__ volatile("ctc1 %0, $31" : : "r"(f));
}

static uint64_t thread_pointer(void)
{
	uint64_t tp;
	__asm__ volatile("rdhwr %0, $29" : "=r"(tp));
	return tp;
}

struct line {
	char b[2048];
	size_t n;
};

static void add(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(l->b + l->n, sizeof l->b - l->n, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->n += (size_t)n < sizeof l->b - l->n ? (size_t)n : sizeof l->b - l->n - 1;
}

static void rel(struct line *l, const char *base, uint64_t v, uint64_t at)
{
	add(l, v >= at ? "%s+0x%llx" : "%s-0x%llx", base,
	    (unsigned long long)(v >= at ? v - at : at - v));
}

/* A value as the transcript shows it: relative when it is an address. */
static void value(struct line *l, uint64_t v, uint64_t insn)
{
	uint64_t win = (uint64_t)(uintptr_t)isa_win, tp = thread_pointer();
	if (v - (win - 0x1000u) < WIN_SIZE + 0x2000u)
		rel(l, "win", v, win);
	else if (v - (insn - 0x4000u) < 0x8000u)
		rel(l, "insn", v, insn);
	else if (v - (tp - 0x8000u) < 0x10000u)
		rel(l, "tp", v, tp);
	else
		add(l, "%016llx", (unsigned long long)v);
}

/* Changed words; a run of consecutive ones is printed as one item. */
static void memory(struct line *l)
{
	int shown = 0;
	uint32_t next = ~0u;
	for (uint32_t off = 0; off < WIN_SIZE; off += 4) {
		uint32_t now, was;
		memcpy(&now, isa_win + off, 4);
		memcpy(&was, pattern + off, 4);
		if (now == was)
			continue;
		if (shown++ == 24) {
			add(l, " m...");
			return;
		}
		if (off == next)
			add(l, ",%08x", now);
		else
			add(l, " m+0x%x=%08x", off, now);
		next = off + 4;
	}
}

static void registers(struct line *l, const struct isa_vec *v, uint32_t gprs, uint32_t fprs,
		      const uint64_t *gval, const uint64_t *fval)
{
	for (int r = 1; r < 32; r++)
		if (gprs >> r & 1) {
			add(l, " %s=", names[r]);
			value(l, gval[r], v->insn);
		}
	for (int r = 0; r < 32; r++)
		if (fprs >> r & 1)
			add(l, " f%d=%016llx", r, (unsigned long long)fval[r]);
}

static void run(const struct isa_vec *v, uint32_t host_fcsr)
{
	struct line l = { .n = 0 };
	add(&l, "%s | in", v->text);
	registers(&l, v, v->show, v->fshow, v->gpr, v->fpr);
	if (v->flags & VEC_HILO)
		add(&l, " hi=%016llx lo=%016llx", (unsigned long long)v->hi, (unsigned long long)v->lo);
	if (v->flags & VEC_FPU)
		add(&l, " fcsr=%08x", v->fcsr);

	if (v->flags & VEC_MEM)
		memcpy(isa_win, pattern, WIN_SIZE);
	got_sig = 0;
	if (sigsetjmp(back, 1) == 0)
		isa_enter(v);
	set_fcsr(host_fcsr);

	if (got_sig) {
		char s[64];
		sig_describe(s, sizeof s, got_sig, got_code);
		add(&l, " | %s addr=", s);
		value(&l, got_addr, v->insn);
		add(&l, " pc=");
		value(&l, got_pc, v->insn);
		if (v->flags & VEC_FPU)
			add(&l, " fcsr=%08x", got_fcsr);
	} else {
		uint32_t gprs = 0, fprs = 0;
		for (int r = 0; r < 32; r++) {
			if (isa_save.gpr[r] != v->gpr[r])
				gprs |= 1u << r;
			if (isa_save.fpr[r] != v->fpr[r])
				fprs |= 1u << r;
		}
		add(&l, " | out");
		registers(&l, v, gprs & COMPARED, fprs, isa_save.gpr, isa_save.fpr);
		if (isa_save.hi != v->hi)
			add(&l, " hi=%016llx", (unsigned long long)isa_save.hi);
		if (isa_save.lo != v->lo)
			add(&l, " lo=%016llx", (unsigned long long)isa_save.lo);
		if ((v->flags & VEC_FPU) || isa_save.fcsr != v->fcsr)
			add(&l, " fcsr=%08x", isa_save.fcsr);
	}
	if (v->flags & VEC_MEM)
		memory(&l);
	puts(l.b);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (uint32_t i = 0; i < WIN_SIZE; i++)
		pattern[i] = (uint8_t)((i * 2654435761u) >> 24 ^ i);

	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	if (sigaltstack(&ss, NULL) != 0) {
		puts("sigaltstack failed");
		return 1;
	}
	for (const int *s = isa_signals; *s; s++)
		sigaction(*s, &sa, NULL);

	uint32_t host_fcsr = get_fcsr();
	for (uint32_t i = 0; i < isa_nvectors; i++)
		run(&isa_vectors[i], host_fcsr);
	return 0;
}
