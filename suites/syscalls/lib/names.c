/* Name tables: errno values, signals and si_code values. Built from the
 * symbolic constants so each ABI's own numbering is used. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

struct name {
	int value;
	const char *name;
};

#define N(x) { x, #x }

/* Canonical names first: aliases (EWOULDBLOCK, EDEADLOCK, ENOTSUP) share values. */
static const struct name errnos[] = {
	N(EPERM), N(ENOENT), N(ESRCH), N(EINTR), N(EIO), N(ENXIO), N(E2BIG),
	N(ENOEXEC), N(EBADF), N(ECHILD), N(EAGAIN), N(ENOMEM), N(EACCES),
	N(EFAULT), N(ENOTBLK), N(EBUSY), N(EEXIST), N(EXDEV), N(ENODEV),
	N(ENOTDIR), N(EISDIR), N(EINVAL), N(ENFILE), N(EMFILE), N(ENOTTY),
	N(ETXTBSY), N(EFBIG), N(ENOSPC), N(ESPIPE), N(EROFS), N(EMLINK),
	N(EPIPE), N(EDOM), N(ERANGE), N(EDEADLK), N(ENAMETOOLONG), N(ENOLCK),
	N(ENOSYS), N(ENOTEMPTY), N(ELOOP), N(ENOMSG), N(EIDRM), N(ENOSTR),
	N(ENODATA), N(ETIME), N(ENOSR), N(EREMOTE), N(ENOLINK), N(EPROTO),
	N(EBADMSG), N(EOVERFLOW), N(EILSEQ), N(EUSERS), N(ENOTSOCK),
	N(EDESTADDRREQ), N(EMSGSIZE), N(EPROTOTYPE), N(ENOPROTOOPT),
	N(EPROTONOSUPPORT), N(ESOCKTNOSUPPORT), N(EOPNOTSUPP), N(EPFNOSUPPORT),
	N(EAFNOSUPPORT), N(EADDRINUSE), N(EADDRNOTAVAIL), N(ENETDOWN),
	N(ENETUNREACH), N(ENETRESET), N(ECONNABORTED), N(ECONNRESET),
	N(ENOBUFS), N(EISCONN), N(ENOTCONN), N(ESHUTDOWN), N(ETOOMANYREFS),
	N(ETIMEDOUT), N(ECONNREFUSED), N(EHOSTDOWN), N(EHOSTUNREACH),
	N(EALREADY), N(EINPROGRESS), N(ESTALE), N(EDQUOT), N(ECANCELED),
	N(EOWNERDEAD), N(ENOTRECOVERABLE), N(ENOKEY), N(EKEYEXPIRED),
	N(EKEYREVOKED), N(EKEYREJECTED), N(ERFKILL), N(EHWPOISON),
};

static const struct name signals[] = {
	N(SIGHUP), N(SIGINT), N(SIGQUIT), N(SIGILL), N(SIGTRAP), N(SIGABRT),
	N(SIGBUS), N(SIGFPE), N(SIGKILL), N(SIGUSR1), N(SIGSEGV), N(SIGUSR2),
	N(SIGPIPE), N(SIGALRM), N(SIGTERM), N(SIGCHLD),
	N(SIGCONT), N(SIGSTOP), N(SIGTSTP), N(SIGTTIN), N(SIGTTOU), N(SIGURG),
	N(SIGXCPU), N(SIGXFSZ), N(SIGVTALRM), N(SIGPROF), N(SIGWINCH),
	N(SIGIO), N(SIGPWR), N(SIGSYS),
	/* Signals only some ABIs have (MIPS has SIGEMT, no SIGSTKFLT). */
#ifdef SIGSTKFLT
	N(SIGSTKFLT),
#endif
#ifdef SIGEMT
	N(SIGEMT),
#endif
};

/* si_code values that mean the same for every signal (zero or negative,
 * plus SI_KERNEL). */
static const struct name generic_codes[] = {
	N(SI_USER), N(SI_KERNEL), N(SI_QUEUE), N(SI_TIMER), N(SI_MESGQ),
	N(SI_ASYNCIO), N(SI_SIGIO), N(SI_TKILL),
};

static const struct name segv_codes[] = { N(SEGV_MAPERR), N(SEGV_ACCERR) };
static const struct name bus_codes[] = { N(BUS_ADRALN), N(BUS_ADRERR), N(BUS_OBJERR) };
static const struct name ill_codes[] = {
	N(ILL_ILLOPC), N(ILL_ILLOPN), N(ILL_ILLADR), N(ILL_ILLTRP),
	N(ILL_PRVOPC), N(ILL_PRVREG), N(ILL_COPROC), N(ILL_BADSTK),
};
static const struct name fpe_codes[] = {
	N(FPE_INTDIV), N(FPE_INTOVF), N(FPE_FLTDIV), N(FPE_FLTOVF),
	N(FPE_FLTUND), N(FPE_FLTRES), N(FPE_FLTINV), N(FPE_FLTSUB),
};
static const struct name chld_codes[] = {
	N(CLD_EXITED), N(CLD_KILLED), N(CLD_DUMPED), N(CLD_TRAPPED),
	N(CLD_STOPPED), N(CLD_CONTINUED),
};
static const struct name trap_codes[] = { N(TRAP_BRKPT), N(TRAP_TRACE) };

struct code_table {
	int sig;
	const struct name *codes;
	size_t count;
};

#define T(sig, tab) { sig, tab, sizeof(tab) / sizeof(tab[0]) }
static const struct code_table code_tables[] = {
	T(SIGSEGV, segv_codes), T(SIGBUS, bus_codes), T(SIGILL, ill_codes),
	T(SIGFPE, fpe_codes), T(SIGCHLD, chld_codes), T(SIGTRAP, trap_codes),
};

static const char *lookup(const struct name *tab, size_t n, int value)
{
	for (size_t i = 0; i < n; i++)
		if (tab[i].value == value)
			return tab[i].name;
	return NULL;
}

/* Unknown values get a per-call buffer: callers print them at once. */
static const char *unknown(const char *prefix, int value)
{
	static char buf[4][32];
	static unsigned next;
	char *b = buf[next++ % 4];
	snprintf(b, sizeof buf[0], "%s%d", prefix, value);
	return b;
}

const char *t_errname(int err)
{
	const char *n = lookup(errnos, sizeof errnos / sizeof errnos[0], err);
	return n ? n : unknown("errno#", err);
}

const char *t_signame(int sig)
{
	const char *n = lookup(signals, sizeof signals / sizeof signals[0], sig);
	if (n)
		return n;
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		return unknown("SIGRTMIN+", sig - SIGRTMIN);
	return unknown("signal#", sig);
}

const char *t_codename(int sig, int code)
{
	const char *n;
	if (code > 0 && code != SI_KERNEL) {
		for (size_t i = 0; i < sizeof code_tables / sizeof code_tables[0]; i++) {
			if (code_tables[i].sig != sig)
				continue;
			n = lookup(code_tables[i].codes, code_tables[i].count, code);
			if (n)
				return n;
		}
	}
	n = lookup(generic_codes, sizeof generic_codes / sizeof generic_codes[0], code);
	return n ? n : unknown("si_code#", code);
}
