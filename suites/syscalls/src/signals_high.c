/* The top of the signal range: the kernel has 64 signals on ARM and 128 on
 * MIPS. The highest signal, one in the upper half of the real-time range
 * (100 on MIPS, beyond any 64-signal host), and the first invalid one go
 * through sigaction, masks, pending sets, kill, tgkill, sigqueue,
 * sigtimedwait, signalfd and wait statuses. Signal 128 is past glibc's
 * _NSIG, so it goes through the system calls with the kernel's sigset
 * size. Numbers are printed: they are what this program is about. MIPS
 * wait statuses of signals 127 and 128 are 0x7f and 0x80, which the W*
 * macros take for a stop and an exit, so statuses are printed raw. */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* The kernel's _NSIG, and its sigset as the system calls take it. */
#if defined(__mips__)
#define KNSIG 128
#else
#define KNSIG 64
#endif
#define KWORD (8 * sizeof(unsigned long))

struct kset {
	unsigned long bits[KNSIG / KWORD];
};

/* The kernel's struct sigaction: MIPS puts the flags first and has no
 * restorer. Only SIG_DFL and SIG_IGN are set through it. */
struct ksigaction {
#if defined(__mips__)
	unsigned int flags;
	void (*handler)(int);
#else
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
#endif
	struct kset mask;
};

static void kset_add(struct kset *s, int sig)
{
	s->bits[(sig - 1) / KWORD] |= 1UL << ((sig - 1) % KWORD);
}

static int kset_has(const struct kset *s, int sig)
{
	return (s->bits[(sig - 1) / KWORD] >> ((sig - 1) % KWORD)) & 1;
}

static long k_query(int sig, struct ksigaction *old)
{
	return syscall(SYS_rt_sigaction, sig, NULL, old, sizeof(struct kset));
}

/* Sets SIG_DFL or SIG_IGN, empty mask, no flags. */
static long k_set(int sig, void (*handler)(int))
{
	struct ksigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.handler = handler;
	return syscall(SYS_rt_sigaction, sig, &sa, NULL, sizeof(struct kset));
}

static long k_sigprocmask(int how, const struct kset *set)
{
	return syscall(SYS_rt_sigprocmask, how, set, NULL, sizeof(struct kset));
}

static volatile sig_atomic_t got_sig, got_code, got_value, got_count;

static void info_handler(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	got_sig = sig;
	got_code = si->si_code;
	got_value = si->si_value.sival_int;
	got_count++;
}

/* si_value means something only for SI_QUEUE. */
static void report(const char *what)
{
	printf("%s: %d handler runs, signal %d, %s", what, (int)got_count, (int)got_sig,
	       t_codename(got_sig, got_code));
	if (got_code == SI_QUEUE)
		printf(", value %d", (int)got_value);
	putchar('\n');
	got_count = got_sig = got_code = got_value = 0;
}

static void no_core_dump(void)
{
	struct rlimit none = { 0, 0 };
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* A child killed by sig: the raw wait status and what waitid says. */
static void death_by(int sig)
{
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		no_core_dump();
		k_set(sig, SIG_DFL);
		kill(getpid(), sig);
		_exit(1);
	}
	siginfo_t si;
	memset(&si, 0, sizeof si);
	int w = waitid(P_PID, child, &si, WEXITED | WNOWAIT);
	t_say("child killed by signal %d: waitid %d %s si_status %d", sig, w, t_codename(SIGCHLD, si.si_code),
	      si.si_status);
	int status = 0;
	if (waitpid(child, &status, 0) == child)
		t_say("  wait status %#x", (unsigned)status);
}

/* The same after the child has exec'd a program: the death is the new
 * program's. */
static void death_after_exec(const char *self, int sig)
{
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		char num[16];
		snprintf(num, sizeof num, "%d", sig);
		execl(self, self, "die", num, (char *)NULL);
		_exit(1);
	}
	int status = 0;
	if (waitpid(child, &status, 0) == child)
		t_say("exec'd child killed by signal %d: wait status %#x", sig, (unsigned)status);
}

