/* Signals: actions with and without SA_SIGINFO and their flags (ONSTACK,
 * RESETHAND, NODEFER, RESTART), masks and pending sets, the order handlers
 * run in, sigsuspend and sigwait, alternate stacks, jumps out of handlers,
 * timers, signals from and to children, and the faults the CPU raises.
 * Handlers only record what they see; main prints the record afterwards. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* One instruction the CPU refuses and one breakpoint, each a function so
 * that si_addr can be compared with its address. */
#if defined(__arm__)
__asm__(".text\n.global t_undef\n.type t_undef, %function\nt_undef:\n"
	"\t.inst 0xe7f000f0\n\tbx lr\n"
	".global t_break\n.type t_break, %function\nt_break:\n"
	"\t.inst 0xe7f001f0\n\tbx lr\n");
#elif defined(__mips__)
__asm__(".text\n.set push\n.set noreorder\n"
	".global t_undef\n.type t_undef, @function\nt_undef:\n"
	"\t.word 0xec000000\n\tjr $ra\n\tnop\n"
	".global t_break\n.type t_break, @function\nt_break:\n"
	"\tbreak 0\n\tjr $ra\n\tnop\n.set pop\n");
#elif defined(__x86_64__)
__asm__(".text\n.global t_undef\n.type t_undef, @function\nt_undef:\n\tud2\n\tret\n"
	".global t_break\n.type t_break, @function\nt_break:\n\tint3\n\tret\n");
#endif
void t_undef(void);
void t_break(void);

/* BADPTR through a variable: the compiler rejects constant bad addresses. */
static volatile int *volatile bad_int = BADPTR;

#define LOG_MAX 32

/* What handlers saw, in the order they ran. */
static struct {
	int sig, code, pid_is_self, uid, value, blocked_self, depth;
} seen[LOG_MAX];
static volatile sig_atomic_t nseen, depth;
static volatile sig_atomic_t counter;

static void record(int sig, const siginfo_t *si)
{
	if (nseen >= LOG_MAX)
		return;
	sigset_t now;
	sigprocmask(SIG_SETMASK, NULL, &now);
	seen[nseen].sig = sig;
	seen[nseen].code = si ? si->si_code : 0;
	seen[nseen].pid_is_self = si && si->si_pid == getpid();
	seen[nseen].uid = si ? (int)si->si_uid : -1;
	seen[nseen].value = si ? si->si_value.sival_int : 0;
	seen[nseen].blocked_self = sigismember(&now, sig);
	seen[nseen].depth = depth;
	nseen++;
}

static void plain_handler(int sig)
{
	counter++;
	record(sig, NULL);
}

static void info_handler(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	record(sig, si);
}

/* Prints and clears the record; `full` adds the siginfo fields. */
static void print_seen(const char *what, int full)
{
	printf("%s:", what);
	if (nseen == 0)
		printf(" nothing");
	for (int i = 0; i < nseen; i++) {
		printf(" %s", t_signame(seen[i].sig));
		if (full)
			printf("(%s pid %s uid %d)", t_codename(seen[i].sig, seen[i].code),
			       seen[i].pid_is_self ? "self" : "other", seen[i].uid);
	}
	putchar('\n');
	nseen = 0;
}

