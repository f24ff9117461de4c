/* signalfd and signalfd4: blocked signals read as struct signalfd_siginfo
 * (kill, tgkill, sigqueue with values, several in one read, SIGCHLD with
 * the child's status), SFD_NONBLOCK and SFD_CLOEXEC, poll and epoll
 * readiness, a mask changed on an existing descriptor, the errors, the
 * other event descriptors beside it in one epoll set (eventfd, timerfd), a
 * forked child reading its own signals through an inherited descriptor,
 * a thread reading a signal sent to it alone, and duplicates of signalfd
 * and eventfd descriptors (dup, F_DUPFD_CLOEXEC, dup3). Every signal read is
 * blocked first, so none depends on timing. */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* One read of a single entry, printed by name; relations only for ids. */
static void read_one(int fd, const char *what)
{
	struct signalfd_siginfo si;
	memset(&si, 0, sizeof si);
	errno = 0;
	ssize_t n = read(fd, &si, sizeof si);
	if (n != (ssize_t)sizeof si) {
		t_say("%s: read = %zd %s", what, n, n < 0 ? t_errname(errno) : "");
		return;
	}
	t_say("%s: %s %s, pid self %s, uid ours %s, int %d", what, t_signame((int)si.ssi_signo),
	      t_codename((int)si.ssi_signo, si.ssi_code), si.ssi_pid == (uint32_t)getpid() ? "yes" : "no",
	      si.ssi_uid == getuid() ? "yes" : "no", si.ssi_int);
}

static int readable(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = poll(&p, 1, timeout_ms);
	return n == 1 && (p.revents & POLLIN);
}

static sigset_t blocked;

static void basics(void)
{
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGUSR1);
	sigaddset(&blocked, SIGUSR2);
	sigaddset(&blocked, SIGRTMIN + 1);
	sigaddset(&blocked, SIGRTMIN + 2);
	sigaddset(&blocked, SIGCHLD);
	CHECK(sigprocmask(SIG_BLOCK, &blocked, NULL));

	int fd = CHECK(signalfd(-1, &blocked, 0));
	CHECK(fcntl(fd, F_GETFD));
	FACT((fcntl(fd, F_GETFL) & O_NONBLOCK) == 0);
	FACT(!readable(fd, 0));
	CHECK(kill(getpid(), SIGUSR1));
	sigset_t pend;
	sigpending(&pend);
	FACT(sigismember(&pend, SIGUSR1));
	FACT(readable(fd, 0));
	read_one(fd, "kill");
	sigpending(&pend);
	FACT(!sigismember(&pend, SIGUSR1));
	CHECK(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR2));
	read_one(fd, "tgkill");
	union sigval v = { .sival_int = 77 };
	CHECK(sigqueue(getpid(), SIGRTMIN + 1, v));
	read_one(fd, "sigqueue");

	/* Several at once: the lowest signal first, a real-time signal's
	 * queue in order. */
	for (int i = 1; i <= 3; i++) {
		v.sival_int = i;
		sigqueue(getpid(), SIGRTMIN + 2, v);
	}
	CHECK(raise(SIGUSR1));
	struct signalfd_siginfo many[8];
	ssize_t n = CHECK(read(fd, many, sizeof many));
	printf("read %zd entries:", n / (ssize_t)sizeof many[0]);
	for (ssize_t i = 0; i < n / (ssize_t)sizeof many[0]; i++)
		printf(" %s/%d", t_signame((int)many[i].ssi_signo), many[i].ssi_int);
	putchar('\n');

	char small[sizeof(struct signalfd_siginfo) - 1];
	CHECK(raise(SIGUSR1));
	CHECK(read(fd, small, sizeof small));
	/* A bad buffer: the signal is taken off the queue, then lost. */
	CHECK(syscall(SYS_read, fd, BADPTR, sizeof(struct signalfd_siginfo)));
	sigpending(&pend);
	FACT(!sigismember(&pend, SIGUSR1));

	int nb = CHECK(signalfd(-1, &blocked, SFD_NONBLOCK | SFD_CLOEXEC));
	FACT(fcntl(nb, F_GETFD) == FD_CLOEXEC);
	FACT((fcntl(nb, F_GETFL) & O_NONBLOCK) != 0);
	read_one(nb, "nothing pending, SFD_NONBLOCK");
	/* Two descriptors on one queue: whichever reads first takes it. */
	CHECK(raise(SIGUSR2));
	FACT(readable(fd, 0) && readable(nb, 0));
	read_one(nb, "second descriptor");
	FACT(!readable(fd, 0));

	/* A new mask on an existing descriptor; the flags stay. */
	sigset_t only2;
	sigemptyset(&only2);
	sigaddset(&only2, SIGUSR2);
	FACT(signalfd(nb, &only2, 0) == nb);
	FACT((fcntl(nb, F_GETFL) & O_NONBLOCK) != 0);
	CHECK(raise(SIGUSR1));
	read_one(nb, "SIGUSR1 out of the new mask");
	CHECK(raise(SIGUSR2));
	read_one(nb, "SIGUSR2 in the new mask");
	read_one(fd, "SIGUSR1 still there for the first descriptor");

	/* epoll sees the same readiness. */
	int ep = CHECK(epoll_create1(EPOLL_CLOEXEC));
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 1234 }, got[2];
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	CHECK(epoll_wait(ep, got, 2, 0));
	CHECK(raise(SIGUSR2));
	CHECK(epoll_wait(ep, got, 2, 10000));
	t_say("epoll: events EPOLLIN %s, data %u", got[0].events == EPOLLIN ? "yes" : "no", got[0].data.u32);
	read_one(fd, "after epoll");
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL));
	CHECK(close(ep));
	CHECK(close(nb));
	CHECK(close(fd));
}

