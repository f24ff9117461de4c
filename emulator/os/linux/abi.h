/* What differs between Linux ABIs for the system call layer: structure
 * layouts the kernel copies in and out, flag and command values, errno
 * numbering, and how 64-bit arguments arrive. One abi_<name>.c per ABI. */
#ifndef MIMIC_ABI_H
#define MIMIC_ABI_H

#include <stdbool.h>
#include <stdint.h>

struct linux_proc;
struct stat;
struct statfs;
struct flock;

/* One flag bit (or multi-bit value) in guest and host numbering. */
struct flag_map {
	uint32_t guest, host;
};

/* One numbered value (a resource, a socket type...) in guest and host
 * numbering; lists end with {-1, -1}. */
struct value_map {
	int guest, host;
};

/* fcntl commands: how the argument is passed. */
enum fcntl_kind {
	FC_INT,      /* integer argument (or none) passed through */
	FC_FLAGS,    /* F_SETFL: open flags to translate */
	FC_GETFL,    /* F_GETFL: result is open flags to translate */
	FC_LOCK,     /* struct flock with a C long off_t */
	FC_LOCK64,   /* struct flock64 */
};
struct fcntl_cmd {
	int guest, host;
	enum fcntl_kind kind;
};

/* ioctl requests: what the argument points at. */
enum ioctl_kind {
	IO_NONE,         /* no argument or an integer value */
	IO_INT_IN,       /* int read from the guest */
	IO_INT_OUT,      /* int written to the guest */
	IO_WINSZ_IN,     /* struct winsize (four u16: same on every ABI) */
	IO_WINSZ_OUT,
	IO_TERMIOS_IN,   /* struct termios of the ABI */
	IO_TERMIOS_OUT,
	IO_OPENFLAGS,    /* open flags as the value (TIOCGPTPEER) */
	IO_CLONE_RANGE,  /* struct file_clone_range (FICLONERANGE) */
	IO_FIEMAP,       /* struct fiemap and its extents (FS_IOC_FIEMAP) */
	IO_IFREQ_INT,    /* struct ifreq: the name, an int (SIOCGIFINDEX) */
	IO_IFREQ_SHORT,  /* struct ifreq: the name, a short (SIOCGIFFLAGS) */
};
struct ioctl_cmd {
	uint32_t guest;
	unsigned long host;
	enum ioctl_kind kind;
	const char *name;
};

