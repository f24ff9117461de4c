/* The FreeBSD ABI as the shared system call layer sees it (struct
 * linux_abi): flag values, errno numbering and structure layouts from
 * FreeBSD 13's sys/sys/errno.h, fcntl.h, mman.h, signal.h and stat.h.
 * They are the same on every FreeBSD architecture; only the word size and
 * byte order differ, which the guest memory accessors apply. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "os/freebsd/freebsd.h"
#include "os/linux/syscall.h"

/* fcntl.h: FreeBSD open flags -> host. */
static const struct flag_map open_flags[] = {
	{ 0x0004, O_NONBLOCK }, { 0x0008, O_APPEND }, { 0x0040, O_ASYNC }, { 0x0080, O_SYNC },
	{ 0x0100, O_NOFOLLOW }, { 0x0200, O_CREAT }, { 0x0400, O_TRUNC }, { 0x0800, O_EXCL },
	{ 0x8000, O_NOCTTY }, { 0x10000, O_DIRECT }, { 0x20000, O_DIRECTORY },
	{ 0x100000, O_CLOEXEC }, { 0x400000, O_PATH }, { 0x1000000, O_DSYNC }, { 0, 0 },
};

/* fcntl.h: F_DUPFD 0, F_GETFD 1, F_SETFD 2, F_GETFL 3, F_SETFL 4,
 * F_GETOWN 5, F_SETOWN 6, F_GETLK 11, F_SETLK 12, F_SETLKW 13 (struct
 * flock: fbsd_fd.c), F_DUPFD_CLOEXEC 17 (F_DUP2FD 10 and 18: fbsd_fcntl). */
static const struct fcntl_cmd fcntl_cmds[] = {
	{ 0, F_DUPFD, FC_INT }, { 1, F_GETFD, FC_INT }, { 2, F_SETFD, FC_INT },
	{ 3, F_GETFL, FC_GETFL }, { 4, F_SETFL, FC_FLAGS }, { 5, F_GETOWN, FC_INT },
	{ 6, F_SETOWN, FC_INT }, { 11, F_GETLK, FC_LOCK }, { 12, F_SETLK, FC_LOCK },
	{ 13, F_SETLKW, FC_LOCK }, { 17, F_DUPFD_CLOEXEC, FC_INT }, { -1, 0, FC_INT },
};

/* errno.h: 1..34 are the same as Linux; the rest, host (generic) value ->
 * FreeBSD value. */
static const uint16_t errno_out[] = {
	[EAGAIN] = 35, [EINPROGRESS] = 36, [EALREADY] = 37, [ENOTSOCK] = 38, [EDESTADDRREQ] = 39,
	[EMSGSIZE] = 40, [EPROTOTYPE] = 41, [ENOPROTOOPT] = 42, [EPROTONOSUPPORT] = 43,
	[ESOCKTNOSUPPORT] = 44, [EOPNOTSUPP] = 45, [EPFNOSUPPORT] = 46, [EAFNOSUPPORT] = 47,
	[EADDRINUSE] = 48, [EADDRNOTAVAIL] = 49, [ENETDOWN] = 50, [ENETUNREACH] = 51,
	[ENETRESET] = 52, [ECONNABORTED] = 53, [ECONNRESET] = 54, [ENOBUFS] = 55, [EISCONN] = 56,
	[ENOTCONN] = 57, [ESHUTDOWN] = 58, [ETOOMANYREFS] = 59, [ETIMEDOUT] = 60,
	[ECONNREFUSED] = 61, [ELOOP] = 62, [ENAMETOOLONG] = 63, [EHOSTDOWN] = 64,
	[EHOSTUNREACH] = 65, [ENOTEMPTY] = 66, [EUSERS] = 68, [EDQUOT] = 69, [ESTALE] = 70,
	[EREMOTE] = 71, [ENOLCK] = 77, [ENOSYS] = 78, [EIDRM] = 82, [ENOMSG] = 83,
	[EOVERFLOW] = 84, [ECANCELED] = 85, [EILSEQ] = 86, [ENODATA] = 87 /* ENOATTR */,
	[EBADMSG] = 89, [EMULTIHOP] = 90, [ENOLINK] = 91, [EPROTO] = 92,
	[ENOTRECOVERABLE] = 95, [EOWNERDEAD] = 96,
	/* FreeBSD's 11 is EDEADLK (its EAGAIN is 35); Linux-only values take
	 * FreeBSD's nearest. */
	[EDEADLK] = 11, [ETIME] = 60, [ENOSR] = 55,
};

/* mman.h: MAP_SHARED 1, MAP_PRIVATE 2, MAP_FIXED 0x10, MAP_ANON 0x1000
 * -> asm-generic (fbsd_mmap drops FreeBSD's hint-only bits first). */
static const struct flag_map mmap_flags[] = {
	{ 0x1000, 0x20 }, { 0, 0 },
};

