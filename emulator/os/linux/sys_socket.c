/* Sockets, passed to the host. Socket addresses keep their bytes (the
 * family field is in the guest's byte order); struct msghdr, iovecs and
 * control messages are rebuilt with the guest's word size; SO_RCVTIMEO
 * and SO_SNDTIMEO take the guest's struct timeval. SOCK_* types, the
 * SOL_SOCKET level and its options go through the ABI's tables (MIPS has
 * its own); socket flag bits are open flags. Option values that are ints
 * are in the guest's byte order. Netlink messages are converted by
 * sock_netlink.c. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>

#include "os/linux/sock_netlink.h"
#include "os/linux/syscall.h"

#define ADDR_MAX 128  /* sizeof(struct sockaddr_storage) */

/* Socket flags in the type argument share the open flags' values. */
static int sock_type(const struct linux_proc *p, uint64_t t)
{
	uint32_t flags = (uint32_t)t & ~0xfu;
	int type = abi_value_in(p->arch->abi->sock_types, (int)((uint32_t)t & 0xfu));
	return (int)((uint32_t)type | (uint32_t)sc_open_flags_in(p, flags));
}

/* Level and option of [gs]etsockopt in host values. */
static void sockopt_in(const struct linux_proc *p, int *level, int *opt)
{
	const struct linux_abi *abi = p->arch->abi;
	if (abi->sol_socket && *level == abi->sol_socket)
		*level = SOL_SOCKET;
	else if (abi->sol_socket && *level == SOL_SOCKET)
		*level = -1; /* not a level of this ABI */
	if (*level == SOL_SOCKET)
		*opt = abi_value_in(abi->sockopts, *opt);
}

/* Option values other than names and byte strings are ints (or arrays of
 * them): swapped for a big-endian guest. SO_TYPE's value is a SOCK_*. */
static void sockopt_value(const struct linux_proc *p, int level, int opt, uint8_t *buf, uint32_t len, bool out)
{
	if (level == SOL_SOCKET && opt == SO_TYPE && len >= 4 && out) {
		int v;
		memcpy(&v, buf, 4);
		v = abi_value_out(p->arch->abi->sock_types, v);
		memcpy(buf, &v, 4);
	}
	if (!p->mem.big_endian || len % 4 ||
	    (level == SOL_SOCKET && (opt == SO_BINDTODEVICE || opt == SO_PEERNAME || opt == SO_PEERSEC)))
		return;
	for (uint32_t i = 0; i < len; i += 4) {
		uint32_t v;
		memcpy(&v, buf + i, 4);
		v = __builtin_bswap32(v);
		memcpy(buf + i, &v, 4);
	}
}

static uint16_t swap_family(const struct linux_proc *p, uint16_t f)
{
	return p->mem.big_endian ? __builtin_bswap16(f) : f;
}

/* The integers in host order inside a socket address (the others are
 * in network order or bytes): for a big-endian guest, sockaddr_nl's port
 * id and groups (glibc's netlink readers match nl_pid against each
 * message's nlmsg_pid and wait for ever on a mismatch) and sockaddr_ll's
 * ifindex and hatype. */
static const struct addr_ints {
	uint16_t family;
	uint8_t n;
	struct {
		uint8_t off, size;
	} f[2];
} addr_ints[] = {
	{ AF_NETLINK, 2, { { 4, 4 }, { 8, 4 } } },
	{ AF_PACKET, 2, { { 4, 4 }, { 8, 2 } } },
};

static void swap_addr_ints(const struct linux_proc *p, struct sockaddr_storage *ss, uint64_t len)
{
	if (!p->mem.big_endian || len < 2)
		return;
	for (size_t i = 0; i < sizeof addr_ints / sizeof addr_ints[0]; i++) {
		const struct addr_ints *a = &addr_ints[i];
		if (a->family != ss->ss_family)
			continue;
		uint8_t *b = (uint8_t *)ss;
		for (unsigned k = 0; k < a->n; k++) {
			if (a->f[k].off + a->f[k].size > len)
				continue;
			if (a->f[k].size == 2) {
				uint16_t v;
				memcpy(&v, b + a->f[k].off, 2);
				v = __builtin_bswap16(v);
				memcpy(b + a->f[k].off, &v, 2);
			} else {
				uint32_t v;
				memcpy(&v, b + a->f[k].off, 4);
				v = __builtin_bswap32(v);
				memcpy(b + a->f[k].off, &v, 4);
			}
		}
	}
}

