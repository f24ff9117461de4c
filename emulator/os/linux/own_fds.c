/* mimic's own executable, kept open from start-up so a guest's execve
 * can run a new emulator through the descriptor (execveat AT_EMPTY_PATH):
 * no /proc and no path of mimic's is needed, so exec keeps working in a
 * chroot, after /proc is unmounted, and in nested chroots. The new
 * emulator inherits the descriptor (-exefd N). The guest never sees it:
 * calls naming it fail with EBADF, a dup2/dup3 onto it moves it first,
 * and close_range leaves it open. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/linux/self_exe.h"

static int exe_fd = -1;

/* The highest descriptor under the soft limit, capped so a huge limit
 * does not grow the kernel's descriptor table: far from the low numbers
 * guests allocate. */
static int high_slot(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 1024)
		return 1023;
	return rl.rlim_cur > 64 ? (int)rl.rlim_cur - 1 : 63;
}

/* Moves the descriptor to the highest free number at or below want,
 * else to the lowest free one above it. */
static int place(int fd, int want)
{
	for (int n = want; n > 2; n--) {
		if (n == fd)
			return fd;
		if (fcntl(n, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int r = fcntl(fd, F_DUPFD_CLOEXEC, n);
		if (r < 0)
			return fd;
		if (r != n) {
			close(r);
			continue;
		}
		close(fd);
		return r;
	}
	int r = fcntl(fd, F_DUPFD_CLOEXEC, want + 1);
	if (r < 0)
		return fd;
	close(fd);
	return r;
}

void self_exe_init(const char *inherited)
{
	int fd = -1;
	struct stat st;
	if (inherited) {
		char *end;
		long n = strtol(inherited, &end, 10);
		if (*end == 0 && n > 2 && n < 1 << 20 && fstat((int)n, &st) == 0 && S_ISREG(st.st_mode))
			fd = (int)n;
	}
	if (fd >= 0)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	else
		fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	exe_fd = fd < 0 ? -1 : place(fd, high_slot());
}

bool self_exe_hides(int fd)
{
	return exe_fd >= 0 && fd == exe_fd;
}

void self_exe_vacate(int fd)
{
	if (self_exe_hides(fd))
		exe_fd = place(exe_fd, exe_fd - 1);
}

int self_exe_close_range(unsigned lo, unsigned hi, unsigned flags)
{
	unsigned fd = (unsigned)exe_fd;
	if (exe_fd < 0 || fd < lo || fd > hi)
		return (int)syscall(SYS_close_range, lo, hi, flags);
	if (fd > lo && syscall(SYS_close_range, lo, fd - 1, flags) != 0)
		return -1;
	if (fd < hi)
		return (int)syscall(SYS_close_range, fd + 1, hi, flags);
	return 0;
}

int self_exe_fd(void)
{
	return exe_fd;
}

int self_exe_exec(char **argv, char **envp)
{
	if (exe_fd < 0) {
		errno = ENOENT;
		return -1;
	}
	fcntl(exe_fd, F_SETFD, 0);
	execveat(exe_fd, "", argv, envp, AT_EMPTY_PATH);
	int e = errno;
	fcntl(exe_fd, F_SETFD, FD_CLOEXEC);
	errno = e;
	return -1;
}
