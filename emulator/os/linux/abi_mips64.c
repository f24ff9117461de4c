/* MIPS64 n64 (big- and little-endian): structure layouts, flag values and
 * errno from the kernel's arch/mips/include/uapi/asm (stat.h, statfs.h,
 * fcntl.h, mman.h, errno.h, signal.h, resource.h, ioctls.h, termbits.h)
 * for _MIPS_SIM_ABI64. Where MIPS includes asm-generic, nothing is listed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include <linux/fiemap.h>
#include <linux/fs.h>

#include "os/linux/syscall.h"

/* x86-64 glibc defines O_LARGEFILE as 0; the host kernel's value. */
#define HOST_O_LARGEFILE 0100000

/* MIPS 0x20 and 0x40 mean nothing (generic O_EXCL/O_CREAT values): bits
 * the host ignores as well. */
static const struct flag_map open_flags[] = {
	{ 0x0020, 0x20000000 },
	{ 0x0040, 0x40000000 },
	{ 0x0008, O_APPEND },
	{ 0x0010, O_DSYNC },
	{ 0x0080, O_NONBLOCK },
	{ 0x0100, O_CREAT },
	{ 0x0200, O_TRUNC },
	{ 0x0400, O_EXCL },
	{ 0x0800, O_NOCTTY },
	{ 0x1000, O_ASYNC },
	{ 0x2000, HOST_O_LARGEFILE },
	{ 0x4000, O_SYNC & ~O_DSYNC },
	{ 0x8000, O_DIRECT },
	{ 0, 0 },
};

/* The n64 struct flock is the 64-bit one: both command sets take it. */
static const struct fcntl_cmd fcntl_cmds[] = {
	{ 0, F_DUPFD, FC_INT },
	{ 1, F_GETFD, FC_INT },
	{ 2, F_SETFD, FC_INT },
	{ 3, F_GETFL, FC_GETFL },
	{ 4, F_SETFL, FC_FLAGS },
	{ 14, F_GETLK, FC_LOCK },
	{ 6, F_SETLK, FC_LOCK },
	{ 7, F_SETLKW, FC_LOCK },
	{ 24, F_SETOWN, FC_INT },
	{ 23, F_GETOWN, FC_INT },
	{ 10, F_SETSIG, FC_INT },
	{ 11, F_GETSIG, FC_INT },
	{ 36, F_OFD_GETLK, FC_LOCK64 },
	{ 37, F_OFD_SETLK, FC_LOCK64 },
	{ 38, F_OFD_SETLKW, FC_LOCK64 },
	{ 1024, F_SETLEASE, FC_INT },
	{ 1025, F_GETLEASE, FC_INT },
	{ 1026, F_NOTIFY, FC_INT },
	{ 1030, F_DUPFD_CLOEXEC, FC_INT },
	{ 1031, F_SETPIPE_SZ, FC_INT },
	{ 1032, F_GETPIPE_SZ, FC_INT },
	{ 1033, F_ADD_SEALS, FC_INT },
	{ 1034, F_GET_SEALS, FC_INT },
	{ -1, 0, FC_INT },
};

/* MIPS ioctl numbers: its own tty values and _IOC with 3 direction bits
 * (none 1, read 2, write 4 at bit 29). */