static long get_addr(struct linux_proc *p, uint64_t addr, uint64_t len, struct sockaddr_storage *ss)
{
	if (len > ADDR_MAX)
		return -EINVAL;
	memset(ss, 0, sizeof *ss);
	if (!gmem_read(&p->mem, addr, ss, len))
		return -EFAULT;
	if (len >= 2)
		ss->ss_family = swap_family(p, ss->ss_family);
	swap_addr_ints(p, ss, len);
	return 0;
}

/* Writes a host address to the guest's (addr, *lenp) pair as the kernel
 * does: truncated to the guest's length, the full length stored. */
static long put_addr(struct linux_proc *p, uint64_t addr, uint64_t lenp, struct sockaddr_storage *ss,
                     socklen_t len)
{
	uint32_t glen;
	if (!addr)
		return 0;
	if (sc_get32(p, lenp, &glen) < 0)
		return -EFAULT;
	if ((int32_t)glen < 0)
		return -EINVAL;
	swap_addr_ints(p, ss, len);
	if (len >= 2)
		ss->ss_family = swap_family(p, ss->ss_family);
	if (!gmem_write(&p->mem, addr, ss, glen < len ? glen : len))
		return -EFAULT;
	return sc_put32(p, lenp, len);
}

SC(socket) { return sc_ret(socket(sc_int(a[0]), sock_type(p, a[1]), sc_int(a[2]))); }

SC(socketpair)
{
	int sv[2];
	if (!gmem_check(&p->mem, a[3], 8, GP_W))
		return -EFAULT;
	if (socketpair(sc_int(a[0]), sock_type(p, a[1]), sc_int(a[2]), sv) < 0)
		return -errno;
	sc_put32(p, a[3], (uint32_t)sv[0]);
	sc_put32(p, a[3] + 4, (uint32_t)sv[1]);
	return 0;
}

static long addr_call(struct linux_proc *p, const uint64_t a[6], bool conn)
{
	struct sockaddr_storage ss;
	long r = get_addr(p, a[1], (uint32_t)a[2], &ss);
	if (r < 0)
		return r;
	int fd = sc_int(a[0]);
	socklen_t len = (socklen_t)a[2];
	return conn ? sc_ret(connect(fd, (struct sockaddr *)&ss, len))
	            : sc_ret(bind(fd, (struct sockaddr *)&ss, len));
}

SC(bind) { return addr_call(p, a, false); }
SC(connect) { return addr_call(p, a, true); }
SC(listen) { (void)p; return sc_ret(listen(sc_int(a[0]), sc_int(a[1]))); }
SC(shutdown) { (void)p; return sc_ret(shutdown(sc_int(a[0]), sc_int(a[1]))); }

static long do_accept(struct linux_proc *p, const uint64_t a[6], int flags)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	uint32_t glen;
	if (a[1] && sc_get32(p, a[2], &glen) < 0)
		return -EFAULT;
	long r = sc_ret(accept4(sc_int(a[0]), (struct sockaddr *)&ss, &len, flags));
	if (r >= 0 && a[1] && put_addr(p, a[1], a[2], &ss, len) < 0)
		return -EFAULT;
	return r;
}

SC(accept) { return do_accept(p, a, 0); }
SC(accept4) { return do_accept(p, a, sc_open_flags_in(p, (uint32_t)a[3])); }

