/* FreeBSD/armv6 signal frames as sys/arm/arm/exec_machdep.c (sendsig,
 * sys_sigreturn) builds and reads them: struct sigframe (sigframe.h) is
 * siginfo_t, ucontext_t and the VFP context. The handler gets r0 the
 * signal, r1 the siginfo, r2 (and r5) the ucontext, lr the trampoline in
 * the shared page, sp the frame. mcontext_t: __gregs r0-r12, sp, lr, pc,
 * cpsr; mc_vfp_size, mc_vfp_ptr (ucontext.h). */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>

#include "os/freebsd/fbsd_arm.h"
#include "os/linux/proc_signal.h"
#include "os/linux/syscall.h"

#define SIGINFO_SIZE 64
#define UC_SIGMASK 0
#define UC_GREGS 16
#define UC_VFP_SIZE (16 + 17 * 4)
#define UC_VFP_PTR (UC_VFP_SIZE + 4)
#define UC_LINK 224
#define UC_STACK 228
#define UC_FLAGS 240
#define UC_SIZE 260
#define VFP_OFF 328      /* sf_vfp: after the ucontext, 8-byte aligned */
#define VFP_SIZE 264     /* mcontext_vfp_t: d0-d31, fpscr */
#define FRAME_SIZE (VFP_OFF + VFP_SIZE)

#define PSR_T (1u << 5)
#define PSR_F (1u << 6)
#define PSR_I (1u << 7)
#define PSR_A (1u << 8)
#define PSR_E (1u << 9)
#define PSR_MODE 0x1fu
#define PSR_USR 0x10u
#define PSR_IT (0x06000000u | 0x0000fc00u)

/* si_code: Linux's SI_USER, SI_QUEUE, SI_TKILL, SI_KERNEL -> FreeBSD's
 * (signal.h); fault codes are the same. */
static int fbsd_si_code(int code)
{
	switch (code) {
	case LINUX_SI_USER: return 0x10001;
	case LINUX_SI_QUEUE: return 0x10002;
	case LINUX_SI_TKILL: return 0x10007;
	case LINUX_SI_KERNEL: return 0x10006;
	default: return code;
	}
}

static void put_siginfo(struct gimage *g, struct linux_proc *p, int sig, const struct linux_siginfo *info)
{
	gi_u32(g, 0, (uint32_t)sig);
	gi_u32(g, 4, (uint32_t)info->errno_);
	gi_u32(g, 8, (uint32_t)fbsd_si_code(info->code));
	gi_u32(g, 12, (uint32_t)info->pid);
	gi_u32(g, 16, (uint32_t)info->uid);
	gi_u32(g, 20, (uint32_t)info->status);
	gi_u32(g, 24, (uint32_t)info->addr);
	gi_u32(g, 28, (uint32_t)info->value);
	/* _reason._fault._trapno */
	gi_u32(g, 32, info->fault ? (uint32_t)p->trap_no : 0);
}

