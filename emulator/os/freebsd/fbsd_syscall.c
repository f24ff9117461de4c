/* FreeBSD system call dispatch. impls is the list of implemented
 * calls by FreeBSD name; at the first call it is joined with the table
 * generated from syscalls.tbl (names, argument kinds) into handlers by
 * number. A number FreeBSD does not have, or a call mimic does not run,
 * is reported on stderr (one line) and raises SIGSYS as FreeBSD's nosys()
 * does (kern.signosys), unless -enosys asks for ENOSYS alone. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/freebsd/fbsd_sys.h"
#include "os/freebsd/fbsd_table.h"
#include "os/linux/abi.h"
#include "os/linux/proc_signal.h"
#include "os/linux/syscall_run.h"
#include "trace/strace.h"

bool fbsd_unknown_enosys;

const char *fbsd_exec_option(void) { return fbsd_unknown_enosys ? "-enosys" : NULL; }

#define FB(call) { .name = #call, .fn = fbsd_##call }
#define LX(call) { .name = #call, .fn = sys_##call }

/* FreeBSD name -> handler: fbsd_* are FreeBSD's own (fbsd_sys.h), sys_*
 * the shared ones whose arguments mean the same on FreeBSD (flag values
 * go through the ABI's tables, fbsd_abi.c). */
static const struct sc_impl impls[] = {
	/* process and memory */
	FB(exit), LX(fork), LX(vfork), FB(pdfork), FB(pdkill), FB(pdgetpid), LX(execve), FB(wait4), FB(wait6), FB(getrusage), FB(procctl), LX(setpgid), { .name = "setuid", .fn = sys_setuid32 }, { .name = "setgid", .fn = sys_setgid32 }, LX(getpid), LX(getppid), LX(getuid), LX(geteuid), LX(getgid), LX(getegid),
	{ .name = "getgroups", .fn = sys_getgroups32 }, { .name = "setgroups", .fn = sys_setgroups32 }, LX(setsid), LX(getpgrp), LX(getpgid), LX(getsid), FB(issetugid),
	FB(mmap), LX(munmap), LX(mprotect), FB(madvise), FB(getrlimit), FB(setrlimit),
	LX(sched_yield), FB(yield), LX(getrandom), FB(cpuset_getaffinity), FB(__getcwd),
	/* signals */
	FB(sigaction), FB(sigprocmask), FB(sigaltstack), LX(kill), FB(sigreturn),
	FB(getcontext), FB(setcontext), FB(swapcontext),
	/* threads (fbsd_thr.c) */
	FB(thr_new), FB(thr_self), FB(thr_exit), FB(thr_kill), FB(_umtx_op), FB(thr_set_name),
	/* sysctl (fbsd_sysctl.c) */
	FB(__sysctl), FB(__sysctlbyname),
	/* time */
	FB(clock_gettime), FB(clock_getres), FB(nanosleep), FB(gettimeofday), FB(setitimer),
	/* files and descriptors */
	LX(read), LX(write), LX(readv), LX(writev), LX(open), LX(openat), LX(close), LX(dup),
	LX(dup2), FB(fcntl), LX(flock), LX(pipe2), LX(fsync), FB(lseek), FB(pread), FB(pwrite), FB(fstat),
	FB(fstatat), LX(access), LX(chdir), LX(fchdir), LX(unlink), LX(rmdir), LX(mkdir),
	LX(rename), LX(symlink), LX(link), LX(chmod), LX(fchmod), LX(umask), LX(readlink),
	FB(truncate), FB(chown), FB(lchown), FB(fchownat), FB(fchown), FB(mkfifo), FB(mkfifoat),
	FB(utimensat), FB(utimes), FB(lutimes), FB(futimesat), FB(futimens), FB(futimes),
	FB(ftruncate), FB(unlinkat), FB(getdirentries), FB(statfs), FB(fstatfs), FB(getfsstat), FB(kqueue), FB(kevent), { .name = "compat11.kevent", .fn = fbsd_compat11_kevent },
	/* sockets and terminals (fbsd_socket.c, fbsd_sockopt.c, fbsd_sockmsg.c, fbsd_ioctl.c) */
	FB(socket), FB(socketpair), FB(bind), FB(connect), FB(accept), FB(accept4), LX(listen), LX(shutdown),
	LX(poll), FB(select), FB(pselect), FB(ppoll), FB(getsockname), FB(getpeername), FB(sendto), FB(recvfrom), FB(setsockopt), FB(getsockopt),
	FB(sendmsg), FB(recvmsg), FB(sendfile), FB(ioctl), FB(posix_openpt),
};
#define NIMPLS (sizeof impls / sizeof impls[0])

