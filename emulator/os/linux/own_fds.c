/* The emulator's own descriptors, kept across a guest's execve: mimic's
 * executable, opened at start-up, through which execve runs a new
 * emulator (execveat AT_EMPTY_PATH: no /proc and no path of mimic's is
 * needed, so exec keeps working in a chroot, after /proc is unmounted,
 * and in nested chroots), and the page of deaths by signals the host
 * lacks (proc_highsig.c), which the exec'd emulator keeps sharing with
 * its parent. The new emulator inherits them (-exefd, -notesfd). The
 * guest never sees them: calls naming one fail with EBADF, a dup2/dup3
 * onto one moves it first, and close_range leaves them open. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/linux/own_fds.h"

static int own[OWN_FDS] = { -1, -1 };

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

/* An inherited descriptor named on the command line, or -1. */
static int adopt(const char *arg, bool regular)
{
	struct stat st;
	char *end;
	long n = arg ? strtol(arg, &end, 10) : -1;
	if (n < 3 || n >= 1 << 20 || *end || fstat((int)n, &st) != 0 || (regular && !S_ISREG(st.st_mode)))
		return -1;
	fcntl((int)n, F_SETFD, FD_CLOEXEC);
	return (int)n;
}

void own_fds_init(const char *exefd, const char *notesfd)
{
	int fd = adopt(exefd, true);
	if (fd < 0)
		fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	own[OWN_EXE] = fd < 0 ? -1 : place(fd, high_slot());
	fd = adopt(notesfd, false);
	own[OWN_NOTES] = fd < 0 ? -1 : place(fd, high_slot());
}

int own_fd(enum own_fd which)
{
	return own[which];
}

void own_fd_keep(enum own_fd which, int fd)
{
	own[which] = fd < 0 ? -1 : place(fd, high_slot());
}

bool own_fds_hide(int fd)
{
	for (int i = 0; i < OWN_FDS; i++)
		if (fd >= 0 && own[i] == fd)
			return true;
	return false;
}

void own_fds_vacate(int fd)
{
	for (int i = 0; i < OWN_FDS; i++)
		if (fd >= 0 && own[i] == fd)
			own[i] = place(fd, fd - 1);
}

int own_fds_close_range(unsigned lo, unsigned hi, unsigned flags)
{
	/* The guest's range minus the emulator's descriptors, in order. */
	unsigned skip[OWN_FDS];
	int n = 0;
	for (int i = 0; i < OWN_FDS; i++)
		if (own[i] >= 0 && (unsigned)own[i] >= lo && (unsigned)own[i] <= hi)
			skip[n++] = (unsigned)own[i];
	if (n == 2 && skip[0] > skip[1]) {
		unsigned t = skip[0];
		skip[0] = skip[1];
		skip[1] = t;
	}
	unsigned from = lo;
	for (int i = 0; i < n; i++) {
		if (skip[i] > from && syscall(SYS_close_range, from, skip[i] - 1, flags) != 0)
			return -1;
		from = skip[i] + 1;
	}
	return from <= hi ? (int)syscall(SYS_close_range, from, hi, flags) : 0;
}

int own_fds_exec(char **argv, char **envp)
{
	int exe = own[OWN_EXE];
	if (exe < 0) {
		errno = ENOENT;
		return -1;
	}
	for (int i = 0; i < OWN_FDS; i++)
		if (own[i] >= 0)
			fcntl(own[i], F_SETFD, 0);
	execveat(exe, "", argv, envp, AT_EMPTY_PATH);
	int e = errno;
	for (int i = 0; i < OWN_FDS; i++)
		if (own[i] >= 0)
			fcntl(own[i], F_SETFD, FD_CLOEXEC);
	errno = e;
	return -1;
}