static const struct ioctl_cmd ioctls[] = {
	{ 0x540d, TCGETS, IO_TERMIOS_OUT, "TCGETS" },
	{ 0x540e, TCSETS, IO_TERMIOS_IN, "TCSETS" },
	{ 0x540f, TCSETSW, IO_TERMIOS_IN, "TCSETSW" },
	{ 0x5410, TCSETSF, IO_TERMIOS_IN, "TCSETSF" },
	{ 0x5405, TCSBRK, IO_NONE, "TCSBRK" },
	{ 0x5406, TCXONC, IO_NONE, "TCXONC" },
	{ 0x5407, TCFLSH, IO_NONE, "TCFLSH" },
	{ 0x740d, TIOCEXCL, IO_NONE, "TIOCEXCL" },
	{ 0x740e, TIOCNXCL, IO_NONE, "TIOCNXCL" },
	{ 0x5480, TIOCSCTTY, IO_NONE, "TIOCSCTTY" },
	{ 0x40047477, TIOCGPGRP, IO_INT_OUT, "TIOCGPGRP" },
	{ 0x80047476, TIOCSPGRP, IO_INT_IN, "TIOCSPGRP" },
	{ 0x7472, TIOCOUTQ, IO_INT_OUT, "TIOCOUTQ" },
	{ 0x40087468, TIOCGWINSZ, IO_WINSZ_OUT, "TIOCGWINSZ" },
	{ 0x80087467, TIOCSWINSZ, IO_WINSZ_IN, "TIOCSWINSZ" },
	{ 0x467f, FIONREAD, IO_INT_OUT, "FIONREAD" },
	{ 0x667e, FIONBIO, IO_INT_IN, "FIONBIO" },
	{ 0x5471, TIOCNOTTY, IO_NONE, "TIOCNOTTY" },
	{ 0x7416, TIOCGSID, IO_INT_OUT, "TIOCGSID" },
	{ 0x6602, FIONCLEX, IO_NONE, "FIONCLEX" },
	{ 0x6601, FIOCLEX, IO_NONE, "FIOCLEX" },
	{ 0x667d, FIOASYNC, IO_INT_IN, "FIOASYNC" },
	{ 0x20005441, TIOCGPTPEER, IO_OPENFLAGS, "TIOCGPTPEER" },
	{ 0x40045430, TIOCGPTN, IO_INT_OUT, "TIOCGPTN" },
	{ 0x80045431, TIOCSPTLCK, IO_INT_IN, "TIOCSPTLCK" },
	/* fs/ioctl.c's generic file requests (include/uapi/linux/fs.h). */
	{ 0x80049409, FICLONE, IO_NONE, "FICLONE" },
	{ 0x8020940d, FICLONERANGE, IO_CLONE_RANGE, "FICLONERANGE" },
	{ 0x20000002, FIGETBSZ, IO_INT_OUT, "FIGETBSZ" },
	{ 0xc020660b, FS_IOC_FIEMAP, IO_FIEMAP, "FS_IOC_FIEMAP" },
	/* Network interfaces (linux/sockios.h: the same on every ABI). */
	{ 0x8933, SIOCGIFINDEX, IO_IFREQ_INT, "SIOCGIFINDEX" },
	{ 0x8910, SIOCGIFNAME, IO_IFREQ_INT, "SIOCGIFNAME" },
	{ 0x8913, SIOCGIFFLAGS, IO_IFREQ_SHORT, "SIOCGIFFLAGS" },
	{ 0x8921, SIOCGIFMTU, IO_IFREQ_INT, "SIOCGIFMTU" },
	{ 0, 0, IO_NONE, NULL },
};

/* Generic errno -> MIPS errno; 0 entries (1..34 and the rest) are the
 * same on both. EDEADLOCK is EDEADLK for the kernel. */
static const uint16_t errno_out[] = {
	[ENOMSG] = 35, [EIDRM] = 36, [ECHRNG] = 37, [EL2NSYNC] = 38, [EL3HLT] = 39, [EL3RST] = 40,
	[ELNRNG] = 41, [EUNATCH] = 42, [ENOCSI] = 43, [EL2HLT] = 44, [EDEADLK] = 45, [ENOLCK] = 46,
	[EBADE] = 50, [EBADR] = 51, [EXFULL] = 52, [ENOANO] = 53, [EBADRQC] = 54, [EBADSLT] = 55,
	[EBFONT] = 59, [ENOSTR] = 60, [ENODATA] = 61, [ETIME] = 62, [ENOSR] = 63, [ENONET] = 64,
	[ENOPKG] = 65, [EREMOTE] = 66, [ENOLINK] = 67, [EADV] = 68, [ESRMNT] = 69, [ECOMM] = 70,
	[EPROTO] = 71, [EDOTDOT] = 73, [EMULTIHOP] = 74, [EBADMSG] = 77, [ENAMETOOLONG] = 78,
	[EOVERFLOW] = 79, [ENOTUNIQ] = 80, [EBADFD] = 81, [EREMCHG] = 82, [ELIBACC] = 83, [ELIBBAD] = 84,
	[ELIBSCN] = 85, [ELIBMAX] = 86, [ELIBEXEC] = 87, [EILSEQ] = 88, [ENOSYS] = 89, [ELOOP] = 90,
	[ERESTART] = 91, [ESTRPIPE] = 92, [ENOTEMPTY] = 93, [EUSERS] = 94, [ENOTSOCK] = 95,
	[EDESTADDRREQ] = 96, [EMSGSIZE] = 97, [EPROTOTYPE] = 98, [ENOPROTOOPT] = 99,
	[EPROTONOSUPPORT] = 120, [ESOCKTNOSUPPORT] = 121, [EOPNOTSUPP] = 122, [EPFNOSUPPORT] = 123,
	[EAFNOSUPPORT] = 124, [EADDRINUSE] = 125, [EADDRNOTAVAIL] = 126, [ENETDOWN] = 127,
	[ENETUNREACH] = 128, [ENETRESET] = 129, [ECONNABORTED] = 130, [ECONNRESET] = 131,
	[ENOBUFS] = 132, [EISCONN] = 133, [ENOTCONN] = 134, [EUCLEAN] = 135, [ENOTNAM] = 137,
	[ENAVAIL] = 138, [EISNAM] = 139, [EREMOTEIO] = 140, [ESHUTDOWN] = 143, [ETOOMANYREFS] = 144,
	[ETIMEDOUT] = 145, [ECONNREFUSED] = 146, [EHOSTDOWN] = 147, [EHOSTUNREACH] = 148,
	[EALREADY] = 149, [EINPROGRESS] = 150, [ESTALE] = 151, [ECANCELED] = 158, [ENOMEDIUM] = 159,
	[EMEDIUMTYPE] = 160, [ENOKEY] = 161, [EKEYEXPIRED] = 162, [EKEYREVOKED] = 163,
	[EKEYREJECTED] = 164, [EOWNERDEAD] = 165, [ENOTRECOVERABLE] = 166, [ERFKILL] = 167,
	[EHWPOISON] = 168, [EDQUOT] = 1133,
};

