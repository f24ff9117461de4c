/* Socket addresses between FreeBSD's struct sockaddr (sys/sys/socket.h:
 * u8 sa_len, u8 sa_family) and the host's (u16 family), and the MSG_*
 * flags. Address families (socket.h): AF_UNIX 1 and AF_INET 2 as on
 * Linux, AF_INET6 28 (Linux 10). After the two header bytes the
 * families' bytes are the same on both systems (sockaddr_in 16 bytes,
 * sockaddr_in6 28), except that FreeBSD's sun_path has 104 bytes
 * (sys/sys/un.h: sockaddr_un is 106), Linux's 108. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/un.h>

#include "os/freebsd/fbsd_sock.h"

#define F_AF_INET6 28
#define F_SOCK_MAXADDRLEN 255
#define F_SUN_LEN 106   /* sizeof(struct sockaddr_un) */
#define F_SUN_NONAME 16 /* uipc_usrreq.c: sun_noname, a struct sockaddr */

/* Families mimic carries; another FreeBSD number (AppleTalk 16, route
 * 17...) must not reach the host as the Linux family of that number
 * (netlink, packet): it becomes one no host socket takes. */
#define NO_FAMILY 0xff

static int family_in(uint8_t f)
{
	return f == F_AF_INET6 ? AF_INET6 : f == AF_UNSPEC || f == AF_UNIX || f == AF_INET ? f : NO_FAMILY;
}

int fbsd_domain_in(int d)
{
	return d == F_AF_INET6 ? AF_INET6 : d == AF_UNIX || d == AF_INET ? d : -1;
}
static uint8_t family_out(int f) { return f == AF_INET6 ? F_AF_INET6 : (uint8_t)f; }

long fbsd_sockaddr_in(struct linux_proc *p, uint64_t addr, uint64_t len, struct sockaddr_storage *ss,
		      socklen_t *hlen)
{
	uint8_t b[F_SOCK_MAXADDRLEN];
	if (len > F_SOCK_MAXADDRLEN)
		return -ENAMETOOLONG;
	if (len < 2)
		return -EINVAL;
	if (!gmem_read(&p->mem, addr, b, len))
		return -EFAULT;
	int family = family_in(b[1]);
	/* unp_bind and unp_connect refuse a sockaddr_un without a path or
	 * longer than its size; an empty path is no file (namei: ENOENT),
	 * where Linux would take a leading NUL for its abstract names. */
	if ((family == AF_UNIX && (len <= 2 || len > F_SUN_LEN)) || len > sizeof *ss)
		return -EINVAL;
	if (family == AF_UNIX && b[2] == 0)
		return -ENOENT;
	memset(ss, 0, sizeof *ss);
	ss->ss_family = (sa_family_t)family;
	memcpy((uint8_t *)ss + 2, b + 2, len - 2);
	*hlen = (socklen_t)len;
	return 0;
}

unsigned fbsd_sockaddr_image(const struct sockaddr_storage *ss, socklen_t hlen, uint8_t buf[256])
{
	unsigned len = hlen > F_SOCK_MAXADDRLEN ? F_SOCK_MAXADDRLEN : hlen;
	memset(buf, 0, 256);
	if (ss->ss_family == AF_UNIX) {
		/* Linux names a bound socket by 2 + strlen + 1 bytes, as
		 * FreeBSD keeps the length bind was given when that counted
		 * the NUL (as FreeBSD's libc and Go do). */
		len = len <= 2 ? F_SUN_NONAME : len > F_SUN_LEN ? F_SUN_LEN : len;
	}
	if (len > 2)
		memcpy(buf + 2, (const uint8_t *)ss + 2, (hlen < len ? hlen : len) - 2);
	buf[0] = (uint8_t)len;
	buf[1] = family_out(ss->ss_family);
	return len;
}

long fbsd_sockaddr_out(struct linux_proc *p, uint64_t addr, uint64_t lenp, const struct sockaddr_storage *ss,
		       socklen_t hlen)
{
	uint32_t glen;
	uint8_t b[256];
	if (!addr)
		return 0;
	if (sc_get32(p, lenp, &glen) < 0)
		return -EFAULT;
	if ((int32_t)glen < 0)
		return -EINVAL;
	unsigned len = hlen ? fbsd_sockaddr_image(ss, hlen, b) : 0;
	if (glen < len)
		len = glen;
	if (len && !gmem_write(&p->mem, addr, b, len))
		return -EFAULT;
	return sc_put32(p, lenp, len);
}

socklen_t fbsd_from_unnamed(int fd, struct sockaddr_storage *ss, socklen_t hlen)
{
	int domain, type;
	socklen_t l = sizeof domain;
	if (hlen >= 2 || getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &l) < 0 || domain != AF_UNIX)
		return hlen;
	l = sizeof type;
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &l) < 0 || type != SOCK_DGRAM)
		return hlen;
	ss->ss_family = AF_UNIX;
	return 2;
}

/* socket.h: MSG_OOB 1, MSG_PEEK 2, MSG_DONTROUTE 4, MSG_EOR 8, MSG_TRUNC
 * 0x10, MSG_CTRUNC 0x20, MSG_WAITALL 0x40, MSG_DONTWAIT 0x80, MSG_NBIO
 * 0x4000 (fifofs's FIONBIO: non-blocking too), MSG_NOSIGNAL 0x20000,
 * MSG_CMSG_CLOEXEC 0x40000, MSG_WAITFORONE 0x80000. */
static const struct flag_map msg_flags[] = {
	{ 0x1, MSG_OOB }, { 0x2, MSG_PEEK }, { 0x4, MSG_DONTROUTE }, { 0x8, MSG_EOR },
	{ 0x10, MSG_TRUNC }, { 0x20, MSG_CTRUNC }, { 0x40, MSG_WAITALL }, { 0x80, MSG_DONTWAIT },
	{ 0x4000, MSG_DONTWAIT }, { 0x20000, MSG_NOSIGNAL }, { 0x40000, MSG_CMSG_CLOEXEC },
	{ 0x80000, MSG_WAITFORONE },
};
#define NMSG (sizeof msg_flags / sizeof msg_flags[0])

int fbsd_msg_flags_in(uint32_t f)
{
	int h = 0;
	for (unsigned i = 0; i < NMSG; i++)
		if (f & msg_flags[i].guest)
			h |= (int)msg_flags[i].host;
	return h;
}

uint32_t fbsd_msg_flags_out(int f)
{
	uint32_t g = 0;
	for (unsigned i = 0; i < NMSG; i++)
		if (msg_flags[i].guest != 0x4000 && (f & (int)msg_flags[i].host))
			g |= msg_flags[i].guest;
	return g;
}