static void set_action(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void set_info_action(int sig, int flags)
{
	struct sigaction sa = { .sa_sigaction = info_handler, .sa_flags = SA_SIGINFO | flags };
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void unblock_all(void)
{
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void actions(void)
{
	struct sigaction sa = { .sa_handler = plain_handler }, old;
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(SIGUSR1, &sa, &old));
	FACT(old.sa_handler == SIG_DFL);
	CHECK(sigaction(SIGUSR1, NULL, &old));
	FACT(old.sa_handler == plain_handler && !(old.sa_flags & SA_SIGINFO));
	CHECK(raise(SIGUSR1));
	CHECK(kill(getpid(), SIGUSR1));
	t_say("handler ran %d times", counter);
	print_seen("plain handler", 0);

	CHECK(sigaction(SIGKILL, &sa, NULL));
	CHECK(sigaction(SIGSTOP, &sa, NULL));
	CHECK(sigaction(SIGKILL, NULL, &old));
	CHECK(sigaction(0, &sa, NULL));
	CHECK(sigaction(_NSIG, &sa, NULL));
	CHECK(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 3));
	CHECK(syscall(SYS_rt_sigaction, SIGUSR1, BADPTR, NULL, _NSIG / 8));
	CHECK(syscall(SYS_rt_sigaction, SIGUSR1, NULL, BADPTR, _NSIG / 8));
	CHECK(signal(SIGUSR1, SIG_IGN) == plain_handler);
	CHECK(raise(SIGUSR1));
	print_seen("ignored SIGUSR1", 0);
	CHECK(signal(SIGCHLD, SIG_DFL) == SIG_ERR);
	CHECK(raise(SIGCHLD));
	CHECK(raise(SIGURG));
	t_say("still running after default-ignored SIGCHLD and SIGURG");

	set_info_action(SIGUSR1, 0);
	CHECK(sigaction(SIGUSR1, NULL, &old));
	FACT(old.sa_sigaction == info_handler && (old.sa_flags & SA_SIGINFO));
	CHECK(raise(SIGUSR1));
	CHECK(kill(getpid(), SIGUSR1));
	CHECK(syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1));
	CHECK(syscall(SYS_tkill, syscall(SYS_gettid), SIGUSR1));
	union sigval v = { .sival_int = 4242 };
	CHECK(sigqueue(getpid(), SIGUSR1, v));
	print_seen("siginfo", 1);
	FACT(seen[4].value == 4242);
	CHECK(kill(getpid(), 0));
	CHECK(kill(getpid(), -1));
	CHECK(kill(getpid(), _NSIG + 1));
	CHECK(syscall(SYS_tgkill, getpid(), -5, SIGUSR1));
	CHECK(syscall(SYS_tgkill, getpid(), 0x7ffffff0, SIGUSR1));
	CHECK(syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), _NSIG + 1));
}

static void masks_and_order(void)
{
	sigset_t set, old, pend;
	set_info_action(SIGUSR1, 0);
	set_info_action(SIGUSR2, 0);
	set_info_action(SIGRTMIN, 0);
	set_info_action(SIGRTMIN + 2, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 2);
	CHECK(sigprocmask(SIG_BLOCK, &set, &old));
	CHECK(raise(SIGRTMIN + 2));
	CHECK(raise(SIGUSR2));
	CHECK(raise(SIGRTMIN));
	CHECK(raise(SIGUSR1));
	CHECK(raise(SIGUSR2));
	CHECK(raise(SIGRTMIN + 2));
	print_seen("while blocked", 0);
	CHECK(sigpending(&pend));
	t_say("pending: SIGUSR1 %d SIGUSR2 %d SIGRTMIN %d SIGRTMIN+2 %d SIGTERM %d",
	      sigismember(&pend, SIGUSR1), sigismember(&pend, SIGUSR2),
	      sigismember(&pend, SIGRTMIN), sigismember(&pend, SIGRTMIN + 2),
	      sigismember(&pend, SIGTERM));
	/* With empty sa_mask the kernel stacks one frame per pending signal
	 * before returning, so the handlers run last-delivered first. */
	CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	print_seen("handlers ran, empty sa_mask", 0);

	struct sigaction sa = { .sa_sigaction = info_handler, .sa_flags = SA_SIGINFO };
	sigfillset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGRTMIN, &sa, NULL);
	sigaction(SIGRTMIN + 2, &sa, NULL);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL));
	CHECK(raise(SIGRTMIN + 2));
	CHECK(raise(SIGUSR2));
	CHECK(raise(SIGRTMIN));
	CHECK(raise(SIGUSR1));
	CHECK(raise(SIGRTMIN + 2));
	CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	print_seen("handlers ran, full sa_mask", 0);

	sigset_t bad;
	sigemptyset(&bad);
	sigaddset(&bad, SIGKILL);
	sigaddset(&bad, SIGSTOP);
	sigaddset(&bad, SIGUSR1);
	CHECK(sigprocmask(SIG_SETMASK, &bad, NULL));
	CHECK(sigprocmask(SIG_SETMASK, NULL, &old));
	t_say("mask after blocking SIGKILL SIGSTOP SIGUSR1: SIGKILL %d SIGSTOP %d SIGUSR1 %d",
	      sigismember(&old, SIGKILL), sigismember(&old, SIGSTOP), sigismember(&old, SIGUSR1));
	CHECK(sigprocmask(99, &set, NULL));
	CHECK(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 3));
	CHECK(syscall(SYS_rt_sigprocmask, SIG_BLOCK, BADPTR, NULL, _NSIG / 8));
	CHECK(syscall(SYS_rt_sigpending, BADPTR, _NSIG / 8));

	/* sigsuspend: a pending signal is delivered inside it. */
	CHECK(raise(SIGUSR1));
	sigset_t wait_mask;
	sigemptyset(&wait_mask);
	CHECK(sigsuspend(&wait_mask));
	print_seen("during sigsuspend", 0);
	CHECK(sigprocmask(SIG_SETMASK, NULL, &old));
	FACT(sigismember(&old, SIGUSR1) == 1);

	/* sigwaitinfo / sigtimedwait take a blocked signal without a handler. */
	CHECK(raise(SIGUSR1));
	siginfo_t si;
	sigset_t only;
	sigemptyset(&only);
	sigaddset(&only, SIGUSR1);
	int got = sigwaitinfo(&only, &si);
	t_say("sigwaitinfo: %s %s", t_signame(got), t_codename(got, si.si_code));
	struct timespec zero = { 0, 0 };
	CHECK(sigtimedwait(&only, &si, &zero));
	struct timespec bad_ts = { 0, 1000000000 };
	CHECK(sigtimedwait(&only, &si, &bad_ts));
	print_seen("handlers during sigwait", 0);
	unblock_all();
}