/* sa_flags: MIPS values -> the asm-generic ones the process keeps. MIPS
 * 0x2 and 0x4 mean nothing: bits the process does not keep. */
static const struct flag_map sa_flags[] = {
	{ 0x00000002, 0x00100000 },
	{ 0x00000004, 0x00200000 },
	{ 0x00000001, LINUX_SA_NOCLDSTOP },
	{ 0x00010000, LINUX_SA_NOCLDWAIT },
	{ 0x00000008, LINUX_SA_SIGINFO },
	{ 0x08000000, LINUX_SA_ONSTACK },
	{ 0x10000000, LINUX_SA_RESTART },
	{ 0x40000000, LINUX_SA_NODEFER },
	{ 0x80000000, LINUX_SA_RESETHAND },
	{ 0, 0 },
};

/* PROT_SEM is 0x10 on MIPS; 0x08 means nothing there (a bit mprotect
 * refuses). */
static const struct flag_map prot_flags[] = { { 0x10, 0x08 }, { 0x08, 0x10 }, { 0, 0 } };

/* mmap flags that differ from asm-generic. MAP_RENAME, MAP_AUTOGROW,
 * MAP_LOCAL and MAP_AUTORSRV are unknown to Linux: a bit no generic flag
 * uses (MAP_SHARED_VALIDATE refuses it, other mappings ignore it). */
#define MMAP_UNKNOWN 0x40000000u
static const struct flag_map mmap_flags[] = {
	{ 0x0020, MMAP_UNKNOWN },
	{ 0x0040, MMAP_UNKNOWN },
	{ 0x0080, MMAP_UNKNOWN },
	{ 0x0100, MMAP_UNKNOWN },
	{ 0x0400, 0x4000 },    /* MAP_NORESERVE */
	{ 0x0800, 0x0020 },    /* MAP_ANONYMOUS */
	{ 0x1000, 0x0100 },    /* MAP_GROWSDOWN */
	{ 0x2000, 0x0800 },    /* MAP_DENYWRITE */
	{ 0x4000, 0x1000 },    /* MAP_EXECUTABLE */
	{ 0x8000, 0x2000 },    /* MAP_LOCKED */
	{ 0, 0 },
};

/* poll: MIPS's POLLWRNORM is POLLOUT itself, and POLLWRBAND takes the
 * generic POLLWRNORM value (asm/poll.h). */
static const struct flag_map poll_events[] = { { 0x0100, 0x0200 }, { 0, 0 } };

/* MIPS swaps SOCK_STREAM and SOCK_DGRAM. */
static const struct value_map sock_types[] = { { 1, SOCK_DGRAM }, { 2, SOCK_STREAM }, { -1, -1 } };

/* SOL_SOCKET options whose MIPS values differ (asm/socket.h). */
static const struct value_map sockopts[] = {
	{ 0x0004, SO_REUSEADDR }, { 0x0008, SO_KEEPALIVE }, { 0x0010, SO_DONTROUTE },
	{ 0x0020, SO_BROADCAST }, { 0x0080, SO_LINGER }, { 0x0100, SO_OOBINLINE },
	{ 0x0200, SO_REUSEPORT }, { 0x1001, SO_SNDBUF }, { 0x1002, SO_RCVBUF },
	{ 0x1003, SO_SNDLOWAT }, { 0x1004, SO_RCVLOWAT }, { 0x1005, 21 /* SO_SNDTIMEO_OLD */ },
	{ 0x1006, 20 /* SO_RCVTIMEO_OLD */ }, { 0x1007, SO_ERROR }, { 0x1008, SO_TYPE },
	{ 0x1009, SO_ACCEPTCONN }, { 0x1028, SO_PROTOCOL }, { 0x1029, SO_DOMAIN },
	{ 17, SO_PASSCRED }, { 18, SO_PEERCRED }, { 30, SO_PEERSEC }, { 31, SO_SNDBUFFORCE },
	{ -1, -1 },
};

