/* Runs argv[1] (with the arguments after it) through execv and, when
 * that fails, prints the error by name: a program of another operating
 * system must fail with ENOEXEC, as the kernel refuses what no binary
 * format handler takes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	execv(argv[1], argv + 1);
	printf("execv = -1 %s\n", strerrorname_np(errno));
	return 1;
}
