/* Process basics: ids and their relations, uname, resource limits and
 * usage, clocks and sleeping, fork/wait/exit statuses, execve of this very
 * program, prctl names, sysinfo, getrandom, priorities. Values that differ
 * between runs or machines (pids, times, memory sizes) are printed as facts. */
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

static void ids(void)
{
	pid_t pid = getpid();
	FACT(pid > 0);
	FACT(getppid() > 0 && getppid() != pid);
	FACT(syscall(SYS_gettid) == pid);
	CHECK(getuid());
	CHECK(geteuid());
	CHECK(getgid());
	CHECK(getegid());
	uid_t r, e, s;
	CHECK(getresuid(&r, &e, &s));
	t_say("resuid %u %u %u", (unsigned)r, (unsigned)e, (unsigned)s);
	gid_t gr, ge, gs;
	CHECK(getresgid(&gr, &ge, &gs));
	t_say("resgid %u %u %u", (unsigned)gr, (unsigned)ge, (unsigned)gs);
	CHECK(syscall(SYS_getresuid, BADPTR, &e, &s));
	FACT(getgroups(0, NULL) >= 0);
	CHECK(setuid(0));
	CHECK(setgid(0));
	FACT(getpgrp() == getpgid(0));
	FACT(getpgid(0) == getpgid(pid));
	/* Values vary with the runner (a child of init has session 0). */
	FACT(getsid(0) == getsid(pid));
	CHECK(getpgid(-1));
	CHECK(getsid(-1));

	/* A child is not a session leader: it can lead a new group, then not
	 * start a session; another child can start one. */
	pid_t child = t_fork();
	if (child == 0) {
		CHECK(setpgid(0, 0));
		FACT(getpgrp() == getpid());
		CHECK(setsid());
		_exit(0);
	}
	int status;
	waitpid(child, &status, 0);
	t_print_status("setpgid child", status);
	child = t_fork();
	if (child == 0) {
		CHECK_OK(setsid());
		FACT(getsid(0) == getpid() && getpgrp() == getpid());
		CHECK(setpgid(0, 0));
		_exit(0);
	}
	waitpid(child, &status, 0);
	t_print_status("setsid child", status);
	CHECK(setpgid(0, -1));
}

static void system_identity(void)
{
	struct utsname u;
	CHECK(uname(&u));
	t_say("sysname %s machine %s", u.sysname, u.machine);
	CHECK(syscall(SYS_uname, BADPTR));
	CHECK(personality(0xffffffff));
	struct sysinfo si;
	CHECK(sysinfo(&si));
	FACT(si.totalram > 0 && si.freeram <= si.totalram && si.mem_unit >= 1);
	FACT(si.procs > 0 && si.uptime >= 0);
	CHECK(syscall(SYS_sysinfo, BADPTR));
	char buf[64];
	CHECK(getrandom(buf, 16, GRND_INSECURE));
	CHECK(getrandom(buf, 0, GRND_INSECURE));
	CHECK(getrandom(buf, 16, 0x40));
	CHECK(syscall(SYS_getrandom, BADPTR, 16, GRND_INSECURE));
	CHECK(sched_yield());
	cpu_set_t set;
	CHECK_OK(sched_getaffinity(0, sizeof set, &set));
	FACT(CPU_COUNT(&set) > 0);
	CHECK(sched_getscheduler(0) == SCHED_OTHER);
	CHECK(sched_get_priority_max(SCHED_FIFO));
	CHECK(sched_get_priority_min(SCHED_FIFO));
	CHECK(sched_get_priority_max(SCHED_OTHER));
	CHECK(sched_get_priority_max(99));
	struct sched_param sp = { .sched_priority = -1 };
	CHECK(sched_getparam(0, &sp));
	t_say("sched_priority %d", sp.sched_priority);
	CHECK(sched_getparam(-1, &sp));
	FACT(sysconf(_SC_CLK_TCK) > 0);
}

