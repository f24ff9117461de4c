/* Descriptors: dup family, fcntl flags and record locks, pipes (blocking,
 * non-blocking, broken), poll/select readiness, FIONREAD, fd limits and
 * closing bad descriptors. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"

static char buf[256];

static void show_fd_flags(const char *what, int fd)
{
	int fdfl = fcntl(fd, F_GETFD);
	int fl = fcntl(fd, F_GETFL);
	if (fdfl < 0 || fl < 0) {
		t_say("%s: fcntl %s", what, t_errname(errno));
		return;
	}
	const char *mode = (fl & O_ACCMODE) == O_RDONLY ? "O_RDONLY"
		: (fl & O_ACCMODE) == O_WRONLY ? "O_WRONLY" : "O_RDWR";
	t_say("%s: %s%s%s%s", what, mode, fl & O_APPEND ? " O_APPEND" : "",
	      fl & O_NONBLOCK ? " O_NONBLOCK" : "", fdfl & FD_CLOEXEC ? " FD_CLOEXEC" : "");
}

static void duplicates(void)
{
	int fd = CHECK(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK(write(fd, "0123456789", 10));
	int d = CHECK(dup(fd));
	CHECK(lseek(d, 0, SEEK_CUR));
	CHECK(lseek(d, 2, SEEK_SET));
	CHECK(lseek(fd, 0, SEEK_CUR));
	CHECK(dup(-1));
	CHECK(dup(99));
	CHECK(dup2(fd, 10));
	CHECK(dup2(fd, 10));
	CHECK(dup2(fd, fd));
	CHECK(dup2(99, 10));
	CHECK(dup2(99, 99));
	CHECK(dup2(fd, -1));
	CHECK(dup2(fd, 1 << 20));
	CHECK(dup3(fd, 11, O_CLOEXEC));
	show_fd_flags("fd 11 from dup3 O_CLOEXEC", 11);
	show_fd_flags("fd 10 from dup2", 10);
	CHECK(dup3(fd, fd, 0));
	CHECK(dup3(fd, 12, O_NONBLOCK));
	CHECK(close(10));
	CHECK(close(11));
	CHECK(close(d));
	CHECK(close(d));
	CHECK(close(-1));
	CHECK(close(1 << 20));

	CHECK(fcntl(fd, F_DUPFD, 20));
	CHECK(fcntl(fd, F_DUPFD, 20));
	CHECK(fcntl(fd, F_DUPFD_CLOEXEC, 20));
	show_fd_flags("fd 22 from F_DUPFD_CLOEXEC", 22);
	CHECK(fcntl(fd, F_DUPFD, -1));
	CHECK(fcntl(fd, F_DUPFD, 1 << 20));
	CHECK(close(20));
	CHECK(close(21));
	CHECK(close(22));

	CHECK(fcntl(fd, F_GETFD));
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC));
	CHECK(fcntl(fd, F_GETFD));
	CHECK(fcntl(fd, F_SETFD, 0));
	show_fd_flags("f opened O_RDWR", fd);
	CHECK(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK));
	show_fd_flags("after F_SETFL O_APPEND|O_NONBLOCK", fd);
	CHECK(fcntl(fd, F_SETFL, O_RDONLY));
	show_fd_flags("after F_SETFL O_RDONLY (access mode kept)", fd);
	CHECK(fcntl(-1, F_GETFD));
	CHECK(fcntl(99, F_GETFL));
	CHECK(fcntl(fd, 12345));
	CHECK(close(fd));
}

static void show_lock(const char *what, const struct flock *l, pid_t owner)
{
	const char *type = l->l_type == F_UNLCK ? "F_UNLCK" : l->l_type == F_RDLCK ? "F_RDLCK"
		: l->l_type == F_WRLCK ? "F_WRLCK" : "?";
	if (l->l_type == F_UNLCK)
		t_say("%s: %s", what, type);
	else
		t_say("%s: %s start %lld len %lld pid %s", what, type, (long long)l->l_start,
		      (long long)l->l_len,
		      l->l_pid == owner ? "owner" : l->l_pid == -1 ? "-1" : "other");
}

static void locks(void)
{
	int fd = CHECK(open("f", O_RDWR));
	struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2, .l_len = 4 };
	CHECK(fcntl(fd, F_SETLK, &l));
	l = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
	CHECK(fcntl(fd, F_GETLK, &l));
	show_lock("own lock seen by F_GETLK", &l, getpid());
	l = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 8, .l_len = 1 };
	CHECK(fcntl(fd, F_SETLK, &l));

	pid_t parent = getpid();
	pid_t child = t_fork();
	if (child == 0) {
		int cfd = open("f", O_RDWR);
		struct flock c = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
		CHECK(fcntl(cfd, F_GETLK, &c));
		show_lock("child F_GETLK whole file", &c, parent);
		c = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 8, .l_len = 1 };
		CHECK(fcntl(cfd, F_GETLK, &c));
		show_lock("child F_GETLK read lock on 8", &c, parent);
		c = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 3, .l_len = 1 };
		CHECK(fcntl(cfd, F_SETLK, &c));
		c = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 6, .l_len = 2 };
		CHECK(fcntl(cfd, F_SETLK, &c));
		_exit(0);
	}
	int status;
	CHECK_OK(waitpid(child, &status, 0));
	FACT(child > 0);
	t_print_status("lock child", status);
	l = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 6, .l_len = 2 };
	CHECK(fcntl(fd, F_SETLK, &l));
	l = (struct flock){ .l_type = F_UNLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
	CHECK(fcntl(fd, F_SETLK, &l));
	l = (struct flock){ .l_type = 99, .l_whence = SEEK_SET };
	CHECK(fcntl(fd, F_SETLK, &l));
	l = (struct flock){ .l_type = F_RDLCK, .l_whence = 99 };
	CHECK(fcntl(fd, F_SETLK, &l));
	CHECK(fcntl(fd, F_SETLK, BADPTR));

	/* flock locks belong to the open file description. */
	int other = CHECK(open("f", O_RDONLY));
	CHECK(flock(fd, LOCK_EX));
	CHECK(flock(other, LOCK_SH | LOCK_NB));
	CHECK(flock(fd, LOCK_SH));
	CHECK(flock(other, LOCK_SH | LOCK_NB));
	CHECK(flock(other, LOCK_UN));
	CHECK(flock(fd, LOCK_UN));
	CHECK(flock(other, LOCK_EX | LOCK_NB));
	CHECK(flock(fd, 0));
	CHECK(flock(-1, LOCK_EX));
	CHECK(close(other));

	/* Open file description locks conflict between two opens in one process. */
	int fd2 = CHECK(open("f", O_RDWR));
	l = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5 };
	CHECK(fcntl(fd, F_OFD_SETLK, &l));
	l = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 1, .l_len = 1 };
	CHECK(fcntl(fd2, F_OFD_GETLK, &l));
	show_lock("F_OFD_GETLK through a second open", &l, getpid());
	l = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 1, .l_len = 1 };
	CHECK(fcntl(fd2, F_OFD_SETLK, &l));
	l.l_pid = 1;
	CHECK(fcntl(fd2, F_OFD_SETLK, &l));
	CHECK(close(fd2));
	CHECK(close(fd));
	CHECK(unlink("f"));
}

