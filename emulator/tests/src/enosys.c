/* System calls mimic does not run: one the ABI does not have, and one it
 * has but mimic leaves out. Both must fail with ENOSYS, and mimic names
 * them on stderr. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long rc)
{
	printf("%s = %ld %s\n", what, rc, rc < 0 ? strerrorname_np(errno) : "");
}

int main(void)
{
	show("syscall(9999)", syscall(9999, 0));
	show("kexec_load", syscall(SYS_kexec_load, 0, 0, 0, 0));
	return 0;
}
