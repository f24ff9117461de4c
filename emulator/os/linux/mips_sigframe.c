/* MIPS64 n64 signal frames as Linux 6.1 builds them (arch/mips/kernel/
 * signal.c setup_rt_frame; n64 has only rt frames):
 *   struct rt_sigframe { u32 rs_ass[4]; u32 rs_pad[2]; siginfo rs_info;
 *                        struct ucontext rs_uc; }
 * ucontext: uc_flags 0, uc_link 8, uc_stack 16 (ss_sp, ss_size, ss_flags),
 * uc_mcontext 40 (struct sigcontext, 600 bytes), uc_sigmask 640 (128 bits).
 * No MSA context, so nothing follows. The handler returns through mimic's
 * rt_sigreturn code where the kernel's VDSO would have it. */
#include <string.h>

#include "os/linux/frame_bytes.h"
#include "os/linux/mips_linux.h"
#include "os/linux/proc_signal.h"

enum {
	RS_INFO = 24, RS_UC = 152, FRAME_SIZE = 808,
	UC_FLAGS = 0, UC_LINK = 8, UC_STACK = 16, UC_MCONTEXT = 40, UC_SIGMASK = 640, UC_SIZE = 656,
	/* struct sigcontext */
	SC_REGS = 0, SC_FPREGS = 256, SC_MDHI = 512, SC_HI1 = 520, SC_MDLO = 544, SC_PC = 576,
	SC_FPC_CSR = 584, SC_USED_MATH = 588, SC_DSP = 592, SC_SIZE = 600,
	/* sc_used_math: the FPU was used, with 64-bit registers (FR=1). */
	USED_FP = 1, USED_FR1 = 2,
	/* Red zone the kernel leaves below the interrupted stack pointer. */
	RED_ZONE = 32,
};

/* rt_sigreturn code: li v0, __NR_rt_sigreturn; syscall. */
static const uint32_t sigreturn_code[2] = { 0x24020000u | MIPS_NR_rt_sigreturn, 0x0000000cu };

int mips_sigreturn_map(struct gmem *m)
{
	if (gmem_map(m, MIPS_SIGRETURN_PAGE, GPAGE_SIZE, GP_R | GP_W) != 0)
		return -1;
	for (unsigned i = 0; i < 2; i++)
		gmem_st32(m, MIPS_SIGRETURN_PAGE + 4 * i, sigreturn_code[i]);
	/* Linux keeps its signal return code in the vDSO, which maps show
	 * as [vdso]; this page plays that part (without the vDSO's ELF). */
	struct gvma vdso = { .start = MIPS_SIGRETURN_PAGE, .end = MIPS_SIGRETURN_PAGE + GPAGE_SIZE,
			     .kind = GV_SPECIAL, .flags = GV_READ | GV_EXEC, .file = -1, .name = "[vdso]" };
	if (gvma_insert(m->vmas, &vdso) != 0)
		return -1;
	return gmem_protect(m, MIPS_SIGRETURN_PAGE, GPAGE_SIZE, GP_R | GP_X);
}

static void put64(struct linux_proc *p, uint8_t *b, unsigned off, uint64_t v) { fb_put64(p->mem.big_endian, b, off, v); }
static void put32(struct linux_proc *p, uint8_t *b, unsigned off, uint32_t v) { fb_put32(p->mem.big_endian, b, off, v); }
static uint64_t get64(struct linux_proc *p, const uint8_t *b, unsigned off) { return fb_get64(p->mem.big_endian, b, off); }
static uint32_t get32(struct linux_proc *p, const uint8_t *b, unsigned off) { return fb_get32(p->mem.big_endian, b, off); }

/* setup_sigcontext: the DSP accumulators and control are zero (unused). */
static void build_sigcontext(struct linux_proc *p, uint8_t *sc)
{
	struct mips_cpu *cpu = mips_cpu_of(p);
	put64(p, sc, SC_PC, cpu->pc);
	put64(p, sc, SC_REGS, 0);
	for (unsigned i = 1; i < 32; i++)
		put64(p, sc, SC_REGS + 8 * i, cpu->r[i]);
	put64(p, sc, SC_MDHI, cpu->hi);
	put64(p, sc, SC_MDLO, cpu->lo);
	for (unsigned i = 0; i < 3; i++) {
		put64(p, sc, SC_HI1 + 8 * i, 0);
		put64(p, sc, SC_MDLO + 8 + 8 * i, 0);
	}
	put32(p, sc, SC_DSP, 0);
	for (unsigned i = 0; i < 32; i++)
		put64(p, sc, SC_FPREGS + 8 * i, cpu->f[i]);
	put32(p, sc, SC_FPC_CSR, cpu->fcsr);
	put32(p, sc, SC_USED_MATH, USED_FP | USED_FR1);
}

