/* The ARM (EABI) side of the Linux personality: vectors page, private
 * system calls, signal frames and the run loop. */
#ifndef MIMIC_ARM_LINUX_H
#define MIMIC_ARM_LINUX_H

#include "cpu/arm/arm_cpu.h"
#include "os/linux/linux.h"

#define ARM_VECTORS_PAGE 0xffff0000u
/* Signal return code (sigreturn_codes) inside the vectors page: ARM and
 * Thumb sigreturn, then ARM and Thumb rt_sigreturn, 12 bytes apart. */
#define ARM_SIGRETURN_CODE (ARM_VECTORS_PAGE + 0x500u)

#define ARM_NR_sigreturn    119
#define ARM_NR_rt_sigreturn 173
#define ARM_NR_BASE         0x0f0000u

static inline struct arm_cpu *arm_cpu_of(struct linux_proc *p) { return p->cpu; }

extern const uint32_t arm_sigreturn_codes[7];

/* Maps the vectors page with the kernel user helpers. 0 or -1. */
/* __kuser_memory_barrier (Documentation/arm/kernel_user_helpers.rst). */
#define ARM_KUSER_MEMORY_BARRIER 0xffff0fa0u
int arm_kuser_map(struct gmem *m);
/* The 0x0f0000 calls Linux implements (others: see the run loop). */
const struct sc_entry *arm_private_call(unsigned nr);
int arm_signal_frame(struct linux_proc *p, int sig, const struct linux_sigaction *act,
		     const struct linux_siginfo *info, linux_sigset oldmask);
long arm_sigreturn(struct linux_proc *p, bool rt);
void arm_process_run(struct linux_proc *p) __attribute__((noreturn));
void arm_cpuinfo(const struct linux_arch *a, FILE *f);

#endif