static long name_call(struct linux_proc *p, const uint64_t a[6], bool peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int fd = sc_int(a[0]);
	long r = peer ? getpeername(fd, (struct sockaddr *)&ss, &len)
	              : getsockname(fd, (struct sockaddr *)&ss, &len);
	if (r < 0)
		return -errno;
	return put_addr(p, a[1], a[2], &ss, len);
}

SC(getsockname) { return name_call(p, a, false); }
SC(getpeername) { return name_call(p, a, true); }

static long do_sendto(struct linux_proc *p, const uint64_t a[6], bool to)
{
	struct sockaddr_storage ss;
	uint64_t n = sc_ulong(p, a[2]);
	const void *buf = n ? sc_buf_or_bad(p, a[1], n, GP_R) : NULL;
	if (to && a[4]) {
		long r = get_addr(p, a[4], (uint32_t)a[5], &ss);
		if (r < 0)
			return r;
	}
	bool addr = to && a[4];
	int fd = sc_int(a[0]);
	uint8_t *copy = NULL;
	if (buf && buf != SC_BAD_PTR && p->mem.big_endian && netlink_converts(p, fd)) {
		copy = malloc(n);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, buf, n);
		netlink_in(p, fd, copy, n);
		buf = copy;
	}
	long r = sc_ret(sendto(fd, buf, n, sc_int(a[3]), addr ? (struct sockaddr *)&ss : NULL,
	                       addr ? (socklen_t)a[5] : 0));
	free(copy);
	return r;
}

static long do_recvfrom(struct linux_proc *p, const uint64_t a[6], bool from)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	uint64_t n = sc_ulong(p, a[2]);
	void *buf = n ? sc_buf_or_bad(p, a[1], n, GP_W) : NULL;
	bool addr = from && a[4];
	int fd = sc_int(a[0]);
	long r = sc_ret(recvfrom(fd, buf, n, sc_int(a[3]), addr ? (struct sockaddr *)&ss : NULL,
	                         addr ? &len : NULL));
	if (r > 0 && buf && netlink_converts(p, fd))
		netlink_out(p, fd, buf, (uint64_t)r < n ? (size_t)r : n);
	if (r >= 0 && addr && put_addr(p, a[4], a[5], &ss, len) < 0)
		return -EFAULT;
	return r;
}

SC(send) { return do_sendto(p, a, false); }
SC(sendto) { return do_sendto(p, a, true); }
SC(recv) { return do_recvfrom(p, a, false); }
SC(recvfrom) { return do_recvfrom(p, a, true); }

/* SO_RCVTIMEO_OLD/SO_SNDTIMEO_OLD (20, 21) use the guest's timeval. */
static bool is_timeo(int level, int opt)
{
	return level == SOL_SOCKET && (opt == 20 || opt == 21);
}

SC(setsockopt)
{
	int level = sc_int(a[1]), opt = sc_int(a[2]);
	uint32_t len = (uint32_t)a[4];
	sockopt_in(p, &level, &opt);
	if (is_timeo(level, opt)) {
		struct timeval tv;
		if (len < 2 * sc_wordsize(p))
			return -EINVAL;
		if (sc_get_timeval(p, a[3], &tv) < 0)
			return -EFAULT;
		return sc_ret(setsockopt(sc_int(a[0]), level, opt, &tv, sizeof tv));
	}
	if (len > 4096)
		return -EINVAL;
	uint8_t buf[4096];
	if (!gmem_read(&p->mem, a[3], buf, len))
		return -EFAULT;
	sockopt_value(p, level, opt, buf, len, false);
	return sc_ret(setsockopt(sc_int(a[0]), level, opt, buf, len));
}