/* poll.h: POLLIN 1, POLLPRI 2, POLLOUT 4 (also POLLWRNORM), POLLERR 8,
 * POLLHUP 0x10, POLLNVAL 0x20, POLLRDNORM 0x40, POLLRDBAND 0x80 as on
 * Linux; POLLWRBAND is 0x100 (Linux 0x200, its POLLWRNORM being 0x100). */
static const struct flag_map poll_events[] = { { 0x0100, 0x0200 }, { 0, 0 } };

/* signal.h: SA_ONSTACK 1, SA_RESTART 2, SA_RESETHAND 4, SA_NOCLDSTOP 8,
 * SA_NODEFER 0x10, SA_NOCLDWAIT 0x20, SA_SIGINFO 0x40. */
static const struct flag_map sa_flags[] = {
	{ 0x01, LINUX_SA_ONSTACK }, { 0x02, LINUX_SA_RESTART }, { 0x04, LINUX_SA_RESETHAND },
	{ 0x08, LINUX_SA_NOCLDSTOP }, { 0x10, LINUX_SA_NODEFER }, { 0x20, LINUX_SA_NOCLDWAIT },
	{ 0x40, LINUX_SA_SIGINFO }, { 0, 0 },
};

/* stat.h (FreeBSD 12 and later, 64-bit inodes): 224 bytes on every
 * architecture (time_t is 64-bit on arm and mips64, a timespec 16 bytes).
 * st_birthtim is unknown to Linux: FreeBSD reports -1 for "no birth time". */
int fbsd_put_stat(struct linux_proc *p, uint64_t addr, const struct stat *st)
{
	struct gimage g;
	gi_init(&g, p);
	gi_u64(&g, 0, st->st_dev);
	gi_u64(&g, 8, st->st_ino);
	gi_u64(&g, 16, st->st_nlink);
	gi_u16(&g, 24, (uint16_t)st->st_mode);
	gi_u32(&g, 28, st->st_uid);
	gi_u32(&g, 32, st->st_gid);
	gi_u64(&g, 40, st->st_rdev);
	const struct timespec *t[3] = { &st->st_atim, &st->st_mtim, &st->st_ctim };
	for (unsigned i = 0; i < 3; i++) {
		gi_u64(&g, 48 + 16 * i, (uint64_t)t[i]->tv_sec);
		gi_long(&g, p, 56 + 16 * i, (uint64_t)t[i]->tv_nsec);
	}
	gi_u64(&g, 96, (uint64_t)-1);
	gi_u64(&g, 112, (uint64_t)st->st_size);
	gi_u64(&g, 120, (uint64_t)st->st_blocks);
	gi_u32(&g, 128, (uint32_t)st->st_blksize);
	return gi_put(p, addr, &g, 224);
}

#define FBSD_ABI(abi_name, class, data, machine, end)                                               \
	{                                                                                         \
		.name = abi_name, .elf_class = class, .elf_data = data, .elf_machine = machine,  \
		.regpair64 = false, .open_flags = open_flags, .getfl_hide = 0,                    \
		.fcntl_cmds = fcntl_cmds, .ioctls = fbsd_ioctls, .errno_out = errno_out,               \
		.nerrno_out = sizeof errno_out / sizeof errno_out[0], .put_stat = fbsd_put_stat, \
		.put_stat_old = NULL, .put_statfs = NULL, .statfs64_size = 0,                     \
		.statfs64_size_alt = 0, .put_statfs64 = NULL, .get_flock = fbsd_get_flock, .put_flock = fbsd_put_flock, \
		.termios_size = 44, .termios_in = fbsd_termios_in_##end,                          \
		.termios_out = fbsd_termios_out_##end,                                             \
		.sig_unblockable = (1ull << (9 - 1)) | (1ull << (17 - 1)), .personality = 0,     \
		.siginfo_code_first = false, .sigset_bytes = 16, .sigset_word = 4, .sigaction_flags_first = false, \
		.sa_flags = sa_flags, .sig_block = 1, .mmap_flags = mmap_flags, .prot_flags = NULL, \
		.sa_flags_arch = 0, .rlimits = NULL, .stack_size_first = true, .sock_types = NULL, \
		.sol_socket = 0xffff, .sockopts = NULL, .poll_events = poll_events, .shmlba = 4096,      \
		.fixed_past_task_einval = true,                                                   \
	}

const struct linux_abi fbsd_abi_armv6 = FBSD_ABI("freebsd-armv6", 1 /* ELFCLASS32 */, 1 /* LSB */, 40 /* EM_ARM */, le);
const struct linux_abi fbsd_abi_mips64 = FBSD_ABI("freebsd-mips64", 2 /* ELFCLASS64 */, 2 /* MSB */, 8 /* EM_MIPS */, be);
const struct linux_abi fbsd_abi_mips64el = FBSD_ABI("freebsd-mips64el", 2 /* ELFCLASS64 */, 1 /* LSB */, 8 /* EM_MIPS */, le);