static void errors(void)
{
	int p[2];
	CHECK(pipe(p));
	CHECK(signalfd(-1, &blocked, 0x1234));
	CHECK(signalfd(p[0], &blocked, 0));
	CHECK(signalfd(99, &blocked, 0));
	CHECK(syscall(SYS_signalfd4, -1, BADPTR, _NSIG / 8, 0));
	CHECK(syscall(SYS_signalfd4, -1, &blocked, 4, 0));
	CHECK(syscall(SYS_signalfd4, -1, &blocked, _NSIG / 8 + 8, 0));
	/* The older call: no flags argument. */
	int fd = CHECK(syscall(SYS_signalfd, -1, &blocked, _NSIG / 8));
	FACT(fcntl(fd, F_GETFD) == 0);
	CHECK(close(fd));
	CHECK(close(p[0]));
	CHECK(close(p[1]));
}

/* signalfd, eventfd and timerfd in one epoll set, waited for with
 * epoll_pwait; each becomes ready only through its own event. */
static void event_descriptors(void)
{
	int sfd = CHECK(signalfd(-1, &blocked, SFD_NONBLOCK));
	int efd = CHECK(eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC));
	int tfd = CHECK(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
	int ep = CHECK(epoll_create1(0));
	struct epoll_event ev = { .events = EPOLLIN }, got[4];
	int fds[] = { sfd, efd, tfd };
	for (unsigned i = 0; i < 3; i++) {
		ev.data.u32 = i;
		epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev);
	}
	sigset_t none;
	sigemptyset(&none);
	int n = CHECK(epoll_pwait(ep, got, 4, 0, &none));
	t_say("ready at first: %s", n == 1 && got[0].data.u32 == 1 ? "the eventfd only" : "other");
	uint64_t count = 0;
	CHECK(read(efd, &count, sizeof count));
	t_say("eventfd count %llu", (unsigned long long)count);
	CHECK(read(efd, &count, sizeof count));
	count = 5;
	CHECK(write(efd, &count, sizeof count));
	CHECK(read(efd, &count, 4));
	count = UINT64_MAX;
	CHECK(write(efd, &count, sizeof count));
	CHECK(read(efd, &count, sizeof count));
	CHECK(eventfd(0, 0x1234));

	struct itimerspec its = { .it_value = { 0, 10000000 } }, cur;
	CHECK(timerfd_settime(tfd, 0, &its, NULL));
	n = CHECK(epoll_pwait(ep, got, 4, 10000, &none));
	t_say("ready after 10 ms: %s", n == 1 && got[0].data.u32 == 2 ? "the timerfd only" : "other");
	CHECK(read(tfd, &count, sizeof count));
	t_say("timerfd expirations %llu", (unsigned long long)count);
	CHECK(timerfd_gettime(tfd, &cur));
	FACT(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
	CHECK(read(tfd, &count, sizeof count));
	CHECK(timerfd_create(99, 0));
	CHECK(timerfd_create(CLOCK_MONOTONIC, 0x1234));
	CHECK(timerfd_settime(tfd, 0x1234, &its, NULL));

	CHECK(raise(SIGUSR1));
	n = CHECK(epoll_pwait(ep, got, 4, 0, &none));
	t_say("ready after raise: %s", n == 1 && got[0].data.u32 == 0 ? "the signalfd only" : "other");
	read_one(sfd, "through epoll_pwait");
	CHECK(close(ep));
	CHECK(close(tfd));
	CHECK(close(efd));
	CHECK(close(sfd));
}

