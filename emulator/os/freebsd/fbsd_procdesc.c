/* Process descriptors (pdfork(2), sys/kern/sys_procdesc.c) on host
 * pidfds: pdfork is a fork whose child sends its parent no signal at its
 * exit (procdesc_exit) and which wait4(-1) does not take (the host's
 * clone children: waited for by pid only), with a pidfd in *fdp; pdkill
 * signals through the pidfd; pdgetpid answers from the table of the
 * descriptors pdfork made. Closing one kills the child with SIGKILL
 * unless PD_DAEMON and reaps it (procdesc_close): the parent cannot wait
 * for it afterwards. mimic knows a process descriptor by its number: a
 * dup of one is not one, and closing the original acts even while a dup
 * is open. FreeBSD 13 has no pdwait4 (syscalls.master: unimplemented). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os/freebsd/fbsd_sys.h"

/* sys/procdesc.h */
#define PD_DAEMON 0x1u
#define PD_CLOEXEC 0x2u

struct procdesc {
	int fd, pid;
	bool daemon;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct procdesc *pds;
static unsigned npds;

static struct procdesc *find(int fd)
{
	for (unsigned i = 0; i < npds; i++)
		if (pds[i].fd == fd)
			return &pds[i];
	return NULL;
}

int fbsd_procdesc_pid(int fd)
{
	pthread_mutex_lock(&lock);
	const struct procdesc *d = find(fd);
	int pid = d ? d->pid : -EBADF;
	pthread_mutex_unlock(&lock);
	return pid;
}

/* procdesc_close for each process descriptor in lo..hi. */
static void closing(struct linux_proc *p, unsigned lo, unsigned hi)
{
	(void)p;
	pthread_mutex_lock(&lock);
	for (unsigned i = 0; i < npds;) {
		struct procdesc d = pds[i];
		if ((unsigned)d.fd < lo || (unsigned)d.fd > hi) {
			i++;
			continue;
		}
		pds[i] = pds[--npds];
		if (!d.daemon) {
			syscall(SYS_pidfd_send_signal, d.fd, SIGKILL, NULL, 0);
			siginfo_t si;
			waitid(P_PID, (id_t)d.pid, &si, WEXITED | __WALL);
		}
	}
	pthread_mutex_unlock(&lock);
}

/* pdfork(fdp, flags): EINVAL for flags other than PD_DAEMON and
 * PD_CLOEXEC (PD_ALLOWED_AT_FORK). */
FBSD(pdfork)
{
	uint32_t flags = (uint32_t)a[1];
	if (flags & ~(PD_DAEMON | PD_CLOEXEC))
		return -EINVAL;
	if (!gmem_check(&p->mem, a[0], 4, GP_W))
		return -EFAULT;
	sc_fds_close_hook = closing;
	/* clone with no exit signal, the pidfd stored at fdp. */
	const uint64_t b[6] = { CLONE_PIDFD, 0, a[0], 0, 0, 0 };
	long pid = sys_clone(p, b);
	if (pid <= 0)
		return pid;
	uint32_t fd;
	if (sc_get32(p, a[0], &fd) < 0)
		return -EFAULT;
	if (!(flags & PD_CLOEXEC))
		fcntl((int)fd, F_SETFD, 0);
	pthread_mutex_lock(&lock);
	struct procdesc *n = realloc(pds, (npds + 1) * sizeof *pds);
	if (n) {
		pds = n;
		pds[npds++] = (struct procdesc){ (int)fd, (int)pid, (flags & PD_DAEMON) != 0 };
	}
	pthread_mutex_unlock(&lock);
	return pid;
}

/* pdkill(fd, signum): EINVAL for a signal out of range (sys_pdkill). */
FBSD(pdkill)
{
	(void)p;
	int fd = sc_int(a[0]), sig = sc_int(a[1]);
	if (sig < 0 || sig > 128)
		return -EINVAL;
	if (fbsd_procdesc_pid(fd) < 0)
		return -EBADF;
	int hsig = sig ? fbsd_sig_to_host(sig) : 0;
	if (sig && hsig <= 0)
		return -EINVAL;
	return sc_ret(syscall(SYS_pidfd_send_signal, fd, hsig, NULL, 0));
}

FBSD(pdgetpid)
{
	int pid = fbsd_procdesc_pid(sc_int(a[0]));
	if (pid < 0)
		return pid;
	return sc_put32(p, a[1], (uint32_t)pid) < 0 ? -EFAULT : 0;
}

/* procdesc_stat: all zero but a regular file's mode, 0700 while the
 * process runs and 0 once it has exited, and its real ids as the owner;
 * the times (its start) are left 0. */
bool fbsd_procdesc_stat(int fd, struct stat *st)
{
	int pid = fbsd_procdesc_pid(fd);
	if (pid < 0)
		return false;
	uint32_t status;
	memset(st, 0, sizeof *st);
	st->st_mode = S_IFREG | (fbsd_child_exit_status(pid, &status) == 0 ? S_IRWXU : 0);
	st->st_uid = getuid();
	st->st_gid = getgid();
	return true;
}
