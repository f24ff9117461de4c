/* Helpers shared by the system call implementations (sys_*.c): argument
 * decoding, guest strings and paths, guest structure building, and the
 * handlers' declarations for the table in syscall.c.
 *
 * Handlers return -errno in the generic (asm-generic) numbering, which is
 * also the x86-64 host's, so a failing host call returns -errno directly;
 * linux_syscall maps the result to the ABI's numbering. */
#ifndef MIMIC_SYSCALL_H
#define MIMIC_SYSCALL_H

#include <errno.h>
#include <limits.h>
#include <stdint.h>

#include "os/linux/abi.h"
#include "os/linux/linux.h"

#define SC(name) long sys_##name(struct linux_proc *p, const uint64_t a[6])

/* Result of a host call that returns -1 and sets errno. A host call cut
 * short by a signal is restarted when the guest handler has SA_RESTART
 * or no handler runs, as Linux does for most blocking calls. */
static inline long sc_ret(long r)
{
	if (r >= 0)
		return r;
	return errno == EINTR ? -LINUX_ERESTARTSYS : -errno;
}
/* The host errno of a failed call, as sc_ret gives it. */
static inline long sc_err(void) { return sc_ret(-1); }
/* For waits Linux never restarts after a handler (poll, select, sleeps). */
static inline long sc_ret_nohand(long r)
{
	long e = sc_ret(r);
	return e == -LINUX_ERESTARTSYS ? -LINUX_ERESTARTNOHAND : e;
}

static inline int sc_int(uint64_t v) { return (int)(int32_t)v; }
/* A C long of the guest (sign-extended from its word size). */
static inline long sc_long(const struct linux_proc *p, uint64_t v)
{
	return p->arch->word_bits == 32 ? (long)(int32_t)v : (long)v;
}
static inline uint64_t sc_ulong(const struct linux_proc *p, uint64_t v)
{
	return p->arch->word_bits == 32 ? (uint32_t)v : v;
}
/* Next 64-bit argument starting at a[*i]: one register on 64-bit ABIs, an
 * aligned even/odd register pair (low word first) on ARM EABI. */
uint64_t sc_arg64(const struct linux_proc *p, const uint64_t a[6], unsigned *i);

/* Copies the guest string at addr (at most n bytes with the NUL).
 * 0, -EFAULT or -ENAMETOOLONG. */
int sc_string(struct linux_proc *p, uint64_t addr, char *buf, size_t n);
/* A guest path for the host: copied, the -L prefix applied to absolute
 * paths that exist under it, /proc/self/exe resolved to the guest program.
 * 0 or -errno. */
int sc_path(struct linux_proc *p, uint64_t addr, char buf[PATH_MAX]);
/* The same for a path that must name the link itself (readlink, lstat):
 * /proc/self/exe is left alone (sys_readlink answers it). */
int sc_path_nofollow(struct linux_proc *p, uint64_t addr, char buf[PATH_MAX]);
/* True when path (as the guest wrote it) names this process's exe link. */
bool sc_is_self_exe(const char *path);
/* Opens a /proc file made up for the guest (cmdline, auxv, maps, stat,
 * status, cpuinfo: sys_procfs.c) with host open
 * flags: true with the fd or -errno in result, false when path is not one
 * (or start-up left initial_sp 0). */
bool sc_proc_fake_open(struct linux_proc *p, const char *path, int flags, long *result);
/* Resolves the guest executable's path (once, at the first call). */
void sc_exe_init(struct linux_proc *p);
/* Host path of the guest executable as the guest should see it. */
int sc_exe_path(struct linux_proc *p, char *buf, size_t n);
/* An absolute host path as the guest sees it: the -L prefix taken off. */
const char *sc_guest_path(const struct linux_proc *p, const char *host);

/* Guest structure images: fields are stored at their offsets in the
 * guest's byte order, then the image goes to guest memory in one write. */
