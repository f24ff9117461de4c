/* System call dispatch. linux_sc_impls is the one list of implemented calls
 * (name, handler, argument kinds); at the first call it is joined by name
 * with the ABI's generated number list into a table indexed by
 * nr - sc_base, which then drives dispatch, -strace and the reports of
 * unsupported calls. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/linux/abi.h"
#include "os/linux/proc_sys.h"
#include "os/linux/syscall.h"
#include "os/linux/syscall_run.h"
#include "trace/strace.h"

#define N  A_NONE
#define I  A_INT
#define U  A_UINT
#define H  A_HEX
#define P  A_PTR
#define S  A_STR
#define F  A_FD
#define NF A_NEWFD
#define O  A_OCT
#define R(name, ...) { #name, sys_##name, { __VA_ARGS__ } }

const struct sc_impl linux_sc_impls[] = {
	/* process core (proc_sys.h) */
	R(exit, I), R(exit_group, I),
	R(rt_sigaction, I, P, P, U), R(rt_sigprocmask, I, P, P, U), R(rt_sigreturn, N),
	R(sigreturn, N), R(sigaltstack, P, P), R(kill, I, I), R(tgkill, I, I, I), R(tkill, I, I),
	R(rt_sigpending, P, U), R(rt_sigsuspend, P, U), R(rt_sigtimedwait, P, P, P, U), R(pause, N),
	R(rt_sigtimedwait_time64, P, P, P, U), R(rt_sigqueueinfo, I, I, P), R(rt_tgsigqueueinfo, I, I, I, P),
	R(brk, P), R(mmap2, P, U, H, H, F, H), R(mmap, P, U, H, H, F, H), R(munmap, P, U), R(mprotect, P, U, H),
	R(mremap, P, U, U, H, P), R(madvise, P, U, I),
	R(getpid, N), R(gettid, N), R(set_tid_address, P),
	/* files (sys_file.c) */
	R(read, F, P, U), R(write, F, P, U), R(readv, F, P, I), R(writev, F, P, I),
	R(pread64, F, P, U, N, U, U), R(pwrite64, F, P, U, N, U, U),
	R(preadv, F, P, I, U, U), R(pwritev, F, P, I, U, U),
	R(open, S, H, O), R(openat, F, S, H, O), R(creat, S, O), R(close, F),
	R(lseek, F, I, I), R(_llseek, F, U, U, P, I), R(sendfile, F, F, P, U), R(sendfile64, F, F, P, U),
	R(truncate, S, I), R(ftruncate, F, I), R(truncate64, S, N, U, U), R(ftruncate64, F, N, U, U),
	R(fsync, F), R(fdatasync, F), R(sync, N), R(syncfs, F),
	R(arm_fadvise64_64, F, I, U, U, U, U), R(arm_sync_file_range, F, H, U, U, U, U),
	R(fadvise64, F, I, U, I), R(sync_file_range, F, I, U, H), R(alarm, U),
	R(fallocate, F, H, U, U, U, U), R(readahead, F, N, U, U, U), R(memfd_create, S, H),
	R(copy_file_range, F, P, F, P, U, H), R(close_range, U, U, H),
	/* status (sys_stat.c) */
	R(stat64, S, P), R(lstat64, S, P), R(fstat64, F, P), R(fstatat64, F, S, P, H),
	{ "newfstatat", sys_fstatat64, { F, S, P, H } },
	R(statx, F, S, H, H, P), R(statfs64, S, U, P), R(fstatfs64, F, U, P),
	R(access, S, O), R(faccessat, F, S, O), R(faccessat2, F, S, O, H),
	R(chmod, S, O), R(fchmod, F, O), R(fchmodat, F, S, O),
	R(chown32, S, I, I), R(fchown32, F, I, I), R(lchown32, S, I, I),
	R(chown, S, I, I), R(fchown, F, I, I), R(lchown, S, I, I), R(fchownat, F, S, I, I, H),
	R(utimensat, F, S, P, H), R(utimensat_time64, F, S, P, H), R(utimes, S, P), R(utime, S, P),
	R(futimesat, F, S, P),
	/* directories and names (sys_dir.c) */
	R(mkdir, S, O), R(mkdirat, F, S, O), R(rmdir, S), R(unlink, S), R(unlinkat, F, S, H),
	R(rename, S, S), R(renameat, F, S, F, S), R(renameat2, F, S, F, S, H),
	R(link, S, S), R(linkat, F, S, F, S, H), R(symlink, S, S), R(symlinkat, S, F, S),
	R(readlink, S, P, U), R(readlinkat, F, S, P, U), R(getdents64, F, P, U),
	R(getcwd, P, U), R(chdir, S), R(fchdir, F), R(chroot, S), R(umask, O),
	R(mknod, S, O, H), R(mknodat, F, S, O, H),
	/* descriptors (sys_fd.c, sys_ioctl.c) */
	R(dup, F), R(dup2, F, NF), R(dup3, F, NF, H), R(pipe, P), R(pipe2, P, H),
	R(fcntl, F, I, H), R(fcntl64, F, I, H), R(flock, F, I), R(ioctl, F, H, H),
	R(eventfd, U), R(eventfd2, U, H), R(signalfd, F, P, U), R(signalfd4, F, P, U, H),
	/* waiting for descriptors (sys_poll.c) */
	R(poll, P, U, I), R(ppoll, P, U, P, P, U), R(ppoll_time64, P, U, P, P, U),
	R(_newselect, I, P, P, P, P), R(pselect6, I, P, P, P, P, P),
	R(pselect6_time64, I, P, P, P, P, P),
	/* time (sys_time.c) */
	R(gettimeofday, P, P), R(settimeofday, P, P), R(clock_gettime, I, P),
	R(clock_gettime64, I, P), R(clock_getres, I, P), R(clock_getres_time64, I, P),
	R(clock_nanosleep, I, H, P, P), R(clock_nanosleep_time64, I, H, P, P), R(nanosleep, P, P),
	R(times, P), R(getitimer, I, P), R(setitimer, I, P, P),
	/* identity (sys_ident.c) */
	R(uname, P), R(sethostname, S, U),
	R(getuid32, N), R(geteuid32, N), R(getgid32, N), R(getegid32, N),
	R(getuid, N), R(geteuid, N), R(getgid, N), R(getegid, N),
	R(getgroups32, I, P), R(getgroups, I, P), R(setgroups32, I, P), R(setgroups, I, P),
	R(setuid32, I), R(setgid32, I), R(setreuid32, I, I), R(setregid32, I, I),
	R(setresuid32, I, I, I), R(setresgid32, I, I, I), R(getresuid32, P, P, P),
	R(getresgid32, P, P, P), R(setuid, I), R(setgid, I), R(setreuid, I, I), R(setregid, I, I),
	R(setresuid, I, I, I), R(setresgid, I, I, I), R(getresuid, P, P, P), R(getresgid, P, P, P),
	R(setfsuid32, I), R(setfsgid32, I),
	R(getppid, N), R(getpgid, I), R(setpgid, I, I), R(getsid, I), R(setsid, N), R(getpgrp, N),
	/* system information and scheduling (sys_sys.c) */
	R(sysinfo, P), R(getrandom, P, U, H), R(getcpu, P, P, P), R(sched_yield, N),
	R(sched_getaffinity, I, U, P), R(sched_setaffinity, I, U, P),
	R(sched_getscheduler, I), R(sched_getparam, I, P), R(sched_get_priority_max, I),
	R(sched_get_priority_min, I), R(getpriority, I, I), R(setpriority, I, I, I),
	R(membarrier, I, H, I),
	/* process (sys_proc.c, sys_exec.c, sys_limits.c, sys_futex.c) */
	R(prctl, I, H, H, H, H), R(ugetrlimit, I, P), R(getrlimit, I, P), R(setrlimit, I, P), R(prlimit64, I, I, P, P),
	R(getrusage, I, P), R(set_robust_list, P, U), R(get_robust_list, I, P, P),
	R(futex, P, I, I, P, P, I), R(futex_time64, P, I, I, P, P, I),
	R(wait4, I, P, H, P), R(waitid, I, I, P, H, P), R(fork, N), R(vfork, N),
	R(clone, H, P, P, P, P), R(execve, S, P, P), R(personality, H),
	/* memory beside mappings (sys_mem.c) */
	R(msync, P, U, H), R(mincore, P, U, P), R(mlock, P, U), R(munlock, P, U), R(rseq, P, U, H, H),
	/* epoll (sys_epoll.c) */
	R(epoll_create, I), R(epoll_create1, H), R(epoll_ctl, F, I, F, P), R(epoll_wait, F, P, I, I),
	R(epoll_pwait, F, P, I, I, P, U), R(epoll_pwait2, F, P, I, P, P, U),
	/* extended attributes (sys_xattr.c) */
	R(setxattr, S, S, P, U, H), R(lsetxattr, S, S, P, U, H), R(fsetxattr, F, S, P, U, H),
	R(getxattr, S, S, P, U), R(lgetxattr, S, S, P, U), R(fgetxattr, F, S, P, U),
	R(listxattr, S, P, U), R(llistxattr, S, P, U), R(flistxattr, F, P, U),
	R(removexattr, S, S), R(lremovexattr, S, S), R(fremovexattr, F, S),
	/* host pass-through (sys_misc.c) */
	R(nice, I), R(sched_setscheduler, I, I, P), R(sched_setparam, I, P),
	R(sched_rr_get_interval, I, P), R(sched_rr_get_interval_time64, I, P),
	R(splice, F, P, F, P, U, H), R(tee, F, F, U, H), R(inotify_init, N), R(inotify_init1, H),
	R(inotify_add_watch, F, S, H), R(inotify_rm_watch, F, I), R(timerfd_create, I, H),
	R(timerfd_settime, F, H, P, P), R(timerfd_settime64, F, H, P, P), R(timerfd_gettime, F, P),
	R(timerfd_gettime64, F, P), R(capget, P, P), R(capset, P, P), R(setdomainname, S, U),
	R(unshare, H), R(mount, S, S, S, H, P), R(umount2, S, H), R(openat2, F, S, P, U),
	R(pidfd_open, I, H), R(ioprio_get, I, I), R(ioprio_set, I, I, I),
	/* other processes (sys_procvm.c) */
	R(process_vm_readv, I, P, U, P, U, H), R(process_vm_writev, I, P, U, P, U, H), R(kcmp, I, I, I, U, U),
	R(pidfd_send_signal, F, I, P, H),
	/* sockets (sys_socket.c) */
	R(socket, I, H, I), R(socketpair, I, H, I, P), R(bind, F, P, U), R(connect, F, P, U),
	R(listen, F, I), R(shutdown, F, I), R(accept, F, P, P), R(accept4, F, P, P, H),
	R(getsockname, F, P, P), R(getpeername, F, P, P), R(send, F, P, U, H),
	R(sendto, F, P, U, H, P, U), R(recv, F, P, U, H), R(recvfrom, F, P, U, H, P, P),
	R(setsockopt, F, I, I, P, U), R(getsockopt, F, I, I, P, P), R(sendmsg, F, P, H),
	R(recvmsg, F, P, H), R(sendmmsg, F, P, U, H), R(recvmmsg, F, P, U, H, P),
	R(recvmmsg_time64, F, P, U, H, P),
	/* System V semaphores and message queues (sys_ipc.c) */
	R(semget, I, I, H), R(semctl, I, I, I, H), R(semop, I, P, U), R(semtimedop, I, P, U, P),
	R(semtimedop_time64, I, P, U, P), R(msgget, I, H), R(msgctl, I, I, P),
	R(msgsnd, I, P, U, H), R(msgrcv, I, P, U, I, H), R(mlock2, P, U, H), R(vmsplice, F, P, U, H),
	R(clone3, P, U), R(sched_setattr, I, P, H), R(sched_getattr, I, P, U, H),
	R(pidfd_getfd, F, F, H), R(stat, S, P), R(lstat, S, P), R(fstat, F, P),
	R(statfs, S, P), R(fstatfs, F, P), R(getdents, F, P, U),
	R(execveat, F, S, P, P, H), R(preadv2, F, P, I, U, U, H), R(pwritev2, F, P, I, U, U, H),
	R(setns, F, H), R(clock_settime, I, P), R(clock_settime64, I, P), R(setfsuid, I), R(setfsgid, I),
	/* POSIX timers (sys_timer.c) */
	R(timer_create, I, P, P), R(timer_settime, I, H, P, P), R(timer_settime64, I, H, P, P),
	R(timer_gettime, I, P), R(timer_gettime64, I, P), R(timer_getoverrun, I), R(timer_delete, I),
	/* memory locking (sys_mem.c) and System V shared memory (sys_shm.c) */
	R(mlockall, H), R(munlockall, N), R(shmget, I, U, H), R(shmat, I, P, H), R(shmdt, P), R(shmctl, I, I, P),
};
const unsigned linux_sc_nimpls = sizeof linux_sc_impls / sizeof linux_sc_impls[0];

