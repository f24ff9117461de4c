/* FreeBSD child processes: waiting (wait4, wait6) with FreeBSD's option
 * bits, wait statuses, struct rusage and siginfo, and getrusage; fork,
 * vfork and execve are the shared handlers (fbsd_syscall.c). Values from
 * FreeBSD 13's sys/sys/wait.h, resource.h and signal.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os/freebsd/fbsd_sys.h"
#include "os/linux/proc_signal.h"

/* wait.h: WNOHANG 1, WUNTRACED (WSTOPPED) 2, WCONTINUED 4, WNOWAIT 8,
 * WEXITED 16, WTRAPPED 32 (ptrace stops: none under mimic). */
static const struct flag_map wait_options[] = {
	{ 1, WNOHANG }, { 2, WSTOPPED }, { 4, WCONTINUED }, { 8, WNOWAIT }, { 16, WEXITED }, { 0, 0 },
};
#define F_WTRAPPED 32u

/* wait.h: the status of a continued child is 0x13 (SIGCONT's number). */
#define F_WCONTINUED_STATUS 0x13
#define F_WCOREFLAG 0x80

/* idtype_t of wait6 -> host: P_PID 0, P_PGID 2, P_ALL 7 (the kinds the
 * host can wait for); -1 for the others. */
static int host_idtype(uint64_t t) { return t == 0 ? P_PID : t == 2 ? P_PGID : t == 7 ? P_ALL : -1; }

struct waited {
	siginfo_t si;
	struct rusage ru;
};

/* The host's waitid, whose status is the child's exit in si (a death by
 * a signal the host lacks reported as that signal). 0 or -errno. */
static long host_waitid(int idtype, int id, int options, struct waited *w)
{
	memset(w, 0, sizeof *w);
	/* A child named by its pid may be pdfork's, which has no exit
	 * signal: a host clone child. */
	if (idtype == P_PID)
		options |= __WALL;
	if (syscall(SYS_waitid, idtype, id, &w->si, options, &w->ru) < 0)
		return sc_err();
	int high = w->si.si_pid && w->si.si_code == CLD_EXITED ? proc_highsig_reaped(w->si.si_pid, options & WNOWAIT)
							     : 0;
	if (high) {
		w->si.si_code = (high & 0x7f) ? CLD_KILLED : CLD_EXITED;
		w->si.si_status = (high & 0x7f) ? high & 0x7f : (high >> 8) & 0xff;
	}
	return 0;
}

/* si_status as FreeBSD reports a signal: its FreeBSD number. */
static int guest_status(const struct waited *w)
{
	return w->si.si_code == CLD_EXITED ? w->si.si_status : fbsd_sig_from_host(w->si.si_status);
}

/* The wait status word (wait.h's W* macros). */
static uint32_t wait_status(const struct waited *w)
{
	int s = guest_status(w);
	switch (w->si.si_code) {
	case CLD_EXITED:
		return (uint32_t)(s & 0xff) << 8;
	case CLD_KILLED:
		return (uint32_t)s;
	case CLD_DUMPED:
		return (uint32_t)s | F_WCOREFLAG;
	case CLD_CONTINUED:
		return F_WCONTINUED_STATUS;
	default: /* stopped or trapped */
		return (uint32_t)s << 8 | 0x7f;
	}
}

int fbsd_child_exit_status(int pid, uint32_t *status)
{
	struct waited w;
	long r = host_waitid(P_PID, pid, WEXITED | WNOHANG | WNOWAIT, &w);
	if (r < 0)
		return (int)r;
	if (!w.si.si_pid)
		return 0;
	*status = wait_status(&w);
	return 1;
}

/* struct rusage: two struct timeval (64-bit time_t, a C long of
 * microseconds: 16 bytes each on every FreeBSD), then 14 C longs. */
static unsigned rusage_size(const struct linux_proc *p) { return 32 + 14 * sc_wordsize(p); }

static void rusage_image(struct gimage *g, const struct linux_proc *p, unsigned off, const struct rusage *ru)
{
	const long rest[14] = {
		ru->ru_maxrss, ru->ru_ixrss, ru->ru_idrss, ru->ru_isrss, ru->ru_minflt,
		ru->ru_majflt, ru->ru_nswap, ru->ru_inblock, ru->ru_oublock, ru->ru_msgsnd,
		ru->ru_msgrcv, ru->ru_nsignals, ru->ru_nvcsw, ru->ru_nivcsw,
	};
	gi_u64(g, off, (uint64_t)ru->ru_utime.tv_sec);
	gi_long(g, p, off + 8, (uint64_t)ru->ru_utime.tv_usec);
	gi_u64(g, off + 16, (uint64_t)ru->ru_stime.tv_sec);
	gi_long(g, p, off + 24, (uint64_t)ru->ru_stime.tv_usec);
	for (unsigned i = 0; i < 14; i++)
		gi_long(g, p, off + 32 + i * sc_wordsize(p), (uint64_t)rest[i]);
}

static int put_rusage(struct linux_proc *p, uint64_t addr, const struct rusage *ru)
{
	struct gimage g;
	gi_init(&g, p);
	rusage_image(&g, p, 0, ru);
	return gi_put(p, addr, &g, rusage_size(p));
}