static void actions(int mid)
{
	t_say("kernel signals: %d, glibc _NSIG %d", KNSIG, _NSIG);
	struct ksigaction old;
	memset(&old, 0, sizeof old);
	CHECK(k_query(KNSIG, &old));
	FACT(old.handler == SIG_DFL);
	CHECK(k_set(KNSIG, SIG_IGN));
	CHECK(k_query(KNSIG, &old));
	FACT(old.handler == SIG_IGN);
	CHECK(k_set(KNSIG, SIG_DFL));
	CHECK(k_query(KNSIG, &old));
	FACT(old.handler == SIG_DFL);
	CHECK(k_query(KNSIG + 1, &old));
	CHECK(k_set(KNSIG + 1, SIG_IGN));
	CHECK(kill(getpid(), KNSIG + 1));
	CHECK(syscall(SYS_tgkill, getpid(), gettid(), KNSIG + 1));

	struct sigaction sa = { .sa_sigaction = info_handler, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(mid, &sa, NULL));
	union sigval v = { .sival_int = 99 };
	CHECK(sigqueue(getpid(), mid, v));
	report("sigqueue");
	CHECK(syscall(SYS_tgkill, getpid(), gettid(), mid));
	report("tgkill");
	CHECK(kill(getpid(), mid));
	report("kill");
	CHECK(sigaction(_NSIG - 1, &sa, NULL));
	CHECK(raise(_NSIG - 1));
	report("raise of the highest signal glibc takes");
	CHECK(sigaction(_NSIG, &sa, NULL));

	sigset_t set, pend;
	sigemptyset(&set);
	CHECK(sigaddset(&set, mid));
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL));
	CHECK(kill(getpid(), mid));
	CHECK(sigpending(&pend));
	FACT(sigismember(&pend, mid));
	report("while blocked");
	CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	report("unblocked");
	signal(mid, SIG_DFL);
	signal(_NSIG - 1, SIG_DFL);
}

/* The highest signal: blocked, pending, taken by sigtimedwait and signalfd. */
static void top_signal(int mid)
{
	struct kset top, pend;
	memset(&top, 0, sizeof top);
	kset_add(&top, KNSIG);
	CHECK(k_sigprocmask(SIG_BLOCK, &top));
	CHECK(kill(getpid(), KNSIG));
	memset(&pend, 0, sizeof pend);
	CHECK(syscall(SYS_rt_sigpending, &pend, sizeof pend));
	FACT(kset_has(&pend, KNSIG));
	siginfo_t si;
	memset(&si, 0, sizeof si);
	struct timespec zero = { 0, 0 };
	CHECK(syscall(SYS_rt_sigtimedwait, &top, &si, &zero, sizeof top));
	t_say("sigtimedwait: signal %d %s", si.si_signo, t_codename(si.si_signo, si.si_code));

	struct kset both = top;
	kset_add(&both, mid);
	CHECK(k_sigprocmask(SIG_BLOCK, &both));
	int fd = CHECK(syscall(SYS_signalfd4, -1, &both, sizeof both, SFD_NONBLOCK));
	CHECK(kill(getpid(), KNSIG));
	union sigval v = { .sival_int = 5 };
	CHECK(sigqueue(getpid(), mid, v));
	struct signalfd_siginfo info[4];
	ssize_t n = CHECK(read(fd, info, sizeof info));
	printf("signalfd read:");
	for (ssize_t i = 0; i < n / (ssize_t)sizeof info[0]; i++)
		printf(" %u/%s", info[i].ssi_signo, t_codename((int)info[i].ssi_signo, info[i].ssi_code));
	putchar('\n');
	CHECK(close(fd));
	CHECK(k_sigprocmask(SIG_UNBLOCK, &both));
}

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "die") == 0) {
		int sig = atoi(argv[2]);
		no_core_dump();
		k_set(sig, SIG_DFL);
		kill(getpid(), sig);
		return 1;
	}
	t_init();
	const char *self = access("/proc/self/exe", X_OK) == 0 ? "/proc/self/exe" : argv[0];
	int mid = KNSIG == 128 ? 100 : 50;
	actions(mid);
	top_signal(mid);
	death_by(mid);
	death_by(KNSIG - 1);
	death_by(KNSIG);
	death_after_exec(self, mid);
	death_after_exec(self, KNSIG);
	return 0;
}