struct gimage {
	uint8_t b[512];
	bool be;
};
void gi_init(struct gimage *g, const struct linux_proc *p);
void gi_u16(struct gimage *g, unsigned off, uint16_t v);
void gi_u32(struct gimage *g, unsigned off, uint32_t v);
void gi_u64(struct gimage *g, unsigned off, uint64_t v);
/* A C long/unsigned long of the guest (4 or 8 bytes); returns the size. */
unsigned gi_long(struct gimage *g, const struct linux_proc *p, unsigned off, uint64_t v);
uint16_t gi_get16(const struct gimage *g, unsigned off);
uint32_t gi_get32(const struct gimage *g, unsigned off);
uint64_t gi_get64(const struct gimage *g, unsigned off);
uint64_t gi_getlong(const struct gimage *g, const struct linux_proc *p, unsigned off);
/* 0 or -EFAULT. */
int gi_put(struct linux_proc *p, uint64_t addr, const struct gimage *g, unsigned size);
int gi_get(struct linux_proc *p, uint64_t addr, struct gimage *g, unsigned size);

static inline unsigned sc_wordsize(const struct linux_proc *p) { return p->arch->word_bits / 8; }
/* Guest scalar stores/loads (0 or -EFAULT). */
int sc_put32(struct linux_proc *p, uint64_t addr, uint32_t v);
int sc_put64(struct linux_proc *p, uint64_t addr, uint64_t v);
int sc_putlong(struct linux_proc *p, uint64_t addr, uint64_t v);
int sc_get32(struct linux_proc *p, uint64_t addr, uint32_t *v);
int sc_getlong(struct linux_proc *p, uint64_t addr, uint64_t *v);
/* Guest buffer of n bytes the kernel reads or writes: host pointer or NULL
 * when not accessible (the caller returns -EFAULT). */
void *sc_buf(struct linux_proc *p, uint64_t addr, uint64_t n, unsigned need);

/* A host address the host kernel refuses (EFAULT): given to the host call
 * in place of an inaccessible guest buffer, so the host checks arguments
 * in the kernel's order (a bad descriptor is EBADF, not EFAULT). */
#define SC_BAD_PTR ((void *)(uintptr_t)0xffff800000000000ull)
/* sc_buf, or SC_BAD_PTR when the buffer is not accessible. */
void *sc_buf_or_bad(struct linux_proc *p, uint64_t addr, uint64_t n, unsigned need);

/* Time structures. old: struct timespec/timeval with a C long tv_sec;
 * time64: __kernel_timespec (two 64-bit fields). */
struct timespec;
struct timeval;
int sc_get_timespec(struct linux_proc *p, uint64_t addr, struct timespec *ts, bool time64);
int sc_put_timespec(struct linux_proc *p, uint64_t addr, const struct timespec *ts, bool time64);
int sc_get_timeval(struct linux_proc *p, uint64_t addr, struct timeval *tv);
int sc_put_timeval(struct linux_proc *p, uint64_t addr, const struct timeval *tv);
struct rusage;
int sc_put_rusage(struct linux_proc *p, uint64_t addr, const struct rusage *ru);

/* Directory offsets of 32-bit guests (sys_dircookie.c): the d_off a
 * guest sees for a host offset, the host offset of a guest lseek, and
 * the guest's view of a position lseek returned. */
uint64_t sc_dir_cookie(struct linux_proc *p, int fd, uint64_t host_off);
uint64_t sc_dir_host_off(struct linux_proc *p, int fd, uint64_t off);
uint64_t sc_dir_tell(struct linux_proc *p, int fd, uint64_t host_pos);

/* The temporary signal mask of ppoll/pselect6/epoll_pwait: installs the
 * guest sigset at addr (size: the ABI's sigset_t; addr 0: none) and saves the old
 * mask for the caller to put back. 0, -errno, or 1 when a signal it lets
 * through is pending: the caller then waits for nothing (a zero timeout)
 * and turns "nothing ready" into sc_wait_interrupted's result. */
long sc_wait_mask(struct linux_proc *p, uint64_t addr, uint64_t size, linux_sigset *saved);
/* Ends the wait with result r: a wait cut short by a signal keeps the
 * temporary mask until the handler is set up (the process core restores
 * the saved one then), as Linux does; otherwise the old mask is back. */
