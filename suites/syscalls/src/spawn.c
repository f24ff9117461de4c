/* Spawning: vfork (the child borrows the parent's memory and the parent
 * waits until it execs or exits), clone with CLONE_VFORK and CLONE_VM apart
 * and together, clone children with another exit signal, posix_spawn and
 * posix_spawnp with file actions and attributes and the errors they report
 * back from the child, pidfds of children, kcmp of what a child shares, a
 * child's memory read and written by its parent. The spawned program is this one
 * with the argument "child": it reports the state it was started in and
 * exits 7. The parent waits for every child before it prints again. */
#include <fcntl.h>
#include <linux/kcmp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static const char *self_path;
extern char **environ;

/* ---- the spawned program ---- */

static const char *disposition(int sig)
{
	struct sigaction sa;
	sigaction(sig, NULL, &sa);
	if (sa.sa_handler == SIG_DFL)
		return "default";
	return sa.sa_handler == SIG_IGN ? "ignored" : "handled";
}

static int child_report(int argc, char **argv)
{
	sigset_t mask;
	setvbuf(stdout, NULL, _IOLBF, 0);
	sigprocmask(SIG_SETMASK, NULL, &mask);
	t_say("child %s: argc %d, SPAWN_VAR=%s", argc > 2 ? argv[2] : "?", argc,
	      getenv("SPAWN_VAR") ? getenv("SPAWN_VAR") : "(unset)");
	t_say("  SIGUSR1 blocked %d, SIGUSR2 %s, SIGTERM %s, SIGINT %s", sigismember(&mask, SIGUSR1),
	      disposition(SIGUSR2), disposition(SIGTERM), disposition(SIGINT));
	struct stat out, err;
	int same = fstat(1, &out) == 0 && fstat(2, &err) == 0 && out.st_dev == err.st_dev &&
		   out.st_ino == err.st_ino;
	t_say("  own process group %s, session leader %s, fd 5 open %s, fd 2 the same file as fd 1 %s, in sub %s",
	      getpgrp() == getpid() ? "yes" : "no", getsid(0) == getpid() ? "yes" : "no",
	      fcntl(5, F_GETFD) != -1 ? "yes" : "no", same ? "yes" : "no",
	      access("marker", F_OK) == 0 ? "yes" : "no");
	return 7;
}

/* ---- vfork and clone ---- */

static volatile int vfork_step, vfork_errno;
static volatile pid_t vfork_parent_seen;

static void vforks(void)
{
	vfork_step = 0;
	fflush(stdout);
	pid_t parent = getpid();
	pid_t child = vfork();
	if (child == 0) {
		vfork_parent_seen = getppid();
		vfork_step = 1;
		/* The parent is still suspended after the child sleeps. */
		struct timespec ms = { 0, 20000000 };
		nanosleep(&ms, NULL);
		vfork_step = 2;
		_exit(3);
	}
	t_say("vfork: parent resumed after the child's exit %s, child saw the parent as its parent %s",
	      vfork_step == 2 ? "yes" : "no", vfork_parent_seen == parent ? "yes" : "no");
	t_wait_child("vfork child", child);

	vfork_step = 0;
	fflush(stdout);
	child = vfork();
	if (child == 0) {
		char *args[] = { "spawn", "child", "vfork-exec", NULL };
		vfork_step = 1;
		execve(self_path, args, environ);
		_exit(127);
	}
	/* The new program prints: wait for it before printing. */
	int seen = vfork_step == 1;
	t_wait_child("vfork-exec child", child);
	t_say("vfork then execve: the child's write before execve seen on return %s", seen ? "yes" : "no");

	vfork_errno = 0;
	child = vfork();
	if (child == 0) {
		char *args[] = { "missing", NULL };
		execve("missing", args, environ);
		vfork_errno = errno;
		_exit(127);
	}
	t_say("vfork then a failing execve: error seen by the parent %s", t_errname(vfork_errno));
	t_wait_child("vfork child whose execve failed", child);
}

static volatile int clone_wrote;
static char clone_stack[64 * 1024] __attribute__((aligned(16)));

/* Runs on clone_stack; with CLONE_VM it shares the parent's TLS, so it
 * leaves errno alone. */