/* Guest options -> host, or -EINVAL for bits FreeBSD's kern_wait6
 * refuses. */
static long host_options(uint64_t guest, int *host)
{
	uint32_t g = (uint32_t)guest & ~F_WTRAPPED;
	unsigned known = 0;
	for (const struct flag_map *m = wait_options; m->guest; m++)
		known |= m->guest;
	if (g & ~known)
		return -EINVAL;
	*host = (int)abi_flags_in(wait_options, g);
	return 0;
}

/* wait4(pid, status, options, rusage): pid > 0 one child, -1 any, 0 the
 * caller's process group, < -1 the group -pid; WEXITED is implied. */
FBSD(wait4)
{
	int pid = sc_int(a[0]), options;
	long r = host_options(a[2], &options);
	if (r < 0)
		return r;
	int idtype = pid > 0 ? P_PID : pid == -1 ? P_ALL : P_PGID;
	int id = pid > 0 ? pid : pid == -1 ? 0 : pid == 0 ? 0 : -pid;
	struct waited w;
	r = host_waitid(idtype, id, options | WEXITED, &w);
	if (r < 0)
		return r;
	if (!w.si.si_pid)
		return 0;
	if (a[1] && sc_put32(p, a[1], wait_status(&w)) < 0)
		return -EFAULT;
	if (a[3] && put_rusage(p, a[3], &w.ru) < 0)
		return -EFAULT;
	return w.si.si_pid;
}

/* siginfo_t (signal.h): si_signo, si_errno, si_code, si_pid, si_uid,
 * si_status, then si_addr and si_value (pointers) and a reason union:
 * 64 bytes on 32-bit FreeBSD, 80 on 64-bit. SIGCHLD is 20. */
static int put_child_siginfo(struct linux_proc *p, uint64_t addr, const struct waited *w)
{
	struct gimage g;
	gi_init(&g, p);
	gi_u32(&g, 0, w->si.si_pid ? 20 : 0);
	gi_u32(&g, 8, (uint32_t)w->si.si_code);
	gi_u32(&g, 12, (uint32_t)w->si.si_pid);
	gi_u32(&g, 16, w->si.si_uid);
	gi_u32(&g, 20, (uint32_t)guest_status(w));
	return gi_put(p, addr, &g, sc_wordsize(p) == 8 ? 80 : 64);
}

/* wait6(idtype, id, status, options, wrusage, info): struct __wrusage is
 * the child's rusage then its children's (which the host does not give
 * apart: zero). */
FBSD(wait6)
{
	uint64_t type = a[0];
	int64_t id = (int64_t)a[1];
	int options;
	long r = host_options(a[3], &options);
	if (r < 0)
		return r;
	int idtype = host_idtype(type);
	if (idtype < 0)
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	struct waited w;
	r = host_waitid(idtype, idtype == P_ALL ? 0 : (int)id, options, &w);
	if (r < 0)
		return r;
	if (w.si.si_pid && a[2] && sc_put32(p, a[2], wait_status(&w)) < 0)
		return -EFAULT;
	if (a[4]) {
		struct gimage g;
		struct rusage none;
		memset(&none, 0, sizeof none);
		gi_init(&g, p);
		rusage_image(&g, p, 0, &w.ru);
		rusage_image(&g, p, rusage_size(p), &none);
		if (gi_put(p, a[4], &g, 2 * rusage_size(p)) < 0)
			return -EFAULT;
	}
	if (a[5] && put_child_siginfo(p, a[5], &w) < 0)
		return -EFAULT;
	return w.si.si_pid;
}

/* getrusage(who, rusage): RUSAGE_SELF 0, RUSAGE_CHILDREN -1, RUSAGE_THREAD
 * 1, the host's values. */
FBSD(getrusage)
{
	struct rusage ru;
	if (getrusage(sc_int(a[0]), &ru) < 0)
		return sc_err();
	return put_rusage(p, a[1], &ru) < 0 ? -EFAULT : 0;
}

/* procctl(idtype, id, cmd, data): PROC_PDEATHSIG_CTL 11 and
 * PROC_PDEATHSIG_STATUS 12 (sys/sys/procctl.h) on the caller (P_PID 0
 * with its pid or 0): the signal its parent's death sends it, as the
 * host's PR_SET_PDEATHSIG. Other commands: EINVAL. */
FBSD(procctl)
{
	int64_t id = (int64_t)a[1];
	if (a[0] != 0 || (id != 0 && id != getpid()))
		return -EINVAL;
	uint32_t sig;
	int host;
	switch (sc_int(a[2])) {
	case 11:
		if (sc_get32(p, a[3], &sig) < 0)
			return -EFAULT;
		host = sig ? fbsd_sig_to_host((int)sig) : 0;
		if (sig && !host)
			return -EINVAL;
		return sc_ret(prctl(PR_SET_PDEATHSIG, host, 0, 0, 0));
	case 12:
		if (prctl(PR_GET_PDEATHSIG, &host, 0, 0, 0) < 0)
			return sc_err();
		return sc_put32(p, a[3], (uint32_t)(host ? fbsd_sig_from_host(host) : 0)) < 0 ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}
