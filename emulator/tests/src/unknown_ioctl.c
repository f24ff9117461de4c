/* ioctl requests no file has: one made twice, another once. Each fails
 * with ENOTTY; mimic names each request once under -d unimp and says
 * nothing otherwise. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static void call(int fd, unsigned long req)
{
	int rc = ioctl(fd, req, 0);
	printf("ioctl = %d %s\n", rc, rc < 0 ? strerrorname_np(errno) : "");
}

int main(void)
{
	int p[2];
	if (pipe(p) != 0)
		return 1;
	call(p[0], _IO('z', 1));
	call(p[0], _IO('z', 1));
	call(p[1], _IO('z', 2));
	return 0;
}