static char *alt_base;
static size_t alt_size;
static volatile sig_atomic_t on_alt, alt_flags_onstack, alt_nested_eperm;

static void stack_handler(int sig)
{
	char here;
	(void)sig;
	on_alt = &here >= alt_base && &here < alt_base + alt_size;
	stack_t cur;
	sigaltstack(NULL, &cur);
	alt_flags_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
	stack_t again = { .ss_sp = alt_base, .ss_size = alt_size };
	alt_nested_eperm = sigaltstack(&again, NULL) == -1 && errno == EPERM;
}

static void alternate_stack(void)
{
	stack_t ss, old;
	CHECK(sigaltstack(NULL, &old));
	FACT(old.ss_flags == SS_DISABLE);
	alt_size = 65536;
	alt_base = malloc(alt_size);
	ss = (stack_t){ .ss_sp = alt_base, .ss_size = alt_size };
	CHECK(sigaltstack(&ss, NULL));
	CHECK(sigaltstack(NULL, &old));
	FACT(old.ss_sp == alt_base && old.ss_size == alt_size && old.ss_flags == 0);

	set_action(SIGUSR2, stack_handler, SA_ONSTACK);
	CHECK(raise(SIGUSR2));
	t_say("SA_ONSTACK: on the alternate stack %s, SS_ONSTACK %s, sigaltstack inside EPERM %s",
	      on_alt ? "yes" : "no", alt_flags_onstack ? "yes" : "no",
	      alt_nested_eperm ? "yes" : "no");
	set_action(SIGUSR2, stack_handler, 0);
	CHECK(raise(SIGUSR2));
	t_say("without SA_ONSTACK: on the alternate stack %s", on_alt ? "yes" : "no");

	ss.ss_size = 512;
	CHECK(sigaltstack(&ss, NULL));
	ss.ss_size = alt_size;
	ss.ss_flags = 0x1234;
	CHECK(sigaltstack(&ss, NULL));
	CHECK(syscall(SYS_sigaltstack, BADPTR, NULL));
	ss = (stack_t){ .ss_flags = SS_DISABLE };
	CHECK(sigaltstack(&ss, NULL));
	CHECK(sigaltstack(NULL, &old));
	FACT(old.ss_flags == SS_DISABLE);
	free(alt_base);
}

