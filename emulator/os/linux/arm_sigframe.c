/* ARM EABI signal frames as Linux 6.1 builds them (arch/arm/kernel/
 * signal.c) for a VFP CPU without iWMMXt:
 *   struct sigframe    { struct ucontext uc; unsigned long retcode[4]; }
 *   struct rt_sigframe { struct siginfo info; struct sigframe sig; }
 * ucontext: uc_flags 0, uc_link 4, uc_stack 8 (sp, flags, size),
 * uc_mcontext 20 (struct sigcontext, 21 words), uc_sigmask 104,
 * uc_regspace 232 (struct vfp_sigframe, then a zero end marker). */
#include <string.h>

#include "os/linux/arm_linux.h"
#include "os/linux/proc_signal.h"

enum {
	SIGINFO_SIZE = 128,
	UC_FLAGS = 0, UC_LINK = 4, UC_STACK = 8, UC_MCONTEXT = 20, UC_SIGMASK = 104, UC_REGSPACE = 232,
	UC_SIZE = 744,
	SIGFRAME_SIZE = UC_SIZE + 16,                 /* + retcode[4] */
	RT_SIGFRAME_SIZE = SIGINFO_SIZE + SIGFRAME_SIZE,
	/* sigcontext words */
	SC_TRAP_NO = 0, SC_ERROR_CODE = 4, SC_OLDMASK = 8, SC_R0 = 12, SC_CPSR = 76, SC_FAULT_ADDRESS = 80,
	/* struct vfp_sigframe: magic, size, user_vfp (fpregs[32], fpscr),
	 * user_vfp_exc (fpexc, fpinst, fpinst2), 8-byte aligned. */
	VFP_MAGIC = 0x56465001, VFP_STORAGE_SIZE = 288,
	VFP_REGS = 8, VFP_FPSCR = 8 + 256, VFP_FPEXC = 272, VFP_FPINST = 276, VFP_FPINST2 = 280,
};

#define PSR_T      (1u << 5)
#define PSR_F      (1u << 6)
#define PSR_I      (1u << 7)
#define PSR_A      (1u << 8)
#define PSR_E      (1u << 9)
#define PSR_MODE   0x1fu
#define PSR_USR    0x10u
#define PSR_FLAGS  0xff000000u                 /* PSR_f: NZCVQ, IT[1:0], J */
#define PSR_IT     (0x06000000u | 0x0000fc00u)
#define FPSCR_LEN_STRIDE 0x00370000u
#define FPEXC_EN   (1u << 30)
#define FPEXC_EX   (1u << 31)
#define FPEXC_FP2V (1u << 28)

static void put32(uint8_t *b, unsigned off, uint32_t v) { memcpy(b + off, &v, 4); }
static uint32_t get32(const uint8_t *b, unsigned off)
{
	uint32_t v;
	memcpy(&v, b + off, 4);
	return v;
}

/* ucontext image (uc points at UC_SIZE bytes). */
static void build_ucontext(struct linux_proc *p, uint8_t *uc, linux_sigset oldmask)
{
	struct arm_cpu *cpu = arm_cpu_of(p);
	uint8_t *sc = uc + UC_MCONTEXT;
	put32(sc, SC_TRAP_NO, (uint32_t)p->trap_no);
	put32(sc, SC_ERROR_CODE, (uint32_t)p->error_code);
	put32(sc, SC_OLDMASK, (uint32_t)oldmask);
	for (int i = 0; i < 16; i++)
		put32(sc, SC_R0 + 4 * (unsigned)i, cpu->r[i]);
	put32(sc, SC_CPSR, arm_get_cpsr(cpu));
	put32(sc, SC_FAULT_ADDRESS, (uint32_t)p->fault_address);
	put32(uc, UC_SIGMASK, (uint32_t)oldmask);
	put32(uc, UC_SIGMASK + 4, (uint32_t)(oldmask >> 32));
	uint8_t *vfp = uc + UC_REGSPACE;
	put32(vfp, 0, VFP_MAGIC);
	put32(vfp, 4, VFP_STORAGE_SIZE);
	/* d16-d31 do not exist on VFPv2: the kernel's saved copy is zero
	 * (so are they in cpu->d, which sigreturn leaves alone there). */
	memcpy(vfp + VFP_REGS, cpu->d, sizeof cpu->d);
	put32(vfp, VFP_FPSCR, cpu->fpscr);
	put32(vfp, VFP_FPEXC, cpu->fpexc);
	put32(vfp, VFP_FPINST, 0);
	put32(vfp, VFP_FPINST2, 0);
	put32(vfp, VFP_STORAGE_SIZE, 0); /* aux_sigframe end_magic */
}