void sc_wait_mask_end(struct linux_proc *p, uint64_t addr, linux_sigset saved, long r);
/* The result of a wait that sc_wait_mask made not wait: r, or
 * -ERESTARTNOHAND when nothing was ready (the signal interrupts it). */
static inline long sc_wait_interrupted(long r) { return r == 0 ? -LINUX_ERESTARTNOHAND : r; }

/* The waits of poll (struct pollfd at fds) and select (a[0] nfds, a[1..3]
 * the fd_set addresses) with a host timeout, NULL for none (sys_poll.c),
 * for personalities with their own time structures. */
long sc_poll(struct linux_proc *p, uint64_t fds, uint64_t nfds, const struct timespec *ts);
long sc_select(struct linux_proc *p, const uint64_t a[6], struct timespec *ts);

/* eventfd and timerfd counters of a big-endian guest (sys_counterfd.c):
 * made returns fd after noting it, closed forgets it, swap turns an
 * 8-byte counter in buf between host and guest order if fd is one. */
long sc_counter_fd_made(struct linux_proc *p, long fd);
void sc_counter_fd_closed(struct linux_proc *p, unsigned lo, unsigned hi);
/* Descriptors lo to hi are closed (or replaced): what the emulator
 * remembers by number about them is forgotten. */
void sc_fds_closed(struct linux_proc *p, unsigned lo, unsigned hi);
/* Called by sc_fds_closed first when set (FreeBSD's process descriptors). */
extern void (*sc_fds_close_hook)(struct linux_proc *p, unsigned lo, unsigned hi);
/* nfd (when not an error) is a new descriptor of fd's file: it inherits
 * what is remembered about fd, after what it was is forgotten. Returns nfd. */
long sc_fds_duped(struct linux_proc *p, int fd, long nfd);
void sc_counter_fd_swap(struct linux_proc *p, int fd, void *buf, long n);

/* Frees a NULL-terminated array of strings and the strings (NULL: none). */
void sc_free_strv(char **v);

/* Open flags between guest and host values. */
int sc_open_flags_in(const struct linux_proc *p, uint32_t guest);
uint32_t sc_open_flags_out(const struct linux_proc *p, int host);

