/* Terminal job control on a pseudo-terminal: a process of a background
 * process group that changes the terminal (tcsetpgrp, tcsetattr) or reads
 * from it. The kernel lets the call through when the process blocks or
 * ignores SIGTTOU (a read with SIGTTIN blocked or ignored fails EIO), and
 * otherwise sends the signal to the process group and fails the call:
 * EINTR under a handler without SA_RESTART, a stop by default. A shell's
 * job control (bash's give_terminal_to) blocks SIGTTOU around tcsetpgrp.
 * Each case runs in a new process group of a session whose controlling
 * terminal is the pseudo-terminal. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t caught;
static void on_signal(int sig) { caught = sig; }

static void set_action(int sig, void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(sig, &sa, NULL);
}

static void block(int sig, int how)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(how, &set, NULL);
}

static void pending(int sig)
{
	sigset_t set;
	sigpending(&set);
	t_say("  %s pending: %s", t_signame(sig), sigismember(&set, sig) ? "yes" : "no");
}

/* Runs in a background process group; tty is the controlling terminal,
 * whose foreground group is the session leader's. */
static void background(const char *how, int tty)
{
	struct termios t;
	char c;
	tcgetattr(tty, &t);
	if (strcmp(how, "blocked") == 0) {
		block(SIGTTOU, SIG_BLOCK);
		block(SIGTTIN, SIG_BLOCK);
		CHECK(tcsetattr(tty, TCSANOW, &t));
		CHECK(read(tty, &c, 1));
		CHECK(tcsetpgrp(tty, getpgrp()));
		FACT(tcgetpgrp(tty) == getpgrp());
		CHECK(tcsetpgrp(tty, getsid(0)));
		FACT(tcgetpgrp(tty) == getsid(0));
		pending(SIGTTOU);
		pending(SIGTTIN);
		block(SIGTTOU, SIG_UNBLOCK);
		block(SIGTTIN, SIG_UNBLOCK);
	} else if (strcmp(how, "ignored") == 0) {
		set_action(SIGTTOU, SIG_IGN);
		set_action(SIGTTIN, SIG_IGN);
		CHECK(tcsetattr(tty, TCSANOW, &t));
		CHECK(read(tty, &c, 1));
		CHECK(tcsetpgrp(tty, getpgrp()));
		CHECK(tcsetpgrp(tty, getsid(0)));
	} else if (strcmp(how, "handled") == 0) {
		set_action(SIGTTOU, on_signal);
		set_action(SIGTTIN, on_signal);
		CHECK(tcsetpgrp(tty, getpgrp()));
		t_say("  caught %s", caught ? t_signame(caught) : "nothing");
		caught = 0;
		CHECK(read(tty, &c, 1));
		t_say("  caught %s", caught ? t_signame(caught) : "nothing");
		FACT(tcgetpgrp(tty) == getsid(0));
	} else {
		CHECK(tcsetpgrp(tty, getpgrp()));
		t_say("  tcsetpgrp returned");
	}
}

/* The session leader: the pseudo-terminal becomes its controlling
 * terminal, then each case runs in a child of a process group of its own. */
static void session(const char *slave)
{
	static const char *const cases[] = { "blocked", "ignored", "handled", "default" };
	setsid();
	int tty = open(slave, O_RDWR);
	FACT(tty >= 0);
	FACT(tcgetpgrp(tty) == getpgrp());
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		t_say("SIGTTOU and SIGTTIN %s:", cases[i]);
		pid_t pid = t_fork();
		if (pid == 0) {
			setpgid(0, 0);
			background(cases[i], tty);
			fflush(stdout);
			_exit(0);
		}
		setpgid(pid, pid);
		int status;
		if (waitpid(pid, &status, WUNTRACED) != pid) {
			t_say("  waitpid: %s", t_errname(errno));
			continue;
		}
		t_print_status("  child", status);
		if (WIFSTOPPED(status)) {
			kill(pid, SIGKILL);
			t_wait_child("  child", pid);
		}
		FACT(tcgetpgrp(tty) == getpgrp());
	}
}

int main(void)
{
	t_init();
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	FACT(master >= 0);
	CHECK(grantpt(master));
	CHECK(unlockpt(master));
	const char *slave = ptsname(master);
	FACT(slave != NULL);
	pid_t pid = t_fork();
	if (pid == 0) {
		session(slave);
		fflush(stdout);
		_exit(0);
	}
	t_wait_child("session", pid);
	return 0;
}
