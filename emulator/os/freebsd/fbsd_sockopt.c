/* getsockopt and setsockopt with FreeBSD's levels and options: a table
 * of the options mimic runs, each with its host option and how its
 * value is converted. An option not in it fails with ENOPROTOOPT
 * (noted under -d unimp). Values are from sys/sys/socket.h (SOL_SOCKET
 * 0xffff and SO_*), netinet/in.h (IP_*), netinet6/in6.h (IPV6_*) and
 * netinet/tcp.h (TCP_*); protocol levels (IPPROTO_IP 0, IPPROTO_TCP 6,
 * IPPROTO_IPV6 41) are the same numbers on both systems. */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "os/freebsd/fbsd_sock.h"

#define F_SOL_SOCKET 0xffff

enum optkind {
	O_INT,     /* ints (or one byte), in the guest's byte order */
	O_FLAG,    /* an int; FreeBSD reports the option's own bit when set (sogetopt) */
	O_LINGER,  /* struct linger: l_onoff reported as SO_LINGER's bit */
	O_ERRNO,   /* SO_ERROR: an errno, in FreeBSD's numbering */
	O_BUF,     /* SO_SNDBUF/SO_RCVBUF: Linux reports twice what was set */
	O_TIMEVAL, /* struct timeval: 64-bit tv_sec, C long tv_usec */
	O_BYTES,   /* addresses (in_addr, ip_mreq): bytes as they are */
	O_MREQ6,   /* struct ipv6_mreq: in6_addr, then an int interface index */
	O_NODELAY, /* TCP_NODELAY: reported as TF_NODELAY (4, netinet/tcp_var.h) when set */
};

static const struct sockopt {
	int level, opt, hlevel, hopt;
	enum optkind kind;
} opts[] = {
	{ F_SOL_SOCKET, 0x0001, SOL_SOCKET, SO_DEBUG, O_FLAG },
	{ F_SOL_SOCKET, 0x0002, SOL_SOCKET, SO_ACCEPTCONN, O_FLAG },
	{ F_SOL_SOCKET, 0x0004, SOL_SOCKET, SO_REUSEADDR, O_FLAG },
	{ F_SOL_SOCKET, 0x0008, SOL_SOCKET, SO_KEEPALIVE, O_FLAG },
	{ F_SOL_SOCKET, 0x0010, SOL_SOCKET, SO_DONTROUTE, O_FLAG },
	{ F_SOL_SOCKET, 0x0020, SOL_SOCKET, SO_BROADCAST, O_FLAG },
	{ F_SOL_SOCKET, 0x0080, SOL_SOCKET, SO_LINGER, O_LINGER },
	{ F_SOL_SOCKET, 0x0100, SOL_SOCKET, SO_OOBINLINE, O_FLAG },
	{ F_SOL_SOCKET, 0x0200, SOL_SOCKET, SO_REUSEPORT, O_FLAG },
	{ F_SOL_SOCKET, 0x0400, SOL_SOCKET, SO_TIMESTAMP, O_FLAG },
	{ F_SOL_SOCKET, 0x1001, SOL_SOCKET, SO_SNDBUF, O_BUF },
	{ F_SOL_SOCKET, 0x1002, SOL_SOCKET, SO_RCVBUF, O_BUF },
	{ F_SOL_SOCKET, 0x1003, SOL_SOCKET, SO_SNDLOWAT, O_INT },
	{ F_SOL_SOCKET, 0x1004, SOL_SOCKET, SO_RCVLOWAT, O_INT },
	{ F_SOL_SOCKET, 0x1005, SOL_SOCKET, SO_SNDTIMEO, O_TIMEVAL },
	{ F_SOL_SOCKET, 0x1006, SOL_SOCKET, SO_RCVTIMEO, O_TIMEVAL },
	{ F_SOL_SOCKET, 0x1007, SOL_SOCKET, SO_ERROR, O_ERRNO },
	{ F_SOL_SOCKET, 0x1008, SOL_SOCKET, SO_TYPE, O_INT },   /* SOCK_* are the same */
	{ F_SOL_SOCKET, 0x1016, SOL_SOCKET, SO_PROTOCOL, O_INT },
	{ IPPROTO_IP, 3, IPPROTO_IP, IP_TOS, O_INT },
	{ IPPROTO_IP, 4, IPPROTO_IP, IP_TTL, O_INT },
	{ IPPROTO_IP, 9, IPPROTO_IP, IP_MULTICAST_IF, O_BYTES },
	{ IPPROTO_IP, 10, IPPROTO_IP, IP_MULTICAST_TTL, O_INT },
	{ IPPROTO_IP, 11, IPPROTO_IP, IP_MULTICAST_LOOP, O_INT },
	{ IPPROTO_IP, 12, IPPROTO_IP, IP_ADD_MEMBERSHIP, O_BYTES },
	{ IPPROTO_IP, 13, IPPROTO_IP, IP_DROP_MEMBERSHIP, O_BYTES },
	{ IPPROTO_IPV6, 4, IPPROTO_IPV6, IPV6_UNICAST_HOPS, O_INT },
	{ IPPROTO_IPV6, 9, IPPROTO_IPV6, IPV6_MULTICAST_IF, O_INT },
	{ IPPROTO_IPV6, 10, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, O_INT },
	{ IPPROTO_IPV6, 11, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, O_INT },
	{ IPPROTO_IPV6, 12, IPPROTO_IPV6, IPV6_JOIN_GROUP, O_MREQ6 },
	{ IPPROTO_IPV6, 13, IPPROTO_IPV6, IPV6_LEAVE_GROUP, O_MREQ6 },
	{ IPPROTO_IPV6, 27, IPPROTO_IPV6, IPV6_V6ONLY, O_INT },
	{ IPPROTO_IPV6, 61, IPPROTO_IPV6, IPV6_TCLASS, O_INT },
	{ IPPROTO_TCP, 1, IPPROTO_TCP, TCP_NODELAY, O_NODELAY },
	{ IPPROTO_TCP, 2, IPPROTO_TCP, TCP_MAXSEG, O_INT },
	{ IPPROTO_TCP, 256, IPPROTO_TCP, TCP_KEEPIDLE, O_INT },
	{ IPPROTO_TCP, 512, IPPROTO_TCP, TCP_KEEPINTVL, O_INT },
	{ IPPROTO_TCP, 1024, IPPROTO_TCP, TCP_KEEPCNT, O_INT },
};