struct linux_abi {
	const char *name;
	/* ELF identity of the ABI's programs (execve re-runs them under mimic). */
	unsigned elf_class, elf_data, elf_machine;
	/* 64-bit arguments in aligned register pairs (32-bit ARM EABI). */
	bool regpair64;
	const struct flag_map *open_flags;  /* ends with {0, 0} */
	/* Host open-flag bits F_GETFL does not report (a 64-bit host kernel
	 * forces O_LARGEFILE, a 32-bit guest kernel shows it only when asked). */
	uint32_t getfl_hide;
	const struct fcntl_cmd *fcntl_cmds; /* ends with guest -1 */
	const struct ioctl_cmd *ioctls;     /* ends with name NULL */
	/* Generic errno -> guest errno, indexed by generic value; NULL when
	 * the ABI uses the generic numbering. */
	const uint16_t *errno_out;
	unsigned nerrno_out;
	/* struct stat64 (or struct stat on 64-bit ABIs) for stat/fstatat. */
	int (*put_stat)(struct linux_proc *p, uint64_t addr, const struct stat *st);
	/* The old struct stat of 32-bit ABIs (stat, lstat, fstat; 16-bit ids,
	 * EOVERFLOW for what does not fit), NULL where those calls use put_stat. */
	int (*put_stat_old)(struct linux_proc *p, uint64_t addr, const struct stat *st);
	/* struct statfs of statfs/fstatfs (EOVERFLOW for what does not fit). */
	int (*put_statfs)(struct linux_proc *p, uint64_t addr, const struct statfs *st);
	/* struct statfs64: its size (the syscall checks it; ARM also accepts
	 * 88, the unpacked size of old C libraries) and writer. */
	unsigned statfs64_size, statfs64_size_alt;
	int (*put_statfs64)(struct linux_proc *p, uint64_t addr, const struct statfs *st);
	/* struct flock64 and struct flock (C long offsets). */
	int (*get_flock)(struct linux_proc *p, uint64_t addr, struct flock *fl, bool is64);
	int (*put_flock)(struct linux_proc *p, uint64_t addr, const struct flock *fl, bool is64);
	/* struct termios of TCGETS/TCSETS: size and converters from/to the
	 * kernel's generic layout (c_iflag..c_lflag, c_line, c_cc[19]). */
	unsigned termios_size;
	void (*termios_in)(const uint8_t *guest, uint8_t generic[36]);
	void (*termios_out)(const uint8_t generic[36], uint8_t *guest);
	/* Guest signal-set bits no mask can block (SIGKILL, SIGSTOP). */
	uint64_t sig_unblockable;
	/* personality() of a new process (ARM: ADDR_LIMIT_32BIT). */
	uint32_t personality;
	/* siginfo: si_code before si_errno (MIPS) instead of after. */
	bool siginfo_code_first;
	/* The kernel's sigset_t in bytes (8; 16 for MIPS's 128 signals):
	 * what rt_sigaction and rt_sigprocmask require as sigsetsize. */
	unsigned sigset_bytes;
	/* The size of a sigset_t word: 0 for a C long (Linux); FreeBSD's
	 * __bits[] are 32-bit on every architecture. */
	unsigned sigset_word;
	/* struct sigaction: MIPS puts a 32-bit sa_flags first and has no
	 * sa_restorer (flags, handler, mask) instead of handler, flags,
	 * restorer, mask. */
	bool sigaction_flags_first;
	/* sa_flags guest -> the LINUX_SA_* values kept; NULL when the same. */
	const struct flag_map *sa_flags;
	/* sa_flags bits of the architecture Linux keeps besides the common
	 * ones (in the kept values). */
	uint32_t sa_flags_arch;
	/* SIG_BLOCK's value (SIG_UNBLOCK and SIG_SETMASK follow): 0, MIPS 1. */
	int sig_block;
	/* PROT_* guest -> asm-generic; NULL when the same. */
	const struct flag_map *prot_flags;
	/* mmap flags guest -> asm-generic; NULL when the same. */
	const struct flag_map *mmap_flags;
	/* stack_t: ss_sp, ss_size, ss_flags (MIPS) instead of ss_sp,
	 * ss_flags, ss_size. */
	bool stack_size_first;
	/* Sockets: SOCK_* types, the SOL_SOCKET level and its SO_* options,
	 * guest -> host; NULL (level 0) when the same. */
	const struct value_map *sock_types;
	int sol_socket;
	const struct value_map *sockopts;
	/* poll event bits guest -> host; NULL when the same. */
	const struct flag_map *poll_events;
	/* RLIMIT_* guest -> host; NULL when the same. */
	const struct value_map *rlimits;
	/* SHMLBA: the alignment shmat forces on an address (ARM 4 pages,
	 * MIPS 256 KiB; both define __ARCH_FORCE_SHMLBA). */
	uint64_t shmlba;
	/* A fixed mapping past TASK_SIZE is EINVAL (MIPS's
	 * arch_get_unmapped_area), not ENOMEM (the generic check ARM has). */
	bool fixed_past_task_einval;
};

/* Translates v through map (bits of map entries; others pass unchanged);
 * map NULL: v. */
uint32_t abi_flags_in(const struct flag_map *map, uint32_t v);
uint32_t abi_flags_out(const struct flag_map *map, uint32_t v);
/* Translates a numbered value; map NULL or no entry: v. */
int abi_value_in(const struct value_map *map, int v);
int abi_value_out(const struct value_map *map, int v);
/* A handler's result in the ABI's errno numbering (errno_out); results
 * that are not errors, and errno_out NULL, pass unchanged. */
long abi_errno_out(const struct linux_abi *abi, long r);

extern const struct linux_abi linux_abi_armel;
extern const struct linux_abi linux_abi_mips64, linux_abi_mips64el;

#endif