static void nested_handler(int sig)
{
	depth++;
	record(sig, NULL);
	if (nseen == 1)
		raise(sig);
	depth--;
}

static void action_flags(void)
{
	set_action(SIGUSR1, plain_handler, SA_RESETHAND);
	CHECK(raise(SIGUSR1));
	struct sigaction old;
	CHECK(sigaction(SIGUSR1, NULL, &old));
	FACT(old.sa_handler == SIG_DFL);
	t_say("SA_RESETHAND: %d run, signal blocked in handler %s", nseen,
	      seen[0].blocked_self ? "yes" : "no");
	nseen = 0;
	pid_t child = t_fork();
	if (child == 0) {
		set_action(SIGUSR1, plain_handler, SA_RESETHAND);
		raise(SIGUSR1);
		raise(SIGUSR1);
		_exit(0);
	}
	int status;
	CHECK(waitpid(child, &status, 0) == child);
	t_print_status("child raising SIGUSR1 twice under SA_RESETHAND", status);

	set_action(SIGUSR1, nested_handler, SA_NODEFER);
	CHECK(raise(SIGUSR1));
	t_say("SA_NODEFER: %d runs, blocked in handler %s, second ran at depth %d", nseen,
	      seen[0].blocked_self ? "yes" : "no", seen[1].depth);
	nseen = 0;
	set_action(SIGUSR1, nested_handler, 0);
	CHECK(raise(SIGUSR1));
	t_say("no flags: %d runs, blocked in handler %s, second ran at depth %d", nseen,
	      seen[0].blocked_self ? "yes" : "no", seen[1].depth);
	nseen = 0;
}

static jmp_buf plain_env;
static sigjmp_buf saved_env;

static void jump_handler(int sig)
{
	if (sig == SIGUSR1)
		longjmp(plain_env, 1);
	siglongjmp(saved_env, 2);
}

static void jumps(void)
{
	sigset_t now;
	set_action(SIGUSR1, jump_handler, 0);
	set_action(SIGUSR2, jump_handler, 0);
	if (setjmp(plain_env) == 0) {
		raise(SIGUSR1);
		t_say("longjmp: handler returned");
	} else {
		sigprocmask(SIG_SETMASK, NULL, &now);
		t_say("longjmp out of handler: SIGUSR1 still blocked %s",
		      sigismember(&now, SIGUSR1) ? "yes" : "no");
	}
	unblock_all();
	int r = sigsetjmp(saved_env, 1);
	if (r == 0) {
		raise(SIGUSR2);
		t_say("siglongjmp: handler returned");
	} else {
		sigprocmask(SIG_SETMASK, NULL, &now);
		t_say("siglongjmp out of handler returned %d: SIGUSR2 still blocked %s", r,
		      sigismember(&now, SIGUSR2) ? "yes" : "no");
	}
	unblock_all();
}

static int pipe_w = -1;

static void write_on_alarm(int sig)
{
	record(sig, NULL);
	if (write(pipe_w, "!", 1) != 1)
		counter = -1;
}