static const struct sockopt *find(struct linux_proc *p, int level, int opt)
{
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (opts[i].level == level && opts[i].opt == opt)
			return &opts[i];
	fbsd_note_unimp(p, "socket option (level, name)", (uint32_t)level, (uint32_t)opt);
	return NULL;
}

/* Swaps the 4-byte ints of buf[from..len) for a big-endian guest. */
static void swap_ints(const struct linux_proc *p, uint8_t *buf, uint32_t from, uint32_t len)
{
	if (!p->mem.big_endian || len % 4)
		return;
	for (uint32_t i = from; i + 4 <= len; i += 4) {
		uint32_t v;
		memcpy(&v, buf + i, 4);
		v = __builtin_bswap32(v);
		memcpy(buf + i, &v, 4);
	}
}

/* LOCAL_PEERCRED (level SOL_LOCAL 0, option 1, sys/sys/un.h) of an
 * AF_UNIX socket: struct xucred (sys/sys/ucred.h: u_int cr_version 0,
 * uid_t cr_uid, short cr_ngroups, gid_t cr_groups[XU_NGROUPS 16], then a
 * union with pid_t cr_pid at pointer alignment), the credential the peer
 * had when it connected (or the socket's own once listening) as cru2x
 * gives it: the effective ids, cr_groups[0] the effective group and the
 * supplementary groups after it. Only connection-oriented sockets have
 * one (unp_connectat, kern_socketpair); otherwise ENOTCONN for a stream,
 * EINVAL for another type. */
#define F_XU_NGROUPS 16

static long peercred(struct linux_proc *p, int fd, uint64_t addr, uint64_t lenp, uint32_t glen)
{
	int type, listening = 0;
	socklen_t l = sizeof type;
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &l) < 0)
		return sc_err();
	if (type != SOCK_STREAM && type != SOCK_SEQPACKET)
		return -EINVAL;
	l = sizeof listening;
	getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &l);
	struct sockaddr_storage ss;
	l = sizeof ss;
	if (!listening && getpeername(fd, (struct sockaddr *)&ss, &l) < 0)
		return -ENOTCONN;
	struct ucred cred;
	gid_t groups[F_XU_NGROUPS];
	l = sizeof cred;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &l) < 0)
		return sc_err();
	l = sizeof groups - sizeof groups[0];
	int n = getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups + 1, &l) < 0 ? 0 : (int)(l / sizeof groups[0]);
	groups[0] = cred.gid;
	unsigned w = sc_wordsize(p), size = (12 + 4 * F_XU_NGROUPS + w - 1) / w * w + w;
	struct gimage g;
	gi_init(&g, p);
	memset(g.b, 0, size);
	gi_u32(&g, 4, cred.uid);
	gi_u16(&g, 8, (uint16_t)(n + 1));
	for (int i = 0; i <= n; i++)
		gi_u32(&g, 12 + 4 * (unsigned)i, groups[i]);
	gi_u32(&g, size - w, (uint32_t)cred.pid);
	unsigned len = glen < size ? glen : size;
	if (len && gi_put(p, addr, &g, len) < 0)
		return -EFAULT;
	return sc_put32(p, lenp, len);
}

