/* Spawn benchmark: runs argv[2..] argv[1] times, one after the other,
 * through posix_spawn (vfork and execve) and waits for each; fails when
 * one does not exit 0. Under mimic the execve stays inside mimic; for
 * QEMU user mode the command is QEMU itself, so it does the same work. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

extern char **environ;

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: spawn N PROGRAM [ARG...]\n");
		return 2;
	}
	long n = strtol(argv[1], NULL, 10);
	for (long i = 0; i < n; i++) {
		pid_t pid;
		int status;
		if (posix_spawn(&pid, argv[2], NULL, NULL, argv + 2, environ) != 0 ||
		    waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "spawn: run %ld of %s failed\n", i, argv[2]);
			return 1;
		}
	}
	return 0;
}