SC(getsockopt)
{
	int level = sc_int(a[1]), opt = sc_int(a[2]);
	uint32_t glen;
	sockopt_in(p, &level, &opt);
	if (sc_get32(p, a[4], &glen) < 0)
		return -EFAULT;
	if ((int32_t)glen < 0)
		return -EINVAL;
	if (is_timeo(level, opt)) {
		struct timeval tv;
		socklen_t l = sizeof tv;
		if (glen < 2 * sc_wordsize(p))
			return -EINVAL;
		if (getsockopt(sc_int(a[0]), level, opt, &tv, &l) < 0)
			return -errno;
		if (sc_put_timeval(p, a[3], &tv) < 0)
			return -EFAULT;
		return sc_put32(p, a[4], 2 * sc_wordsize(p));
	}
	uint8_t buf[4096];
	socklen_t l = glen < sizeof buf ? glen : sizeof buf;
	if (getsockopt(sc_int(a[0]), level, opt, buf, &l) < 0)
		return -errno;
	sockopt_value(p, level, opt, buf, l, true);
	if (!gmem_write(&p->mem, a[3], buf, l < glen ? l : glen))
		return -EFAULT;
	return sc_put32(p, a[4], l);
}

/* Guest struct msghdr: name, namelen, iov, iovlen, control, controllen,
 * flags, each pointer or size_t a guest word (ints padded on 64-bit). */
struct gmsg {
	uint64_t name, iov, control, controllen, flags_addr;
	uint32_t namelen;
	uint64_t iovlen;
};

static long get_msg(struct linux_proc *p, uint64_t addr, struct gmsg *m)
{
	unsigned w = sc_wordsize(p);
	struct gimage g;
	if (gi_get(p, addr, &g, 7 * w) < 0)
		return -EFAULT;
	m->name = gi_getlong(&g, p, 0);
	m->namelen = gi_get32(&g, w);
	m->iov = gi_getlong(&g, p, 2 * w);
	m->iovlen = gi_getlong(&g, p, 3 * w);
	m->control = gi_getlong(&g, p, 4 * w);
	m->controllen = gi_getlong(&g, p, 5 * w);
	m->flags_addr = addr + 6 * w;
	return 0;
}

static uint64_t galign(const struct linux_proc *p, uint64_t n)
{
	uint64_t w = sc_wordsize(p);
	return (n + w - 1) & ~(w - 1);
}

/* SOL_SOCKET control messages (SCM_RIGHTS descriptors, SCM_CREDENTIALS
 * pid/uid/gid) are arrays of 32-bit ints: swapped for a big-endian guest.
 * Other levels' payloads keep their bytes. */
static void cmsg_swap(const struct linux_proc *p, int host_level, uint8_t *data, uint64_t len)
{
	if (host_level == SOL_SOCKET && p->mem.big_endian)
		for (uint64_t i = 0; i + 4 <= len; i += 4) {
			uint32_t v;
			memcpy(&v, data + i, 4);
			v = __builtin_bswap32(v);
			memcpy(data + i, &v, 4);
		}
}

/* Guest control messages -> host ones (the ABI's SOL_SOCKET level). */
static long cmsg_in(struct linux_proc *p, const struct gmsg *m, uint8_t *host, size_t *hlen)
{
	unsigned w = sc_wordsize(p), hdr = w + 8;
	size_t out = 0;
	uint64_t off = 0;
	while (off + hdr <= m->controllen) {
		struct gimage g;
		if (gi_get(p, m->control + off, &g, hdr) < 0)
			return -EFAULT;
		uint64_t len = gi_getlong(&g, p, 0);
		if (len < hdr || off + len > m->controllen)
			return -EINVAL;
		uint64_t data = len - hdr;
		if (out + CMSG_SPACE(data) > *hlen)
			return -ENOBUFS;
		struct cmsghdr *c = (struct cmsghdr *)(host + out);
		c->cmsg_len = CMSG_LEN(data);
		int level = (int)gi_get32(&g, w);
		const struct linux_abi *abi = p->arch->abi;
		c->cmsg_level = abi->sol_socket && level == abi->sol_socket ? SOL_SOCKET
				: abi->sol_socket && level == SOL_SOCKET ? -1 : level;
		c->cmsg_type = (int)gi_get32(&g, w + 4);
		if (!gmem_read(&p->mem, m->control + off + hdr, CMSG_DATA(c), data))
			return -EFAULT;
		cmsg_swap(p, c->cmsg_level, CMSG_DATA(c), data);
		out += CMSG_SPACE(data);
		off += galign(p, len);
	}
	*hlen = out;
	return 0;
}

