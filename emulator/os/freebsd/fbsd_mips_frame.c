/* FreeBSD/mips64 (n64) signal frames as sys/mips/mips/pm_machdep.c
 * (sendsig, sys_sigreturn, get_mcontext, set_mcontext) builds and reads
 * them: struct sigframe (sigframe.h) is sf_signum, sf_siginfo,
 * sf_ucontext, sf_addr (register_t each), then ucontext_t sf_uc, siginfo_t
 * sf_si and two spare longs. The handler gets a0 the signal, a1 &sf_si
 * (SA_SIGINFO; else the code, with the fault address in a3), a2 &sf_uc,
 * pc and t9 the handler, sp the frame (STACK_ALIGN, 16 for n64) and ra
 * the trampoline (sigcode.S). mcontext_t (ucontext.h): mc_onstack,
 * mc_pc, mc_regs[32] (mc_regs[0] the UCONTEXT_MAGIC), sr, mullo, mulhi,
 * mc_fpused, mc_fpregs[33] (f0-f31, then the FCSR), mc_fpc_eir, mc_tls.
 * getcontext, setcontext and swapcontext use the same mcontext. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>

#include "os/freebsd/fbsd_frame.h"
#include "os/freebsd/fbsd_mips.h"
#include "os/linux/frame_bytes.h"
#include "os/linux/proc_signal.h"
#include "os/linux/syscall.h"

enum {
	SF_SI = FBSD_MIPS_SIGF_UC + 688, FRAME_SIZE = SF_SI + 80 + 16,
	/* ucontext_t */
	UC_SIGMASK = 0, UC_MCONTEXT = 16, UC_LINK = 632, UC_STACK = 640, UC_SIZE = 688,
	/* mcontext_t, from uc_mcontext */
	MC_ONSTACK = 0, MC_PC = 8, MC_REGS = 16, MC_MULLO = 280, MC_MULHI = 288, MC_FPUSED = 296,
	MC_FPREGS = 304, MC_TLS = 576,
	UCONTEXT_MAGIC = 0xacedbade,
	/* mc_fpused: MDTD_FPUSED (sys/mips/include/proc.h). mimic's FPU is
	 * always on, so every context carries it. */
	MDTD_FPUSED = 1,
};

/* The thread's registers as get_mcontext reads them (sendsig's copy has
 * the magic in mc_regs[0]); uc the image of a ucontext_t. */
static void mcontext_put(struct linux_proc *p, uint8_t *uc, uint64_t reg0)
{
	struct mips_cpu *cpu = mips_cpu_of_fbsd(p);
	bool be = p->mem.big_endian;
	uint8_t *mc = uc + UC_MCONTEXT;
	fb_put32(be, mc, MC_ONSTACK, proc_altstack_flags(p, cpu->r[29]) & SS_ONSTACK ? 1 : 0);
	fb_put64(be, mc, MC_PC, cpu->pc);
	fb_put64(be, mc, MC_REGS, reg0);
	for (unsigned i = 1; i < 32; i++)
		fb_put64(be, mc, MC_REGS + 8 * i, cpu->r[i]);
	fb_put64(be, mc, MC_MULLO, cpu->lo);
	fb_put64(be, mc, MC_MULHI, cpu->hi);
	fb_put32(be, mc, MC_FPUSED, MDTD_FPUSED);
	for (unsigned i = 0; i < 32; i++)
		fb_put64(be, mc, MC_FPREGS + 8 * i, cpu->f[i]);
	fb_put64(be, mc, MC_FPREGS + 8 * 32, cpu->fcsr);
	fb_put64(be, mc, MC_TLS, cpu->ulr - FBSD_MIPS_TLS_BIAS);
}

/* set_mcontext: every register (mc_regs[0] lands on $zero, which stays
 * zero), the FPU when mc_fpused, pc, mullo, mulhi and the TLS pointer;
 * nothing is checked. */
