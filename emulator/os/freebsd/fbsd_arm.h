/* The FreeBSD/armv6 side of the FreeBSD personality: run loop and
 * signal frames (sys/arm/include/sigframe.h, ucontext.h). */
#ifndef MIMIC_FBSD_ARM_H
#define MIMIC_FBSD_ARM_H

#include "cpu/arm/arm_cpu.h"
#include "os/freebsd/freebsd.h"

/* struct sigframe: siginfo_t (64 bytes), ucontext_t (260), then the VFP
 * context (mcontext_vfp_t, 8-byte aligned). */
#define FBSD_ARM_SIGF_UC 64

static inline struct arm_cpu *arm_cpu_of_fbsd(struct linux_proc *p) { return p->cpu; }

void fbsd_arm_run(struct linux_proc *p) __attribute__((noreturn));
int fbsd_arm_signal_frame(struct linux_proc *p, int sig, const struct linux_sigaction *act,
			  const struct linux_siginfo *info, linux_sigset oldmask);
long fbsd_arm_sigreturn(struct linux_proc *p, bool rt);
int fbsd_arm_get_context(struct linux_proc *p, uint64_t ucp);
long fbsd_arm_set_context(struct linux_proc *p, uint64_t ucp);

#endif
