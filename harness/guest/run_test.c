#define _GNU_SOURCE
#include "run_test.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int redirect(const char *path, int flags, int target)
{
	int fd = open(path, flags, 0644);

	if (fd < 0 || dup2(fd, target) < 0)
		return -1;
	if (fd != target)
		close(fd);
	return 0;
}

/* Any failure before the program runs goes back to the runner as errno.
 * The output files are opened before the chroot, which hides them. */
static _Noreturn void child(const struct test_run *run, int report)
{
	char *argv[RUN_TEST_MAX_ARGS + 2] = { (char *)run->name };
	sigset_t none;
	size_t n = 0;
	int e;

	while (n < RUN_TEST_MAX_ARGS && run->args[n] != NULL) {
		argv[n + 1] = run->args[n];
		n++;
	}
	argv[n + 1] = NULL;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (redirect(run->out, O_WRONLY | O_CREAT | O_TRUNC, 1) == 0 &&
	    (run->err != NULL ? redirect(run->err, O_WRONLY | O_CREAT | O_TRUNC, 2) == 0
			      : dup2(1, 2) == 2) &&
	    (run->root == NULL || chroot(run->root) == 0) &&
	    chdir(run->dir) == 0 &&
	    redirect("/dev/null", O_RDONLY, 0) == 0)
		execve(run->path, argv, run->envp);
	e = errno;
	if (write(report, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reaps whatever has exited; returns 1 once `pid` is among them. */
static int reap(pid_t pid, int *status)
{
	int found = 0, st;
	pid_t r;

	while ((r = waitpid(-1, &st, WNOHANG)) > 0) {
		if (r == pid) {
			*status = st;
			found = 1;
		}
	}
	return found;
}

static void kill_everyone(void)
{
	kill(-1, SIGKILL);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
}

struct outcome run_test(const struct test_run *run)
{
	struct outcome o = { OUTCOME_NOEXEC, 0 };
	double deadline = now() + run->timeout_s;
	sigset_t chld;
	int report[2], status = 0, e;
	pid_t pid;

	if (pipe2(report, O_CLOEXEC) != 0) {
		o.value = errno;
		return o;
	}
	pid = fork();
	if (pid == 0)
		child(run, report[1]);
	close(report[1]);
	if (pid < 0) {
		o.value = errno;
		close(report[0]);
		return o;
	}
	/* execve closes the pipe on success; otherwise the child sends errno. */
	if (read(report[0], &e, sizeof e) == (ssize_t)sizeof e) {
		close(report[0]);
		o.value = e;
		kill_everyone();
		return o;
	}
	close(report[0]);

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	for (;;) {
		double left;
		struct timespec ts;

		if (reap(pid, &status))
			break;
		left = deadline - now();
		if (left <= 0) {
			o.kind = OUTCOME_TIMEOUT;
			kill_everyone();
			return o;
		}
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		sigtimedwait(&chld, NULL, &ts);
	}
	if (WIFSIGNALED(status)) {
		o.kind = OUTCOME_SIGNAL;
		o.value = WTERMSIG(status);
	} else if ((status & 0xff) == 0x80) {
		/* MIPS has a signal 128: the kernel reports a death by it as
		 * status 0x80, which the W* macros read as exit 0. */
		o.kind = OUTCOME_SIGNAL;
		o.value = 128;
	} else {
		o.kind = OUTCOME_EXIT;
		o.value = WEXITSTATUS(status);
	}
	kill_everyone();
	return o;
}
