/* The Linux personality: one emulated process, the architecture hooks the
 * personality needs (so a second CPU family plugs in beside ARM), and the
 * system call table shape shared by dispatch, -strace and coverage. */
#ifndef MIMIC_LINUX_H
#define MIMIC_LINUX_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/mem.h"

struct linux_proc;
struct linux_abi;
struct linux_sigaction;
struct linux_siginfo;
struct loader_target;
struct timespec;

/* Argument kinds drive -strace printing (and, later, coverage reports). */
enum sc_arg {
	A_NONE = 0,
	A_INT,     /* signed int */
	A_UINT,    /* unsigned / size */
	A_HEX,     /* flags, masks */
	A_PTR,     /* guest pointer */
	A_STR,     /* guest NUL-terminated string */
	A_FD,      /* file descriptor */
	A_OCT,     /* mode */
};

/* A system call handler gets the raw guest arguments and returns the
 * result the guest sees: >= 0, or -errno with Linux generic errno values
 * (the architecture's set_return maps them for ABIs that differ). */
typedef long (*sc_handler)(struct linux_proc *p, const uint64_t a[6]);

struct sc_entry {
	const char *name;   /* NULL: number not used on this ABI */
	sc_handler fn;      /* NULL: known to the ABI but not implemented (ENOSYS) */
	enum sc_arg args[6];
};

/* One row per syscall name: the architecture-independent half of the table
 * (handler and argument kinds). The per-ABI number lists (generated from
 * the kernel's syscall.tbl) are joined with it by name at start-up. */
struct sc_impl {
	const char *name;
	sc_handler fn;
	enum sc_arg args[6];
};
extern const struct sc_impl linux_sc_impls[];
extern const unsigned linux_sc_nimpls;

/* Numbers and names of one ABI, from its syscall.tbl. */
struct sc_number {
	unsigned nr;
	const char *name;
};

/* What the personality needs from a CPU family / ABI. */
struct linux_arch {
	const char *name;               /* "armv6" */
	const char *uname_machine;      /* "armv6l" */
	const struct sc_number *numbers;/* syscall numbers of the ABI */
	unsigned nnumbers;
	unsigned sc_base;               /* first number of the table (0; 5000 for MIPS n64) */
	/* ABI-private calls outside the table (ARM 0x0f0000 range); NULL if none. */
	const struct sc_entry *(*private_call)(unsigned nr);
	/* Calls of this architecture alone (MIPS set_thread_area), joined
	 * with the numbers like linux_sc_impls; NULL if none. */
	const struct sc_impl *impls;
	unsigned nimpls;
	unsigned word_bits;             /* 32 or 64 */
	/* Structure layouts, flag values and errno of the ABI (abi_*.c). */
	const struct linux_abi *abi;
	/* Sets the stack pointer of the current CPU (a fork-like clone with a
	 * new stack: the child resumes on it). */
	void (*set_sp)(struct linux_proc *p, uint64_t sp);
	uint64_t (*get_sp)(struct linux_proc *p);

	/* Process start-up (loader, main.c). */
	const struct loader_target *elf;   /* ELF identity and layout */
	const char *platform;              /* AT_PLATFORM, NULL for none */
	const char *base_platform;         /* AT_BASE_PLATFORM, NULL for none */
	bool has_hwcap2;                   /* AT_HWCAP2 is given */
	uint64_t hwcap, hwcap2;            /* AT_HWCAP, AT_HWCAP2 */
	uint64_t stack_top;                /* initial stack top (no randomisation) */
	uint64_t mmap_base;                /* lowest address for mmap without a hint */
	/* Creates the CPU, maps ABI pages (ARM kuser helpers) and sets the
	 * initial registers. 0 or -1. */
	int (*start)(struct linux_proc *p, uint64_t entry, uint64_t sp);
	/* Runs the process until it exits (never returns). */
	void (*run)(struct linux_proc *p) __attribute__((noreturn));
	/* Signal frames: builds the handler's frame and registers
	 * (0, or -1 when the frame cannot be written); sigreturn restores
	 * from the frame at the stack pointer (rt: rt_sigreturn). */
	int (*signal_frame)(struct linux_proc *p, int sig, const struct linux_sigaction *act,
			    const struct linux_siginfo *info, uint64_t oldmask);
	long (*sigreturn)(struct linux_proc *p, bool rt);
	/* Guest <-> host signal numbers; NULL when they are the same. */
	int (*sig_to_host)(int sig);
	int (*sig_from_host)(int sig);
};

/* sa_flags as the process keeps them (asm-generic values, which ARM uses;
 * an ABI with other values converts in rt_sigaction). */