static void limits_and_usage(void)
{
	struct rlimit rl, old;
	CHECK(getrlimit(RLIMIT_NOFILE, &old));
	FACT(old.rlim_cur <= old.rlim_max);
	rl = (struct rlimit){ 100, old.rlim_max };
	CHECK(setrlimit(RLIMIT_NOFILE, &rl));
	CHECK(getrlimit(RLIMIT_NOFILE, &rl));
	t_say("RLIMIT_NOFILE soft %llu", (unsigned long long)rl.rlim_cur);
	rl = (struct rlimit){ 200, 100 };
	CHECK(setrlimit(RLIMIT_NOFILE, &rl));
	CHECK(setrlimit(99, &old));
	CHECK(getrlimit(99, &rl));
	struct rlimit got;
	rl = (struct rlimit){ 50, old.rlim_max };
	CHECK(prlimit(0, RLIMIT_NOFILE, &rl, &got));
	t_say("prlimit old soft %llu", (unsigned long long)got.rlim_cur);
	CHECK(prlimit(0, RLIMIT_NOFILE, NULL, &got));
	t_say("prlimit soft %llu, hard unchanged %s", (unsigned long long)got.rlim_cur,
	      got.rlim_max == old.rlim_max ? "yes" : "no");
	CHECK(prlimit(0, RLIMIT_NOFILE, &old, NULL));
	CHECK(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, BADPTR));
	CHECK(getrlimit(RLIMIT_CORE, &rl));
	rl.rlim_cur = 0;
	CHECK(setrlimit(RLIMIT_CORE, &rl));
	CHECK(getrlimit(RLIMIT_STACK, &rl));
	FACT(rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= 65536);

	struct rusage ru;
	CHECK(getrusage(RUSAGE_SELF, &ru));
	FACT(ru.ru_utime.tv_usec < 1000000 && ru.ru_stime.tv_usec < 1000000);
	FACT(ru.ru_utime.tv_sec >= 0 && ru.ru_maxrss > 0);
	CHECK(getrusage(RUSAGE_CHILDREN, &ru));
	CHECK(getrusage(12345, &ru));
	struct tms t;
	clock_t c = times(&t);
	FACT(c != (clock_t)-1);
	FACT(t.tms_utime >= 0 && t.tms_cutime >= 0);

	CHECK(setpriority(PRIO_PROCESS, 0, 5));
	errno = 0;
	CHECK(getpriority(PRIO_PROCESS, 0));
	CHECK(nice(2));
	CHECK(setpriority(99, 0, 5));
	CHECK(getpriority(PRIO_PROCESS, 0x7fffffff));
}

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static void clocks(void)
{
	struct timespec a, b, res;
	CHECK(clock_gettime(CLOCK_MONOTONIC, &a));
	CHECK(clock_gettime(CLOCK_MONOTONIC, &b));
	FACT(ns(&b) >= ns(&a));
	FACT(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
	CHECK(clock_gettime(CLOCK_REALTIME, &a));
	FACT(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
	CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a));
	CHECK(clock_gettime(CLOCK_BOOTTIME, &a));
	CHECK(clock_gettime(12345, &a));
	CHECK(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BADPTR));
	CHECK(clock_getres(CLOCK_MONOTONIC, &res));
	FACT(res.tv_sec == 0 && res.tv_nsec > 0);
	CHECK(clock_getres(12345, &res));
	CHECK(clock_settime(CLOCK_MONOTONIC, &res));
	struct timeval tv;
	CHECK(gettimeofday(&tv, NULL));
	FACT(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	time_t now = time(NULL);
	FACT(now != (time_t)-1);

	CHECK(clock_gettime(CLOCK_MONOTONIC, &a));
	struct timespec nap = { 0, 2000000 };
	CHECK(nanosleep(&nap, NULL));
	CHECK(clock_gettime(CLOCK_MONOTONIC, &b));
	FACT(ns(&b) - ns(&a) >= 2000000);
	nap.tv_nsec = 1000000000;
	CHECK(nanosleep(&nap, NULL));
	nap.tv_nsec = -1;
	CHECK(nanosleep(&nap, NULL));
	CHECK(syscall(SYS_nanosleep, BADPTR, NULL));
	nap = (struct timespec){ 0, 1000000 };
	CHECK_RC(clock_nanosleep(CLOCK_MONOTONIC, 0, &nap, NULL));
	CHECK(clock_gettime(CLOCK_MONOTONIC, &a));
	a.tv_nsec += 1000000;
	if (a.tv_nsec >= 1000000000) {
		a.tv_sec++;
		a.tv_nsec -= 1000000000;
	}
	CHECK_RC(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &a, NULL));
	CHECK(clock_gettime(CLOCK_MONOTONIC, &b));
	FACT(ns(&b) >= ns(&a));
	CHECK_RC(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &nap, NULL));
}