static void timers(void)
{
	/* A runner's own alarm is put back afterwards. */
	unsigned runner_alarm = alarm(0);
	/* 100 ms: long enough to be inside pause() even on a slow subject. */
	set_action(SIGALRM, plain_handler, 0);
	struct itimerval it = { .it_value = { 0, 100000 } }, cur;
	CHECK(setitimer(ITIMER_REAL, &it, NULL));
	CHECK(pause());
	print_seen("after pause", 0);
	CHECK(getitimer(ITIMER_REAL, &cur));
	FACT(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);

	/* Blocked outside sigsuspend from before the timer starts (a slow
	 * guest saw 7 more before the block), so exactly three are taken; one
	 * more that may be pending when the timer stops is discarded by
	 * SIG_IGN. */
	sigset_t none, alrm;
	sigemptyset(&none);
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, NULL);
	it = (struct itimerval){ .it_interval = { 0, 5000 }, .it_value = { 0, 5000 } };
	CHECK(setitimer(ITIMER_REAL, &it, NULL));
	CHECK(getitimer(ITIMER_REAL, &cur));
	FACT(cur.it_interval.tv_usec == 5000 && cur.it_value.tv_usec <= 5000);
	while (nseen < 3)
		sigsuspend(&none);
	it = (struct itimerval){ { 0, 0 }, { 0, 0 } };
	CHECK(setitimer(ITIMER_REAL, &it, NULL));
	set_action(SIGALRM, SIG_IGN, 0);
	set_action(SIGALRM, plain_handler, 0);
	sigprocmask(SIG_UNBLOCK, &alrm, NULL);
	print_seen("periodic timer", 0);
	it.it_value.tv_usec = 1000000;
	CHECK(setitimer(ITIMER_REAL, &it, NULL));
	CHECK(setitimer(99, &it, NULL));
	CHECK(getitimer(99, &cur));

	CHECK(alarm(5));
	unsigned left = alarm(0);
	FACT(left == 4 || left == 5);
	CHECK(alarm(0));

	/* CPU time timer: spin until it fires, bounded by the clock. */
	set_action(SIGVTALRM, plain_handler, 0);
	it = (struct itimerval){ .it_value = { 0, 10000 } };
	CHECK(setitimer(ITIMER_VIRTUAL, &it, NULL));
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	do
		clock_gettime(CLOCK_MONOTONIC, &now);
	while (nseen == 0 && now.tv_sec - start.tv_sec < 20);
	print_seen("virtual timer", 0);

	/* A blocked read: EINTR without SA_RESTART, restarted with it. */
	int p[2];
	char c;
	CHECK(pipe(p));
	pipe_w = p[1];
	set_action(SIGALRM, plain_handler, 0);
	it = (struct itimerval){ .it_value = { 0, 100000 } };
	CHECK(setitimer(ITIMER_REAL, &it, NULL));
	CHECK(read(p[0], &c, 1));
	print_seen("read without SA_RESTART", 0);
	set_action(SIGALRM, write_on_alarm, SA_RESTART);
	CHECK(setitimer(ITIMER_REAL, &it, NULL));
	CHECK(read(p[0], &c, 1));
	print_seen("read with SA_RESTART", 0);
	CHECK(close(p[0]));
	CHECK(close(p[1]));
	set_action(SIGALRM, SIG_DFL, 0);
	alarm(runner_alarm);
}

/* For children killed on purpose: no core file, not even through a
 * core_pattern pipe on the host. */
static void no_core_dump(void)
{
	struct rlimit none = { 0, 0 };
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

static void children(void)
{
	int status;
	sigset_t chld, none;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigemptyset(&none);
	set_info_action(SIGCHLD, 0);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pid_t child = t_fork();
	if (child == 0)
		_exit(5);
	while (nseen == 0)
		sigsuspend(&none);
	siginfo_t si;
	memset(&si, 0, sizeof si);
	t_say("SIGCHLD: %s", t_codename(SIGCHLD, seen[0].code));
	nseen = 0;
	CHECK(waitid(P_PID, child, &si, WEXITED));
	t_say("waitid: %s status %d pid matches %s", t_codename(SIGCHLD, si.si_code), si.si_status,
	      si.si_pid == child ? "yes" : "no");

	/* Default actions seen through the wait status. */
	child = t_fork();
	if (child == 0) {
		sigprocmask(SIG_SETMASK, &none, NULL);
		for (;;)
			pause();
	}
	CHECK(kill(child, SIGTERM));
	CHECK(waitpid(child, &status, 0) == child);
	t_print_status("SIGTERM to a pausing child", status);

	child = t_fork();
	if (child == 0) {
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGTERM, SIG_IGN);
		raise(SIGTERM);
		kill(getpid(), SIGSTOP);
		/* Wait to be killed: exiting here could overtake the parent's
		 * WCONTINUED wait and hide the continue event. */
		for (;;)
			pause();
	}
	CHECK(waitpid(child, &status, WUNTRACED) == child);
	t_print_status("child stopping itself", status);
	CHECK(kill(child, SIGCONT));
	CHECK(waitpid(child, &status, WCONTINUED) == child);
	t_say("continued: %s", WIFCONTINUED(status) ? "yes" : "no");
	CHECK(kill(child, SIGKILL));
	CHECK(waitpid(child, &status, 0) == child);
	t_print_status("continued child ignoring SIGTERM, then killed", status);

	child = t_fork();
	if (child == 0) {
		signal(SIGSEGV, SIG_DFL);
		no_core_dump();
		*bad_int = 1;
		_exit(7);
	}
	CHECK(waitpid(child, &status, 0) == child);
	t_print_status("child writing to a bad address", status);

	child = t_fork();
	if (child == 0) {
		no_core_dump();
		abort();
	}
	CHECK(waitpid(child, &status, 0) == child);
	t_print_status("child calling abort", status);

	child = t_fork();
	if (child == 0) {
		int p[2];
		if (pipe(p) == 0) {
			signal(SIGPIPE, SIG_DFL);
			close(p[0]);
			write(p[1], "x", 1);
		}
		_exit(8);
	}
	CHECK(waitpid(child, &status, 0) == child);
	t_print_status("child writing to a pipe without readers", status);
	print_seen("SIGCHLD handler runs while blocked", 0);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	print_seen("SIGCHLD after unblocking", 1);
	signal(SIGCHLD, SIG_DFL);

	set_info_action(SIGPIPE, 0);
	int p[2];
	CHECK(pipe(p));
	CHECK(close(p[0]));
	CHECK(write(p[1], "x", 1));
	print_seen("SIGPIPE", 1);
	CHECK(close(p[1]));
	signal(SIGPIPE, SIG_DFL);
	CHECK(kill(child, SIGTERM));
}

