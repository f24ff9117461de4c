/* FreeBSD's socket calls on host sockets: socket and socketpair with
 * FreeBSD's creation flags, the calls that take or give an address
 * (fbsd_sockaddr.c converts it), send and receive with MSG_* flags.
 * listen and shutdown are the shared handlers (SHUT_* are the same). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "os/freebsd/fbsd_sock.h"

/* socket.h: SOCK_CLOEXEC 0x10000000, SOCK_NONBLOCK 0x20000000 in the
 * type of socket and socketpair, the flags of accept4. */
#define F_SOCK_CLOEXEC 0x10000000u
#define F_SOCK_NONBLOCK 0x20000000u
static int sock_flags(uint32_t f)
{
	return ((f & F_SOCK_CLOEXEC) ? SOCK_CLOEXEC : 0) | ((f & F_SOCK_NONBLOCK) ? SOCK_NONBLOCK : 0);
}

/* The host type of FreeBSD's type argument; -1 when a host flag bit
 * would be set by it (no such FreeBSD type: EPROTOTYPE). */
static int sock_type(uint64_t t)
{
	uint32_t type = (uint32_t)t & ~(F_SOCK_CLOEXEC | F_SOCK_NONBLOCK);
	if (type & (SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -1;
	return (int)type | sock_flags((uint32_t)t);
}

/* Names once per (what, a, b) what mimic does not run, under -d unimp. */
void fbsd_note_unimp(struct linux_proc *p, const char *what, uint32_t a, uint32_t b)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static struct seen {
		const char *what;
		uint32_t a, b;
	} seen[64];
	static unsigned nseen;
	if (!p->log_unimp)
		return;
	pthread_mutex_lock(&lock);
	bool first = true;
	for (unsigned i = 0; i < nseen && first; i++)
		first = !(seen[i].what == what && seen[i].a == a && seen[i].b == b);
	if (first && nseen < sizeof seen / sizeof seen[0])
		seen[nseen++] = (struct seen){ what, a, b };
	pthread_mutex_unlock(&lock);
	if (first)
		fprintf(stderr, "mimic: unsupported FreeBSD %s 0x%x 0x%x\n", what, a, b);
}

FBSD(socket)
{
	(void)p;
	int domain = fbsd_domain_in(sc_int(a[0])), type = sock_type(a[1]);
	if (domain < 0)
		return -EAFNOSUPPORT;
	return type < 0 ? -EPROTOTYPE : sc_ret(socket(domain, type, sc_int(a[2])));
}

FBSD(socketpair)
{
	int sv[2], domain = fbsd_domain_in(sc_int(a[0])), type = sock_type(a[1]);
	if (domain < 0)
		return -EAFNOSUPPORT;
	if (type < 0)
		return -EPROTOTYPE;
	if (!gmem_check(&p->mem, a[3], 8, GP_W))
		return -EFAULT;
	if (socketpair(domain, type, sc_int(a[2]), sv) < 0)
		return sc_err();
	sc_put32(p, a[3], (uint32_t)sv[0]);
	sc_put32(p, a[3] + 4, (uint32_t)sv[1]);
	return 0;
}

static long addr_call(struct linux_proc *p, const uint64_t a[6], bool conn)
{
	struct sockaddr_storage ss;
	socklen_t len;
	long r = fbsd_sockaddr_in(p, a[1], (uint32_t)a[2], &ss, &len);
	if (r < 0)
		return r;
	int fd = sc_int(a[0]);
	return conn ? sc_ret(connect(fd, (struct sockaddr *)&ss, len)) : sc_ret(bind(fd, (struct sockaddr *)&ss, len));
}

FBSD(bind) { return addr_call(p, a, false); }
FBSD(connect) { return addr_call(p, a, true); }

/* accept inherits the listening socket's O_NONBLOCK (kern_accept4 with
 * ACCEPT4_INHERIT), accept4 takes it from its flags alone. */
static long do_accept(struct linux_proc *p, const uint64_t a[6], int flags, bool inherit)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	uint32_t glen;
	int fd = sc_int(a[0]);
	if (a[1] && sc_get32(p, a[2], &glen) < 0)
		return -EFAULT;
	if (inherit) {
		int fl = fcntl(fd, F_GETFL);
		if (fl < 0)
			return -EBADF;
		flags |= (fl & O_NONBLOCK) ? SOCK_NONBLOCK : 0;
	}
	long r = sc_ret(accept4(fd, (struct sockaddr *)&ss, &len, flags));
	if (r >= 0 && a[1] && fbsd_sockaddr_out(p, a[1], a[2], &ss, len) < 0)
		return -EFAULT;
	return r;
}

FBSD(accept) { return do_accept(p, a, 0, true); }

FBSD(accept4)
{
	uint32_t f = (uint32_t)a[3];
	if (f & ~(F_SOCK_CLOEXEC | F_SOCK_NONBLOCK))
		return -EINVAL;
	return do_accept(p, a, sock_flags(f), false);
}

static long name_call(struct linux_proc *p, const uint64_t a[6], bool peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	uint32_t glen;
	int fd = sc_int(a[0]);
	if (sc_get32(p, a[2], &glen) < 0)
		return -EFAULT;
	if ((int32_t)glen < 0)
		return -EINVAL;
	long r = peer ? getpeername(fd, (struct sockaddr *)&ss, &len) : getsockname(fd, (struct sockaddr *)&ss, &len);
	if (r < 0)
		return sc_err();
	return fbsd_sockaddr_out(p, a[1], a[2], &ss, len);
}

FBSD(getsockname) { return name_call(p, a, false); }
FBSD(getpeername) { return name_call(p, a, true); }

FBSD(sendto)
{
	struct sockaddr_storage ss;
	socklen_t len = 0;
	uint64_t n = sc_ulong(p, a[2]);
	const void *buf = n ? sc_buf_or_bad(p, a[1], n, GP_R) : NULL;
	if (a[4]) {
		long r = fbsd_sockaddr_in(p, a[4], (uint32_t)a[5], &ss, &len);
		if (r < 0)
			return r;
	}
	return sc_ret(sendto(sc_int(a[0]), buf, n, fbsd_msg_flags_in((uint32_t)a[3]),
			     a[4] ? (struct sockaddr *)&ss : NULL, len));
}

FBSD(recvfrom)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	uint64_t n = sc_ulong(p, a[2]);
	void *buf = n ? sc_buf_or_bad(p, a[1], n, GP_W) : NULL;
	/* sys_recvfrom: no length pointer is a zero length. */
	bool from = a[4] != 0 && a[5] != 0;
	int fd = sc_int(a[0]);
	uint32_t glen;
	if (from && sc_get32(p, a[5], &glen) < 0)
		return -EFAULT;
	long r = sc_ret(recvfrom(fd, buf, n, fbsd_msg_flags_in((uint32_t)a[3]), from ? (struct sockaddr *)&ss : NULL,
				 from ? &len : NULL));
	if (r >= 0 && from && fbsd_sockaddr_out(p, a[4], a[5], &ss, fbsd_from_unnamed(fd, &ss, len)) < 0)
		return -EFAULT;
	return r;
}