static void wait_for(const char *what, pid_t child)
{
	int status;
	struct rusage ru;
	pid_t got = wait4(child, &status, 0, &ru);
	FACT(got == child);
	t_print_status(what, status);
}

static void children(void)
{
	static const int codes[] = { 0, 1, 7, 255, 256, 300 };
	for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		pid_t child = t_fork();
		if (child == 0)
			_exit(codes[i]);
		char what[32];
		snprintf(what, sizeof what, "_exit(%d)", codes[i]);
		wait_for(what, child);
	}
	pid_t child = t_fork();
	if (child == 0) {
		t_say("child: exiting through exit(42)");
		exit(42);
	}
	wait_for("exit(42)", child);
	child = t_fork();
	if (child == 0) {
		syscall(SYS_exit_group, 9);
		_exit(1);
	}
	wait_for("exit_group(9)", child);

	/* Deaths by signals whose numbers differ between ABIs (MIPS has its
	 * own), so a wrong mapping of the wait status shows. */
	static const int deaths[] = { SIGBUS, SIGUSR1, SIGUSR2, SIGSYS, SIGXFSZ, SIGPWR, SIGVTALRM };
	for (unsigned i = 0; i < sizeof deaths / sizeof deaths[0]; i++) {
		child = t_fork();
		if (child == 0) {
			raise(deaths[i]);
			_exit(0);
		}
		char what[48];
		snprintf(what, sizeof what, "raise(%s)", t_signame(deaths[i]));
		wait_for(what, child);
	}
	child = t_fork();
	if (child == 0) {
		volatile int *volatile bad = BADPTR;
		*bad = 1;
		_exit(0);
	}
	wait_for("store to a bad pointer", child);

	child = t_fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	CHECK(waitpid(child, NULL, WNOHANG));
	CHECK(kill(child, SIGKILL));
	wait_for("SIGKILL", child);
	CHECK(waitpid(-1, NULL, WNOHANG));
	CHECK(waitpid(child, NULL, 0));
	CHECK(wait4(-1, NULL, 0x40000000, NULL));
	CHECK(kill(child, 0));

	child = t_fork();
	if (child == 0)
		_exit(3);
	siginfo_t si;
	CHECK(waitid(P_PID, child, &si, WEXITED | WNOWAIT));
	t_say("waitid: %s status %d pid matches %s", t_codename(SIGCHLD, si.si_code), si.si_status,
	      si.si_pid == child ? "yes" : "no");
	wait_for("after WNOWAIT", child);

	struct rusage ru;
	CHECK(getrusage(RUSAGE_CHILDREN, &ru));
	FACT(ru.ru_utime.tv_usec < 1000000);
}

/* execve of this program: /proc/self/exe where /proc is mounted, else the
 * name it was started by (neither is printed). */
static void exec_self(const char *argv0)
{
	const char *self = access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe" : argv0;
	pid_t child = t_fork();
	if (child == 0) {
		char *args[] = { "process", "child", "second argument", NULL };
		char *env[] = { "MIMIC_TEST=conformance", "EXTRA=from parent", NULL };
		execve(self, args, env);
		t_say("execve failed: %s", t_errname(errno));
		_exit(127);
	}
	wait_for("exec child", child);

	char *args[] = { "x", NULL };
	CHECK(execve("missing", args, environ));
	CHECK(execve(".", args, environ));
	int fd = CHECK(open("data", O_WRONLY | O_CREAT, 0644));
	CHECK(write(fd, "not a program\n", 14));
	CHECK(close(fd));
	CHECK(execve("data", args, environ));
	CHECK(chmod("data", 0755));
	CHECK(execve("data", args, environ));
	CHECK(unlink("data"));
	CHECK(syscall(SYS_execve, BADPTR, args, environ));
	CHECK(syscall(SYS_execve, self, BADPTR, environ));
}