static const struct value_map rlimits[] = {
	{ 5, RLIMIT_NOFILE }, { 6, RLIMIT_AS }, { 7, RLIMIT_RSS }, { 8, RLIMIT_NPROC },
	{ 9, RLIMIT_MEMLOCK }, { -1, -1 },
};

/* struct stat (n64): 104 bytes, 32-bit device numbers and times. */
static int put_stat(struct linux_proc *p, uint64_t addr, const struct stat *st)
{
	struct gimage g;
	gi_init(&g, p);
	gi_u32(&g, 0, (uint32_t)st->st_dev);
	gi_u64(&g, 16, st->st_ino);
	gi_u32(&g, 24, st->st_mode);
	gi_u32(&g, 28, (uint32_t)st->st_nlink);
	gi_u32(&g, 32, st->st_uid);
	gi_u32(&g, 36, st->st_gid);
	gi_u32(&g, 40, (uint32_t)st->st_rdev);
	gi_u64(&g, 56, (uint64_t)st->st_size);
	gi_u32(&g, 64, (uint32_t)st->st_atim.tv_sec);
	gi_u32(&g, 68, (uint32_t)st->st_atim.tv_nsec);
	gi_u32(&g, 72, (uint32_t)st->st_mtim.tv_sec);
	gi_u32(&g, 76, (uint32_t)st->st_mtim.tv_nsec);
	gi_u32(&g, 80, (uint32_t)st->st_ctim.tv_sec);
	gi_u32(&g, 84, (uint32_t)st->st_ctim.tv_nsec);
	gi_u32(&g, 88, (uint32_t)st->st_blksize);
	gi_u64(&g, 96, (uint64_t)st->st_blocks);
	return gi_put(p, addr, &g, 104);
}

/* struct statfs (n64): longs, f_frsize third and f_bavail after f_ffree;
 * 128 bytes with f_spare. */
static int put_statfs(struct linux_proc *p, uint64_t addr, const struct statfs *st)
{
	struct gimage g;
	int fsid[2];
	memcpy(fsid, &st->f_fsid, sizeof fsid);
	gi_init(&g, p);
	const uint64_t w[8] = { (uint64_t)st->f_type, (uint64_t)st->f_bsize, (uint64_t)st->f_frsize,
	                        st->f_blocks, st->f_bfree, st->f_files, st->f_ffree, st->f_bavail };
	for (unsigned i = 0; i < 8; i++)
		gi_u64(&g, 8 * i, w[i]);
	gi_u32(&g, 64, (uint32_t)fsid[0]);
	gi_u32(&g, 68, (uint32_t)fsid[1]);
	gi_u64(&g, 72, (uint64_t)st->f_namelen);
	gi_u64(&g, 80, (uint64_t)st->f_flags);
	return gi_put(p, addr, &g, 128);
}

/* struct flock (n64): short, short, off_t at 8 and 16, pid at 24; 32 bytes. */
static int get_flock(struct linux_proc *p, uint64_t addr, struct flock *fl, bool is64)
{
	(void)is64;
	struct gimage g;
	int r = gi_get(p, addr, &g, 32);
	if (r < 0)
		return r;
	fl->l_type = (short)gi_get16(&g, 0);
	fl->l_whence = (short)gi_get16(&g, 2);
	fl->l_start = (off_t)gi_get64(&g, 8);
	fl->l_len = (off_t)gi_get64(&g, 16);
	fl->l_pid = (pid_t)gi_get32(&g, 24);
	return 0;
}

static int put_flock(struct linux_proc *p, uint64_t addr, const struct flock *fl, bool is64)
{
	(void)is64;
	struct gimage g;
	gi_init(&g, p);
	gi_u16(&g, 0, (uint16_t)fl->l_type);
	gi_u16(&g, 2, (uint16_t)fl->l_whence);
	gi_u64(&g, 8, (uint64_t)fl->l_start);
	gi_u64(&g, 16, (uint64_t)fl->l_len);
	gi_u32(&g, 24, (uint32_t)fl->l_pid);
	return gi_put(p, addr, &g, 32);
}

/* struct termios (MIPS): four flag words in guest order, c_line, then
 * c_cc[23] with its own indices; c_lflag bits differ too. Generic layout:
 * flags at 0..15 (host order), c_line 16, c_cc[19] at 17. */