/* The child inherits the descriptor and the mask; reading it takes the
 * child's own signals. The parent's descriptor sees SIGCHLD. */
static void fork_child(void)
{
	int fd = CHECK(signalfd(-1, &blocked, 0));
	/* The child's line comes back through a pipe, printed by the parent
	 * after its own: the transcript's order does not depend on which of
	 * the two runs first. */
	int line[2];
	CHECK(pipe(line));
	pid_t child = t_fork();
	if (child == 0) {
		char buf[160] = "nothing";
		struct signalfd_siginfo si;
		if (readable(fd, 20000) && read(fd, &si, sizeof si) == sizeof si)
			snprintf(buf, sizeof buf, "%s %s, from its parent %s", t_signame((int)si.ssi_signo),
				 t_codename((int)si.ssi_signo, si.ssi_code),
				 si.ssi_pid == (uint32_t)getppid() ? "yes" : "no");
		if (write(line[1], buf, strlen(buf)) < 0)
			_exit(6);
		_exit(5);
	}
	CHECK(close(line[1]));
	CHECK(kill(child, SIGUSR1));
	char got[160] = { 0 };
	t_say("child read %s", read(line[0], got, sizeof got - 1) > 0 ? got : "(no line)");
	CHECK(close(line[0]));
	struct signalfd_siginfo si;
	memset(&si, 0, sizeof si);
	if (readable(fd, 20000) && read(fd, &si, sizeof si) == sizeof si)
		t_say("parent read %s %s, status %d, pid matches %s", t_signame((int)si.ssi_signo),
		      t_codename((int)si.ssi_signo, si.ssi_code), si.ssi_status,
		      si.ssi_pid == (uint32_t)child ? "yes" : "no");
	FACT(!readable(fd, 0));
	int status;
	CHECK(waitpid(child, &status, 0) == child);
	t_print_status("child", status);
	CHECK(close(fd));
}

static int thread_fd;
static pid_t worker_tid;
static int worker_read;
static char worker_line[160];
static pthread_barrier_t sent;

static void *reader_thread(void *arg)
{
	(void)arg;
	worker_tid = gettid();
	/* Once main has sent the signal and looked for it itself. */
	pthread_barrier_wait(&sent);
	pthread_barrier_wait(&sent);
	struct signalfd_siginfo si;
	if (readable(thread_fd, 20000) && read(thread_fd, &si, sizeof si) == sizeof si) {
		worker_read = 1;
		snprintf(worker_line, sizeof worker_line, "%s %s", t_signame((int)si.ssi_signo),
			 t_codename((int)si.ssi_signo, si.ssi_code));
	}
	return NULL;
}