int arm_signal_frame(struct linux_proc *p, int sig, const struct linux_sigaction *act,
		     const struct linux_siginfo *info, linux_sigset oldmask)
{
	struct arm_cpu *cpu = arm_cpu_of(p);
	bool rt = (act->flags & LINUX_SA_SIGINFO) != 0;
	uint32_t size = rt ? RT_SIGFRAME_SIZE : SIGFRAME_SIZE;
	uint32_t sp = (uint32_t)linux_sigsp(p, cpu->r[13], act);
	uint32_t frame = (sp - size) & ~7u;
	if (sp < size || !gmem_check(&p->mem, frame, size, GP_W))
		return -1;
	uint32_t ucaddr = rt ? frame + SIGINFO_SIZE : frame;
	/* Start from what is on the stack: the kernel leaves the fields it
	 * does not set (uc_link of sigframe, __unused) as they were. */
	uint8_t uc[SIGFRAME_SIZE];
	memcpy(uc, gmem_host(&p->mem, ucaddr), sizeof uc);
	if (rt) {
		if (linux_siginfo_put(p, frame, info) != 0)
			return -1;
		put32(uc, UC_FLAGS, 0);
		put32(uc, UC_LINK, 0);
		uint64_t ss_sp, ss_size;
		int ss_flags;
		linux_save_altstack(p, cpu->r[13], &ss_sp, &ss_flags, &ss_size);
		put32(uc, UC_STACK, (uint32_t)ss_sp);
		put32(uc, UC_STACK + 4, (uint32_t)ss_flags);
		put32(uc, UC_STACK + 8, (uint32_t)ss_size);
	} else {
		/* A value trap_no never has: tells the frame kinds apart. */
		put32(uc, UC_FLAGS, 0x5ac3c35a);
	}
	build_ucontext(p, uc, oldmask);

	uint32_t handler = (uint32_t)act->handler;
	uint32_t thumb = handler & 1;
	uint32_t retcode;
	if (act->flags & LINUX_SA_RESTORER) {
		retcode = (uint32_t)act->restorer;
	} else {
		unsigned idx = (thumb << 1) + (rt ? 3 : 0);
		/* The code goes on the stack as well, as the ABI wants, but
		 * runs from the vectors page. */
		put32(uc, UC_SIZE, arm_sigreturn_codes[idx]);
		put32(uc, UC_SIZE + 4, arm_sigreturn_codes[idx + 1]);
		retcode = ARM_SIGRETURN_CODE + 4 * idx + thumb;
	}
	memcpy(gmem_host(&p->mem, ucaddr), uc, sizeof uc);

	uint32_t cpsr = arm_get_cpsr(cpu) & ~(PSR_FLAGS | PSR_E | PSR_IT);
	cpsr = thumb ? cpsr | PSR_T : cpsr & ~PSR_T;
	arm_set_cpsr(cpu, cpsr);
	cpu->fpscr &= ~FPSCR_LEN_STRIDE;
	cpu->r[0] = (uint32_t)sig;
	cpu->r[13] = frame;
	cpu->r[14] = retcode;
	cpu->r[15] = handler & ~1u;
	if (rt) {
		cpu->r[1] = frame;
		cpu->r[2] = ucaddr;
	}
	return 0;
}

/* restore_sigframe: 0, or -1 for a bad frame. */
static int restore_ucontext(struct linux_proc *p, const uint8_t *uc)
{
	struct arm_cpu *cpu = arm_cpu_of(p);
	uint64_t mask = (uint64_t)get32(uc, UC_SIGMASK + 4) << 32 | get32(uc, UC_SIGMASK);
	proc_lock(p);
	proc_signal_set_mask(p, mask);
	proc_unlock(p);
	const uint8_t *sc = uc + UC_MCONTEXT;
	uint32_t cpsr = get32(sc, SC_CPSR) & ~(PSR_F | PSR_A);
	for (int i = 0; i < 16; i++)
		cpu->r[i] = get32(sc, SC_R0 + 4 * (unsigned)i);
	/* valid_user_regs: user mode with IRQs enabled, else a bad frame. */
	if ((cpsr & PSR_I) || (cpsr & PSR_MODE) != PSR_USR) {
		arm_set_cpsr(cpu, cpsr & (PSR_FLAGS | 0x00ff0000u | 0x0000ff00u | PSR_T));
		return -1;
	}
	arm_set_cpsr(cpu, cpsr);
	cpu->r[15] &= cpu->t ? ~1u : ~3u;
	const uint8_t *vfp = uc + UC_REGSPACE;
	if (get32(vfp, 0) != VFP_MAGIC || get32(vfp, 4) != VFP_STORAGE_SIZE)
		return -1;
	memcpy(cpu->d, vfp + VFP_REGS, 8 * arm_vfp_dregs(cpu));
	cpu->fpscr = get32(vfp, VFP_FPSCR);
	cpu->fpexc = (get32(vfp, VFP_FPEXC) | FPEXC_EN) & ~(FPEXC_EX | FPEXC_FP2V);
	return 0;
}

long arm_sigreturn(struct linux_proc *p, bool rt)
{
	struct arm_cpu *cpu = arm_cpu_of(p);
	uint32_t frame = cpu->r[13];
	uint32_t size = rt ? RT_SIGFRAME_SIZE : SIGFRAME_SIZE;
	uint32_t ucaddr = rt ? frame + SIGINFO_SIZE : frame;
	uint8_t uc[UC_SIZE];
	if ((frame & 7) || !gmem_check(&p->mem, frame, size, GP_R))
		goto badframe;
	memcpy(uc, gmem_host(&p->mem, ucaddr), sizeof uc);
	if (restore_ucontext(p, uc) != 0)
		goto badframe;
	if (rt)
		linux_restore_altstack(p, get32(uc, UC_STACK), (int)get32(uc, UC_STACK + 4), get32(uc, UC_STACK + 8),
				       cpu->r[13]);
	return cpu->r[0];
badframe:
	linux_signal_fault(p, SIG_SEGV, LINUX_SI_KERNEL, 0);
	return 0;
}