int mips_signal_frame(struct linux_proc *p, int sig, const struct linux_sigaction *act,
		      const struct linux_siginfo *info, linux_sigset oldmask)
{
	struct mips_cpu *cpu = mips_cpu_of(p);
	uint64_t sp = linux_sigsp(p, cpu->r[29] - RED_ZONE, act);
	uint64_t frame = (sp - FRAME_SIZE) & ~(uint64_t)15;
	if (sp < FRAME_SIZE || !gmem_check(&p->mem, frame, FRAME_SIZE, GP_W))
		return -1;
	if (linux_siginfo_put(p, frame + RS_INFO, info) != 0)
		return -1;
	/* Start from what is on the stack: the kernel leaves what it does
	 * not write (rs_ass, rs_pad, padding) as it was. */
	uint8_t uc[UC_SIZE];
	memcpy(uc, gmem_host(&p->mem, frame + RS_UC), sizeof uc);
	put64(p, uc, UC_FLAGS, 0);
	put64(p, uc, UC_LINK, 0);
	uint64_t ss_sp, ss_size;
	int ss_flags;
	linux_save_altstack(p, cpu->r[29], &ss_sp, &ss_flags, &ss_size);
	put64(p, uc, UC_STACK, ss_sp);
	put64(p, uc, UC_STACK + 8, ss_size);
	put32(p, uc, UC_STACK + 16, (uint32_t)ss_flags);
	build_sigcontext(p, uc + UC_MCONTEXT);
	put64(p, uc, UC_SIGMASK, (uint64_t)oldmask);
	put64(p, uc, UC_SIGMASK + 8, (uint64_t)(oldmask >> 64));
	memcpy(gmem_host(&p->mem, frame + RS_UC), uc, sizeof uc);

	cpu->r[4] = (uint64_t)sig;
	cpu->r[5] = frame + RS_INFO;
	cpu->r[6] = frame + RS_UC;
	cpu->r[29] = frame;
	cpu->r[31] = MIPS_SIGRETURN_PAGE;
	cpu->r[25] = act->handler;
	cpu->pc = act->handler;
	cpu->in_delay = false;
	return 0;
}

/* restore_sigcontext: 0, or the signal the restored FCSR raises (a
 * handler that set cause bits of enabled exceptions gets SIGFPE). */
static int restore_sigcontext(struct linux_proc *p, const uint8_t *sc)
{
	struct mips_cpu *cpu = mips_cpu_of(p);
	cpu->pc = get64(p, sc, SC_PC);
	cpu->hi = get64(p, sc, SC_MDHI);
	cpu->lo = get64(p, sc, SC_MDLO);
	for (unsigned i = 1; i < 32; i++)
		cpu->r[i] = get64(p, sc, SC_REGS + 8 * i);
	cpu->in_delay = false;
	if (!(get32(p, sc, SC_USED_MATH) & USED_FP))
		return 0;
	uint32_t csr = get32(p, sc, SC_FPC_CSR);
	/* fpcsr_pending: unimplemented-operation cause, or a cause whose
	 * enable bit is set. */
	uint32_t enabled = (1u << 17) | ((csr & MIPS_FCSR_ENABLES) << 5);
	int sig = 0;
	if (csr & enabled) {
		csr &= ~enabled;
		sig = MIPS_SIGFPE;
	}
	for (unsigned i = 0; i < 32; i++)
		cpu->f[i] = get64(p, sc, SC_FPREGS + 8 * i);
	cpu->fcsr = csr;
	return sig;
}

long mips_sigreturn(struct linux_proc *p, bool rt)
{
	(void)rt;
	struct mips_cpu *cpu = mips_cpu_of(p);
	uint64_t frame = cpu->r[29];
	uint8_t uc[UC_SIZE];
	if (!gmem_read(&p->mem, frame + RS_UC, uc, sizeof uc)) {
		linux_signal_fault(p, MIPS_SIGSEGV, LINUX_SI_KERNEL, 0);
		return 0;
	}
	proc_lock(p);
	proc_signal_set_mask(p, (linux_sigset)get64(p, uc, UC_SIGMASK + 8) << 64 | get64(p, uc, UC_SIGMASK));
	proc_unlock(p);
	int sig = restore_sigcontext(p, uc + UC_MCONTEXT);
	if (sig)
		linux_signal_fault(p, sig, LINUX_SI_KERNEL, 0);
	linux_restore_altstack(p, get64(p, uc, UC_STACK), (int)get32(p, uc, UC_STACK + 16),
			       get64(p, uc, UC_STACK + 8), cpu->r[29]);
	return (long)cpu->r[2];
}
