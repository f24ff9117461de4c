/* The FreeBSD personality: FreeBSD programs run on the shared process
 * machinery (struct linux_proc: guest memory, threads, signal queues) with
 * FreeBSD's system call table, ABI values, initial stack, signal frames
 * and sysctl. main.c picks it from the ELF's brand. */
#ifndef MIMIC_FREEBSD_H
#define MIMIC_FREEBSD_H

#include <stdbool.h>
#include <stdint.h>

#include "loader/loader.h"
#include "os/linux/abi.h"
#include "os/linux/linux.h"

struct stat;

/* A FreeBSD architecture: the shared hooks (cpu, frames, start-up) and
 * what FreeBSD reports about the machine. p->arch of a FreeBSD process
 * points at the base of one of these. */
struct fbsd_arch {
	struct linux_arch base;
	const char *machine, *machine_arch;  /* hw.machine, hw.machine_arch */
	const char *model;                   /* hw.model */
	unsigned maxcpu;                     /* MAXCPU: kern.smp.maxcpus, the cpuset size */
	/* CPUs the machine has (hw.ncpu, AT_NCPUS, the CPU set): the
	 * emulated CPU's, or 0 for the host's. */
	unsigned ncpu;
	uint64_t ps_strings;                 /* PS_STRINGS (kern.ps_strings) */
	uint64_t sigcode;                    /* the signal trampoline in the shared page */
	/* getcontext's image of the thread at ucp (0 or -EFAULT), and
	 * setcontext's (0 with every register the context's, or -errno). */
	int (*get_context)(struct linux_proc *p, uint64_t ucp);
	long (*set_context)(struct linux_proc *p, uint64_t ucp);
};
static inline const struct fbsd_arch *fbsd_arch_of(const struct linux_proc *p)
{
	return (const struct fbsd_arch *)(const void *)p->arch;
}

/* sigreturn, setcontext and swapcontext: when they succeed, every
 * register is the context's (EJUSTRETURN), not a return value. */
static inline bool fbsd_sc_justreturn(unsigned nr) { return nr == 417 || nr == 422 || nr == 423; }

/* The FreeBSD architectures (FreeBSD/armv6, FreeBSD/mips64). */
const struct linux_arch *freebsd_arch_armv6(void);
/* Makes FreeBSD/armv6 programs run on the armv7 CPU model (arm_model):
 * AT_HWCAP and hw.model describe it. Called before the program starts. */
void freebsd_armv6_on_armv7(void);
const struct linux_arch *freebsd_arch_mips64(void);
const struct linux_arch *freebsd_arch_mips64el(void);

/* -enosys / MIMIC_ENOSYS: a system call mimic does not run fails with
 * ENOSYS instead of raising SIGSYS (FreeBSD's kern.signosys=0). */
extern bool fbsd_unknown_enosys;
/* "-enosys" for the emulator of an exec'd program when it is set, else
 * NULL (linux_arch.exec_option). */
const char *fbsd_exec_option(void);

/* Dispatches FreeBSD system call nr with its decoded arguments (64-bit
 * ones whole): the result, or -errno in host numbering. Prints -strace
 * lines; a call mimic does not run is named on stderr and raises SIGSYS. */
long fbsd_syscall(struct linux_proc *p, unsigned nr, const uint64_t a[8]);
/* Host errno value -> FreeBSD's. */
long fbsd_errno(long r);
/* The number of argument words of nr and which are 64-bit (fbsd_table.h),
 * for the architecture's argument fetch. */
unsigned fbsd_sc_args(unsigned nr, unsigned *wide);

/* The initial stack as FreeBSD's exec_copyout_strings and
 * __elfN(freebsd_fixup) lay it out; 0 when it does not fit. */
uint64_t fbsd_stack_build(struct linux_proc *p, const struct stack_params *sp, uint64_t ps_strings);

/* FreeBSD signal numbers against the host's (fbsd_signo.c). */
int fbsd_sig_to_host(int sig);
int fbsd_sig_from_host(int sig);

/* The CPUs the guest sees (fbsd_arch.ncpu, else the host's affinity). */
unsigned fbsd_ncpu(const struct linux_proc *p);

/* Whether child pid has exited (1, with its wait status), without
 * reaping it; 0 while it runs, or -errno (fbsd_proc.c). */
int fbsd_child_exit_status(int pid, uint32_t *status);

/* struct flock (fbsd_fd.c): 0 or -errno. */
struct flock;
int fbsd_get_flock(struct linux_proc *p, uint64_t addr, struct flock *fl, bool is64);
int fbsd_put_flock(struct linux_proc *p, uint64_t addr, const struct flock *fl, bool is64);

/* struct stat of FreeBSD 12 and later. */
int fbsd_put_stat(struct linux_proc *p, uint64_t addr, const struct stat *st);

/* struct timespec: 64-bit tv_sec, a C long tv_nsec. 0 or -EFAULT. */
int fbsd_get_timespec(struct linux_proc *p, uint64_t addr, int64_t *sec, long *nsec);
int fbsd_put_timespec(struct linux_proc *p, uint64_t addr, int64_t sec, long nsec);

/* Where a thread made by thr_new starts: set by thr_new around the
 * thread's creation for the architecture's cpu_clone. */
struct fbsd_thread_start {
	bool set;
	uint64_t pc, arg;
};
extern _Thread_local struct fbsd_thread_start fbsd_thread_start;

/* ioctl requests (fbsd_ioctl.c) and struct termios of either byte
 * order against the host's (fbsd_termios.c), for the ABIs. */
extern const struct ioctl_cmd fbsd_ioctls[];
void fbsd_termios_in_le(const uint8_t *guest, uint8_t generic[36]);
void fbsd_termios_out_le(const uint8_t generic[36], uint8_t *guest);
void fbsd_termios_in_be(const uint8_t *guest, uint8_t generic[36]);
void fbsd_termios_out_be(const uint8_t generic[36], uint8_t *guest);

extern const struct linux_abi fbsd_abi_armv6, fbsd_abi_mips64, fbsd_abi_mips64el;

/* What FreeBSD/armv6 reports about itself (sysctl, auxv). */
#define FBSD_OSRELDATE 1302001   /* __FreeBSD_version of 13.2-RELEASE */
#define FBSD_OSRELEASE "13.2-RELEASE"

#endif