/* Runs step under the fault catcher and says which fault it raised, with
 * whether si_addr is expect (not for expect NULL: no address applies). */
static void provoke(const char *what, void (*step)(void), const void *expect)
{
	t_fault_arm();
	if (sigsetjmp(t_fault_env, 1) == 0) {
		step();
		t_fault_disarm();
		t_say("%s: no fault", what);
		return;
	}
	if (!expect)
		t_say_fault(what);
	else
		t_say_fault_at(what, expect);
}

static void read_unmapped(void) { (void)*bad_int; }
static const char rodata_text[] = "constant";
static void write_rodata(void) { *(volatile char *)rodata_text = 'C'; }
static void (*volatile undef_fn)(void) = t_undef;
static void (*volatile break_fn)(void) = t_break;
static volatile char *past_eof;
static void read_past_eof(void) { (void)*past_eof; }
static void raise_fpe(void) { raise(SIGFPE); }

static void faults(void)
{
	t_catch_faults((const int[]){ SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, 0 });
	provoke("read of an unmapped address", read_unmapped, (void *)bad_int);
	provoke("write to read-only data", write_rodata, rodata_text);
	provoke("undefined instruction", undef_fn, (void *)(uintptr_t)t_undef);
	provoke("breakpoint instruction", break_fn, (void *)(uintptr_t)t_break);

	long page = sysconf(_SC_PAGESIZE);
	int fd = open("short", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *m = mmap(NULL, 2 * page, PROT_READ, MAP_SHARED, fd, 0);
	past_eof = m + page;
	provoke("read past the end of a mapped file", read_past_eof, m + page);
	munmap(m, 2 * page);
	close(fd);
	unlink("short");

	provoke("raise(SIGFPE)", raise_fpe, NULL);

	/* A fault while its signal is blocked kills the process. */
	pid_t child = t_fork();
	if (child == 0) {
		sigset_t segv;
		sigemptyset(&segv);
		sigaddset(&segv, SIGSEGV);
		sigprocmask(SIG_BLOCK, &segv, NULL);
		no_core_dump();
		(void)*bad_int;
		_exit(9);
	}
	int status;
	CHECK(waitpid(child, &status, 0) == child);
	t_print_status("fault with SIGSEGV blocked", status);
}

int main(void)
{
	t_init();
	actions();
	masks_and_order();
	alternate_stack();
	action_flags();
	jumps();
	timers();
	children();
	faults();
	return 0;
}