/* A signal sent to one thread is read only by that thread. */
static void threads(void)
{
	thread_fd = CHECK(signalfd(-1, &blocked, 0));
	pthread_barrier_init(&sent, NULL, 2);
	pthread_t t;
	int rc = pthread_create(&t, NULL, reader_thread, NULL);
	if (rc != 0) {
		t_say("pthread_create: %s", t_errname(rc));
		return;
	}
	pthread_barrier_wait(&sent);
	CHECK(syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR2));
	FACT(!readable(thread_fd, 0));
	pthread_barrier_wait(&sent);
	pthread_join(t, NULL);
	t_say("worker read: %s", worker_read ? worker_line : "nothing");
	pthread_barrier_destroy(&sent);
	CHECK(close(thread_fd));
}

/* A descriptor number that was a signalfd or an eventfd, closed by
 * close_range or replaced by dup2, is an ordinary one afterwards: a pipe
 * given that number reads what was written. */
static void numbers_reused(void)
{
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	const char *how[] = { "close_range", "dup2" };
	for (int k = 0; k < 2; k++) {
		int fds[2];
		int sfd = CHECK_OK(signalfd(-1, &mask, 0));
		int efd = CHECK_OK(eventfd(7, 0));
		if (k == 0) {
			CHECK(close_range(sfd < efd ? sfd : efd, sfd < efd ? efd : sfd, 0));
			CHECK(pipe(fds));
			FACT((fds[0] == sfd && fds[1] == efd) || (fds[0] == efd && fds[1] == sfd));
		} else {
			CHECK(pipe(fds));
			CHECK(dup2(fds[0], sfd) == sfd);
			CHECK(dup2(fds[1], efd) == efd);
			CHECK(close(fds[0]));
			CHECK(close(fds[1]));
			fds[0] = sfd;
			fds[1] = efd;
		}
		char buf[16] = { 0 };
		CHECK(write(fds[1], "0123456789ab", 12));
		CHECK(read(fds[0], buf, sizeof buf));
		t_say("%s: the pipe read \"%s\"", how[k], buf);
		CHECK(close(fds[0]));
		CHECK(close(fds[1]));
	}
}

/* A duplicate is the same file: it reads the signals, a mask set through
 * it is the file's, and it keeps working after the first descriptor is
 * closed; an eventfd's duplicate reads and writes the same counter. */
static void duplicates(void)
{
	sigset_t usr1, usr2, both;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	both = usr1;
	sigaddset(&both, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &both, NULL));
	int sfd = CHECK_OK(signalfd(-1, &usr1, SFD_NONBLOCK));
	int d1 = CHECK_OK(dup(sfd));
	int d2 = CHECK_OK(fcntl(sfd, F_DUPFD_CLOEXEC, 20));
	FACT(d2 >= 20);
	int d3 = CHECK(dup3(sfd, 30, O_CLOEXEC));
	CHECK(kill(getpid(), SIGUSR1));
	read_one(d1, "through dup");
	CHECK(kill(getpid(), SIGUSR1));
	read_one(d2, "through F_DUPFD_CLOEXEC");
	read_one(sfd, "nothing left, through the first");
	CHECK(signalfd(d3, &usr2, 0));
	CHECK(kill(getpid(), SIGUSR2));
	read_one(sfd, "mask set through dup3's, read through the first");
	CHECK(close(sfd));
	CHECK(kill(getpid(), SIGUSR2));
	FACT(readable(d1, 1000) == 1);
	read_one(d1, "first closed, through dup");
	CHECK(close(d1));
	CHECK(close(d2));
	CHECK(close(d3));

	uint64_t v = 0;
	int efd = CHECK_OK(eventfd(5, EFD_NONBLOCK));
	int ed = CHECK_OK(dup(efd));
	CHECK(read(ed, &v, sizeof v));
	t_say("eventfd read through dup: %llu", (unsigned long long)v);
	v = 3;
	CHECK(write(ed, &v, sizeof v));
	v = 0;
	CHECK(read(efd, &v, sizeof v));
	t_say("written through dup, read through the first: %llu", (unsigned long long)v);
	CHECK(close(efd));
	CHECK(close(ed));
	CHECK(sigprocmask(SIG_UNBLOCK, &both, NULL));
}

int main(void)
{
	t_init();
	basics();
	errors();
	event_descriptors();
	fork_child();
	threads();
	numbers_reused();
	duplicates();
	return 0;
}
