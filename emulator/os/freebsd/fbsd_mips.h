/* The FreeBSD/mips64 side of the FreeBSD personality: the CPU of a
 * process, its thread pointer and signal frames (sys/mips/include/
 * sigframe.h, ucontext.h, tls.h). */
#ifndef MIMIC_FBSD_MIPS_H
#define MIMIC_FBSD_MIPS_H

#include "cpu/mips/mips_cpu.h"
#include "os/freebsd/freebsd.h"

/* UserLocal is the TLS base sysarch(MIPS_SET_TLS) was given plus
 * TLS_TP_OFFSET + TLS_TCB_SIZE (tls.h). */
#define FBSD_MIPS_TLS_BIAS (0x7000u + 16u)

/* struct sigframe: four register_t (sf_signum .. sf_addr), then sf_uc. */
#define FBSD_MIPS_SIGF_UC 32

#define FBSD_MIPS_SYS_sigreturn 417

static inline struct mips_cpu *mips_cpu_of_fbsd(struct linux_proc *p) { return p->cpu; }

int fbsd_mips_signal_frame(struct linux_proc *p, int sig, const struct linux_sigaction *act,
			   const struct linux_siginfo *info, linux_sigset oldmask);
long fbsd_mips_sigreturn(struct linux_proc *p, bool rt);
int fbsd_mips_get_context(struct linux_proc *p, uint64_t ucp);
long fbsd_mips_set_context(struct linux_proc *p, uint64_t ucp);

#endif
