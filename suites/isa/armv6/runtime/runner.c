/* Runs every vector of a group and prints one line per vector:
 *   <group> <index> <hex> <disassembly> | in <regs> <flags> | out <changed regs> <flags> [memory]
 * or "| sig=... code=... addr=... pc=..." when the code raised a signal.
 * Addresses are printed relative to the memory window (win+0x..) or to the
 * code under test (insn+0x..), never raw: they differ between builds.
 * Built with ISA_VFP (the VFP groups, isa.mk) it also loads and prints the
 * VFP registers and FPSCR (vfp/vfp.h). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#include "runtime.h"
#ifdef ISA_VFP
#include "vfp/vfp.h"
#define LINE_CAP 2048   /* 32 S registers in and out */
#else
#define LINE_CAP 1024
#endif

uint32_t isa_save[16];
/* Own section, linked at a fixed address (isa.mk) like the stubs. */
uint8_t isa_win[WIN_SIZE] __attribute__((aligned(64), section(".isa_win")));
static uint8_t pattern[WIN_SIZE];
static uint8_t altstack[65536] __attribute__((aligned(16)));

static sigjmp_buf back;
static volatile int got_sig, got_code;
static volatile uint32_t got_addr, got_pc;

static const char *const names[15] = {
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
	"r8", "r9", "r10", "r11", "r12", "sp", "lr",
};

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	got_sig = sig;
	got_code = si->si_code;
	got_addr = (uint32_t)(uintptr_t)si->si_addr;
	got_pc = (uint32_t)uc->uc_mcontext.arm_pc;
	siglongjmp(back, 1);
}

struct line {
	char b[LINE_CAP];
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

/* A value as the transcript shows it: relative when it is an address. */
static void value(struct line *l, uint32_t v, uint32_t insn)
{
	uint32_t win = (uint32_t)(uintptr_t)isa_win;
	if (v - (win - 0x1000u) < WIN_SIZE + 0x2000u)
		add(l, v >= win ? "win+0x%x" : "win-0x%x", v >= win ? v - win : win - v);
	else if (v - (insn - 0x4000u) < 0x8000u)
		add(l, v >= insn ? "insn+0x%x" : "insn-0x%x", v >= insn ? v - insn : insn - v);
	else
		add(l, "%08x", v);
}

static void flags(struct line *l, uint32_t psr)
{
	add(l, " nzcvq=%u%u%u%u%u ge=%u%u%u%u", psr >> 31 & 1, psr >> 30 & 1, psr >> 29 & 1,
	    psr >> 28 & 1, psr >> 27 & 1, psr >> 19 & 1, psr >> 18 & 1, psr >> 17 & 1, psr >> 16 & 1);
}

/* Changed words; a run of consecutive ones is printed as one item. */
static void memory(struct line *l, const struct isa_vec *v)
{
	int shown = 0;
	uint32_t next = ~0u;
	for (uint32_t off = 0; off < WIN_SIZE; off += 4) {
		uint32_t now, was;
		memcpy(&now, isa_win + off, 4);
		memcpy(&was, pattern + off, 4);
		if (v->poke_off >= 0 && off == (uint32_t)v->poke_off)
			was = v->poke_val;
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

#ifdef ISA_VFP
static uint32_t half(const uint64_t *d, int s)
{
	return (uint32_t)(d[s >> 1] >> (32 * (s & 1)));
}

/* Inputs: the S and D registers the vector names, then (after the core
 * flags) FPSCR. */
static void vfp_in(struct line *l, const struct isa_vfp *f)
{
	for (int s = 0; s < 32; s++)
		if (f->sshow >> s & 1)
			add(l, " s%d=%08x", s, half(f->d, s));
	for (int d = 0; d < 16; d++)
		if (f->dshow >> d & 1)
			add(l, " d%d=%016llx", d, (unsigned long long)f->d[d]);
}

/* Outputs: every register that changed, as D registers or S halves. */
static void vfp_out(struct line *l, const struct isa_vfp *f)
{
	for (int d = 0; d < 16; d++) {
		uint64_t now = isa_vfp_save.d[d];
		if (now == f->d[d])
			continue;
		if (f->flags & VFP_DVIEW) {
			add(l, " d%d=%016llx", d, (unsigned long long)now);
			continue;
		}
		for (int s = 2 * d; s < 2 * d + 2; s++)
			if (half(isa_vfp_save.d, s) != half(f->d, s))
				add(l, " s%d=%08x", s, half(isa_vfp_save.d, s));
	}
}
#endif

static void run(const struct isa_vec *v)
{
	struct line l = { .n = 0 };
	add(&l, "%s | in", v->text);
	for (int r = 0; r < 15; r++)
		if (v->show >> r & 1) {
			add(&l, " %s=", names[r]);
			value(&l, v->regs[r], v->insn);
		}
#ifdef ISA_VFP
	const struct isa_vfp *f = &isa_vfp_vectors[v - isa_vectors];
	vfp_in(&l, f);
#endif
	flags(&l, v->psr);
#ifdef ISA_VFP
	add(&l, " fpscr=%08x", f->fpscr);
#endif

	if (v->flags & VEC_MEM) {
		memcpy(isa_win, pattern, WIN_SIZE);
		if (v->poke_off >= 0)
			memcpy(isa_win + v->poke_off, &v->poke_val, 4);
	}
	got_sig = 0;
	if (sigsetjmp(back, 1) == 0) {
#ifdef ISA_VFP
		isa_vfp_load(f);
#endif
		isa_enter(v);
	}

	if (got_sig) {
		char s[64];
		sig_describe(s, sizeof s, got_sig, got_code);
		add(&l, " | %s addr=", s);
		value(&l, got_addr, v->insn);
		add(&l, " pc=");
		value(&l, got_pc, v->insn);
	} else {
		add(&l, " | out");
		for (int r = 0; r < 15; r++)
			if (isa_save[r] != v->regs[r]) {
				add(&l, " %s=", names[r]);
				value(&l, isa_save[r], v->insn);
			}
#ifdef ISA_VFP
		vfp_out(&l, f);
#endif
		flags(&l, isa_save[15]);
#ifdef ISA_VFP
		add(&l, " fpscr=%08x", isa_vfp_save.fpscr);
#endif
		if (isa_save[15] & 0x200u)
			add(&l, " E");
	}
	if (v->flags & VEC_MEM)
		memory(&l, v);
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

	for (uint32_t i = 0; i < isa_nvectors; i++)
		run(&isa_vectors[i]);
	return 0;
}