static void pipes(void)
{
	int p[2];
	CHECK(pipe(p));
	t_say("pipe fds: %d %d", p[0], p[1]);
	show_fd_flags("pipe read end", p[0]);
	show_fd_flags("pipe write end", p[1]);
	CHECK(write(p[1], "abc", 3));
	int n = -1;
	CHECK(ioctl(p[0], FIONREAD, &n));
	t_say("FIONREAD %d", n);
	CHECK(read(p[0], buf, 2));
	CHECK(ioctl(p[0], FIONREAD, &n));
	t_say("FIONREAD %d", n);
	CHECK(read(p[0], buf, sizeof buf));
	CHECK(read(p[1], buf, 1));
	CHECK(write(p[0], "x", 1));
	CHECK(lseek(p[0], 0, SEEK_SET));
	CHECK(pread(p[0], buf, 1, 0));
	struct termios tio;
	CHECK(ioctl(p[0], TCGETS, &tio));
	CHECK(syscall(SYS_ioctl, p[0], FIONREAD, BADPTR));
	CHECK(fcntl(p[0], F_GETPIPE_SZ));
	CHECK(fcntl(p[0], F_SETPIPE_SZ, 1 << 20) >= (1 << 20));
	CHECK(fcntl(p[0], F_GETPIPE_SZ));
	CHECK(fcntl(p[0], F_SETPIPE_SZ, 0) > 0);

	CHECK(fcntl(p[0], F_SETFL, O_NONBLOCK));
	CHECK(read(p[0], buf, 1));
	CHECK(close(p[1]));
	CHECK(read(p[0], buf, 1));
	CHECK(close(p[0]));

	CHECK(pipe2(p, O_NONBLOCK | O_CLOEXEC));
	show_fd_flags("pipe2 read end", p[0]);
	show_fd_flags("pipe2 write end", p[1]);
	long filled = 0, got;
	memset(buf, 'z', sizeof buf);
	while ((got = write(p[1], buf, sizeof buf)) > 0)
		filled += got;
	t_say("non-blocking write stopped with %s after %ld bytes", t_errname(errno), filled);
	CHECK(close(p[0]));
	CHECK(close(p[1]));
	CHECK(pipe2(p, 0x12345678));
	CHECK(syscall(SYS_pipe2, BADPTR, 0));
	/* A failed pipe2 must not leave descriptors behind. */
	int fd = CHECK(open(".", O_RDONLY));
	CHECK(close(fd));

	/* Pipe-to-pipe and file-to-pipe moves inside the kernel. */
	int q[2];
	CHECK(pipe(p));
	CHECK(pipe(q));
	CHECK(write(p[1], "spliced", 7));
	CHECK(tee(p[0], q[1], 3, 0));
	CHECK(splice(p[0], NULL, q[1], NULL, 7, 0));
	CHECK(read(q[0], buf, sizeof buf));
	t_say("after tee and splice: \"%.10s\"", buf);
	int f = CHECK(open("s", O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK(write(f, "file data", 9));
	loff_t off = 5;
	CHECK(splice(f, &off, p[1], NULL, 4, 0));
	t_say("splice offset now %lld", (long long)off);
	CHECK(read(p[0], buf, sizeof buf));
	t_say("spliced from the file: \"%.4s\"", buf);
	CHECK(splice(f, NULL, f, NULL, 4, 0));
	CHECK(tee(p[0], f, 1, 0));
	CHECK(close(f));
	CHECK(unlink("s"));
	CHECK(close(p[0]));
	CHECK(close(p[1]));
	CHECK(close(q[0]));
	CHECK(close(q[1]));

	/* A pipe without readers: EPIPE with SIGPIPE ignored. */
	CHECK(signal(SIGPIPE, SIG_IGN) == SIG_ERR);
	CHECK(pipe(p));
	CHECK(close(p[0]));
	CHECK(write(p[1], "x", 1));
	CHECK(close(p[1]));
	CHECK(signal(SIGPIPE, SIG_DFL) == SIG_ERR);
}

static void show_poll(const char *what, const struct pollfd *f, int n)
{
	printf("%s:", what);
	for (int i = 0; i < n; i++) {
		short r = f[i].revents;
		printf(" [%s%s%s%s%s%s]", r == 0 ? "none" : "", r & POLLIN ? " IN" : "",
		       r & POLLOUT ? " OUT" : "", r & POLLHUP ? " HUP" : "",
		       r & POLLERR ? " ERR" : "", r & POLLNVAL ? " NVAL" : "");
	}
	putchar('\n');
}

static void readiness(void)
{
	int p[2];
	CHECK(pipe(p));
	struct pollfd f[3] = {
		{ .fd = p[0], .events = POLLIN },
		{ .fd = p[1], .events = POLLOUT },
		{ .fd = 99, .events = POLLIN },
	};
	CHECK(poll(f, 3, 0));
	show_poll("empty pipe", f, 3);
	CHECK(write(p[1], "x", 1));
	CHECK(poll(f, 2, 1000));
	show_poll("one byte", f, 2);
	f[0].fd = -1;
	CHECK(poll(f, 1, 0));
	show_poll("negative fd", f, 1);
	f[0].fd = p[0];
	CHECK(poll(f, 0, 10));
	struct timespec ts = { 0, 1000000 };
	CHECK(ppoll(f, 1, &ts, NULL));
	ts.tv_nsec = 2000000000;
	CHECK(ppoll(f, 1, &ts, NULL));
	CHECK(syscall(SYS_ppoll, BADPTR, 1, NULL, NULL, 8));
	ts.tv_nsec = 0;
	CHECK(syscall(SYS_ppoll, f, 1u << 30, &ts, NULL, 8));

	fd_set rd, wr;
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	struct timeval tv = { 0, 0 };
	CHECK(select(p[1] + 1, &rd, &wr, NULL, &tv));
	t_say("select: read end %s, write end %s", FD_ISSET(p[0], &rd) ? "ready" : "not ready",
	      FD_ISSET(p[1], &wr) ? "ready" : "not ready");
	CHECK(read(p[0], buf, 1));
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv = (struct timeval){ 0, 1000 };
	CHECK(select(p[0] + 1, &rd, NULL, NULL, &tv));
	t_say("select on an empty pipe left the bit %s", FD_ISSET(p[0], &rd) ? "set" : "clear");
	/* A closed descriptor below the first fd-table size (32 bits on a
	 * 32-bit kernel): select ignores bits past the table's end. */
	int closed = CHECK(dup(p[0]));
	CHECK(close(closed));
	FD_ZERO(&rd);
	FD_SET(closed, &rd);
	tv = (struct timeval){ 0, 0 };
	CHECK(select(closed + 1, &rd, NULL, NULL, &tv));
	CHECK(select(-1, NULL, NULL, NULL, &tv));
	tv.tv_usec = -1;
	CHECK(select(0, NULL, NULL, NULL, &tv));
	struct timespec pts = { 0, 1000 };
	FD_ZERO(&wr);
	FD_SET(p[1], &wr);
	CHECK(pselect(p[1] + 1, NULL, &wr, NULL, &pts, NULL));

	CHECK(close(p[1]));
	f[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	CHECK(poll(f, 1, 0));
	show_poll("writer closed", f, 1);
	CHECK(close(p[0]));
	CHECK(poll(f, 1, 0));
	show_poll("closed fd", f, 1);
}

static void limits(void)
{
	struct rlimit old, rl;
	CHECK(getrlimit(RLIMIT_NOFILE, &old));
	rl = (struct rlimit){ 32, old.rlim_max };
	CHECK(setrlimit(RLIMIT_NOFILE, &rl));
	int fds[32], n = 0, fd;
	int base = CHECK(open("/", O_RDONLY));
	while (n < 32 && (fd = dup(base)) >= 0)
		fds[n++] = fd;
	t_say("dup stopped with %s, highest fd %d", t_errname(errno), n ? fds[n - 1] : -1);
	CHECK(open("/", O_RDONLY));
	CHECK(fcntl(base, F_DUPFD, 40));
	CHECK(dup2(base, 40));
	while (n > 0)
		close(fds[--n]);
	CHECK(close(base));
	CHECK(setrlimit(RLIMIT_NOFILE, &old));
}

int main(void)
{
	t_init();
	duplicates();
	locks();
	pipes();
	readiness();
	limits();
	return 0;
}
