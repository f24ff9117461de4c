/* Terminal job control: the kernel lets a process of a background process
 * group change its terminal (tcsetpgrp, tcsetattr, a write under TOSTOP)
 * when it blocks or ignores SIGTTOU, and read it (failing EIO) when it
 * blocks or ignores SIGTTIN; otherwise the signal goes to the group and
 * the call fails. It looks at the host thread's blocked set, but the
 * guest's mask is mimic's own (the host's is empty while guest code
 * runs): without this, a guest that blocked SIGTTOU (bash's
 * give_terminal_to) got the signal anyway, its call restarted for ever or
 * its job stopped once it unblocked. So a system call runs with the two
 * blocked on the host while the guest blocks them; one sent meanwhile
 * stays pending there and reaches the guest through the usual handler
 * once the call is over. Ignoring needs nothing: a guest SIG_IGN is the
 * host's (proc_signal_sync_host). */
#define _GNU_SOURCE
#include <signal.h>

#include "os/linux/linux.h"
#include "os/linux/proc_signal.h"

bool proc_jobctl_block(const struct linux_proc *p)
{
	linux_sigset ttou = SIGBIT(proc_sig_guest(p, SIG_TTOU)), ttin = SIGBIT(proc_sig_guest(p, SIG_TTIN));
	if (!(p->sigmask & (ttou | ttin)))
		return false;
	sigset_t set;
	sigemptyset(&set);
	if (p->sigmask & ttou)
		sigaddset(&set, SIGTTOU);
	if (p->sigmask & ttin)
		sigaddset(&set, SIGTTIN);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	return true;
}

/* The host mask is empty while guest code runs: unblocking the two puts
 * it back. */
void proc_jobctl_unblock(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTTOU);
	sigaddset(&set, SIGTTIN);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}
