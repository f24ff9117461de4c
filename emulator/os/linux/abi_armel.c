/* ARM EABI little-endian (armel): structure layouts from the kernel's
 * arch/arm/include/uapi/asm (stat.h, statfs.h, fcntl.h) and the generic
 * values ARM shares with asm-generic. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

#include <linux/fiemap.h>
#include <linux/fs.h>

#include "os/linux/syscall.h"

/* x86-64 glibc defines O_LARGEFILE as 0; the host kernel's value (which
 * F_GETFL reports) is 0100000. */
#define HOST_O_LARGEFILE 0100000

/* Only the bits whose values differ are listed; the rest are the generic
 * values on both sides and pass unchanged. */
static const struct flag_map open_flags[] = {
	{ 040000, O_DIRECTORY },
	{ 0100000, O_NOFOLLOW },
	{ 0200000, O_DIRECT },
	{ 0400000, HOST_O_LARGEFILE },
	{ 0, 0 },
};

static const struct fcntl_cmd fcntl_cmds[] = {
	{ 0, F_DUPFD, FC_INT },
	{ 1, F_GETFD, FC_INT },
	{ 2, F_SETFD, FC_INT },
	{ 3, F_GETFL, FC_GETFL },
	{ 4, F_SETFL, FC_FLAGS },
	{ 5, F_GETLK, FC_LOCK },
	{ 6, F_SETLK, FC_LOCK },
	{ 7, F_SETLKW, FC_LOCK },
	{ 8, F_SETOWN, FC_INT },
	{ 9, F_GETOWN, FC_INT },
	{ 10, F_SETSIG, FC_INT },
	{ 11, F_GETSIG, FC_INT },
	{ 12, F_GETLK, FC_LOCK64 },
	{ 13, F_SETLK, FC_LOCK64 },
	{ 14, F_SETLKW, FC_LOCK64 },
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

/* asm-generic/ioctls.h values (ARM includes it unchanged). */
static const struct ioctl_cmd ioctls[] = {
	{ 0x5401, TCGETS, IO_TERMIOS_OUT, "TCGETS" },
	{ 0x5402, TCSETS, IO_TERMIOS_IN, "TCSETS" },
	{ 0x5403, TCSETSW, IO_TERMIOS_IN, "TCSETSW" },
	{ 0x5404, TCSETSF, IO_TERMIOS_IN, "TCSETSF" },
	{ 0x5409, TCSBRK, IO_NONE, "TCSBRK" },
	{ 0x540A, TCXONC, IO_NONE, "TCXONC" },
	{ 0x540B, TCFLSH, IO_NONE, "TCFLSH" },
	{ 0x540C, TIOCEXCL, IO_NONE, "TIOCEXCL" },
	{ 0x540D, TIOCNXCL, IO_NONE, "TIOCNXCL" },
	{ 0x540E, TIOCSCTTY, IO_NONE, "TIOCSCTTY" },
	{ 0x540F, TIOCGPGRP, IO_INT_OUT, "TIOCGPGRP" },
	{ 0x5410, TIOCSPGRP, IO_INT_IN, "TIOCSPGRP" },
	{ 0x5411, TIOCOUTQ, IO_INT_OUT, "TIOCOUTQ" },
	{ 0x5413, TIOCGWINSZ, IO_WINSZ_OUT, "TIOCGWINSZ" },
	{ 0x5414, TIOCSWINSZ, IO_WINSZ_IN, "TIOCSWINSZ" },
	{ 0x541B, FIONREAD, IO_INT_OUT, "FIONREAD" },
	{ 0x5421, FIONBIO, IO_INT_IN, "FIONBIO" },
	{ 0x5422, TIOCNOTTY, IO_NONE, "TIOCNOTTY" },
	{ 0x5429, TIOCGSID, IO_INT_OUT, "TIOCGSID" },
	{ 0x5450, FIONCLEX, IO_NONE, "FIONCLEX" },
	{ 0x5451, FIOCLEX, IO_NONE, "FIOCLEX" },
	{ 0x5452, FIOASYNC, IO_INT_IN, "FIOASYNC" },
	{ 0x5441, TIOCGPTPEER, IO_OPENFLAGS, "TIOCGPTPEER" },
	{ 0x80045430, TIOCGPTN, IO_INT_OUT, "TIOCGPTN" },
	{ 0x40045431, TIOCSPTLCK, IO_INT_IN, "TIOCSPTLCK" },
	/* fs/ioctl.c's generic file requests (include/uapi/linux/fs.h). */
	{ 0x40049409, FICLONE, IO_NONE, "FICLONE" },
	{ 0x4020940d, FICLONERANGE, IO_CLONE_RANGE, "FICLONERANGE" },
	{ 0x00000002, FIGETBSZ, IO_INT_OUT, "FIGETBSZ" },
	{ 0xc020660b, FS_IOC_FIEMAP, IO_FIEMAP, "FS_IOC_FIEMAP" },
	/* Network interfaces (linux/sockios.h: the same on every ABI). */
	{ 0x8933, SIOCGIFINDEX, IO_IFREQ_INT, "SIOCGIFINDEX" },
	{ 0x8910, SIOCGIFNAME, IO_IFREQ_INT, "SIOCGIFNAME" },
	{ 0x8913, SIOCGIFFLAGS, IO_IFREQ_SHORT, "SIOCGIFFLAGS" },
	{ 0x8921, SIOCGIFMTU, IO_IFREQ_INT, "SIOCGIFMTU" },
	{ 0, 0, IO_NONE, NULL },
};

/* struct stat64: 104 bytes, 64-bit fields 8-aligned (EABI). */
static int put_stat(struct linux_proc *p, uint64_t addr, const struct stat *st)
{
	struct gimage g;
	gi_init(&g, p);
	gi_u64(&g, 0, st->st_dev);
	gi_u32(&g, 12, (uint32_t)st->st_ino);
	gi_u32(&g, 16, st->st_mode);
	gi_u32(&g, 20, (uint32_t)st->st_nlink);
	gi_u32(&g, 24, st->st_uid);
	gi_u32(&g, 28, st->st_gid);
	gi_u64(&g, 32, st->st_rdev);
	gi_u64(&g, 48, (uint64_t)st->st_size);
	gi_u32(&g, 56, (uint32_t)st->st_blksize);
	gi_u64(&g, 64, (uint64_t)st->st_blocks);
	gi_u32(&g, 72, (uint32_t)st->st_atim.tv_sec);
	gi_u32(&g, 76, (uint32_t)st->st_atim.tv_nsec);
	gi_u32(&g, 80, (uint32_t)st->st_mtim.tv_sec);
	gi_u32(&g, 84, (uint32_t)st->st_mtim.tv_nsec);
	gi_u32(&g, 88, (uint32_t)st->st_ctim.tv_sec);
	gi_u32(&g, 92, (uint32_t)st->st_ctim.tv_nsec);
	gi_u64(&g, 96, st->st_ino);
	return gi_put(p, addr, &g, 104);
}

/* The old struct stat: 64 bytes, 16-bit mode, nlink and ids, old-style
 * 16-bit device numbers (Linux's cp_new_stat on a 32-bit kernel). */
static int put_stat_old(struct linux_proc *p, uint64_t addr, const struct stat *st)
{
	struct gimage g;
	unsigned dmaj = major(st->st_dev), dmin = minor(st->st_dev);
	unsigned rmaj = major(st->st_rdev), rmin = minor(st->st_rdev);
	if (dmaj > 255 || dmin > 255 || rmaj > 255 || rmin > 255 || st->st_ino > UINT32_MAX ||
	    st->st_nlink > UINT16_MAX || st->st_size > INT32_MAX)
		return -EOVERFLOW;
	gi_init(&g, p);
	gi_u32(&g, 0, dmaj << 8 | dmin);
	gi_u32(&g, 4, (uint32_t)st->st_ino);
	gi_u16(&g, 8, (uint16_t)st->st_mode);
	gi_u16(&g, 10, (uint16_t)st->st_nlink);
	gi_u16(&g, 12, st->st_uid > UINT16_MAX ? 65534 : (uint16_t)st->st_uid);
	gi_u16(&g, 14, st->st_gid > UINT16_MAX ? 65534 : (uint16_t)st->st_gid);
	gi_u32(&g, 16, rmaj << 8 | rmin);
	gi_u32(&g, 20, (uint32_t)st->st_size);
	gi_u32(&g, 24, (uint32_t)st->st_blksize);
	gi_u32(&g, 28, (uint32_t)st->st_blocks);
	gi_u32(&g, 32, (uint32_t)st->st_atim.tv_sec);
	gi_u32(&g, 36, (uint32_t)st->st_atim.tv_nsec);
	gi_u32(&g, 40, (uint32_t)st->st_mtim.tv_sec);
	gi_u32(&g, 44, (uint32_t)st->st_mtim.tv_nsec);
	gi_u32(&g, 48, (uint32_t)st->st_ctim.tv_sec);
	gi_u32(&g, 52, (uint32_t)st->st_ctim.tv_nsec);
	return gi_put(p, addr, &g, 64);
}

/* struct statfs: the asm-generic one with 32-bit words (64 bytes); Linux
 * refuses sizes that need more than 32 bits. */
static int put_statfs(struct linux_proc *p, uint64_t addr, const struct statfs *st)
{
	struct gimage g;
	int fsid[2];
	uint64_t big = (uint64_t)st->f_blocks | st->f_bfree | st->f_bavail | (uint64_t)st->f_bsize |
	               (uint64_t)st->f_frsize;
	if (big >> 32 || ((uint64_t)st->f_files != UINT64_MAX && (uint64_t)st->f_files >> 32) ||
	    ((uint64_t)st->f_ffree != UINT64_MAX && (uint64_t)st->f_ffree >> 32))
		return -EOVERFLOW;
	memcpy(fsid, &st->f_fsid, sizeof fsid);
	gi_init(&g, p);
	const uint64_t w[7] = { (uint64_t)st->f_type, (uint64_t)st->f_bsize, st->f_blocks, st->f_bfree,
	                        st->f_bavail, st->f_files, st->f_ffree };
	for (unsigned i = 0; i < 7; i++)
		gi_u32(&g, 4 * i, (uint32_t)w[i]);
	gi_u32(&g, 28, (uint32_t)fsid[0]);
	gi_u32(&g, 32, (uint32_t)fsid[1]);
	gi_u32(&g, 36, (uint32_t)st->f_namelen);
	gi_u32(&g, 40, (uint32_t)st->f_frsize);
	gi_u32(&g, 44, (uint32_t)st->f_flags);
	return gi_put(p, addr, &g, 64);
}

/* struct statfs64: packed, 4-aligned on ARM (ARCH_PACK_STATFS64): 84 bytes. */
static int put_statfs64(struct linux_proc *p, uint64_t addr, const struct statfs *st)
{
	struct gimage g;
	int fsid[2];
	memcpy(fsid, &st->f_fsid, sizeof fsid);
	gi_init(&g, p);
	gi_u32(&g, 0, (uint32_t)st->f_type);
	gi_u32(&g, 4, (uint32_t)st->f_bsize);
	gi_u64(&g, 8, st->f_blocks);
	gi_u64(&g, 16, st->f_bfree);
	gi_u64(&g, 24, st->f_bavail);
	gi_u64(&g, 32, st->f_files);
	gi_u64(&g, 40, st->f_ffree);
	gi_u32(&g, 48, (uint32_t)fsid[0]);
	gi_u32(&g, 52, (uint32_t)fsid[1]);
	gi_u32(&g, 56, (uint32_t)st->f_namelen);
	gi_u32(&g, 60, (uint32_t)st->f_frsize);
	gi_u32(&g, 64, (uint32_t)st->f_flags);
	return gi_put(p, addr, &g, 84);
}

/* struct flock (16 bytes: short, short, long, long, pid) and struct
 * flock64 (32 bytes: the loff_t fields 8-aligned under EABI). */
static int get_flock(struct linux_proc *p, uint64_t addr, struct flock *fl, bool is64)
{
	struct gimage g;
	int r = gi_get(p, addr, &g, is64 ? 32 : 16);
	if (r < 0)
		return r;
	fl->l_type = (short)gi_get16(&g, 0);
	fl->l_whence = (short)gi_get16(&g, 2);
	if (is64) {
		fl->l_start = (off_t)gi_get64(&g, 8);
		fl->l_len = (off_t)gi_get64(&g, 16);
		fl->l_pid = (pid_t)gi_get32(&g, 24);
	} else {
		fl->l_start = (int32_t)gi_get32(&g, 4);
		fl->l_len = (int32_t)gi_get32(&g, 8);
		fl->l_pid = (pid_t)gi_get32(&g, 12);
	}
	return 0;
}

static int put_flock(struct linux_proc *p, uint64_t addr, const struct flock *fl, bool is64)
{
	struct gimage g;
	gi_init(&g, p);
	gi_u16(&g, 0, (uint16_t)fl->l_type);
	gi_u16(&g, 2, (uint16_t)fl->l_whence);
	if (is64) {
		gi_u64(&g, 8, (uint64_t)fl->l_start);
		gi_u64(&g, 16, (uint64_t)fl->l_len);
		gi_u32(&g, 24, (uint32_t)fl->l_pid);
		return gi_put(p, addr, &g, 32);
	}
	if (fl->l_start > INT32_MAX || fl->l_len > INT32_MAX)
		return -EOVERFLOW;
	gi_u32(&g, 4, (uint32_t)fl->l_start);
	gi_u32(&g, 8, (uint32_t)fl->l_len);
	gi_u32(&g, 12, (uint32_t)fl->l_pid);
	return gi_put(p, addr, &g, 16);
}

/* ARM's struct termios is the generic one, little-endian like the host. */
static void termios_copy(const uint8_t *from, uint8_t *to)
{
	memcpy(to, from, 36);
}

static void termios_in(const uint8_t *guest, uint8_t generic[36])
{
	termios_copy(guest, generic);
}

static void termios_out(const uint8_t generic[36], uint8_t *guest)
{
	termios_copy(generic, guest);
}

const struct linux_abi linux_abi_armel = {
	.name = "armel",
	.elf_class = 1,      /* ELFCLASS32 */
	.elf_data = 1,       /* ELFDATA2LSB */
	.elf_machine = 40,   /* EM_ARM */
	.regpair64 = true,
	.open_flags = open_flags,
	.getfl_hide = HOST_O_LARGEFILE,
	.fcntl_cmds = fcntl_cmds,
	.ioctls = ioctls,
	.errno_out = NULL,
	.put_stat = put_stat,
	.put_stat_old = put_stat_old,
	.put_statfs = put_statfs,
	.statfs64_size = 84,
	.statfs64_size_alt = 88,
	.put_statfs64 = put_statfs64,
	.get_flock = get_flock,
	.put_flock = put_flock,
	.termios_size = 36,
	.termios_in = termios_in,
	.termios_out = termios_out,
	.sig_unblockable = (1ull << (9 - 1)) | (1ull << (19 - 1)),
	.personality = 0x0800000,
	.siginfo_code_first = false,
	.sigset_bytes = 8,
	.sigaction_flags_first = false,
	.sa_flags = NULL,
	.sa_flags_arch = 0x02000000u /* SA_THIRTYTWO */ | LINUX_SA_RESTORER,
	.sig_block = 0,
	.prot_flags = NULL,
	.mmap_flags = NULL,
	.stack_size_first = false,
	.sock_types = NULL,
	.sol_socket = 0,
	.sockopts = NULL,
	.poll_events = NULL,
	.rlimits = NULL,
	.shmlba = 0x4000,
	.fixed_past_task_einval = false,
};