/* Handlers by number (NULL: not implemented). */
static sc_handler *handlers;
static pthread_once_t handlers_once = PTHREAD_ONCE_INIT;
static const struct linux_arch *handlers_arch;

static void join(void)
{
	handlers = calloc(fbsd_sc_count, sizeof *handlers);
	if (!handlers) {
		fprintf(stderr, "mimic: out of memory for the syscall table\n");
		exit(1);
	}
	for (unsigned nr = 0; nr < fbsd_sc_count; nr++) {
		const char *name = fbsd_sc_descs[nr].name;
		if (!name)
			continue;
		const struct sc_impl *impl = sc_impl_find(impls, NIMPLS, name);
		if (!impl)
			impl = sc_impl_find(handlers_arch->impls, handlers_arch->nimpls, name);
		if (impl)
			handlers[nr] = impl->fn;
	}
}

static sc_handler handler(struct linux_proc *p, unsigned nr)
{
	if (!handlers) {
		handlers_arch = p->arch;
		sc_exe_init(p);
	}
	pthread_once(&handlers_once, join);
	return nr < fbsd_sc_count ? handlers[nr] : NULL;
}

unsigned fbsd_sc_args(unsigned nr, unsigned *wide)
{
	if (nr >= fbsd_sc_count || !fbsd_sc_descs[nr].name) {
		*wide = 0;
		return 0;
	}
	*wide = fbsd_sc_descs[nr].wide;
	return fbsd_sc_descs[nr].nargs;
}

bool fbsd_sc_ret_wide(unsigned nr) { return nr < fbsd_sc_count && fbsd_sc_descs[nr].ret_wide; }

long fbsd_errno(long r) { return abi_errno_out(&fbsd_abi_armv6, r); }

/* nosys(): SIGSYS for the calling thread, and ENOSYS. */
static long nosys(struct linux_proc *p, unsigned nr)
{
	const char *name = nr < fbsd_sc_count ? fbsd_sc_descs[nr].name : NULL;
	if (name)
		fprintf(stderr, "mimic: FreeBSD system call %s (%u) is not implemented\n", name, nr);
	else
		fprintf(stderr, "mimic: unknown FreeBSD system call %u\n", nr);
	if (!fbsd_unknown_enosys) {
		struct linux_siginfo info = { .signo = 12 /* SIGSYS */, .code = LINUX_SI_KERNEL };
		linux_signal_to_thread(p, p->tid, &info);
	}
	return -ENOSYS;
}

long fbsd_syscall(struct linux_proc *p, unsigned nr, const uint64_t a[8])
{
	sc_handler fn = handler(p, nr);
	const struct fbsd_sc_desc *d = nr < fbsd_sc_count && fbsd_sc_descs[nr].name ? &fbsd_sc_descs[nr] : NULL;
	/* No call has a descriptor past its sixth argument (syscalls.tbl),
	 * so the shared entry's six kinds are enough. */
	struct sc_entry e = { .name = d ? d->name : NULL, .fn = fn };
	if (d)
		memcpy(e.args, d->args, sizeof e.args);
	if (fn)
		return sc_run(p, &e, nr, a, fn == fbsd_sigreturn);
	if (p->strace) {
		if (d)
			strace_enter(p, &e, a);
		else
			strace_unknown(nr);
	}
	long r = nosys(p, nr);
	if (p->strace && d)
		strace_exit(r);
	return r;
}
