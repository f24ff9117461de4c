/* Descriptor operations: duplication, pipes, fcntl (commands and lock
 * structures from the ABI's tables), flock, eventfd. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <unistd.h>

#include "os/linux/syscall.h"

SC(dup) { return sc_fds_duped(p, sc_int(a[0]), sc_ret(dup(sc_int(a[0])))); }

/* dup2 and dup3 close what nfd was. */
static long dup_onto(struct linux_proc *p, int fd, int nfd, int flags)
{
	return sc_fds_duped(p, fd, sc_ret(dup3(fd, nfd, flags)));
}

SC(dup2)
{
	int fd = sc_int(a[0]), nfd = sc_int(a[1]);
	/* dup3 refuses equal descriptors; dup2 checks and returns it. */
	if (fd == nfd)
		return fcntl(fd, F_GETFD) < 0 ? -EBADF : fd;
	return dup_onto(p, fd, nfd, 0);
}

SC(dup3) { return dup_onto(p, sc_int(a[0]), sc_int(a[1]), sc_open_flags_in(p, (uint32_t)a[2])); }

static long do_pipe(struct linux_proc *p, uint64_t addr, int flags)
{
	int fds[2];
	if (!gmem_check(&p->mem, addr, 8, GP_W))
		return -EFAULT;
	if (pipe2(fds, flags) < 0)
		return -errno;
	sc_put32(p, addr, (uint32_t)fds[0]);
	sc_put32(p, addr + 4, (uint32_t)fds[1]);
	return 0;
}

SC(pipe) { return do_pipe(p, a[0], 0); }
SC(pipe2) { return do_pipe(p, a[0], sc_open_flags_in(p, (uint32_t)a[1])); }

static long do_fcntl(struct linux_proc *p, const uint64_t a[6])
{
	int fd = sc_int(a[0]), cmd = sc_int(a[1]);
	const struct fcntl_cmd *c = p->arch->abi->fcntl_cmds;
	while (c->guest != -1 && c->guest != cmd)
		c++;
	if (c->guest == -1)
		return -EINVAL;
	struct flock fl;
	long r;
	switch (c->kind) {
	case FC_INT:
		r = sc_ret(fcntl(fd, c->host, sc_long(p, a[2])));
		return c->host == F_DUPFD || c->host == F_DUPFD_CLOEXEC ? sc_fds_duped(p, fd, r) : r;
	case FC_FLAGS:
		return sc_ret(fcntl(fd, c->host, sc_open_flags_in(p, (uint32_t)a[2])));
	case FC_GETFL:
		r = fcntl(fd, c->host);
		return r < 0 ? -errno : (long)sc_open_flags_out(p, (int)(r & ~(long)p->arch->abi->getfl_hide));
	case FC_LOCK:
	case FC_LOCK64:
		r = p->arch->abi->get_flock(p, a[2], &fl, c->kind == FC_LOCK64);
		if (r < 0)
			return r;
		if (fcntl(fd, c->host, &fl) < 0)
			return sc_err();
		if (c->host == F_GETLK || c->host == F_OFD_GETLK)
			return p->arch->abi->put_flock(p, a[2], &fl, c->kind == FC_LOCK64);
		return 0;
	}
	return -EINVAL;
}

SC(fcntl) { return do_fcntl(p, a); }
SC(fcntl64) { return do_fcntl(p, a); }
SC(flock) { (void)p; return sc_ret(flock(sc_int(a[0]), sc_int(a[1]))); }

/* EFD_CLOEXEC and EFD_NONBLOCK are the open flags' values on every ABI. */
SC(eventfd2)
{
	return sc_counter_fd_made(p, sc_ret(eventfd((unsigned)a[0], sc_open_flags_in(p, (uint32_t)a[1]))));
}
SC(eventfd) { return sc_counter_fd_made(p, sc_ret(eventfd((unsigned)a[0], 0))); }
