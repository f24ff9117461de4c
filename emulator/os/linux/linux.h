/* The Linux personality: one emulated process, the architecture hooks the
 * personality needs (so a second CPU family plugs in beside ARM), and the
 * system call table shape shared by dispatch, -strace and coverage. */
#ifndef MIMIC_LINUX_H
#define MIMIC_LINUX_H

#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "mem/mem.h"

struct linux_proc;
struct linux_abi;
struct linux_sigaction;
struct linux_siginfo;
struct loader_target;
struct timespec;

/* Signals 1..64 (ARM), 1..128 (MIPS: abi->sigset_bytes is 16). */
#define LINUX_NSIG_MAX 128
/* Host signal numbers are below this (the x86-64 kernel's _NSIG + 1). */
#define LINUX_HOST_NSIG 65
/* A guest signal set, bit (sig-1). */
typedef unsigned __int128 linux_sigset;

/* Argument kinds drive -strace printing (and, later, coverage reports). */
enum sc_arg {
	A_NONE = 0,
	A_INT,     /* signed int */
	A_UINT,    /* unsigned / size */
	A_HEX,     /* flags, masks */
	A_PTR,     /* guest pointer */
	A_STR,     /* guest NUL-terminated string */
	A_FD,      /* file descriptor */
	A_NEWFD,   /* descriptor number the call makes (dup2/dup3's target) */
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
	/* A copy of p's CPU for c, a new thread or vfork child, in which the
	 * clone call returns 0; sp (unless 0) becomes its stack pointer and,
	 * when settls, tls its thread pointer. 0, or -1 when out of memory. */
	int (*cpu_clone)(struct linux_proc *p, struct linux_proc *c, uint64_t sp, bool settls, uint64_t tls);

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
			    const struct linux_siginfo *info, linux_sigset oldmask);
	long (*sigreturn)(struct linux_proc *p, bool rt);
	/* Writes /proc/cpuinfo as the guest's kernel shows the CPU. */
	void (*cpuinfo)(const struct linux_arch *a, FILE *f);
	/* Guest <-> host signal numbers; NULL when they are the same. */
	int (*sig_to_host)(int sig);
	int (*sig_from_host)(int sig);
	/* The ELF brand the personality runs: execve runs programs of the
	 * same brand (FreeBSD ones for os/freebsd) under a new emulator. */
	bool freebsd;
	/* An option the new emulator of an exec'd program takes besides the
	 * shared ones (os/freebsd's -enosys), or NULL; NULL when none. */
	const char *(*exec_option)(void);
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
	linux_sigset mask;
};


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

/* Signals pending for a thread, or for the whole process (the kernel's
 * struct sigpending). */
struct linux_sigqueue {
	linux_sigset set;
	struct linux_siginfo info[32];            /* standard signals (below SIGRTMIN) */
	struct linux_siginfo rtq[LINUX_RTQ_MAX];  /* real-time signal queue, oldest first */
	unsigned rtq_len;
};

struct linux_range {
	uint64_t start, end;
};

/* The address space as the system calls manage it: shared by the threads
 * of a process and by a vfork child until it execs or exits. */
struct linux_mm {
	pthread_mutex_t lock;         /* every change of the layout below and of the page table */
	uint64_t brk_start, brk_cur;  /* program break (page-granular mapping) */
	uint64_t mmap_base;           /* search start for mmap without a hint */
	/* Pages of file mappings wholly past the end of the file: mapped
	 * without access, a touch is SIGBUS/BUS_ADRERR as in Linux. */
	struct linux_range past_eof[LINUX_PAST_EOF_MAX];
	unsigned npast_eof;
};

/* A thread group (what CLONE_THREAD|CLONE_SIGHAND share): signal actions,
 * the process-directed pending signals and the threads themselves. */
