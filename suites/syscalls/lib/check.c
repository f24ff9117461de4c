/* Transcript printing for the syscall conformance programs. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

long t_ret;
void *t_ptr;

void t_init(void)
{
	/* stdout is a file in the real guest: line buffering keeps the order
	 * of lines from parent and children the order they happened in. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	umask(022);
	/* Dispositions and the mask are inherited from the runner: reset
	 * them (SIGKILL, SIGSTOP and glibc's own signals refuse, harmlessly). */
	for (int sig = 1; sig < _NSIG; sig++)
		signal(sig, SIG_DFL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

long t_report(const char *what, long ret, int err, int hide_value)
{
	if (ret == -1)
		printf("%s = -1 %s\n", what, t_errname(err));
	else if (hide_value)
		printf("%s = ok\n", what);
	else
		printf("%s = %ld\n", what, ret);
	return ret;
}

void *t_report_ptr(const char *what, void *ret, void *failed, int err)
{
	if (ret == failed)
		printf("%s = fail %s\n", what, t_errname(err));
	else
		printf("%s = ok\n", what);
	return ret;
}

int t_report_rc(const char *what, int rc)
{
	if (rc == 0)
		printf("%s = 0\n", what);
	else
		printf("%s = %s\n", what, t_errname(rc));
	return rc;
}

int t_fact(const char *what, int holds)
{
	printf("%s: %s\n", what, holds ? "yes" : "no");
	return holds;
}

void t_say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

int t_fork(void)
{
	fflush(stdout);
	return fork();
}

void t_print_status(const char *what, int status)
{
	if (WIFEXITED(status))
		printf("%s: exit %d\n", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("%s: signal %s\n", what, t_signame(WTERMSIG(status)));
	else if (WIFSTOPPED(status))
		printf("%s: stopped %s\n", what, t_signame(WSTOPSIG(status)));
	else
		printf("%s: status %#x\n", what, status);
}

void t_wait_child(const char *what, pid_t child)
{
	int status;
	if (child <= 0)
		t_say("%s: not created", what);
	else if (waitpid(child, &status, 0) != child)
		t_say("%s: waitpid failed: %s", what, t_errname(errno));
	else
		t_print_status(what, status);
}

sigjmp_buf t_fault_env;
volatile sig_atomic_t t_fault_sig, t_fault_code;
void *volatile t_fault_addr;
static volatile sig_atomic_t fault_armed;

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	if (!fault_armed) {
		signal(sig, SIG_DFL);
		return;
	}
	fault_armed = 0;
	t_fault_sig = sig;
	t_fault_code = si->si_code;
	t_fault_addr = si->si_addr;
	siglongjmp(t_fault_env, 1);
}

void t_catch_faults(const int *sigs)
{
	/* SA_NODEFER: the signal is not blocked in the handler, so nothing
	 * depends on siglongjmp restoring the mask. */
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };
	sigemptyset(&sa.sa_mask);
	for (; *sigs; sigs++)
		sigaction(*sigs, &sa, NULL);
}

void t_fault_arm(void)
{
	t_fault_sig = 0;
	fault_armed = 1;
}

void t_fault_disarm(void) { fault_armed = 0; }

void t_say_fault(const char *what)
{
	t_say("%s: %s %s", what, t_signame(t_fault_sig), t_codename(t_fault_sig, t_fault_code));
}

void t_say_fault_at(const char *what, const void *expect)
{
	t_say("%s: %s %s, si_addr as expected: %s", what, t_signame(t_fault_sig),
	      t_codename(t_fault_sig, t_fault_code), t_fault_addr == expect ? "yes" : "no");
}