static int clone_child(void *arg)
{
	clone_wrote = (int)(intptr_t)arg;
	return (int)(intptr_t)arg;
}

static void clones(void)
{
	clone_wrote = 0;
	fflush(stdout);
	pid_t child = clone(clone_child, clone_stack + sizeof clone_stack, CLONE_VM | CLONE_VFORK | SIGCHLD,
			    (void *)5);
	t_say("clone CLONE_VM|CLONE_VFORK: the child's write seen on return %s", clone_wrote == 5 ? "yes" : "no");
	t_wait_child("CLONE_VM|CLONE_VFORK child", child);

	clone_wrote = 0;
	child = clone(clone_child, clone_stack + sizeof clone_stack, CLONE_VM | SIGCHLD, (void *)6);
	t_wait_child("CLONE_VM child", child);
	t_say("clone CLONE_VM: the child's write seen after waitpid %s", clone_wrote == 6 ? "yes" : "no");

	/* CLONE_VFORK alone: separate memory, the parent still waits. */
	int p[2];
	CHECK(pipe2(p, O_NONBLOCK));
	fflush(stdout);
	long r = syscall(SYS_clone, CLONE_VFORK | SIGCHLD, NULL, NULL, NULL, NULL);
	if (r == 0) {
		clone_wrote = 9;
		if (write(p[1], "v", 1) != 1)
			_exit(1);
		_exit(8);
	}
	char c = 0;
	t_say("clone CLONE_VFORK: the child's pipe write there on return %s, its memory write seen %s",
	      read(p[0], &c, 1) == 1 && c == 'v' ? "yes" : "no", clone_wrote == 9 ? "yes" : "no");
	t_wait_child("CLONE_VFORK child", (pid_t)r);
	close(p[0]);
	close(p[1]);

	/* A child whose exit signal is not SIGCHLD is a "clone" child: plain
	 * waits do not see it, __WCLONE ones do. */
	sigset_t usr1, pend;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	child = clone(clone_child, clone_stack + sizeof clone_stack, SIGUSR1, (void *)4);
	int status;
	CHECK(waitpid(child, &status, 0));
	CHECK(waitpid(child, &status, __WCLONE) == child);
	t_print_status("child with exit signal SIGUSR1", status);
	sigpending(&pend);
	t_say("SIGUSR1 pending after its exit %s", sigismember(&pend, SIGUSR1) ? "yes" : "no");
	struct timespec zero = { 0, 0 };
	sigtimedwait(&usr1, NULL, &zero);
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	child = clone(clone_child, clone_stack + sizeof clone_stack, 0, (void *)2);
	CHECK(waitpid(child, &status, __WALL) == child);
	t_print_status("child with no exit signal, __WALL", status);
}

/* What a child shares (kcmp: 0 is the same object) and its memory seen
 * from the parent (process_vm_readv/writev). */
static volatile int release_vm_child, child_value = 1;

/* Waits for the parent's release, 10 s at most: a subject that does not
 * share the memory must not hang the program. */
static int sharing_child(void *arg)
{
	struct timespec start, now;
	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (!__atomic_load_n(&release_vm_child, __ATOMIC_ACQUIRE) && now.tv_sec - start.tv_sec < 10);
	return 6;
}

