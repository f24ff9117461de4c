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
	unsigned word_bits;             /* 32 or 64 */
	/* Structure layouts, flag values and errno of the ABI (abi_*.c). */
	const struct linux_abi *abi;
	/* Sets the stack pointer of the current CPU (a fork-like clone with a
	 * new stack: the child resumes on it). */
	void (*set_sp)(struct linux_proc *p, uint64_t sp);
};

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
};

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
	const char *sysroot;          /* -L prefix for absolute guest paths, or NULL */
	char comm[16];                /* PR_SET_NAME / PR_GET_NAME */
	uint64_t robust_list, robust_list_len; /* set_robust_list, kept for get_robust_list */
};

/* Dispatches the system call nr with arguments a; prints -strace lines;
 * reports calls without a handler by name and number. */
long linux_syscall(struct linux_proc *p, unsigned nr, const uint64_t a[6]);

/* Queues a signal for the process (info may be NULL for SI_USER from self). */
void linux_signal_raise(struct linux_proc *p, const struct linux_siginfo *info);

/* Terminates the process as the kernel would for an unhandled signal or exit. */
void linux_exit(struct linux_proc *p, int status) __attribute__((noreturn));

#endif
