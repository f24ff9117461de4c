/* The MIPS64 n64 side of the Linux personality: signal numbers, the
 * signal return trampoline page, signal frames and the run loop. */
#ifndef MIMIC_MIPS_LINUX_H
#define MIMIC_MIPS_LINUX_H

#include "cpu/mips/mips_cpu.h"
#include "os/linux/linux.h"

#define MIPS_NR_BASE         5000
#define MIPS_NR_rt_sigreturn (MIPS_NR_BASE + 211)
#define MIPS_NR_restart_syscall (MIPS_NR_BASE + 213)

/* User space ends at 1 TiB (TASK_SIZE64 with 4 KiB pages). The kernel
 * keeps the pages below it for the delay-slot emulation page, the VDSO and
 * its data page; mimic puts its signal return code where the VDSO is. */
#define MIPS_TASK_SIZE      0x10000000000ull
#define MIPS_SIGRETURN_PAGE (MIPS_TASK_SIZE - 3 * GPAGE_SIZE)
#define MIPS_STACK_TOP      (MIPS_TASK_SIZE - 4 * GPAGE_SIZE)

/* MIPS signal numbers the personality raises itself. */
enum {
	MIPS_SIGILL = 4, MIPS_SIGTRAP = 5, MIPS_SIGFPE = 8, MIPS_SIGBUS = 10, MIPS_SIGSEGV = 11,
};

static inline struct mips_cpu *mips_cpu_of(struct linux_proc *p) { return p->cpu; }

/* Guest <-> host (asm-generic) signal numbers. */
int mips_sig_to_host(int sig);
int mips_sig_from_host(int sig);

int mips_signal_frame(struct linux_proc *p, int sig, const struct linux_sigaction *act,
		      const struct linux_siginfo *info, linux_sigset oldmask);
long mips_sigreturn(struct linux_proc *p, bool rt);
/* Maps the page with the rt_sigreturn code. 0 or -1. */
int mips_sigreturn_map(struct gmem *m);
void mips_process_run(struct linux_proc *p) __attribute__((noreturn));
/* An FPU load or store stopped with a fault the kernel's FPU emulator
 * reports itself: sends its signal and returns true. */
bool mips_fpemu_fault(struct linux_proc *p, const struct mips_cpu *cpu);
void mips_cpuinfo(const struct linux_arch *a, FILE *f);
/* set_thread_area, cacheflush, sysmips: calls only MIPS has. */
extern const struct sc_impl mips_sc_impls[];
extern const unsigned mips_sc_nimpls;

#endif