#define SC_DECL(name) long sys_##name(struct linux_proc *p, const uint64_t a[6]);
#define SC_HANDLERS(X) \
	X(read) X(write) X(readv) X(writev) X(pread64) X(pwrite64) X(preadv) X(pwritev) \
	X(open) X(openat) X(creat) X(close) X(lseek) X(_llseek) X(sendfile) X(sendfile64) \
	X(truncate) X(ftruncate) X(truncate64) X(ftruncate64) X(fsync) X(fdatasync) X(sync) \
	X(syncfs) X(arm_fadvise64_64) X(fadvise64) X(sync_file_range) X(alarm) X(arm_sync_file_range) \
	X(fallocate) X(readahead) X(memfd_create) X(copy_file_range) X(close_range) \
	X(stat64) X(lstat64) X(fstat64) X(fstatat64) X(statx) \
	X(statfs64) X(fstatfs64) X(access) X(faccessat) X(faccessat2) \
	X(chmod) X(fchmod) X(fchmodat) X(chown32) X(fchown32) X(lchown32) X(chown) X(fchown) \
	X(lchown) X(fchownat) X(utimensat) X(utimensat_time64) X(utimes) X(utime) X(futimesat) \
	X(mkdir) X(mkdirat) X(rmdir) X(unlink) X(unlinkat) X(rename) X(renameat) X(renameat2) \
	X(link) X(linkat) X(symlink) X(symlinkat) X(readlink) X(readlinkat) X(getdents64) \
	X(getcwd) X(chdir) X(fchdir) X(chroot) X(umask) X(mknod) X(mknodat) \
	X(dup) X(dup2) X(dup3) X(pipe) X(pipe2) X(fcntl) X(fcntl64) X(flock) X(ioctl) \
	X(eventfd) X(eventfd2) X(signalfd) X(signalfd4) \
	X(poll) X(ppoll) X(ppoll_time64) X(_newselect) X(pselect6) X(pselect6_time64) \
	X(gettimeofday) X(settimeofday) X(clock_gettime) X(clock_gettime64) X(clock_getres) \
	X(clock_getres_time64) X(clock_nanosleep) X(clock_nanosleep_time64) X(nanosleep) \
	X(times) X(getitimer) X(setitimer) \
	X(uname) X(sethostname) X(getuid32) X(geteuid32) X(getgid32) X(getegid32) X(getuid) X(geteuid) \
	X(getgid) X(getegid) X(getgroups32) X(getgroups) X(setgroups32) X(setgroups) \
	X(setuid32) X(setgid32) X(setreuid32) X(setregid32) X(setresuid32) X(setresgid32) \
	X(getresuid32) X(getresgid32) X(setuid) X(setgid) X(setreuid) X(setregid) X(setresuid) \
	X(setresgid) X(getresuid) X(getresgid) X(setfsuid32) X(setfsgid32) \
	X(getppid) X(getpgid) X(setpgid) X(getsid) X(setsid) X(getpgrp) \
	X(sysinfo) X(getrandom) X(getcpu) X(sched_yield) X(sched_getaffinity) X(sched_setaffinity) \
	X(sched_getscheduler) X(sched_getparam) X(sched_get_priority_max) X(sched_get_priority_min) \
	X(getpriority) X(setpriority) X(membarrier) \
	X(prctl) X(ugetrlimit) X(getrlimit) X(setrlimit) X(prlimit64) X(getrusage) \
	X(set_robust_list) X(get_robust_list) X(futex) X(futex_time64) \
	X(wait4) X(waitid) X(fork) X(vfork) X(clone) X(execve) X(personality) \
	X(msync) X(mincore) X(mlock) X(munlock) X(rseq) \
	X(epoll_create) X(epoll_create1) X(epoll_ctl) X(epoll_wait) X(epoll_pwait) X(epoll_pwait2) \
	X(setxattr) X(lsetxattr) X(fsetxattr) X(getxattr) X(lgetxattr) X(fgetxattr) \
	X(listxattr) X(llistxattr) X(flistxattr) X(removexattr) X(lremovexattr) X(fremovexattr) \
	X(nice) X(sched_setscheduler) X(sched_setparam) X(sched_rr_get_interval) \
	X(sched_rr_get_interval_time64) X(splice) X(tee) X(inotify_init) X(inotify_init1) \
	X(inotify_add_watch) X(inotify_rm_watch) X(timerfd_create) X(timerfd_settime) \
	X(timerfd_settime64) X(timerfd_gettime) X(timerfd_gettime64) X(capget) X(capset) \
	X(setdomainname) X(unshare) X(mount) X(umount2) X(openat2) X(pidfd_open) \
	X(process_vm_readv) X(process_vm_writev) X(kcmp) X(pidfd_send_signal) \
	X(ioprio_get) X(ioprio_set) \
	X(socket) X(socketpair) X(bind) X(connect) X(listen) X(shutdown) X(accept) X(accept4) \
	X(getsockname) X(getpeername) X(send) X(sendto) X(recv) X(recvfrom) X(setsockopt) \
	X(getsockopt) X(sendmsg) X(recvmsg) X(execveat) X(preadv2) X(pwritev2) X(setns) \
	X(clock_settime) X(clock_settime64) X(setfsuid) X(setfsgid) \
	X(timer_create) X(timer_settime) X(timer_settime64) X(timer_gettime) X(timer_gettime64) \
	X(timer_getoverrun) X(timer_delete) X(sendmmsg) X(recvmmsg) X(recvmmsg_time64) \
	X(semget) X(semctl) X(semop) X(semtimedop) X(semtimedop_time64) X(msgget) X(msgctl) \
	X(msgsnd) X(msgrcv) X(mlock2) X(vmsplice) X(clone3) \
	X(sched_setattr) X(sched_getattr) X(pidfd_getfd) X(stat) X(lstat) X(fstat) \
	X(statfs) X(fstatfs) X(getdents) \
	X(mlockall) X(munlockall) X(shmget) X(shmat) X(shmdt) X(shmctl)

SC_HANDLERS(SC_DECL)

#endif