static void sharing(void)
{
	release_vm_child = 0;
	pid_t vm = clone(sharing_child, clone_stack + sizeof clone_stack, CLONE_VM | CLONE_FILES | SIGCHLD, NULL);
	int p[2], go[2];
	CHECK(pipe(p));
	CHECK(pipe(go));
	pid_t forked = t_fork();
	if (forked == 0) {
		char c;
		child_value = 77;
		if (write(p[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		_exit(child_value);
	}
	char c;
	CHECK(read(p[0], &c, 1));
	FACT(syscall(SYS_kcmp, getpid(), vm, KCMP_VM, 0, 0) == 0);
	FACT(syscall(SYS_kcmp, getpid(), vm, KCMP_FILES, 0, 0) == 0);
	FACT(syscall(SYS_kcmp, getpid(), forked, KCMP_VM, 0, 0) != 0);
	FACT(syscall(SYS_kcmp, getpid(), forked, KCMP_FILES, 0, 0) != 0);
	FACT(syscall(SYS_kcmp, getpid(), forked, KCMP_FILE, p[0], p[0]) == 0);
	FACT(syscall(SYS_kcmp, getpid(), forked, KCMP_FILE, p[0], p[1]) != 0);
	CHECK(syscall(SYS_kcmp, getpid(), forked, 99, 0, 0));
	CHECK(syscall(SYS_kcmp, getpid(), 0x7ffffff0, KCMP_VM, 0, 0));
	CHECK(syscall(SYS_kcmp, getpid(), forked, KCMP_FILE, 99, 99));
	__atomic_store_n(&release_vm_child, 1, __ATOMIC_RELEASE);
	t_wait_child("CLONE_VM|CLONE_FILES child", vm);

	int got = 0, put = 88;
	struct iovec local = { &got, sizeof got }, remote = { (void *)&child_value, sizeof child_value };
	CHECK(process_vm_readv(forked, &local, 1, &remote, 1, 0));
	t_say("child's value read from the parent: %d", got);
	local.iov_base = &put;
	CHECK(process_vm_writev(forked, &local, 1, &remote, 1, 0));
	CHECK(process_vm_readv(forked, &local, 1, &remote, 1, 1));
	CHECK(process_vm_readv(0x7ffffff0, &local, 1, &remote, 1, 0));
	remote.iov_base = BADPTR;
	CHECK(process_vm_readv(forked, &local, 1, &remote, 1, 0));
	CHECK(write(go[1], "g", 1));
	t_wait_child("child whose value the parent wrote", forked);
	close(p[0]);
	close(p[1]);
	close(go[0]);
	close(go[1]);
}

/* ---- posix_spawn ---- */

static void int_handler(int sig)
{
	(void)sig;
}

static void spawn_and_wait(const char *what, const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *attr)
{
	char *args[] = { "spawn", "child", (char *)what, NULL };
	char *env[] = { "MIMIC_TEST=conformance", "SPAWN_VAR=given", NULL };
	pid_t pid;
	fflush(stdout);
	int rc = posix_spawn(&pid, self_path, fa, attr, args, env);
	if (rc != 0) {
		t_say("posix_spawn %s: %s", what, t_errname(rc));
		return;
	}
	t_wait_child(what, pid);
}

static void print_file(const char *name)
{
	FILE *f = fopen(name, "r");
	char line[256];
	while (f && fgets(line, sizeof line, f))
		printf("%s: %s", name, line);
	if (f)
		fclose(f);
}

/* A spawn that must fail; a subject that runs it anyway is waited for.
 * The call is printed as written, not macro-expanded. */
#define SPAWN_FAILS(call)                                         \
	do {                                                      \
		pid = 0;                                          \
		fflush(stdout);                                   \
		if (t_report_rc(#call, (call)) == 0)              \
			t_wait_child("spawned anyway", pid);        \
	} while (0)

static void spawn_errors(void)
{
	char *args[] = { "spawn", "child", "should-not-run", NULL };
	pid_t pid;
	SPAWN_FAILS(posix_spawn(&pid, "missing", NULL, NULL, args, environ));
	SPAWN_FAILS(posix_spawn(&pid, "missing-dir/x", NULL, NULL, args, environ));
	SPAWN_FAILS(posix_spawn(&pid, ".", NULL, NULL, args, environ));
	int fd = CHECK(open("data", O_WRONLY | O_CREAT | O_TRUNC, 0644));
	CHECK(write(fd, "not a program\n", 14));
	CHECK(close(fd));
	SPAWN_FAILS(posix_spawn(&pid, "data", NULL, NULL, args, environ));
	CHECK(chmod("data", 0755));
	SPAWN_FAILS(posix_spawn(&pid, "data", NULL, NULL, args, environ));
	CHECK(unlink("data"));
	SPAWN_FAILS(posix_spawnp(&pid, "mimic-no-such-program", NULL, NULL, args, environ));
	SPAWN_FAILS(posix_spawnp(&pid, "./missing", NULL, NULL, args, environ));

	posix_spawn_file_actions_t fa;
	CHECK_RC(posix_spawn_file_actions_init(&fa));
	CHECK_RC(posix_spawn_file_actions_addopen(&fa, 3, "missing-dir/out", O_WRONLY | O_CREAT, 0644));
	SPAWN_FAILS(posix_spawn(&pid, self_path, &fa, NULL, args, environ));
	CHECK_RC(posix_spawn_file_actions_destroy(&fa));
	CHECK_RC(posix_spawn_file_actions_init(&fa));
	CHECK_RC(posix_spawn_file_actions_adddup2(&fa, 8, 3));
	SPAWN_FAILS(posix_spawn(&pid, self_path, &fa, NULL, args, environ));
	CHECK_RC(posix_spawn_file_actions_addclose(&fa, -1));
	CHECK_RC(posix_spawn_file_actions_adddup2(&fa, -1, 3));
	CHECK_RC(posix_spawn_file_actions_addopen(&fa, -1, "x", O_RDONLY, 0));
	CHECK_RC(posix_spawn_file_actions_destroy(&fa));

	posix_spawnattr_t attr;
	CHECK_RC(posix_spawnattr_init(&attr));
	CHECK_RC(posix_spawnattr_setflags(&attr, 0x4000));
	CHECK_RC(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP));
	CHECK_RC(posix_spawnattr_setpgroup(&attr, 0x7ffffff0));
	SPAWN_FAILS(posix_spawn(&pid, self_path, NULL, &attr, args, environ));
	CHECK_RC(posix_spawnattr_destroy(&attr));
}

static void spawns(void)
{
	posix_spawn_file_actions_t fa;
	CHECK(mkdir("sub", 0755));
	int fd = CHECK(open("sub/marker", O_WRONLY | O_CREAT, 0644));
	CHECK(dup2(fd, 5));
	CHECK(close(fd));
	spawn_and_wait("plain", NULL, NULL);

	CHECK_RC(posix_spawn_file_actions_init(&fa));
	CHECK_RC(posix_spawn_file_actions_addopen(&fa, 1, "out", O_WRONLY | O_CREAT | O_TRUNC, 0644));
	CHECK_RC(posix_spawn_file_actions_adddup2(&fa, 1, 2));
	CHECK_RC(posix_spawn_file_actions_addclose(&fa, 5));
	CHECK_RC(posix_spawn_file_actions_addchdir_np(&fa, "sub"));
	spawn_and_wait("file-actions", &fa, NULL);
	CHECK_RC(posix_spawn_file_actions_destroy(&fa));
	print_file("out");

	/* The same through an fchdir and closefrom (close_range). */
	int dir = CHECK(open("sub", O_RDONLY | O_DIRECTORY));
	CHECK_RC(posix_spawn_file_actions_init(&fa));
	CHECK_RC(posix_spawn_file_actions_addfchdir_np(&fa, dir));
	CHECK_RC(posix_spawn_file_actions_addclosefrom_np(&fa, 3));
	spawn_and_wait("fchdir-closefrom", &fa, NULL);
	CHECK_RC(posix_spawn_file_actions_destroy(&fa));
	CHECK(close(dir));
	CHECK(close(5));

	posix_spawnattr_t attr;
	sigset_t set;
	CHECK_RC(posix_spawnattr_init(&attr));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_RC(posix_spawnattr_setsigmask(&attr, &set));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK_RC(posix_spawnattr_setsigdefault(&attr, &set));
	CHECK_RC(posix_spawnattr_setpgroup(&attr, 0));
	CHECK_RC(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
							 POSIX_SPAWN_SETPGROUP));
	short flags = 0;
	CHECK_RC(posix_spawnattr_getflags(&attr, &flags));
	t_say("flags read back match %s", flags == (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
						  POSIX_SPAWN_SETPGROUP) ? "yes" : "no");
	/* Ignored in the parent: SIGUSR2 is reset by SETSIGDEF, SIGTERM stays
	 * ignored; SIGINT's handler becomes the default at exec. */
	signal(SIGUSR2, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGINT, int_handler);
	spawn_and_wait("attributes", NULL, &attr);
	signal(SIGUSR2, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	CHECK_RC(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID));
	spawn_and_wait("setsid", NULL, &attr);
	CHECK_RC(posix_spawnattr_destroy(&attr));

	spawn_errors();
}

/* ---- pidfds ---- */

/* pidfd_send_signal with a siginfo: to this process (a pidfd of itself)
 * any code goes and the value arrives; si_signo must be the signal; to
 * another process a kill code is refused. */
static void pidfd_siginfo(void)
{
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	int self = CHECK(syscall(SYS_pidfd_open, getpid(), 0));
	siginfo_t si;
	memset(&si, 0, sizeof si);
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_value.sival_int = 4242;
	CHECK(syscall(SYS_pidfd_send_signal, self, SIGUSR1, &si, 0));
	siginfo_t got;
	memset(&got, 0, sizeof got);
	struct timespec ts = { 5, 0 };
	CHECK(sigtimedwait(&usr1, &got, &ts));
	t_say("got %s %s value %d", t_signame(got.si_signo), t_codename(SIGUSR1, got.si_code), got.si_value.sival_int);
	CHECK(syscall(SYS_pidfd_send_signal, self, SIGUSR2, &si, 0));
	CHECK(syscall(SYS_pidfd_send_signal, self, SIGUSR1, BADPTR, 0));
	si.si_code = SI_USER;
	pid_t other = t_fork();
	if (other == 0) {
		for (;;)
			pause();
	}
	int fd = CHECK(syscall(SYS_pidfd_open, other, 0));
	CHECK(syscall(SYS_pidfd_send_signal, fd, SIGUSR1, &si, 0));
	CHECK(close(fd));
	kill(other, SIGKILL);
	t_wait_child("pidfd_send_signal's other child", other);
	CHECK(close(self));
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
}

static void pidfds(void)
{
	pid_t child = fork();
	if (child == 0) {
		for (;;)
			pause();
	}
	int fd = CHECK(syscall(SYS_pidfd_open, child, 0));
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	CHECK(poll(&pfd, 1, 0));
	/* The child's stdout, duplicated into the parent. */
	int got = CHECK(syscall(SYS_pidfd_getfd, fd, 1, 0));
	struct stat a, b;
	FACT(fstat(got, &a) == 0 && fstat(1, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	FACT(fcntl(got, F_GETFD) == FD_CLOEXEC);
	CHECK(close(got));
	CHECK(syscall(SYS_pidfd_getfd, fd, 99, 0));
	CHECK(syscall(SYS_pidfd_getfd, fd, 1, 1));
	CHECK(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0));
	CHECK(poll(&pfd, 1, 10000));
	t_say("pidfd readable after the child's death %s", pfd.revents & POLLIN ? "yes" : "no");
	/* Unprinted: a subject that lost the SIGTERM must not hang waitid
	 * (a dead child keeps its status). */
	kill(child, SIGKILL);
	siginfo_t si;
	memset(&si, 0, sizeof si);
	CHECK(waitid((idtype_t)P_PIDFD, fd, &si, WEXITED));
	t_say("waitid P_PIDFD: %s %s, pid matches %s", t_codename(SIGCHLD, si.si_code), t_signame(si.si_status),
	      si.si_pid == child ? "yes" : "no");
	CHECK(syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0));
	CHECK(close(fd));
	CHECK(syscall(SYS_pidfd_open, 0x7ffffff0, 0));
	CHECK(syscall(SYS_pidfd_open, getpid(), 0x1234));
	CHECK(syscall(SYS_pidfd_open, -1, 0));
	CHECK(syscall(SYS_pidfd_send_signal, 0, SIGTERM, NULL, 0));
	pidfd_siginfo();

	/* clone with CLONE_PIDFD: the pidfd comes back through parent_tid. */
	int pidfd = -1;
	fflush(stdout);
	long r = syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, NULL, &pidfd, NULL, NULL);
	if (r == 0)
		_exit(12);
	FACT(pidfd > 2);
	memset(&si, 0, sizeof si);
	CHECK(waitid((idtype_t)P_PIDFD, pidfd, &si, WEXITED));
	t_say("CLONE_PIDFD child: %s status %d", t_codename(SIGCHLD, si.si_code), si.si_status);
	CHECK(close(pidfd));
	if (CHECK(syscall(SYS_clone, CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, NULL, &pidfd, NULL, NULL)) == 0)
		_exit(0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child_report(argc, argv);
	t_init();
	self_path = access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe" : argv[0];
	vforks();
	clones();
	sharing();
	spawns();
	pidfds();
	return 0;
}
