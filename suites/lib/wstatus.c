/* wstatus FILE COMMAND [ARG...]: runs COMMAND and writes to FILE how it
 * ended, as a baseline's status line says it: "exit N" or "signal N" (the
 * host's signal number). A shell's $? cannot tell exit 130 from death by
 * signal 2; waitpid can. Exits 0 when FILE was written. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: wstatus FILE COMMAND [ARG...]\n");
		return 2;
	}
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "wstatus: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "wstatus: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "wstatus: waitpid: %s\n", strerror(errno));
			return 2;
		}
	FILE *f = fopen(argv[1], "w");
	if (!f) {
		fprintf(stderr, "wstatus: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	if (WIFSIGNALED(st))
		fprintf(f, "signal %d\n", WTERMSIG(st));
	else
		fprintf(f, "exit %d\n", WEXITSTATUS(st));
	return fclose(f) == 0 ? 0 : 2;
}
