/* MIPS signal numbers (arch/mips/include/uapi/asm/signal.h) against the
 * asm-generic ones of the host. SIGEMT has no host counterpart and takes
 * SIGSTKFLT's number, which MIPS lacks, so the mapping stays one to one.
 * Real-time signals (32 and up) are the same. */
#include <signal.h>

#include "os/linux/mips_linux.h"

static const unsigned char to_host[32] = {
	[1] = SIGHUP, [2] = SIGINT, [3] = SIGQUIT, [4] = SIGILL, [5] = SIGTRAP, [6] = SIGABRT,
	[7] = SIGSTKFLT /* SIGEMT */, [8] = SIGFPE, [9] = SIGKILL, [10] = SIGBUS, [11] = SIGSEGV,
	[12] = SIGSYS, [13] = SIGPIPE, [14] = SIGALRM, [15] = SIGTERM, [16] = SIGUSR1, [17] = SIGUSR2,
	[18] = SIGCHLD, [19] = SIGPWR, [20] = SIGWINCH, [21] = SIGURG, [22] = SIGIO, [23] = SIGSTOP,
	[24] = SIGTSTP, [25] = SIGCONT, [26] = SIGTTIN, [27] = SIGTTOU, [28] = SIGVTALRM,
	[29] = SIGPROF, [30] = SIGXCPU, [31] = SIGXFSZ,
};

int mips_sig_to_host(int sig)
{
	return sig > 0 && sig < 32 ? to_host[sig] : sig;
}

int mips_sig_from_host(int sig)
{
	if (sig <= 0 || sig >= 32)
		return sig;
	for (int g = 1; g < 32; g++)
		if (to_host[g] == sig)
			return g;
	return sig;
}
