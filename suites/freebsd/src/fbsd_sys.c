/* A freestanding FreeBSD program (no libc): system calls mimic must answer
 * as FreeBSD 13 does where Go's runtime does not reach. It prints facts
 * that hold on any FreeBSD/armv6 (or mips64) machine; the expected
 * transcripts in freebsd_test say where each comes from. No guest
 * baseline: no FreeBSD guest can be booted here.
 *   fbsd_sys sysctl   nodes by MIB and by name (sysctl(3), sys/sys/sysctl.h)
 *   fbsd_sys nosys    an unknown number with SIGSYS's default action
 *   fbsd_sys catch    the same with a SIGSYS handler: the handler runs,
 *                     then the call fails with ENOSYS (nosys(9))
 *   fbsd_sys errno    errno values of a few failures (sys/sys/errno.h)
 *   fbsd_sys proc     fork, vfork, execve, wait4, getppid, kill of a child
 *                     (wait statuses of sys/sys/wait.h)
 *   fbsd_sys sigctx   a SA_SIGINFO handler reads siginfo and ucontext and
 *                     rewrites a register that sigreturn restores
 *   fbsd_sys sigmask  the mask in a handler: SA_NODEFER, SA_RESETHAND
 *                     (kern_sig.c postsig)
 *   fbsd_sys kevent   EVFILT_TIMER, EVFILT_SIGNAL, EVFILT_USER and
 *                     EVFILT_PROC (kqueue(2), kern_event.c)
 *   fbsd_sys procdesc pdfork, pdgetpid, pdkill, fstat and close of a
 *                     process descriptor (pdfork(2), sys_procdesc.c)
 *   fbsd_sys context  getcontext, setcontext, swapcontext (kern_context.c)
 *   fbsd_sys sock     sockets: socketpair, SO_* values, SCM_RIGHTS with
 *                     FreeBSD's msghdr and cmsghdr, sockaddr_un and
 *                     sockaddr_in with sa_len, MSG_* flags, FIO* ioctls
 *                     (sys/sys/socket.h, sys/sys/un.h, sys/sys/filio.h)
 *   fbsd_sys tty      a pty from posix_openpt: struct termios round trip
 *                     and line discipline (sys/sys/_termios.h, ttycom.h) */
typedef unsigned long size_t;

long sys6(long a0, long a1, long a2, long a3, long a4, long a5, long nr);

#define SYS_write 4
#define SYS_open 5
#define SYS_close 6
#define SYS_sigaction 416
#define SYS___sysctl 202
#define SYS___sysctlbyname 570
#define SYS_exit 1
#define SYS_fork 2
#define SYS_wait4 7
#define SYS_getpid 20
#define SYS_geteuid 25
#define SYS_getegid 43
#define SYS_kill 37
#define SYS_getppid 39
#define SYS_execve 59
#define SYS_vfork 66
#define SYS_sigprocmask 340
#define SYS_kqueue 362
#define SYS_getcontext 421
#define SYS_setcontext 422
#define SYS_swapcontext 423
#define SYS_pdfork 518
#define SYS_pdkill 519
#define SYS_pdgetpid 520
#define SYS_fstat 551
#define SYS_kevent 560
#define SYS_read 3
#define SYS_unlink 10
#define SYS_recvmsg 27
#define SYS_sendmsg 28
#define SYS_recvfrom 29
#define SYS_getpeername 31
#define SYS_getsockname 32
#define SYS_ioctl 54
#define SYS_fcntl 92
#define SYS_socket 97
#define SYS_connect 98
#define SYS_bind 104
#define SYS_setsockopt 105
#define SYS_listen 106
#define SYS_getsockopt 118
#define SYS_sendto 133
#define SYS_shutdown 134
#define SYS_socketpair 135
#define SYS_select 93
#define SYS_poll 209
#define SYS_pselect 522
#define SYS_ppoll 545
#define SYS_posix_openpt 504
#define SYS_accept4 541
#define SYS_pipe2 542
#define SYS_unknown 590   /* past the last FreeBSD 13 call (580) */

/* The compiler turns zeroing loops and initializers into memset and
 * memcpy calls; volatile stores keep these from becoming calls to
 * themselves. */
void *memset(void *d, int c, size_t n);
void *memset(void *d, int c, size_t n)
{
	volatile unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n);
