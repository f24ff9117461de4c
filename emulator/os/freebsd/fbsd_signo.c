/* FreeBSD signal numbers (sys/sys/signal.h) against the host's. SIGEMT and
 * SIGINFO have no host counterpart and take SIGSTKFLT's and SIGPWR's
 * numbers, which FreeBSD lacks, so the mapping stays one to one. SIGTHR
 * (32) and SIGLIBRT (33) take the host's first two real-time signals and
 * FreeBSD's real-time signals (65..) the next ones, up to host signal 64,
 * which also carries mimic's wakes (as a Linux guest's signal 64 does). */
#include <signal.h>

#include "os/freebsd/freebsd.h"

static const unsigned char to_host[34] = {
	[1] = SIGHUP, [2] = SIGINT, [3] = SIGQUIT, [4] = SIGILL, [5] = SIGTRAP, [6] = SIGABRT,
	[7] = SIGSTKFLT /* SIGEMT */, [8] = SIGFPE, [9] = SIGKILL, [10] = SIGBUS, [11] = SIGSEGV,
	[12] = SIGSYS, [13] = SIGPIPE, [14] = SIGALRM, [15] = SIGTERM, [16] = SIGURG, [17] = SIGSTOP,
	[18] = SIGTSTP, [19] = SIGCONT, [20] = SIGCHLD, [21] = SIGTTIN, [22] = SIGTTOU, [23] = SIGIO,
	[24] = SIGXCPU, [25] = SIGXFSZ, [26] = SIGVTALRM, [27] = SIGPROF, [28] = SIGWINCH,
	[29] = SIGPWR /* SIGINFO */, [30] = SIGUSR1, [31] = SIGUSR2, [32] = 34 /* SIGTHR */,
	[33] = 35 /* SIGLIBRT */,
};
#define FBSD_SIGRTMIN 65
#define HOST_RT_FIRST 36
#define HOST_RT_LAST 64

int fbsd_sig_to_host(int sig)
{
	if (sig > 0 && sig < 34)
		return to_host[sig];
	if (sig >= FBSD_SIGRTMIN && sig - FBSD_SIGRTMIN + HOST_RT_FIRST <= HOST_RT_LAST)
		return sig - FBSD_SIGRTMIN + HOST_RT_FIRST;
	return 0;
}

int fbsd_sig_from_host(int sig)
{
	if (sig >= HOST_RT_FIRST && sig <= HOST_RT_LAST)
		return sig - HOST_RT_FIRST + FBSD_SIGRTMIN;
	for (int g = 1; g < 34; g++)
		if (to_host[g] == sig)
			return g;
	return 0;
}