#define LINUX_SA_NOCLDSTOP 0x00000001u
#define LINUX_SA_NOCLDWAIT 0x00000002u
#define LINUX_SA_SIGINFO   0x00000004u
#define LINUX_SA_RESTORER  0x04000000u
#define LINUX_SA_ONSTACK   0x08000000u
#define LINUX_SA_RESTART   0x10000000u
#define LINUX_SA_NODEFER   0x40000000u
#define LINUX_SA_RESETHAND 0x80000000u

/* si_code values the personality produces. */
#define LINUX_SI_USER    0
#define LINUX_SI_KERNEL  0x80
#define LINUX_SI_QUEUE   (-1)
#define LINUX_SI_TKILL   (-6)

/* Kernel-internal results a handler may return when a signal interrupted
 * it: the run loop turns them into EINTR or a restart as Linux does
 * (ERESTARTSYS restarts only under SA_RESTART; ERESTARTNOHAND only when no
 * handler runs; ERESTARTNOINTR always). */
#define LINUX_ERESTARTSYS           512
#define LINUX_ERESTARTNOINTR        513
#define LINUX_ERESTARTNOHAND        514
#define LINUX_ERESTART_RESTARTBLOCK 516

/* One guest signal action as the personality keeps it (ABI-neutral). */
struct linux_sigaction {
	uint64_t handler;   /* guest address, or 0 = SIG_DFL, 1 = SIG_IGN */
	uint64_t flags;     /* SA_* in the ABI's values */
	uint64_t restorer;
	uint64_t mask;      /* guest signal set, bit (sig-1) */
};

#define LINUX_NSIG 64

struct linux_siginfo {
	int signo, code, errno_;
	uint64_t addr;      /* si_addr for faults */
	int pid, uid;       /* sender for kill/tgkill/SI_USER */
	int status;         /* SIGCHLD */
	uint64_t value;     /* sigqueue / timers */
	int64_t utime, stime; /* SIGCHLD, clock ticks */
	int fd;             /* SIGPOLL */
	int64_t band;
	int timerid, overrun; /* SI_TIMER */
	bool fault;         /* raised by a fault: si_addr whatever si_code is */
};

/* Queued instances of real-time signals (standard signals are pending at
 * most once). */
#define LINUX_RTQ_MAX 128
#define LINUX_PAST_EOF_MAX 32

struct linux_proc {
	struct gmem mem;
	const struct linux_arch *arch;
	void *cpu;                    /* the CPU of arch (struct arm_cpu for armv6) */

	/* Memory layout */
	uint64_t brk_start, brk_cur;  /* program break (page-granular mapping) */
	uint64_t mmap_base;           /* search start for mmap without a hint */
	uint64_t stack_top;

	/* Signals */
	struct linux_sigaction sigact[LINUX_NSIG + 1];
	uint64_t sigmask;             /* blocked, bit (sig-1) */
	uint64_t pending;             /* pending standard signals */
	struct linux_siginfo pending_info[LINUX_NSIG + 1];
	uint64_t altstack_sp, altstack_size;
	int altstack_flags;

	/* Process */
	const char *exe_path;         /* host path of the guest executable */
	int exit_status;              /* valid when exited */
	bool exited;
	bool strace;                  /* -strace */
	bool log_unimp;               /* -d unimp: name what mimic does not run */
	const char *sysroot;          /* -L prefix for absolute guest paths, or NULL */
	char comm[16];                /* PR_SET_NAME / PR_GET_NAME */
	uint64_t robust_list, robust_list_len; /* set_robust_list, kept for get_robust_list */
	uint64_t rseq_addr;           /* registered struct rseq, 0 if none */
	uint32_t rseq_len, rseq_sig;
	uint64_t initial_sp;          /* stack pointer at start (argc, argv, envp, auxv): /proc/self/cmdline and auxv */

	/* Process core (proc_*.c) */
	uint64_t task_size;           /* first address above user space */
	uint64_t clear_child_tid;     /* set_tid_address */
	uint64_t saved_sigmask;       /* mask to restore after rt_sigsuspend */
	bool restore_sigmask;         /* saved_sigmask is valid */
	struct linux_siginfo rtq[LINUX_RTQ_MAX]; /* real-time signal queue, oldest first */
	unsigned rtq_len;
	/* The last fault, for the signal frame (sigcontext trap_no,
	 * error_code, fault_address). */
	uint64_t trap_no, error_code, fault_address;
	/* Pages of file mappings wholly past the end of the file: mapped
	 * without access, a touch is SIGBUS/BUS_ADRERR as in Linux. */
	struct linux_range {
		uint64_t start, end;
	} past_eof[LINUX_PAST_EOF_MAX];
	unsigned npast_eof;
	/* Set by the host signal handler to stop the CPU (the CPU's flag). */
	volatile int *interrupt;
};