struct linux_tgroup {
	/* Held for sigact, shared, the thread list, and every thread's
	 * sigmask and pending queue (other threads queue into them). */
	pthread_mutex_t lock;
	struct linux_sigaction sigact[LINUX_NSIG_MAX + 1];
	struct linux_sigqueue shared;
	struct linux_proc *threads;   /* linked through next */
	unsigned nthreads;
	/* RLIMIT_AS and RLIMIT_DATA (proc_limits.h): soft, hard. */
	uint64_t mem_limit[2][2];
	/* signalfd descriptors (sys_signalfd.c): each a host eventfd that
	 * is kept readable while a signal of its mask is pending. */
	struct linux_signalfd {
		int fd;
		/* The file's other descriptors (dup, F_DUPFD, dup2, dup3). */
		int *alias;
		unsigned nalias;
		bool ready;
		linux_sigset mask;
		/* The thread whose own signals count besides the process's:
		 * the last one to wait on or read a signalfd. */
		struct linux_proc *viewer;
	} *sfd;
	unsigned nsfd;
};

/* One guest thread (a Linux task) and its view of the process: handlers
 * get the calling thread's. What the threads share is behind mm and tg;
 * the rest is the thread's own or set once at start-up. */
struct linux_proc {
	struct gmem mem;              /* shared pages; the fault fields are this thread's */
	const struct linux_arch *arch;
	void *cpu;                    /* the CPU of arch (struct arm_cpu for armv6) */
	struct linux_mm *mm;
	struct linux_tgroup *tg;
	struct linux_proc *next;      /* in tg->threads */
	int tid;                      /* host thread id (the guest's tid) */

	/* Signals */
	linux_sigset sigmask;         /* blocked, bit (sig-1) */
	struct linux_sigqueue pending;/* signals sent to this thread */
	uint64_t altstack_sp, altstack_size;
	int altstack_flags;
	linux_sigset saved_sigmask;   /* mask to restore after rt_sigsuspend */
	bool restore_sigmask;         /* saved_sigmask is valid */
	linux_sigset waiting;         /* what rt_sigtimedwait waits for: taken even while blocked */
	/* Set (with the CPU's interrupt flag) when a signal may be waiting
	 * for this thread; cleared when its queues are looked at (atomic). */
	int wake;
	/* Host signals this thread's handler caught, for its next poll (only
	 * this thread touches them), and a host SIGBUS on a page past the
	 * end of its file. */
	volatile sig_atomic_t host_any, host_pending[LINUX_HOST_NSIG];
	_Alignas(8) unsigned char host_info[LINUX_HOST_NSIG][128]; /* siginfo_t */
	volatile sig_atomic_t bus_pending;
	uint64_t bus_addr;
	/* A host signal caught after a system call has begun but before the
	 * host call it blocks in does not cut that call short: the handler
	 * then arms kick, a timer of this thread that sends the wake signal
	 * again shortly (proc_kick.c). syscall_seq is odd while a call runs. */
	volatile sig_atomic_t syscall_seq, kick_armed;
	int kick_seq, kicks;
	bool has_kick;
	int kick;                     /* the kernel's timer id */

	/* Process (set at start-up, the same in every thread) */
	uint64_t stack_top;
	uint64_t task_size;           /* first address above user space */
	const char *exe_path;         /* host path of the guest executable */
	bool strace;                  /* -strace */
	bool log_unimp;               /* -d unimp: name what mimic does not run */
	const char *sysroot;          /* -L prefix for absolute guest paths, or NULL */
	uint64_t initial_sp;          /* stack pointer at start (argc, argv, envp, auxv): /proc/self/cmdline and auxv */

	/* Thread */
	char comm[16];                /* PR_SET_NAME / PR_GET_NAME */
	uint64_t robust_list, robust_list_len; /* set_robust_list, kept for get_robust_list */
	uint64_t rseq_addr;           /* registered struct rseq, 0 if none */
	uint32_t rseq_len, rseq_sig;
	uint64_t clear_child_tid;     /* set_tid_address, CLONE_CHILD_CLEARTID */
	/* The last fault, for the signal frame (sigcontext trap_no,
	 * error_code, fault_address). */
	uint64_t trap_no, error_code, fault_address;
	/* The CPU's flag that makes it stop at the next instruction boundary
	 * (atomic). */
	int *interrupt;
	/* A child sharing its parent's memory (vfork, CLONE_VM): what its
	 * execve allocated in the shared heap, freed for it once it has
	 * exec'd. */
	bool vfork_child;
	char **vfork_argv, **vfork_envp;
	void *vfork_execv;
};