void *memcpy(void *d, const void *s, size_t n)
{
	volatile unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

static size_t len(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

static void out(const char *s) { sys6(1, (long)s, (long)len(s), 0, 0, 0, SYS_write); }

static void out_num(long v)
{
	char b[24], *p = b + sizeof b - 1;
	int neg = v < 0;
	unsigned long u = neg ? -(unsigned long)v : (unsigned long)v;
	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (neg)
		*--p = '-';
	out(p);
}

static void line(const char *label, long v)
{
	out(label);
	out(" ");
	out_num(v);
	out("\n");
}

static int same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* sysctl(3): a string node by MIB, printed. */
static void str_mib(const char *label, int a, int b)
{
	int mib[2] = { a, b };
	char buf[64];
	size_t n = sizeof buf;
	long r = sys6((long)mib, 2, (long)buf, (long)&n, 0, 0, SYS___sysctl);
	out(label);
	if (r != 0) {
		line(" error", -r);
		return;
	}
	out(" \"");
	out(buf);
	out("\" ");
	out_num((long)n);
	out("\n");
}

static long int_mib(int a, int b)
{
	int mib[2] = { a, b }, v = 0;
	size_t n = sizeof v;
	long r = sys6((long)mib, 2, (long)&v, (long)&n, 0, 0, SYS___sysctl);
	return r != 0 ? r : n != sizeof v ? -1000 : v;
}

static void do_sysctl(void)
{
	/* CTL_KERN 1: KERN_OSTYPE 1; CTL_HW 6: HW_MACHINE 1, HW_PAGESIZE 7,
	 * HW_FLOATINGPOINT 10, HW_MACHINE_ARCH 11 (sysctl.h). */
	str_mib("kern.ostype", 1, 1);
	str_mib("hw.machine", 6, 1);
	str_mib("hw.machine_arch", 6, 11);
	line("hw.pagesize", int_mib(6, 7));
	line("hw.floatingpoint", int_mib(6, 10));
	/* KERN_OSRELDATE 24: a FreeBSD 13 release is 1300000..1399999. */
	long rel = int_mib(1, 24);
	line("kern.osreldate is 13.x", rel >= 1300000 && rel < 1400000);
	/* Only the size when there is no buffer: strlen + 1. */
	int mib[2] = { 1, 1 };
	size_t n = 0;
	long r = sys6((long)mib, 2, 0, (long)&n, 0, 0, SYS___sysctl);
	line("kern.ostype size", r == 0 ? (long)n : r);
	/* A buffer too small: ENOMEM (12). */
	char small[3];
	n = sizeof small;
	line("short buffer", sys6((long)mib, 2, (long)small, (long)&n, 0, 0, SYS___sysctl));
	/* No such node: ENOENT (2). */
	int none[2] = { 6, 9999 };
	n = sizeof small;
	line("no such node", sys6((long)none, 2, (long)small, (long)&n, 0, 0, SYS___sysctl));
	/* By name (sysctlbyname(3)). */
	int v = 0;
	n = sizeof v;
	r = sys6((long)"hw.pagesize", 11, (long)&v, (long)&n, 0, 0, SYS___sysctlbyname);
	line("hw.pagesize by name", r == 0 ? v : r);
	char buf[16];
	n = sizeof buf;
	r = sys6((long)"kern.ostype", 11, (long)buf, (long)&n, 0, 0, SYS___sysctlbyname);
	line("kern.ostype by name is FreeBSD", r == 0 && same(buf, "FreeBSD"));
	/* Read-only nodes refuse a new value: EPERM (1). */
	n = sizeof buf;
	line("set hw.machine", sys6((long)"hw.machine", 10, 0, 0, (long)"x", 2, SYS___sysctlbyname));
}

static volatile int caught;
static volatile int caught_code;

/* siginfo_t: si_signo, si_errno, si_code (signal.h). */
static void on_sigsys(int sig, int *info, void *uc)
{
	(void)uc;
	caught = sig;
	caught_code = info[2];
}

static void do_catch(void)
{
	/* struct sigaction: handler, int sa_flags (SA_SIGINFO 0x40), sigset_t. */
	struct {
		void (*handler)(int, int *, void *);
		int flags;
		unsigned mask[4];
	} sa = { on_sigsys, 0x40, { 0, 0, 0, 0 } };
	line("sigaction", sys6(12 /* SIGSYS */, (long)&sa, 0, 0, 0, 0, SYS_sigaction));
	long r = sys6(0, 0, 0, 0, 0, 0, SYS_unknown);
	line("unknown call", r);
	line("handler saw signal", caught);
	/* The kernel's own signal: SI_KERNEL (0x10006). */
	line("si_code is SI_KERNEL", caught_code == 0x10006);
}

static void do_errno(void)
{
	/* ENOENT 2, EFAULT 14, EBADF 9, ENOTDIR 20 as on every Unix;
	 * EAGAIN 35 is FreeBSD's own (Linux: 11). */
	line("open missing", sys6((long)"/nonexistent/x", 0, 0, 0, 0, 0, SYS_open));
	line("open bad pointer", sys6(16, 0, 0, 0, 0, 0, SYS_open));
	line("close bad fd", sys6(1000, 0, 0, 0, 0, 0, SYS_close));
	line("open through a file", sys6((long)"/dev/null/x", 0, 0, 0, 0, 0, SYS_open));
	/* O_NONBLOCK 4 on an empty pipe (pipe2 542): EAGAIN 35. */
	int fds[2];
	line("pipe2", sys6((long)fds, 4, 0, 0, 0, 0, 542));
	char c;
	line("read empty pipe", sys6(fds[0], (long)&c, 1, 0, 0, 0, 3));
}

static long wait_child(long pid, int options, int *status)
{
	*status = -1;
	return sys6(pid, (long)status, options, 0, 0, 0, SYS_wait4);
}

/* Children (wait.h: an exit code is status >> 8, a killing signal the
 * low 7 bits; WNOHANG 1; ECHILD 10; SIGTERM 15). */
static void do_proc(char *self)
{
	int status;
	long parent = sys6(0, 0, 0, 0, 0, 0, SYS_getpid);
	long pid = sys6(0, 0, 0, 0, 0, 0, SYS_fork);
	if (pid == 0)
		sys6(7, 0, 0, 0, 0, 0, SYS_exit);
	line("fork", pid > 0);
	line("wait4 gives the child", wait_child(pid, 0, &status) == pid);
	line("exit 7 status", status);
	pid = sys6(0, 0, 0, 0, 0, 0, SYS_fork);
	if (pid == 0)
		sys6(sys6(0, 0, 0, 0, 0, 0, SYS_getppid) == parent, 0, 0, 0, 0, 0, SYS_exit);
	wait_child(pid, 0, &status);
	line("the child's getppid is the parent: status", status);
	pid = sys6(0, 0, 0, 0, 0, 0, SYS_fork);
	if (pid == 0)
		for (;;)
			sys6(0, 0, 0, 0, 0, 0, SYS_getppid);
	line("WNOHANG while it runs", wait_child(pid, 1, &status));
	line("kill SIGTERM", sys6(pid, 15, 0, 0, 0, 0, SYS_kill));
	wait_child(pid, 0, &status);
	line("killed status", status);
	pid = sys6(0, 0, 0, 0, 0, 0, SYS_vfork);
	if (pid == 0)
		sys6(5, 0, 0, 0, 0, 0, SYS_exit);
	wait_child(pid, 0, &status);
	line("vfork exit 5 status", status);
	pid = sys6(0, 0, 0, 0, 0, 0, SYS_fork);
	if (pid == 0) {
		char *args[] = { self, "execd", 0 };
		char *env[] = { 0 };
		sys6((long)self, (long)args, (long)env, 0, 0, 0, SYS_execve);
		sys6(99, 0, 0, 0, 0, 0, SYS_exit);
	}
	wait_child(pid, 0, &status);
	line("exec'd program's exit 3 status", status);
	line("no children left", wait_child(-1, 0, &status));
}

/* Signal numbers and flags (sys/sys/signal.h). */
#define SIGUSR1 30
#define SIGUSR2 31
#define SA_RESETHAND 0x4
#define SA_NODEFER 0x10
#define SA_SIGINFO 0x40
#define SIG_BLOCK 1
#define SIG_SETMASK 3
#define BIT(sig) (1u << ((sig) - 1))

struct fbsd_sigaction {
	void (*handler)(int, int *, unsigned char *);
	int flags;
	unsigned mask[4];
};

static long set_handler(int sig, void (*h)(int, int *, unsigned char *), int flags, unsigned mask0)
{
	struct fbsd_sigaction sa = { h, flags, { mask0, 0, 0, 0 } };
	return sys6(sig, (long)&sa, 0, 0, 0, 0, SYS_sigaction);
}

static unsigned cur_mask(void)
{
	unsigned m[4] = { 0, 0, 0, 0 };
	sys6(SIG_BLOCK, 0, (long)m, 0, 0, 0, SYS_sigprocmask);
	return m[0];
}

static void set_mask(unsigned m0)
{
	unsigned m[4] = { m0, 0, 0, 0 };
	sys6(SIG_SETMASK, (long)m, 0, 0, 0, 0, SYS_sigprocmask);
}

static long kill_self(int sig) { return sys6(sys6(0, 0, 0, 0, 0, 0, SYS_getpid), sig, 0, 0, 0, 0, SYS_kill); }

/* ucontext_t (sys/sys/_ucontext.h): uc_sigmask (4 words), then
 * uc_mcontext: ARM's __gregs[17] (r0 first; sys/arm/include/ucontext.h),
 * MIPS's mc_onstack, mc_pc, mc_regs[32] with mc_regs[0] sendsig's
 * UCONTEXT_MAGIC 0xACEDBADE and v0 = mc_regs[2] (sys/mips/include/
 * ucontext.h, pm_machdep.c). The return value register: r0, v0. */
#ifdef __mips__
#define UC_RETREG 48
#define UC_MAGIC_OK(uc) (*(unsigned long *)((uc) + 32) == 0xacedbade)
#else
#define UC_RETREG 16
#define UC_MAGIC_OK(uc) 1
#endif

static volatile long seen_sig, seen_code, seen_pid, seen_oldmask, seen_magic;
static volatile unsigned seen_mask;

static void on_ctx(int sig, int *info, unsigned char *uc)
{
	seen_sig = sig == info[0] ? sig : -1;
	seen_code = info[2];
	seen_pid = info[3];
	seen_oldmask = *(unsigned *)uc;
	seen_magic = UC_MAGIC_OK(uc);
	seen_mask = cur_mask();
	/* What the interrupted kill returns once sigreturn restores it. */
	*(long *)(uc + UC_RETREG) = 12345;
}

static void do_sigctx(void)
{
	line("sigaction", set_handler(SIGUSR1, on_ctx, SA_SIGINFO, BIT(SIGUSR2) >> 1));
	set_mask(BIT(SIGUSR2));
	long r = kill_self(SIGUSR1);
	line("kill returns the value the handler stored", r);
	line("si_signo", seen_sig);
	/* kill(2) sends SI_USER (0x10001) with the sender's pid. */
	line("si_code is SI_USER", seen_code == 0x10001);
	line("si_pid is the sender", seen_pid == sys6(0, 0, 0, 0, 0, 0, SYS_getpid));
	line("uc_sigmask is the mask before the signal", seen_oldmask == BIT(SIGUSR2));
	line("mcontext magic", seen_magic);
	/* postsig: the mask during the handler is the old one, sa_mask
	 * and the signal itself. */
	line("handler mask", seen_mask == (BIT(SIGUSR2) | (BIT(SIGUSR2) >> 1) | BIT(SIGUSR1)));
	line("mask after sigreturn", cur_mask() == BIT(SIGUSR2));
}

static volatile int count;

static void on_count(int sig, int *info, unsigned char *uc)
{
	(void)sig, (void)info, (void)uc;
	count++;
	seen_mask = cur_mask();
}

static void do_sigmask(void)
{
	set_mask(0);
	set_handler(SIGUSR1, on_count, SA_NODEFER, 0);
	kill_self(SIGUSR1);
	line("SA_NODEFER: the signal is not blocked in its handler", (seen_mask & BIT(SIGUSR1)) == 0);
	set_handler(SIGUSR1, on_count, SA_RESETHAND, 0);
	kill_self(SIGUSR1);
	line("SA_RESETHAND: the signal is blocked in its handler", (seen_mask & BIT(SIGUSR1)) != 0);
	struct fbsd_sigaction old = { 0, 0, { 0, 0, 0, 0 } };
	sys6(SIGUSR1, 0, (long)&old, 0, 0, 0, SYS_sigaction);
	line("SA_RESETHAND: the handler is SIG_DFL afterwards", old.handler == 0);
	line("handler runs", count);
	line("mask after both", cur_mask());
}

/* struct kevent of FreeBSD 12 and later (sys/sys/event.h). */
struct kevent {
	unsigned long ident;
	short filter;
	unsigned short flags;
	unsigned fflags;
	long long data;
	void *udata;
	unsigned long long ext[4];
};

struct timespec {
	long long sec;
	long nsec;
};

#define EVFILT_PROC (-5)
#define EVFILT_SIGNAL (-6)
#define EVFILT_TIMER (-7)
#define EVFILT_USER (-11)
#define EV_ADD 0x1
#define EV_DELETE 0x2
#define EV_ONESHOT 0x10
#define EV_CLEAR 0x20
#define EV_ERROR 0x4000
#define EV_EOF 0x8000
#define NOTE_USECONDS 0x4
#define NOTE_TRIGGER 0x01000000
#define NOTE_FFOR 0x80000000u
#define NOTE_FFCOPY 0xc0000000u
#define NOTE_EXIT 0x80000000u

static long kq_change(long kq, unsigned long ident, int filter, unsigned flags, unsigned fflags, long long data)
{
	struct kevent ev = { ident, (short)filter, (unsigned short)flags, fflags, data, 0, { 0, 0, 0, 0 } };
	return sys6(kq, (long)&ev, 1, 0, 0, 0, SYS_kevent);
}

/* Waits up to ms for one event. */
static long kq_wait(long kq, struct kevent *ev, long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	return sys6(kq, 0, 0, (long)ev, 1, (long)&ts, SYS_kevent);
}

static void do_kevent(void)
{
	long kq = sys6(0, 0, 0, 0, 0, 0, SYS_kqueue);
	line("kqueue", kq >= 0);
	struct kevent ev;
	/* A periodic timer of 20 ms (the default unit): data counts the
	 * expirations since the last report. */
	line("timer add", kq_change(kq, 1, EVFILT_TIMER, EV_ADD, 0, 20));
	long total = 0, reports = 0, good = 1;
	while (total < 3 && reports < 10) {
		if (kq_wait(kq, &ev, 5000) != 1 || ev.filter != EVFILT_TIMER || ev.ident != 1 || ev.data < 1)
			good = 0;
		total += ev.data;
		reports++;
	}
	line("periodic timer reaches 3 expirations", good && total >= 3);
	line("timer delete", kq_change(kq, 1, EVFILT_TIMER, EV_DELETE, 0, 0));
	line("no event after delete", kq_wait(kq, &ev, 60));
	/* EV_ONESHOT: one report with data 1, then the knote is gone. */
	kq_change(kq, 2, EVFILT_TIMER, EV_ADD | EV_ONESHOT, NOTE_USECONDS, 1000);
	long r = kq_wait(kq, &ev, 5000);
	line("oneshot timer", r == 1 && ev.ident == 2 && ev.data == 1);
	line("oneshot timer again", kq_wait(kq, &ev, 60));
	line("oneshot timer is deleted", kq_change(kq, 2, EVFILT_TIMER, EV_DELETE, 0, 0));
	/* A negative time is EINVAL (22), returned by kevent when there is
	 * no room for an EV_ERROR event. */
	line("negative timer", kq_change(kq, 3, EVFILT_TIMER, EV_ADD, 0, -1));

	/* EVFILT_SIGNAL counts sends of an ignored signal. */
	set_handler(SIGUSR1, (void (*)(int, int *, unsigned char *))1, 0, 0);
	line("signal add", kq_change(kq, SIGUSR1, EVFILT_SIGNAL, EV_ADD, 0, 0));
	kill_self(SIGUSR1);
	kill_self(SIGUSR1);
	kill_self(SIGUSR1);
	r = kq_wait(kq, &ev, 0);
	line("EVFILT_SIGNAL reports", r == 1 && ev.filter == EVFILT_SIGNAL && ev.ident == SIGUSR1);
	line("signal count", ev.data);
	line("count cleared", kq_wait(kq, &ev, 0));
	/* A send from another process ends a wait under way. */
	long parent = sys6(0, 0, 0, 0, 0, 0, SYS_getpid);
	long child = sys6(0, 0, 0, 0, 0, 0, SYS_fork);
	if (child == 0) {
		struct timespec nap = { 0, 100000000 };
		sys6((long)&nap, 0, 0, 0, 0, 0, 240 /* SYS_nanosleep */);
		sys6(parent, SIGUSR1, 0, 0, 0, 0, SYS_kill);
		sys6(0, 0, 0, 0, 0, 0, SYS_exit);
	}
	r = kq_wait(kq, &ev, 5000);
	line("a waiting kevent sees a signal sent meanwhile", r == 1 && ev.filter == EVFILT_SIGNAL && ev.data == 1);
	int st;
	wait_child(child, 0, &st);
	/* An ignored SIGCHLD is not recorded: the exit of a child does not
	 * send it, and the child is reaped by itself (wait4: ECHILD). */
	set_handler(20, (void (*)(int, int *, unsigned char *))1, 0, 0);
	kq_change(kq, 20, EVFILT_SIGNAL, EV_ADD, 0, 0);
	child = sys6(0, 0, 0, 0, 0, 0, SYS_fork);
	if (child == 0)
		sys6(0, 0, 0, 0, 0, 0, SYS_exit);
	line("ignored SIGCHLD: wait4", wait_child(child, 0, &st));
	line("ignored SIGCHLD: events", kq_wait(kq, &ev, 0));
	kq_change(kq, 20, EVFILT_SIGNAL, EV_DELETE, 0, 0);
	set_handler(20, 0, 0, 0);

	/* EVFILT_USER: NOTE_TRIGGER fires it; NOTE_FFCOPY and NOTE_FFOR set
	 * the flags it reports; EV_CLEAR resets it after the report. */
	line("user add", kq_change(kq, 7, EVFILT_USER, EV_ADD | EV_CLEAR, 0, 0));
	line("user before a trigger", kq_wait(kq, &ev, 0));
	kq_change(kq, 7, EVFILT_USER, 0, NOTE_FFCOPY | 0x5, 0);
	kq_change(kq, 7, EVFILT_USER, 0, NOTE_TRIGGER | NOTE_FFOR | 0x20, 0);
	r = kq_wait(kq, &ev, 0);
	line("user triggered", r == 1 && ev.filter == EVFILT_USER && ev.ident == 7);
	line("user fflags", ev.fflags);
	line("user after EV_CLEAR", kq_wait(kq, &ev, 0));
	line("user not added", kq_change(kq, 8, EVFILT_USER, 0, NOTE_TRIGGER, 0));

	/* EVFILT_PROC NOTE_EXIT: data is the wait status, flags EV_EOF;
	 * the child is not reaped. */
	long pid = sys6(0, 0, 0, 0, 0, 0, SYS_fork);
	if (pid == 0)
		sys6(9, 0, 0, 0, 0, 0, SYS_exit);
	line("proc add", kq_change(kq, (unsigned long)pid, EVFILT_PROC, EV_ADD, NOTE_EXIT, 0));
	r = kq_wait(kq, &ev, 5000);
	line("NOTE_EXIT", r == 1 && ev.filter == EVFILT_PROC && ev.ident == (unsigned long)pid &&
				  ev.fflags == NOTE_EXIT && (ev.flags & EV_EOF));
	line("NOTE_EXIT status", ev.data);
	int status;
	line("wait4 still reaps it", wait_child(pid, 0, &status) == pid);
	line("wait4 status", status);
	line("no such process", kq_change(kq, 99999999, EVFILT_PROC, EV_ADD, NOTE_EXIT, 0));
}

static volatile int sigchld_count;

static void on_sigchld(int sig, int *info, unsigned char *uc)
{
	(void)sig, (void)info, (void)uc;
	sigchld_count++;
}

/* st_mode: a 16-bit mode_t after st_dev, st_ino, st_nlink (64-bit each;
 * sys/sys/stat.h of FreeBSD 12 and later). */
static long fstat_mode(long fd)
{
	unsigned long long st[32];
	long r = sys6(fd, (long)st, 0, 0, 0, 0, SYS_fstat);
	return r < 0 ? r : *(unsigned short *)((char *)st + 24);
}

static long pd_child(int *fd)
{
	long pid = sys6((long)fd, 0, 0, 0, 0, 0, SYS_pdfork);
	if (pid == 0)
		for (;;)
			sys6(0, 0, 0, 0, 0, 0, SYS_getppid);
	return pid;
}

static void do_procdesc(void)
{
	set_handler(20 /* SIGCHLD */, on_sigchld, 0, 0);
	int fd = -1, status;
	long pid = pd_child(&fd);
	line("pdfork", pid > 0 && fd >= 0);
	int got = 0;
	line("pdgetpid", sys6(fd, (long)&got, 0, 0, 0, 0, SYS_pdgetpid));
	line("pdgetpid is the child", got == pid);
	line("fstat mode while it runs", fstat_mode(fd));
	line("wait4(-1) leaves it", wait_child(-1, 1, &status));
	line("pdkill SIGTERM", sys6(fd, 15, 0, 0, 0, 0, SYS_pdkill));
	long kq = sys6(0, 0, 0, 0, 0, 0, SYS_kqueue);
	kq_change(kq, (unsigned long)fd, -8 /* EVFILT_PROCDESC */, EV_ADD, NOTE_EXIT, 0);
	struct kevent ev;
	long r = kq_wait(kq, &ev, 5000);
	line("EVFILT_PROCDESC NOTE_EXIT", r == 1 && ev.ident == (unsigned long)fd && ev.fflags == NOTE_EXIT);
	line("exit status", ev.data);
	line("fstat mode after the exit", fstat_mode(fd));
	line("no SIGCHLD", sigchld_count);
	line("wait4 by pid", wait_child(pid, 0, &status) == pid);
	line("wait4 status", status);
	line("close", sys6(fd, 0, 0, 0, 0, 0, SYS_close));

	pid = pd_child(&fd);
	line("close of a running child's descriptor", sys6(fd, 0, 0, 0, 0, 0, SYS_close));
	line("the child is gone", wait_child(pid, 1, &status));
	line("pdgetpid of another file", sys6(0, (long)&got, 0, 0, 0, 0, SYS_pdgetpid));
	line("pdkill of another file", sys6(0, 15, 0, 0, 0, 0, SYS_pdkill));
	line("pdfork bad flags", sys6((long)&fd, 4, 0, 0, 0, 0, SYS_pdfork));
}

/* Room for a ucontext_t of either target (260 and 688 bytes). */
static unsigned long long ctx_a[128], ctx_b[128];
static volatile int passes, phase;

static void do_context(void)
{
	set_mask(0);
	/* getcontext returns 0, and again each time setcontext resumes the
	 * saved context (get_mcontext's GET_MC_CLEAR_RET). */
	long r = sys6((long)ctx_a, 0, 0, 0, 0, 0, SYS_getcontext);
	passes++;
	if (r != 0)
		line("getcontext", r);
	if (passes == 1)
		set_mask(BIT(SIGUSR2));
	if (passes < 3)
		line("setcontext", sys6((long)ctx_a, 0, 0, 0, 0, 0, SYS_setcontext));
	line("getcontext returned", passes);
	/* The saved mask comes back with the context. */
	line("mask of the context", cur_mask());

	r = sys6((long)ctx_a, 0, 0, 0, 0, 0, SYS_getcontext);
	if (phase == 0) {
		phase = 1;
		r = sys6((long)ctx_b, (long)ctx_a, 0, 0, 0, 0, SYS_swapcontext);
		line("swapcontext resumed in phase", phase);
		line("swapcontext returns", r);
	} else {
		phase = 2;
		line("setcontext of the swapped-out context", sys6((long)ctx_b, 0, 0, 0, 0, 0, SYS_setcontext));
	}
	line("NULL context", sys6(0, 0, 0, 0, 0, 0, SYS_getcontext));
}

/* sys/sys/socket.h: AF_UNIX 1, AF_INET 2, SOCK_STREAM 1, SOCK_DGRAM 2,
 * SOCK_CLOEXEC 0x10000000, SOCK_NONBLOCK 0x20000000, SOL_SOCKET 0xffff,
 * SCM_RIGHTS 1. */
#define AF_UNIX 1
#define AF_INET 2
#define SOCK_STREAM 1
#define SOCK_CLOEXEC 0x10000000
#define SOL_SOCKET 0xffff

struct iovec {
	void *base;
	size_t len;
};

/* struct msghdr: socklen_t and int between the pointers. */
struct msghdr {
	void *name;
	unsigned namelen;
	struct iovec *iov;
	int iovlen;
	void *control;
	unsigned controllen;
	int flags;
};

/* _ALIGN: sizeof(int) on arm, sizeof(void *) on mips (machine/_align.h). */
#define ALIGNTO (sizeof(void *))
#define CALIGN(n) (((n) + ALIGNTO - 1) & ~(ALIGNTO - 1))
#define CMSG_HDR 12

static void put_bytes(const char *label, const unsigned char *b, unsigned n)
{
	out(label);
	for (unsigned i = 0; i < n; i++) {
		out(" ");
		out_num(b[i]);
	}
	out("\n");
}

static void zero(void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		((char *)p)[i] = 0;
}

static long getopt_int(int fd, int level, int opt, int *v)
{
	unsigned len = sizeof *v;
	*v = -1;
	long r = sys6(fd, level, opt, (long)v, (long)&len, 0, SYS_getsockopt);
	return r < 0 ? r : len;
}

/* SCM_RIGHTS: a pipe's read end sent over a socketpair arrives as a new
 * descriptor of the same pipe. */
static void do_rights(int sv[2])
{
	int fds[2];
	sys6((long)fds, 0, 0, 0, 0, 0, SYS_pipe2);
	sys6(fds[1], (long)"fd!", 3, 0, 0, 0, SYS_write);
	union {
		unsigned char b[64];
		long align;
	} cbuf;
	zero(&cbuf, sizeof cbuf);
	unsigned *h = (unsigned *)cbuf.b;
	h[0] = CALIGN(CMSG_HDR) + 4; /* CMSG_LEN(sizeof(int)) */
	h[1] = SOL_SOCKET;
	h[2] = 1; /* SCM_RIGHTS */
	*(int *)(cbuf.b + CALIGN(CMSG_HDR)) = fds[0];
	char x = 'x';
	struct iovec iov = { &x, 1 };
	struct msghdr m = { 0, 0, &iov, 1, cbuf.b, CALIGN(CMSG_HDR) + CALIGN(4), 0 };
	line("sendmsg SCM_RIGHTS", sys6(sv[0], (long)&m, 0, 0, 0, 0, SYS_sendmsg));
	sys6(fds[0], 0, 0, 0, 0, 0, SYS_close);
	zero(&cbuf, sizeof cbuf);
	char y = 0;
	struct iovec iov2 = { &y, 1 };
	struct msghdr r = { 0, 0, &iov2, 1, cbuf.b, sizeof cbuf.b, -1 };
	line("recvmsg", sys6(sv[1], (long)&r, 0, 0, 0, 0, SYS_recvmsg));
	line("msg_controllen", r.controllen);
	line("msg_flags", r.flags);
	line("cmsg_len", h[0]);
	line("cmsg_level", h[1]);
	line("cmsg_type", h[2]);
	int nfd = *(int *)(cbuf.b + CALIGN(CMSG_HDR));
	char got[4] = { 0, 0, 0, 0 };
	line("read through the passed descriptor", sys6(nfd, (long)got, 3, 0, 0, 0, SYS_read));
	line("it is the pipe", got[0] == 'f' && got[1] == 'd' && got[2] == '!');
	sys6(nfd, 0, 0, 0, 0, 0, SYS_close);
	sys6(fds[1], 0, 0, 0, 0, 0, SYS_close);
}

/* sockaddr_un (sys/sys/un.h): sun_len, sun_family, sun_path[104]. bind
 * takes the length from its argument, not sun_len (getsockaddr sets
 * it); getsockname gives min(buffer, sa_len) bytes and that length. */
static void do_unix_name(void)
{
	int s = (int)sys6(AF_UNIX, SOCK_STREAM, 0, 0, 0, 0, SYS_socket);
	unsigned char sun[106];
	zero(sun, sizeof sun);
	sun[1] = AF_UNIX;
	const char *path = "fbsd.sock";
	for (int i = 0; path[i]; i++)
		sun[2 + i] = (unsigned char)path[i];
	unsigned len = 2 + 9 + 1;
	sys6((long)path, 0, 0, 0, 0, 0, SYS_unlink);
	line("bind AF_UNIX", sys6(s, (long)sun, len, 0, 0, 0, SYS_bind));
	unsigned char got[128];
	zero(got, sizeof got);
	unsigned glen = sizeof got;
	line("getsockname", sys6(s, (long)got, (long)&glen, 0, 0, 0, SYS_getsockname));
	line("length", glen);
	line("sun_len", got[0]);
	line("sun_family", got[1]);
	line("sun_path is the bound path", same((char *)got + 2, path));
	glen = 4;
	sys6(s, (long)got, (long)&glen, 0, 0, 0, SYS_getsockname);
	line("getsockname into 4 bytes: length", glen);
	sys6(s, 0, 0, 0, 0, 0, SYS_close);
	/* unp_bind: no path is EINVAL, an empty one names no file (ENOENT). */
	s = (int)sys6(AF_UNIX, SOCK_STREAM, 0, 0, 0, 0, SYS_socket);
	line("bind without a path", sys6(s, (long)sun, 2, 0, 0, 0, SYS_bind));
	sun[2] = 0;
	line("bind an empty path", sys6(s, (long)sun, 8, 0, 0, 0, SYS_bind));
	sys6(s, 0, 0, 0, 0, 0, SYS_close);
	sys6((long)path, 0, 0, 0, 0, 0, SYS_unlink);
}

/* sockaddr_in (netinet/in.h): sin_len 16, sin_family 2, port, address. */
static void do_inet(void)
{
	int l = (int)sys6(AF_INET, SOCK_STREAM, 0, 0, 0, 0, SYS_socket);
	unsigned char sin[16] = { 16, AF_INET, 0, 0, 127, 0, 0, 1 };
	line("bind 127.0.0.1", sys6(l, (long)sin, 16, 0, 0, 0, SYS_bind));
	line("listen", sys6(l, 1, 0, 0, 0, 0, SYS_listen));
	unsigned char got[32];
	unsigned glen = sizeof got;
	sys6(l, (long)got, (long)&glen, 0, 0, 0, SYS_getsockname);
	line("getsockname length", glen);
	put_bytes("sin_len, sin_family", got, 2);
	put_bytes("sin_addr", got + 4, 4);
	int c = (int)sys6(AF_INET, SOCK_STREAM, 0, 0, 0, 0, SYS_socket);
	line("connect", sys6(c, (long)got, 16, 0, 0, 0, SYS_connect));
	unsigned char peer[32];
	unsigned plen = sizeof peer;
	int a = (int)sys6(l, (long)peer, (long)&plen, SOCK_CLOEXEC, 0, 0, SYS_accept4);
	line("accept4", a > 0);
	line("peer length", plen);
	put_bytes("peer sin_len, sin_family", peer, 2);
	/* FD_CLOEXEC 1 (sys/sys/fcntl.h: F_GETFD 1). */
	line("accept4 SOCK_CLOEXEC: F_GETFD", sys6(a, 1, 0, 0, 0, 0, SYS_fcntl));
	plen = sizeof peer;
	sys6(c, (long)peer, (long)&plen, 0, 0, 0, SYS_getpeername);
	line("getpeername length", plen);
	/* TCP_NODELAY 1 (netinet/tcp.h) reads as TF_NODELAY (4). */
	int one = 1, v;
	line("setsockopt TCP_NODELAY", sys6(c, 6, 1, (long)&one, 4, 0, SYS_setsockopt));
	getopt_int(c, 6, 1, &v);
	line("TCP_NODELAY reads", v);
	/* MSG_NOSIGNAL 0x20000, MSG_WAITALL 0x40, MSG_DONTWAIT 0x80. */
	line("sendto MSG_NOSIGNAL", sys6(c, (long)"ping", 4, 0x20000, 0, 0, SYS_sendto));
	char buf[8] = { 0 };
	unsigned char from[32];
	unsigned flen = sizeof from;
	line("recvfrom MSG_WAITALL", sys6(a, (long)buf, 4, 0x40, (long)from, (long)&flen, SYS_recvfrom));
	line("it is ping", same(buf, "ping"));
	line("stream source length", flen);
	line("recvfrom MSG_DONTWAIT, nothing there", sys6(a, (long)buf, 4, 0x80, 0, 0, SYS_recvfrom));
	/* SHUT_WR 1: the peer reads the end. */
	line("shutdown SHUT_WR", sys6(c, 1, 0, 0, 0, 0, SYS_shutdown));
	line("recvfrom after it", sys6(a, (long)buf, 4, 0, 0, 0, SYS_recvfrom));
	sys6(a, 0, 0, 0, 0, 0, SYS_close);
	sys6(c, 0, 0, 0, 0, 0, SYS_close);
	/* Nothing listens on the port now: ECONNREFUSED (61). */
	c = (int)sys6(AF_INET, SOCK_STREAM, 0, 0, 0, 0, SYS_socket);
	sys6(l, 0, 0, 0, 0, 0, SYS_close);
	line("connect to a closed port", sys6(c, (long)got, 16, 0, 0, 0, SYS_connect));
	line("SO_ERROR after it", getopt_int(c, SOL_SOCKET, 0x1007, &v) < 0 ? -1 : v);
	sys6(c, 0, 0, 0, 0, 0, SYS_close);
}

/* filio.h: FIOCLEX _IO('f', 1), FIONCLEX _IO('f', 2), FIONREAD
 * _IOR('f', 127, int), FIONBIO _IOW('f', 126, int) (ioccom.h: IOC_VOID
 * 0x20000000, IOC_OUT 0x40000000, IOC_IN 0x80000000, size << 16). */
#define FIOCLEX 0x20006601UL
#define FIONCLEX 0x20006602UL
#define FIONREAD 0x4004667fUL
#define FIONBIO 0x8004667eUL

static void do_fio(int sv[2])
{
	int n = -1, on = 1;
	sys6(sv[0], (long)"abc", 3, 0, 0, 0, SYS_write);
	line("FIONREAD", sys6(sv[1], (long)FIONREAD, (long)&n, 0, 0, 0, SYS_ioctl));
	line("bytes to read", n);
	/* struct pollfd: int fd, short events, short revents; POLLIN 1,
	 * POLLOUT 4 (sys/sys/poll.h). */
	struct {
		int fd;
		short events, revents;
	} pfd = { sv[1], 1 | 4, 0 };
	line("poll", sys6((long)&pfd, 1, 0, 0, 0, 0, SYS_poll));
	line("revents", pfd.revents);
	/* fd_set: an array of unsigned long (sys/sys/select.h); struct
	 * timeval and timespec: a 64-bit time_t, then a long. */
	unsigned long rd[4] = { 1UL << sv[1], 0, 0, 0 };
	struct {
		long long sec;
		long frac;
	} zero_time = { 0, 0 }, bad_time = { 0, 1000000 };
	line("select", sys6(sv[1] + 1, (long)rd, 0, 0, (long)&zero_time, 0, SYS_select));
	line("the descriptor is set", rd[0] == 1UL << sv[1]);
	line("select with 1000000 usec", sys6(sv[1] + 1, (long)rd, 0, 0, (long)&bad_time, 0, SYS_select));
	char buf[4];
	sys6(sv[1], (long)buf, 3, 0, 0, 0, SYS_read);
	rd[0] = 1UL << sv[1];
	line("pselect with nothing to read", sys6(sv[1] + 1, (long)rd, 0, 0, (long)&zero_time, 0, SYS_pselect));
	pfd.events = 1;
	line("ppoll with nothing to read", sys6((long)&pfd, 1, (long)&zero_time, 0, 0, 0, SYS_ppoll));
	line("FIONBIO", sys6(sv[1], (long)FIONBIO, (long)&on, 0, 0, 0, SYS_ioctl));
	line("read with nothing there", sys6(sv[1], (long)buf, 1, 0, 0, 0, SYS_read));
	line("FIOCLEX", sys6(sv[1], (long)FIOCLEX, 0, 0, 0, 0, SYS_ioctl));
	line("F_GETFD", sys6(sv[1], 1, 0, 0, 0, 0, SYS_fcntl));
	line("FIONCLEX", sys6(sv[1], (long)FIONCLEX, 0, 0, 0, 0, SYS_ioctl));
	line("F_GETFD", sys6(sv[1], 1, 0, 0, 0, 0, SYS_fcntl));
	/* A request no driver knows: ENOTTY (25); a closed descriptor EBADF. */
	line("unknown request", sys6(sv[1], 0x20007a01L, 0, 0, 0, 0, SYS_ioctl));
	line("closed descriptor", sys6(1000, (long)FIONREAD, (long)&n, 0, 0, 0, SYS_ioctl));
}

static void do_sock(void)
{
	int sv[2];
	line("socketpair", sys6(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, (long)sv, 0, 0, SYS_socketpair));
	/* AF_APPLETALK (16) left FreeBSD with netatalk: EAFNOSUPPORT (47). */
	line("socket AF_APPLETALK", sys6(16, 2, 0, 0, 0, 0, SYS_socket));
	int v;
	/* SO_TYPE 0x1008: SOCK_STREAM. */
	line("SO_TYPE length", getopt_int(sv[0], SOL_SOCKET, 0x1008, &v));
	line("SO_TYPE", v);
	/* SO_REUSEADDR 4: sogetopt reports so_options & SO_REUSEADDR. */
	int one = 1;
	line("setsockopt SO_REUSEADDR", sys6(sv[0], SOL_SOCKET, 4, (long)&one, 4, 0, SYS_setsockopt));
	getopt_int(sv[0], SOL_SOCKET, 4, &v);
	line("SO_REUSEADDR reads", v);
	/* No such option: ENOPROTOOPT (42). */
	line("unknown option", getopt_int(sv[0], SOL_SOCKET, 0x7777, &v));
	/* socketpair's peer is unnamed: sun_noname, a 16-byte sockaddr. */
	unsigned char got[32];
	unsigned glen = sizeof got;
	sys6(sv[0], (long)got, (long)&glen, 0, 0, 0, SYS_getpeername);
	line("unnamed peer length", glen);
	put_bytes("its sa_len, sa_family", got, 2);
	/* LOCAL_PEERCRED (SOL_LOCAL 0, 1: sys/sys/un.h): struct xucred
	 * (sys/sys/ucred.h) of the socketpair's creator, this process. */
	struct {
		unsigned version, uid;
		short ngroups;
		unsigned groups[16];
		union {
			void *unused;
			int pid;
		} u;
	} xu;
	unsigned xlen = sizeof xu;
	line("LOCAL_PEERCRED", sys6(sv[0], 0, 1, (long)&xu, (long)&xlen, 0, SYS_getsockopt));
	line("xucred length", xlen);
	line("cr_version", xu.version);
	line("cr_uid is geteuid", xu.uid == (unsigned)sys6(0, 0, 0, 0, 0, 0, SYS_geteuid));
	line("cr_groups[0] is getegid", xu.ngroups >= 1 && xu.groups[0] == (unsigned)sys6(0, 0, 0, 0, 0, 0, SYS_getegid));
	line("cr_pid is getpid", xu.u.pid == sys6(0, 0, 0, 0, 0, 0, SYS_getpid));
	do_rights(sv);
	do_unix_name();
	do_inet();
	do_fio(sv);
}

/* struct termios (sys/sys/_termios.h). */
struct termios {
	unsigned iflag, oflag, cflag, lflag;
	unsigned char cc[20];
	unsigned ispeed, ospeed;
};
/* ttycom.h: TIOCGETA _IOR('t', 19, struct termios), TIOCSETA
 * _IOW('t', 20, ...), TIOCSWINSZ _IOW('t', 103, struct winsize),
 * TIOCGWINSZ _IOR('t', 104, ...), TIOCGPGRP _IOR('t', 119, int),
 * TIOCPTMASTER _IO('t', 28); filio.h: FIODGNAME _IOW('f', 120, struct
 * fiodgname_arg). */
#define TIOCGETA 0x402c7413UL
#define TIOCSETA 0x802c7414UL
#define TIOCSWINSZ 0x80087467UL
#define TIOCGWINSZ 0x40087468UL
#define TIOCGPGRP 0x40047477UL
#define TIOCPTMASTER 0x2000741cUL
#define FIODGNAME (0x80006678UL | (2 * sizeof(void *)) << 16)

static int read_n(int fd, char *b, int n)
{
	int got = 0;
	while (got < n) {
		long r = sys6(fd, (long)(b + got), n - got, 0, 0, 0, SYS_read);
		if (r <= 0)
			return got;
		got += (int)r;
	}
	return got;
}

static int same_termios(const struct termios *a, const struct termios *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	for (size_t i = 0; i < sizeof *a; i++)
		if (x[i] != y[i])
			return 0;
	return 1;
}

static void do_tty(void)
{
	/* O_RDWR 2 | O_NOCTTY 0x8000 (sys/sys/fcntl.h). */
	long m = sys6(2 | 0x8000, 0, 0, 0, 0, 0, SYS_posix_openpt);
	if (m < 0) {
		line("no pty", m);
		return;
	}
	line("TIOCPTMASTER", sys6(m, (long)TIOCPTMASTER, 0, 0, 0, 0, SYS_ioctl));
	/* ptsname(3): "/dev/" and the master's FIODGNAME name. */
	char path[64] = "/dev/";
	struct {
		int len;
		char *buf;
	} dg = { sizeof path - 5, path + 5 };
	line("FIODGNAME", sys6(m, (long)FIODGNAME, (long)&dg, 0, 0, 0, SYS_ioctl));
	line("it is pts/N", path[5] == 'p' && path[6] == 't' && path[7] == 's' && path[8] == '/');
	long s = sys6((long)path, 2 | 0x8000, 0, 0, 0, 0, SYS_open);
	line("open the slave", s >= 0);
	struct termios t, back;
	line("TIOCGETA", sys6(s, (long)TIOCGETA, (long)&t, 0, 0, 0, SYS_ioctl));
	/* ICRNL 0x100; OPOST 1 | ONLCR 2; CS8 0x300 | CREAD 0x800; ISIG 0x80
	 * | ICANON 0x100 | ECHO 8 | IEXTEN 0x400. c_cc: VEOF 0 ^D, VERASE 3
	 * DEL, VKILL 5 ^U, VINTR 8 ^C, VQUIT 9 ^\, VSUSP 10 ^Z, VSTART 12
	 * ^Q, VSTOP 13 ^S, VMIN 16 1, VTIME 17 0; _POSIX_VDISABLE 0xff. */
	zero(&t, sizeof t);
	t.iflag = 0x100;
	t.oflag = 3;
	t.cflag = 0x300 | 0x800;
	t.lflag = 0x80 | 0x100 | 8 | 0x400;
	for (int i = 0; i < 20; i++)
		t.cc[i] = 0xff;
	t.cc[0] = 4, t.cc[3] = 0x7f, t.cc[5] = 0x15, t.cc[8] = 3, t.cc[9] = 0x1c, t.cc[10] = 0x1a;
	t.cc[12] = 0x11, t.cc[13] = 0x13, t.cc[16] = 1, t.cc[17] = 0;
	t.ispeed = t.ospeed = 9600;
	line("TIOCSETA", sys6(s, (long)TIOCSETA, (long)&t, 0, 0, 0, SYS_ioctl));
	zero(&back, sizeof back);
	sys6(s, (long)TIOCGETA, (long)&back, 0, 0, 0, SYS_ioctl);
	line("TIOCGETA gives it back", same_termios(&t, &back));
	line("c_lflag", back.lflag);
	line("c_ospeed", back.ospeed);
	/* Canonical mode with echo: a line typed on the master is read on
	 * the slave, and echoed back with ONLCR's CR. */
	sys6(m, (long)"hi\n", 3, 0, 0, 0, SYS_write);
	char b[8] = { 0 };
	line("the slave reads the line", read_n((int)s, b, 3));
	line("it is hi", same(b, "hi\n"));
	char e[8] = { 0 };
	read_n((int)m, e, 4);
	put_bytes("the master reads the echo", (unsigned char *)e, 4);
	/* Raw mode (no ICANON, ECHO): bytes as they come. */
	t.lflag = 0;
	sys6(s, (long)TIOCSETA, (long)&t, 0, 0, 0, SYS_ioctl);
	sys6(m, (long)"a\003b", 3, 0, 0, 0, SYS_write);
	line("raw read", read_n((int)s, b, 3));
	put_bytes("raw bytes", (unsigned char *)b, 3);
	unsigned short ws[4] = { 24, 80, 0, 0 }, wg[4] = { 0, 0, 0, 0 };
	line("TIOCSWINSZ", sys6(m, (long)TIOCSWINSZ, (long)ws, 0, 0, 0, SYS_ioctl));
	line("TIOCGWINSZ", sys6(s, (long)TIOCGWINSZ, (long)wg, 0, 0, 0, SYS_ioctl));
	line("rows", wg[0]);
	line("columns", wg[1]);
	/* Not the caller's controlling terminal: ENOTTY (25). */
	int pg;
	line("TIOCGPGRP", sys6(s, (long)TIOCGPGRP, (long)&pg, 0, 0, 0, SYS_ioctl));
	/* TIOCGETA on a socket: ENOTTY. */
	int sv[2];
	sys6(AF_UNIX, SOCK_STREAM, 0, (long)sv, 0, 0, SYS_socketpair);
	line("TIOCGETA on a socket", sys6(sv[0], (long)TIOCGETA, (long)&t, 0, 0, 0, SYS_ioctl));
}

int fbsd_main(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	const char *mode = argc > 1 ? argv[1] : "";
	if (same(mode, "sysctl"))
		do_sysctl();
	else if (same(mode, "nosys"))
		line("unknown call", sys6(0, 0, 0, 0, 0, 0, SYS_unknown));
	else if (same(mode, "catch"))
		do_catch();
	else if (same(mode, "errno"))
		do_errno();
	else if (same(mode, "proc"))
		do_proc(argv[0]);
	else if (same(mode, "sigctx"))
		do_sigctx();
	else if (same(mode, "sigmask"))
		do_sigmask();
	else if (same(mode, "kevent"))
		do_kevent();
	else if (same(mode, "procdesc"))
		do_procdesc();
	else if (same(mode, "context"))
		do_context();
	else if (same(mode, "sock"))
		do_sock();
	else if (same(mode, "tty"))
		do_tty();
	else if (same(mode, "execd")) {
		out("exec'd\n");
		return 3;
	}
	else
		return 2;
	return 0;
}