static void mcontext_get(struct linux_proc *p, const uint8_t *uc)
{
	struct mips_cpu *cpu = mips_cpu_of_fbsd(p);
	bool be = p->mem.big_endian;
	const uint8_t *mc = uc + UC_MCONTEXT;
	for (unsigned i = 1; i < 32; i++)
		cpu->r[i] = fb_get64(be, mc, MC_REGS + 8 * i);
	if (fb_get32(be, mc, MC_FPUSED) & MDTD_FPUSED) {
		for (unsigned i = 0; i < 32; i++)
			cpu->f[i] = fb_get64(be, mc, MC_FPREGS + 8 * i);
		cpu->fcsr = (uint32_t)fb_get64(be, mc, MC_FPREGS + 8 * 32);
	}
	cpu->pc = fb_get64(be, mc, MC_PC);
	cpu->lo = fb_get64(be, mc, MC_MULLO);
	cpu->hi = fb_get64(be, mc, MC_MULHI);
	cpu->ulr = fb_get64(be, mc, MC_TLS) + FBSD_MIPS_TLS_BIAS;
	cpu->in_delay = false;
}

int fbsd_mips_signal_frame(struct linux_proc *p, int sig, const struct linux_sigaction *act,
			   const struct linux_siginfo *info, linux_sigset oldmask)
{
	struct mips_cpu *cpu = mips_cpu_of_fbsd(p);
	bool be = p->mem.big_endian;
	uint64_t sp = linux_sigsp(p, cpu->r[29], act);
	uint64_t frame = (sp - FRAME_SIZE) & ~(uint64_t)15;
	if (sp < FRAME_SIZE || !gmem_check(&p->mem, frame, FRAME_SIZE, GP_W))
		return -1;
	/* sendsig starts from a zeroed frame. */
	uint8_t f[FRAME_SIZE];
	memset(f, 0, sizeof f);
	uint8_t *uc = f + FBSD_MIPS_SIGF_UC;
	fbsd_uc_mask_put(be, uc + UC_SIGMASK, oldmask);
	fbsd_uc_stack_put(p, uc, UC_STACK, cpu->r[29]);
	mcontext_put(p, uc, UCONTEXT_MAGIC);
	memcpy(gmem_host(&p->mem, frame), f, sizeof f);
	bool siginfo = (act->flags & LINUX_SA_SIGINFO) != 0;
	if (siginfo && fbsd_siginfo_put(p, frame + SF_SI, sig, info) < 0)
		return -1;

	cpu->r[4] = (uint64_t)sig;
	cpu->r[5] = siginfo ? frame + SF_SI : (uint64_t)(uint32_t)fbsd_si_code(info->code);
	cpu->r[6] = frame + FBSD_MIPS_SIGF_UC;
	if (!siginfo)
		cpu->r[7] = info->fault ? info->addr : 0;
	cpu->pc = cpu->r[25] = act->handler;
	cpu->r[29] = frame;
	cpu->r[31] = fbsd_arch_of(p)->sigcode;
	cpu->in_delay = false;
	return 0;
}

/* set_mcontext, then the mask, from size bytes of the ucontext at ucp;
 * the registers are the context's (EJUSTRETURN). */
static long set_context(struct linux_proc *p, uint64_t ucp, unsigned size)
{
	uint8_t uc[UC_SIZE];
	if (!gmem_read(&p->mem, ucp, uc, size))
		return -EFAULT;
	mcontext_get(p, uc);
	proc_lock(p);
	proc_signal_set_mask(p, fbsd_uc_mask_get(p->mem.big_endian, uc + UC_SIGMASK) & ~UNBLOCKABLE);
	proc_unlock(p);
	return 0;
}

/* sys_sigreturn(ucp) with ucp in a0. */
long fbsd_mips_sigreturn(struct linux_proc *p, bool rt)
{
	(void)rt;
	return set_context(p, mips_cpu_of_fbsd(p)->r[4], UC_SIZE);
}

/* sys_getcontext: the mask and mcontext (UC_COPY_SIZE: up to uc_link);
 * GET_MC_CLEAR_RET zeroes v0, v1 and a3 (a call that returned 0). */
int fbsd_mips_get_context(struct linux_proc *p, uint64_t ucp)
{
	bool be = p->mem.big_endian;
	uint8_t uc[UC_LINK];
	memset(uc, 0, sizeof uc);
	fbsd_uc_mask_put(be, uc + UC_SIGMASK, p->sigmask);
	mcontext_put(p, uc, 0);
	static const unsigned cleared[] = { 2, 3, 7 };
	for (unsigned i = 0; i < 3; i++)
		fb_put64(be, uc + UC_MCONTEXT, MC_REGS + 8 * cleared[i], 0);
	return gmem_write(&p->mem, ucp, uc, sizeof uc) ? 0 : -EFAULT;
}

long fbsd_mips_set_context(struct linux_proc *p, uint64_t ucp) { return set_context(p, ucp, UC_LINK); }