int fbsd_arm_signal_frame(struct linux_proc *p, int sig, const struct linux_sigaction *act,
			  const struct linux_siginfo *info, linux_sigset oldmask)
{
	struct arm_cpu *cpu = arm_cpu_of_fbsd(p);
	uint32_t sp = (uint32_t)linux_sigsp(p, cpu->r[13], act);
	uint32_t frame = (sp - FRAME_SIZE) & ~7u;
	if (sp < FRAME_SIZE || !gmem_check(&p->mem, frame, FRAME_SIZE, GP_W))
		return -1;
	struct gimage g;
	gi_init(&g, p);
	put_siginfo(&g, p, sig, info);
	if (gi_put(p, frame, &g, SIGINFO_SIZE) < 0)
		return -1;

	uint8_t uc[UC_SIZE];
	memset(uc, 0, sizeof uc);
	for (unsigned i = 0; i < 4; i++) {
		uint32_t word = (uint32_t)(oldmask >> (32 * i));
		memcpy(uc + UC_SIGMASK + 4 * i, &word, 4);
	}
	for (unsigned i = 0; i < 16; i++)
		memcpy(uc + UC_GREGS + 4 * i, &cpu->r[i], 4);
	uint32_t cpsr = arm_get_cpsr(cpu), v = VFP_SIZE, vptr = frame + VFP_OFF;
	memcpy(uc + UC_GREGS + 64, &cpsr, 4);
	memcpy(uc + UC_VFP_SIZE, &v, 4);
	memcpy(uc + UC_VFP_PTR, &vptr, 4);
	uint64_t ss_sp, ss_size;
	int ss_flags;
	linux_save_altstack(p, cpu->r[13], &ss_sp, &ss_flags, &ss_size);
	uint32_t st[3] = { (uint32_t)ss_sp, (uint32_t)ss_size,
			   (uint32_t)(((ss_flags & SS_DISABLE) ? 4 : 0) | ((ss_flags & SS_ONSTACK) ? 1 : 0)) };
	memcpy(uc + UC_STACK, st, sizeof st);
	memcpy(gmem_host(&p->mem, frame + FBSD_ARM_SIGF_UC), uc, sizeof uc);
	/* d16-d31 do not exist on VFPv2: saved as zero (so are they in
	 * cpu->d, which sigreturn leaves alone there). */
	uint8_t *vfp = gmem_host(&p->mem, vptr);
	memset(vfp, 0, VFP_SIZE);
	memcpy(vfp, cpu->d, sizeof cpu->d);
	memcpy(vfp + 256, &cpu->fpscr, 4);

	uint32_t handler = (uint32_t)act->handler;
	cpsr &= ~(0xf8000000u | PSR_E | PSR_IT);
	cpsr = (handler & 1) ? cpsr | PSR_T : cpsr & ~PSR_T;
	arm_set_cpsr(cpu, cpsr);
	cpu->r[0] = (uint32_t)sig;
	cpu->r[1] = frame;
	cpu->r[2] = frame + FBSD_ARM_SIGF_UC;
	cpu->r[5] = frame + FBSD_ARM_SIGF_UC;
	cpu->r[13] = frame;
	cpu->r[14] = (uint32_t)fbsd_arch_of(p)->sigcode;
	cpu->r[15] = handler & ~1u;
	return 0;
}

/* sys_sigreturn(ucp) with ucp in r0: a context that is not user mode
 * with interrupts enabled is EINVAL (set_mcontext's check). */
long fbsd_arm_sigreturn(struct linux_proc *p, bool rt)
{
	(void)rt;
	struct arm_cpu *cpu = arm_cpu_of_fbsd(p);
	uint32_t ucp = cpu->r[0];
	uint8_t uc[UC_SIZE];
	if (!gmem_read(&p->mem, ucp, uc, sizeof uc))
		return -EFAULT;
	uint32_t cpsr, vsize, vptr;
	memcpy(&cpsr, uc + UC_GREGS + 64, 4);
	memcpy(&vsize, uc + UC_VFP_SIZE, 4);
	memcpy(&vptr, uc + UC_VFP_PTR, 4);
	if ((cpsr & PSR_MODE) != PSR_USR || (cpsr & (PSR_I | PSR_F)))
		return -EINVAL;
	uint8_t vfp[VFP_SIZE];
	if (vptr && (vsize != VFP_SIZE || !gmem_read(&p->mem, vptr, vfp, sizeof vfp)))
		return -EINVAL;
	for (unsigned i = 0; i < 16; i++)
		memcpy(&cpu->r[i], uc + UC_GREGS + 4 * i, 4);
	arm_set_cpsr(cpu, cpsr & ~PSR_A);
	cpu->r[15] &= cpu->t ? ~1u : ~3u;
	if (vptr) {
		memcpy(cpu->d, vfp, 8 * arm_vfp_dregs(cpu));
		memcpy(&cpu->fpscr, vfp + 256, 4);
	}
	linux_sigset mask = 0;
	for (unsigned i = 0; i < 4; i++) {
		uint32_t word;
		memcpy(&word, uc + UC_SIGMASK + 4 * i, 4);
		mask |= (linux_sigset)word << (32 * i);
	}
	proc_lock(p);
	proc_signal_set_mask(p, mask & ~UNBLOCKABLE);
	proc_unlock(p);
	return 0;
}
