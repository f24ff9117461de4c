#define _GNU_SOURCE
/* Signal and si_code names for the transcript (numbers vary by nothing,
 * names read better and match across subjects). */
#include <signal.h>
#include <stdio.h>

#include "signames.h"

static const struct { int sig; const char *name; } sigs[] = {
	{ SIGILL, "SIGILL" }, { SIGSEGV, "SIGSEGV" }, { SIGBUS, "SIGBUS" },
	{ SIGTRAP, "SIGTRAP" }, { SIGFPE, "SIGFPE" },
};

static const struct { int sig, code; const char *name; } codes[] = {
	{ SIGILL, ILL_ILLOPC, "ILL_ILLOPC" }, { SIGILL, ILL_ILLOPN, "ILL_ILLOPN" },
	{ SIGILL, ILL_ILLADR, "ILL_ILLADR" }, { SIGILL, ILL_ILLTRP, "ILL_ILLTRP" },
	{ SIGILL, ILL_PRVOPC, "ILL_PRVOPC" }, { SIGILL, ILL_PRVREG, "ILL_PRVREG" },
	{ SIGILL, ILL_COPROC, "ILL_COPROC" }, { SIGILL, ILL_BADSTK, "ILL_BADSTK" },
	{ SIGSEGV, SEGV_MAPERR, "SEGV_MAPERR" }, { SIGSEGV, SEGV_ACCERR, "SEGV_ACCERR" },
	{ SIGBUS, BUS_ADRALN, "BUS_ADRALN" }, { SIGBUS, BUS_ADRERR, "BUS_ADRERR" },
	{ SIGBUS, BUS_OBJERR, "BUS_OBJERR" },
	{ SIGTRAP, TRAP_BRKPT, "TRAP_BRKPT" }, { SIGTRAP, TRAP_TRACE, "TRAP_TRACE" },
	{ SIGFPE, FPE_INTDIV, "FPE_INTDIV" }, { SIGFPE, FPE_INTOVF, "FPE_INTOVF" },
	{ SIGFPE, FPE_FLTDIV, "FPE_FLTDIV" }, { SIGFPE, FPE_FLTOVF, "FPE_FLTOVF" },
	{ SIGFPE, FPE_FLTUND, "FPE_FLTUND" }, { SIGFPE, FPE_FLTRES, "FPE_FLTRES" },
	{ SIGFPE, FPE_FLTINV, "FPE_FLTINV" }, { SIGFPE, FPE_FLTSUB, "FPE_FLTSUB" },
};

const int isa_signals[] = { SIGILL, SIGSEGV, SIGBUS, SIGTRAP, SIGFPE, 0 };

void sig_describe(char *buf, size_t cap, int sig, int code)
{
	const char *sn = NULL, *cn = NULL;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigs[i].sig == sig)
			sn = sigs[i].name;
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i].sig == sig && codes[i].code == code)
			cn = codes[i].name;
	char sb[16], cb[16];
	if (!sn)
		snprintf(sb, sizeof sb, "%d", sig), sn = sb;
	if (!cn) {
		if (code == SI_USER)
			cn = "SI_USER";
		else if (code == SI_KERNEL)
			cn = "SI_KERNEL";
		else
			snprintf(cb, sizeof cb, "%d", code), cn = cb;
	}
	snprintf(buf, cap, "sig=%s code=%s", sn, cn);
}