/* Host control messages -> guest; MSG_CTRUNC when they do not fit.
 * Returns the guest controllen used. */
static long cmsg_out(struct linux_proc *p, const struct gmsg *m, struct msghdr *hm, int *flags)
{
	unsigned w = sc_wordsize(p), hdr = w + 8;
	uint64_t off = 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(hm); c; c = CMSG_NXTHDR(hm, c)) {
		uint64_t data = c->cmsg_len - CMSG_LEN(0);
		if (off + hdr + data > m->controllen) {
			*flags |= MSG_CTRUNC;
			break;
		}
		struct gimage g;
		gi_init(&g, p);
		gi_long(&g, p, 0, hdr + data);
		int level = c->cmsg_level;
		if (level == SOL_SOCKET && p->arch->abi->sol_socket)
			level = p->arch->abi->sol_socket;
		gi_u32(&g, w, (uint32_t)level);
		gi_u32(&g, w + 4, (uint32_t)c->cmsg_type);
		cmsg_swap(p, c->cmsg_level, CMSG_DATA(c), data);
		if (gi_put(p, m->control + off, &g, hdr) < 0 ||
		    !gmem_write(&p->mem, m->control + off + hdr, CMSG_DATA(c), data))
			return -EFAULT;
		off += galign(p, hdr + data);
	}
	return (long)(off < m->controllen ? off : m->controllen);
}

static long iov_of(struct linux_proc *p, const struct gmsg *m, unsigned need, struct iovec **v)
{
	if (m->iovlen > IOV_MAX)
		return -EMSGSIZE;
	unsigned w = sc_wordsize(p);
	*v = calloc(m->iovlen ? m->iovlen : 1, sizeof **v);
	if (!*v)
		return -ENOMEM;
	for (uint64_t i = 0; i < m->iovlen; i++) {
		uint64_t base, len;
		if (sc_getlong(p, m->iov + 2 * w * i, &base) < 0 ||
		    sc_getlong(p, m->iov + 2 * w * i + w, &len) < 0 ||
		    (len && !gmem_check(&p->mem, base, len, need))) {
			free(*v);
			return -EFAULT;
		}
		(*v)[i].iov_base = gmem_host(&p->mem, base);
		(*v)[i].iov_len = len;
	}
	return 0;
}

static long do_sendmsg(struct linux_proc *p, int fd, uint64_t msg, int mflags)
{
	struct gmsg m;
	struct sockaddr_storage ss;
	uint8_t control[4096];
	size_t clen = sizeof control;
	struct iovec *v;
	long r = get_msg(p, msg, &m);
	if (r >= 0 && m.name)
		r = get_addr(p, m.name, m.namelen, &ss);
	if (r >= 0)
		r = cmsg_in(p, &m, control, &clen);
	if (r < 0)
		return r;
	r = iov_of(p, &m, GP_R, &v);
	if (r < 0)
		return r;
	struct msghdr hm = { m.name ? &ss : NULL, m.name ? m.namelen : 0, v, m.iovlen,
	                     clen ? control : NULL, clen, 0 };
	/* A big-endian guest's netlink messages: gathered, then converted. */
	uint8_t *copy = NULL;
	struct iovec one;
	if (p->mem.big_endian && netlink_converts(p, fd)) {
		size_t n = 0;
		for (uint64_t i = 0; i < m.iovlen; i++)
			n += v[i].iov_len;
		copy = malloc(n ? n : 1);
		if (!copy) {
			free(v);
			return -ENOMEM;
		}
		n = 0;
		for (uint64_t i = 0; i < m.iovlen; i++) {
			memcpy(copy + n, v[i].iov_base, v[i].iov_len);
			n += v[i].iov_len;
		}
		netlink_in(p, fd, copy, n);
		one = (struct iovec){ copy, n };
		hm.msg_iov = &one;
		hm.msg_iovlen = 1;
	}
	r = sc_ret(sendmsg(fd, &hm, mflags));
	free(copy);
	free(v);
	return r;
}