/* Dispatches the system call nr with arguments a; prints -strace lines;
 * reports calls without a handler by name and number. */
long linux_syscall(struct linux_proc *p, unsigned nr, const uint64_t a[6]);

/* Queues a process-directed signal (kill, a host signal) and wakes a
 * thread that does not block it; p is the thread that sends or took it. */
void linux_signal_raise(struct linux_proc *p, const struct linux_siginfo *info);
/* Queues a signal for the thread tid of p's process (tgkill) and wakes
 * it: 0, or -ESRCH when the process has no such thread. A signal number
 * of 0 only checks. */
int linux_signal_to_thread(struct linux_proc *p, int tid, const struct linux_siginfo *info);
/* pidfd_send_signal with the guest siginfo at uinfo: 0 or -errno. */
long linux_pidfd_sigqueue(struct linux_proc *p, int pidfd, int sig, uint64_t uinfo, unsigned flags);

/* Shows the guest's arguments as the host process's command line
 * (proc_title.c): init notes where main's argv strings lie (before any is
 * changed); set overwrites them, so nothing may point into them after. */
void proc_title_init(int argc, char **argv);
void proc_title_set(int gargc, char *const *gargv);

/* Sets up the first thread of a new process: its thread group and
 * address space. 0, or -1 when out of memory. */
int linux_proc_init(struct linux_proc *p);
/* The calling host thread's guest thread (NULL outside guest threads). */
struct linux_proc *linux_self(void);
/* Marks the robust mutexes the thread still holds as their owner died
 * (the end of a thread). */
void linux_robust_exit(struct linux_proc *p);
/* Ends the calling thread (exit): the process when it is the last one. */
void linux_thread_exit(struct linux_proc *p, int status) __attribute__((noreturn));

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
/* do_signal after a stop: runs the handlers of what is pending. result is
 * the system call's return value (-errno; 0 after anything else). When it
 * is a restart code the arch has already set the call up again; if a
 * handler runs that makes the call fail instead (ERESTARTNOHAND,
 * ERESTART_RESTARTBLOCK, or ERESTARTSYS without SA_RESTART), interrupted
 * is called first to make it return EINTR. */
void linux_signal_deliver(struct linux_proc *p, long result, void (*interrupted)(struct linux_proc *p, void *ctx),
			  void *ctx);
/* True for the four restart codes (as -errno). */
bool linux_is_restart(long result);
/* Sleeps until a host signal arrives (timeout NULL: no limit). Returns
 * false on timeout. */
bool linux_signal_wait(struct linux_proc *p, const struct timespec *timeout);
/* True when addr is in a page of a file mapping past the end of the file. */
bool linux_past_eof(const struct linux_proc *p, uint64_t addr);
/* Unmaps guest pages as munmap does (bookkeeping included); the mm lock
 * is held. */
void linux_mem_unmap(struct linux_proc *p, uint64_t a, uint64_t len);
/* SysV shared memory attachments (sys_shm.c), under the mm lock: the
 * guest unmapped [a, a+len), so what was attached there is gone; and
 * whether addr is in a read-only (SHM_RDONLY) attachment. */
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
/* The kernel's sigset_t of the ABI (abi->sigset_bytes) in guest memory:
 * false on a fault. put writes the first bytes of it. */
bool linux_sigset_get(struct linux_proc *p, uint64_t addr, linux_sigset *set);
bool linux_sigset_put(struct linux_proc *p, uint64_t addr, linux_sigset set, unsigned bytes);
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