static bool is_unix(int fd)
{
	int domain;
	socklen_t l = sizeof domain;
	return getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &l) == 0 && domain == AF_UNIX;
}

static int get_int(const uint8_t *b) { int v; memcpy(&v, b, 4); return v; }
static void put_int(uint8_t *b, int v) { memcpy(b, &v, 4); }

FBSD(setsockopt)
{
	const struct sockopt *o = find(p, sc_int(a[1]), sc_int(a[2]));
	uint32_t len = (uint32_t)a[4];
	int fd = sc_int(a[0]);
	if (!o)
		return -ENOPROTOOPT;
	if (o->kind == O_TIMEVAL) {
		int64_t sec;
		long usec;
		/* sooptcopyin: at least a struct timeval (16 bytes). */
		if (len < 16)
			return -EINVAL;
		if (fbsd_get_timespec(p, a[3], &sec, &usec) < 0)
			return -EFAULT;
		struct timeval tv = { (time_t)sec, usec };
		return sc_ret(setsockopt(fd, o->hlevel, o->hopt, &tv, sizeof tv));
	}
	uint8_t buf[256];
	if (len > sizeof buf)
		return -EINVAL;
	if (len && !gmem_read(&p->mem, a[3], buf, len))
		return -EFAULT;
	if (o->kind == O_MREQ6)
		swap_ints(p, buf, 16, len);
	else if (o->kind != O_BYTES)
		swap_ints(p, buf, 0, len);
	return sc_ret(setsockopt(fd, o->hlevel, o->hopt, buf, len));
}

FBSD(getsockopt)
{
	uint32_t glen;
	int fd = sc_int(a[0]);
	if (sc_get32(p, a[4], &glen) < 0)
		return -EFAULT;
	if ((int32_t)glen < 0)
		return -EINVAL;
	if (sc_int(a[1]) == 0 && sc_int(a[2]) == 1 && is_unix(fd))
		return peercred(p, fd, a[3], a[4], glen);
	const struct sockopt *o = find(p, sc_int(a[1]), sc_int(a[2]));
	if (!o)
		return -ENOPROTOOPT;
	uint8_t buf[256];
	socklen_t l = sizeof buf;
	if (o->kind == O_TIMEVAL) {
		struct timeval tv;
		l = sizeof tv;
		if (getsockopt(fd, o->hlevel, o->hopt, &tv, &l) < 0)
			return sc_err();
		/* sooptcopyout: at most the caller's length. */
		struct gimage g;
		gi_init(&g, p);
		gi_u64(&g, 0, (uint64_t)tv.tv_sec);
		gi_long(&g, p, 8, (uint64_t)tv.tv_usec);
		l = glen < 16 ? glen : 16;
		if (l && !gmem_write(&p->mem, a[3], g.b, l))
			return -EFAULT;
		return sc_put32(p, a[4], l);
	}
	if (getsockopt(fd, o->hlevel, o->hopt, buf, &l) < 0)
		return sc_err();
	if (l >= 4) {
		int v = get_int(buf);
		if (o->kind == O_FLAG || o->kind == O_LINGER)
			v = v ? o->opt : 0;
		else if (o->kind == O_NODELAY)
			v = v ? 4 : 0;
		else if (o->kind == O_ERRNO)
			v = (int)-fbsd_errno(-(long)v);
		else if (o->kind == O_BUF)
			v /= 2;
		put_int(buf, v);
	}
	if (o->kind == O_MREQ6)
		swap_ints(p, buf, 16, l);
	else if (o->kind != O_BYTES)
		swap_ints(p, buf, 0, l);
	if (glen < l)
		l = glen;
	if (l && !gmem_write(&p->mem, a[3], buf, l))
		return -EFAULT;
	return sc_put32(p, a[4], l);
}
