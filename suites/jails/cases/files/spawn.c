/* Starts /bin/true and /bin/false many times through fork, vfork and
 * posix_spawn, and counts the exit statuses. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int status(pid_t pid)
{
	int st;

	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static pid_t with_fork(char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static pid_t with_vfork(char *const argv[])
{
	pid_t pid = vfork();

	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static pid_t with_spawn(char *const argv[])
{
	pid_t pid;

	return posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) ? -1 : pid;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		pid_t (*start)(char *const argv[]);
	} ways[] = { { "fork", with_fork }, { "vfork", with_vfork }, { "posix_spawn", with_spawn } };
	char *t[] = { "/bin/true", NULL }, *f[] = { "/bin/false", NULL }, *m[] = { "/nonexistent", NULL };
	int n = argc > 1 ? atoi(argv[1]) : 100;

	for (unsigned w = 0; w < sizeof ways / sizeof ways[0]; w++) {
		int counts[3] = { 0, 0, 0 }, other = 0;

		for (int i = 0; i < n; i++) {
			int st = status(ways[w].start(i % 3 == 2 ? f : t));

			if (st == 0 || st == 1)
				counts[st]++;
			else
				other++;
		}
		counts[2] = status(ways[w].start(m));
		printf("%s: %d exit 0, %d exit 1, %d other; a missing program: %d\n", ways[w].name, counts[0],
		       counts[1], other, counts[2]);
	}
	return 0;
}