static int exec_child(int argc, char **argv)
{
	t_say("exec child: argc %d argv[1] \"%s\" argv[2] \"%s\"", argc, argv[1], argv[2]);
	t_say("exec child: MIMIC_TEST=%s EXTRA=%s", getenv("MIMIC_TEST"), getenv("EXTRA"));
	FACT(getppid() > 0);
	return 5;
}

static void names(void)
{
	char name[32] = "";
	CHECK(prctl(PR_SET_NAME, "mimic-test", 0, 0, 0));
	CHECK(prctl(PR_GET_NAME, name, 0, 0, 0));
	t_say("name \"%s\"", name);
	CHECK(prctl(PR_SET_NAME, "a-name-longer-than-fifteen", 0, 0, 0));
	CHECK(prctl(PR_GET_NAME, name, 0, 0, 0));
	t_say("name \"%s\"", name);
	CHECK(prctl(PR_GET_NAME, BADPTR, 0, 0, 0));
	CHECK(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
	CHECK(prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0));
	int sig = -1;
	CHECK(prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0));
	t_say("pdeathsig %s", t_signame(sig));
	CHECK(prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0));
	CHECK(prctl(0x7fff, 0, 0, 0, 0));
}

/* PR_SET_PDEATHSIG: the signal a child gets when its parent dies, by the
 * ABI's number (MIPS's SIGUSR1 is 16). A middle process sets it in its
 * child and exits; the child, its handler ready, reports through a pipe
 * which signal came. */
static int death_pipe = -1;

static void on_death_signal(int sig)
{
	char c = (char)sig;
	_exit(write(death_pipe, &c, 1) == 1 ? 0 : 3);
}

static void parent_death_signal(void)
{
	int v = -1;
	CHECK(prctl(PR_GET_PDEATHSIG, &v));
	t_say("PR_GET_PDEATHSIG at start: %d", v);
	CHECK(prctl(PR_SET_PDEATHSIG, 1000));
	CHECK(prctl(PR_SET_PDEATHSIG, SIGUSR2));
	CHECK(prctl(PR_GET_PDEATHSIG, &v));
	t_say("PR_GET_PDEATHSIG: %s", t_signame(v));
	CHECK(prctl(PR_GET_PDEATHSIG, BADPTR));
	CHECK(prctl(PR_SET_PDEATHSIG, 0));
	int fds[2], go[2];
	if (pipe(fds) != 0 || pipe(go) != 0)
		return;
	pid_t middle = t_fork();
	if (middle == 0) {
		pid_t child = fork();
		if (child == 0) {
			death_pipe = fds[1];
			signal(SIGUSR1, on_death_signal);
			prctl(PR_SET_PDEATHSIG, SIGUSR1);
			/* The middle process exits once this one is ready. */
			close(go[1]);
			sleep(10);
			_exit(1);
		}
		char c;
		close(go[1]);
		if (read(go[0], &c, 1) != 0)
			_exit(2);
		_exit(0);
	}
	close(go[0]);
	close(go[1]);
	close(fds[1]);
	t_wait_child("middle process", middle);
	char got = 0;
	if (read(fds[0], &got, 1) == 1)
		t_say("orphan got %s", t_signame(got));
	else
		t_say("orphan got nothing");
	close(fds[0]);
}

int main(int argc, char **argv)
{
	t_init();
	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return exec_child(argc, argv);
	t_say("argc %d, MIMIC_TEST=%s", argc, getenv("MIMIC_TEST"));
	ids();
	system_identity();
	limits_and_usage();
	clocks();
	children();
	exec_self(argv[0]);
	names();
	parent_death_signal();
	return 0;
}