/* The joined table of the ABI in use (one ABI per process). */
static struct sc_entry *table;
static unsigned table_len;
static const struct linux_arch *table_arch;

static void build_table(const struct linux_arch *arch)
{
	unsigned top = 0;
	for (unsigned i = 0; i < arch->nnumbers; i++)
		if (arch->numbers[i].nr - arch->sc_base + 1 > top)
			top = arch->numbers[i].nr - arch->sc_base + 1;
	free(table);
	table = calloc(top, sizeof *table);
	if (!table) {
		fprintf(stderr, "mimic: out of memory for the syscall table\n");
		exit(1);
	}
	table_len = top;
	table_arch = arch;
	for (unsigned i = 0; i < arch->nnumbers; i++) {
		struct sc_entry *e = &table[arch->numbers[i].nr - arch->sc_base];
		e->name = arch->numbers[i].name;
		const struct sc_impl *impl = sc_impl_find(arch->impls, arch->nimpls, e->name);
		if (!impl)
			impl = sc_impl_find(linux_sc_impls, linux_sc_nimpls, e->name);
		if (impl) {
			e->fn = impl->fn;
			memcpy(e->args, impl->args, sizeof e->args);
		}
	}
}

static const struct sc_entry *lookup(struct linux_proc *p, unsigned nr)
{
	if (table_arch != p->arch) {
		build_table(p->arch);
		sc_exe_init(p);
	}
	unsigned i = nr - p->arch->sc_base;
	if (nr >= p->arch->sc_base && i < table_len && table[i].name)
		return &table[i];
	return p->arch->private_call ? p->arch->private_call(nr) : NULL;
}

long linux_syscall(struct linux_proc *p, unsigned nr, const uint64_t a[6])
{
	const struct sc_entry *e = lookup(p, nr);
	if (!e) {
		fprintf(stderr, "mimic: unknown syscall %u\n", nr);
		if (p->strace)
			strace_unknown(nr);
		return abi_errno_out(p->arch->abi, -ENOSYS);
	}
	/* rt_sigreturn has no call to make again. */
	bool sigreturn = e->fn == sys_rt_sigreturn || e->fn == sys_sigreturn;
	return abi_errno_out(p->arch->abi, sc_run(p, e, nr, a, sigreturn));
}