enum { TERMIOS_SIZE = 40, CC_GENERIC = 17, CC_MIPS = 17, NCC_GENERIC = 19 };
/* Generic c_cc index -> MIPS index. */
static const uint8_t cc_index[NCC_GENERIC] = {
	0, 1, 2, 3, 16 /* VEOF */, 5 /* VTIME */, 4 /* VMIN */, 7, 8, 9, 10, 17 /* VEOL */,
	12, 13, 14, 15, 6 /* VEOL2 */, 11, 18,
};
static const struct flag_map lflags[] = {
	{ 0x00100, 0x08000 },  /* IEXTEN */
	{ 0x02000, 0x01000 },  /* FLUSHO */
	{ 0x08000, 0x00100 },  /* TOSTOP */
	{ 0, 0 },
};

static uint32_t load32(const uint8_t *b, bool be)
{
	uint32_t v;
	memcpy(&v, b, 4);
	return be ? __builtin_bswap32(v) : v;
}

static void store32(uint8_t *b, uint32_t v, bool be)
{
	v = be ? __builtin_bswap32(v) : v;
	memcpy(b, &v, 4);
}

static void termios_in_be(const uint8_t *guest, uint8_t generic[36], bool be)
{
	for (unsigned i = 0; i < 4; i++) {
		uint32_t v = load32(guest + 4 * i, be);
		store32(generic + 4 * i, i == 3 ? abi_flags_in(lflags, v) : v, false);
	}
	generic[16] = guest[16];
	for (unsigned i = 0; i < NCC_GENERIC; i++)
		generic[CC_GENERIC + i] = guest[CC_MIPS + cc_index[i]];
}

static void termios_out_be(const uint8_t generic[36], uint8_t *guest, bool be)
{
	memset(guest, 0, TERMIOS_SIZE);
	for (unsigned i = 0; i < 4; i++) {
		uint32_t v = load32(generic + 4 * i, false);
		store32(guest + 4 * i, i == 3 ? abi_flags_out(lflags, v) : v, be);
	}
	guest[16] = generic[16];
	for (unsigned i = 0; i < NCC_GENERIC; i++)
		guest[CC_MIPS + cc_index[i]] = generic[CC_GENERIC + i];
}

static void termios_in_eb(const uint8_t *g, uint8_t gen[36]) { termios_in_be(g, gen, true); }
static void termios_out_eb(const uint8_t gen[36], uint8_t *g) { termios_out_be(gen, g, true); }
static void termios_in_el(const uint8_t *g, uint8_t gen[36]) { termios_in_be(g, gen, false); }
static void termios_out_el(const uint8_t gen[36], uint8_t *g) { termios_out_be(gen, g, false); }

#define MIPS64_ABI(abi_name, data, tin, tout)                                                    \
	{                                                                                         \
		.name = abi_name, .elf_class = 2 /* ELFCLASS64 */, .elf_data = data,             \
		.elf_machine = 8 /* EM_MIPS */, .regpair64 = false, .open_flags = open_flags,    \
		.getfl_hide = 0, .fcntl_cmds = fcntl_cmds, .ioctls = ioctls,                     \
		.errno_out = errno_out, .nerrno_out = sizeof errno_out / sizeof errno_out[0],    \
		.put_stat = put_stat, .put_stat_old = NULL, .put_statfs = put_statfs,            \
		.statfs64_size = 0, .statfs64_size_alt = 0, .put_statfs64 = NULL,                \
		.get_flock = get_flock, .put_flock = put_flock, .termios_size = TERMIOS_SIZE,    \
		.termios_in = tin, .termios_out = tout,                                          \
		.sig_unblockable = (1ull << (9 - 1)) | (1ull << (23 - 1)), .personality = 0,     \
		.siginfo_code_first = true, .sigset_bytes = 16, .sigaction_flags_first = true,   \
		.sa_flags = sa_flags, .sig_block = 1, .mmap_flags = mmap_flags,                  \
		.prot_flags = prot_flags, .sa_flags_arch = 0,                                     \
		.rlimits = rlimits, .stack_size_first = true, .sock_types = sock_types,           \
		.sol_socket = 0xffff, .sockopts = sockopts, .poll_events = poll_events,           \
		.shmlba = 0x40000, .fixed_past_task_einval = true,                                \
	}

const struct linux_abi linux_abi_mips64 = MIPS64_ABI("mips64", 2, termios_in_eb, termios_out_eb);
const struct linux_abi linux_abi_mips64el = MIPS64_ABI("mips64el", 1, termios_in_el, termios_out_el);