static long do_recvmsg(struct linux_proc *p, int fd, uint64_t msg, int mflags)
{
	struct gmsg m;
	struct sockaddr_storage ss;
	uint8_t control[4096];
	struct iovec *v;
	long r = get_msg(p, msg, &m);
	if (r < 0)
		return r;
	r = iov_of(p, &m, GP_W, &v);
	if (r < 0)
		return r;
	/* Host control messages are larger than 32-bit guest ones. */
	size_t clen = m.controllen * 2 < sizeof control ? m.controllen * 2 : sizeof control;
	struct msghdr hm = { m.name ? &ss : NULL, m.name ? sizeof ss : 0, v, m.iovlen,
	                     clen ? control : NULL, clen, 0 };
	r = sc_ret(recvmsg(fd, &hm, mflags));
	/* Netlink messages in the first buffer (readers of netlink give one). */
	if (r > 0 && m.iovlen && netlink_converts(p, fd))
		netlink_out(p, fd, v[0].iov_base, (uint64_t)r < v[0].iov_len ? (size_t)r : v[0].iov_len);
	free(v);
	if (r < 0)
		return r;
	int flags = hm.msg_flags;
	long used = m.controllen ? cmsg_out(p, &m, &hm, &flags) : 0;
	if (used < 0)
		return used;
	unsigned w = sc_wordsize(p);
	if (m.name) {
		uint32_t nl = hm.msg_namelen;
		swap_addr_ints(p, &ss, nl);
		if (hm.msg_namelen >= 2)
			ss.ss_family = swap_family(p, ss.ss_family);
		if (!gmem_write(&p->mem, m.name, &ss, nl < m.namelen ? nl : m.namelen) ||
		    sc_put32(p, msg + w, nl) < 0)
			return -EFAULT;
	}
	if (sc_putlong(p, msg + 5 * w, (uint64_t)used) < 0 || sc_put32(p, m.flags_addr, (uint32_t)flags) < 0)
		return -EFAULT;
	return r;
}

SC(sendmsg) { return do_sendmsg(p, sc_int(a[0]), a[1], sc_int(a[2])); }
SC(recvmsg) { return do_recvmsg(p, sc_int(a[0]), a[1], sc_int(a[2])); }

/* struct mmsghdr: a msghdr (seven guest words) then unsigned msg_len.
 * A failure after the first message ends the batch with the count. */
#define MMSG_MAX 1024
#define MSG_WAITFORONE_FLAG 0x10000

static long do_mmsg(struct linux_proc *p, const uint64_t a[6], bool recv)
{
	unsigned w = sc_wordsize(p), size = 8 * w;
	unsigned n = (unsigned)a[2] > MMSG_MAX ? MMSG_MAX : (unsigned)a[2];
	int fd = sc_int(a[0]), flags = sc_int(a[3]);
	unsigned i;
	for (i = 0; i < n; i++) {
		uint64_t msg = a[1] + (uint64_t)i * size;
		long r = recv ? do_recvmsg(p, fd, msg, flags & ~MSG_WAITFORONE_FLAG)
		              : do_sendmsg(p, fd, msg, flags);
		if (r < 0)
			return i ? (long)i : r;
		if (sc_put32(p, msg + 7 * w, (uint32_t)r) < 0)
			return i ? (long)i : -EFAULT;
		if (recv && (flags & MSG_WAITFORONE_FLAG))
			flags |= MSG_DONTWAIT;
	}
	return i;
}

SC(sendmmsg) { return do_mmsg(p, a, false); }
/* The timeout of recvmmsg is not applied (each receive blocks as the
 * flags say). */
SC(recvmmsg) { return do_mmsg(p, a, true); }
SC(recvmmsg_time64) { return do_mmsg(p, a, true); }