/* Dispatches the system call nr with arguments a; prints -strace lines;
 * reports calls without a handler by name and number. */
long linux_syscall(struct linux_proc *p, unsigned nr, const uint64_t a[6]);

/* Queues a signal for the process (info may be NULL for SI_USER from self). */
void linux_signal_raise(struct linux_proc *p, const struct linux_siginfo *info);

/* Terminates the process as the kernel would for an unhandled signal or exit. */
void linux_exit(struct linux_proc *p, int status) __attribute__((noreturn));
/* Terminates the process by the signal sig (default action of a fatal
 * signal): the host process dies of the same signal, without a core file. */
void linux_die(struct linux_proc *p, int sig) __attribute__((noreturn));

/* A synchronous fault (force_sig_fault): a blocked or ignored sig becomes
 * fatal, as in Linux. */
void linux_signal_fault(struct linux_proc *p, int sig, int code, uint64_t addr);
/* Folds signals that arrived at the host into the pending set. */
void linux_signal_poll(struct linux_proc *p);
/* True when a pending signal is not blocked (a blocking call should stop
 * and return -EINTR or -LINUX_ERESTARTSYS). */
bool linux_signal_pending(struct linux_proc *p);
/* Takes the next pending unblocked signal: default actions and ignored
 * signals are dealt with here; returns a signal whose handler must run
 * (act and info filled), or 0 when none is left. */
int linux_signal_next(struct linux_proc *p, struct linux_sigaction *act, struct linux_siginfo *info);
/* Runs the handler: frame (arch->signal_frame), mask, SA_RESETHAND. A frame
 * that cannot be written kills with SIGSEGV as Linux does. */
void linux_signal_handle(struct linux_proc *p, int sig, const struct linux_sigaction *act,
			 const struct linux_siginfo *info);
/* Sleeps until a host signal arrives (timeout NULL: no limit). Returns
 * false on timeout. */
bool linux_signal_wait(struct linux_proc *p, const struct timespec *timeout);
/* True when addr is in a page of a file mapping past the end of the file. */
bool linux_past_eof(const struct linux_proc *p, uint64_t addr);
/* Unmaps guest pages as munmap does (bookkeeping included). */
void linux_mem_unmap(struct linux_proc *p, uint64_t a, uint64_t len);
/* SysV shared memory attachments (sys_shm.c): the guest unmapped
 * [a, a+len), so what was attached there is gone; and whether addr is in
 * a read-only (SHM_RDONLY) attachment. */
void linux_shm_forget(uint64_t a, uint64_t len);
bool linux_shm_readonly(uint64_t addr);
/* mprotect gave [a, a+len) the PROT_* bits prot: the host's attachments
 * there follow, so they split into areas (each counted in shm_nattch) as
 * the kernel's do. */
void linux_shm_protect(struct linux_proc *p, uint64_t a, uint64_t len, uint64_t prot);

/* Installs the host handlers that forward asynchronous signals; takes the
 * inherited ignored signals and blocked mask over from the host. */
void linux_signal_init(struct linux_proc *p);
/* Before execve: the host mask becomes the guest's (the new program
 * inherits it); ignored signals are already ignored on the host. */
void linux_signal_exec_prepare(struct linux_proc *p);
/* Writes info as the guest's siginfo_t (128 bytes). 0 or -EFAULT. */
int linux_siginfo_put(struct linux_proc *p, uint64_t addr, const struct linux_siginfo *info);
/* Signal stacks for the frame code: the stack pointer a handler starts
 * from (SA_ONSTACK), and the uc_stack values to save (SS_AUTODISARM
 * disarms the alternate stack here). */
uint64_t linux_sigsp(struct linux_proc *p, uint64_t sp, const struct linux_sigaction *act);
void linux_save_altstack(struct linux_proc *p, uint64_t sp, uint64_t *ss_sp, int *ss_flags, uint64_t *ss_size);
/* sigaltstack applied from a frame being returned from (errors ignored). */
void linux_restore_altstack(struct linux_proc *p, uint64_t ss_sp, int ss_flags, uint64_t ss_size, uint64_t sp);

/* The architectures. */
const struct linux_arch *linux_arch_armv6(void);
const struct linux_arch *linux_arch_mips64(void);
const struct linux_arch *linux_arch_mips64el(void);

#endif
