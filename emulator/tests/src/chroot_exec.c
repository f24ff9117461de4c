/* chroot_exec DIR PROG [ARG...]: enters DIR (which has no /proc), takes
 * every descriptor number from 3 to 1099 and closes them all again, as
 * daemons and spawn helpers do, then runs PROG through execv. An emulator
 * that re-runs itself by path, or through a descriptor the guest could
 * take, fails here. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	if (chroot(argv[1]) != 0 || chdir("/") != 0) {
		printf("chroot = -1 %s\n", strerrorname_np(errno));
		return 1;
	}
	for (int fd = 3; fd < 1100; fd++)
		dup2(1, fd);
	close_range(3, ~0U, 0);
	execv(argv[2], argv + 2);
	printf("execv = -1 %s\n", strerrorname_np(errno));
	return 1;
}
