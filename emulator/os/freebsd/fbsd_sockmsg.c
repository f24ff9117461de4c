/* sendmsg and recvmsg with FreeBSD's struct msghdr and control messages
 * (sys/sys/socket.h). struct msghdr: msg_name, socklen_t msg_namelen,
 * msg_iov, int msg_iovlen, msg_control, socklen_t msg_controllen, int
 * msg_flags, the pointers a guest word (28 bytes on armv6, 48 on
 * mips64). struct cmsghdr: socklen_t cmsg_len, int cmsg_level, int
 * cmsg_type, the data at _ALIGN(12) and the next header at
 * _ALIGN(cmsg_len), _ALIGN rounding to 4 bytes on arm (sizeof(int),
 * arm/include/_align.h) and 8 on mips64 (sizeof(void *),
 * mips/include/_align.h): the guest word both. SOL_SOCKET is 0xffff;
 * SCM_RIGHTS (1), an array of descriptors, is the control message mimic
 * carries; others are EINVAL (SCM_CREDS needs a credential FreeBSD's
 * kernel fills in, which Linux gives only to sockets that asked). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "os/freebsd/fbsd_sock.h"

#define F_SOL_SOCKET 0xffff
#define F_SCM_RIGHTS 1
#define F_UIO_MAXIOV 1024
#define F_MCLBYTES 2048  /* sockargs: the most control data a send takes */
#define RECV_CONTROL_MAX 8192

struct fmsg {
	uint64_t name, iov, control;
	uint32_t namelen, iovlen, controllen;
	unsigned w; /* the guest word: pointer size and _ALIGNBYTES + 1 */
};

static uint64_t falign(const struct fmsg *m, uint64_t n) { return (n + m->w - 1) & ~(uint64_t)(m->w - 1); }

static long get_msg(struct linux_proc *p, uint64_t addr, struct fmsg *m)
{
	struct gimage g;
	unsigned w = sc_wordsize(p);
	if (gi_get(p, addr, &g, 5 * w + 8) < 0)
		return -EFAULT;
	m->w = w;
	m->name = gi_getlong(&g, p, 0);
	m->namelen = gi_get32(&g, w);
	m->iov = gi_getlong(&g, p, 2 * w);
	m->iovlen = gi_get32(&g, 3 * w);
	m->control = gi_getlong(&g, p, 4 * w);
	m->controllen = gi_get32(&g, 5 * w);
	return 0;
}

static long get_iov(struct linux_proc *p, const struct fmsg *m, unsigned need, struct iovec **v)
{
	if (m->iovlen > F_UIO_MAXIOV)
		return -EMSGSIZE;
	*v = calloc(m->iovlen ? m->iovlen : 1, sizeof **v);
	if (!*v)
		return -ENOMEM;
	for (uint32_t i = 0; i < m->iovlen; i++) {
		uint64_t base, len;
		if (sc_getlong(p, m->iov + 2 * m->w * i, &base) < 0 ||
		    sc_getlong(p, m->iov + 2 * m->w * i + m->w, &len) < 0 ||
		    (len && !gmem_check(&p->mem, base, len, need))) {
			free(*v);
			return -EFAULT;
		}
		(*v)[i].iov_base = gmem_host(&p->mem, base);
		(*v)[i].iov_len = len;
	}
	return 0;
}

/* The guest's control messages -> host (sendit: control data shorter
 * than a header or longer than MCLBYTES is EINVAL; unp_internalize: so
 * is a header that does not fit or another level). No msg_control: none,
 * whatever msg_controllen says. */
static long control_in(struct linux_proc *p, const struct fmsg *m, uint8_t *host, size_t *hlen)
{
	uint64_t hdr = falign(m, 12), off = 0;
	size_t out = 0;
	if (!m->control) {
		*hlen = 0;
		return 0;
	}
	if (m->controllen < 12 || m->controllen > F_MCLBYTES)
		return -EINVAL;
	while (off + 12 <= m->controllen) {
		struct gimage g;
		if (gi_get(p, m->control + off, &g, 12) < 0)
			return -EFAULT;
		uint32_t len = gi_get32(&g, 0);
		int level = (int)gi_get32(&g, 4), type = (int)gi_get32(&g, 8);
		if (len < hdr || off + len > m->controllen || level != F_SOL_SOCKET || type != F_SCM_RIGHTS)
			return -EINVAL;
		uint64_t data = len - hdr;
		if (out + CMSG_SPACE(data) > *hlen)
			return -ENOBUFS;
		struct cmsghdr *c = (struct cmsghdr *)(host + out);
		c->cmsg_len = CMSG_LEN(data);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		for (uint64_t i = 0; i + 4 <= data; i += 4) {
			uint32_t fd;
			if (sc_get32(p, m->control + off + hdr + i, &fd) < 0)
				return -EFAULT;
			memcpy(CMSG_DATA(c) + i, &fd, 4);
		}
		out += CMSG_SPACE(data);
		off += falign(m, len);
	}
	*hlen = out;
	return 0;
}

/* Host control messages -> the guest's; the guest controllen used.
 * What does not fit sets MSG_CTRUNC, and descriptors that do not fit
 * are closed, as unp_externalize discards them. */
static long control_out(struct linux_proc *p, const struct fmsg *m, struct msghdr *hm, int *flags)
{
	uint64_t hdr = falign(m, 12), off = 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(hm); c; c = CMSG_NXTHDR(hm, c)) {
		uint64_t data = c->cmsg_len - CMSG_LEN(0);
		bool rights = c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS;
		if (off + hdr + data > m->controllen || !rights) {
			*flags |= MSG_CTRUNC;
			for (uint64_t i = 0; rights && i + 4 <= data; i += 4) {
				int fd;
				memcpy(&fd, CMSG_DATA(c) + i, 4);
				close(fd);
			}
			continue;
		}
		struct gimage g;
		gi_init(&g, p);
		gi_u32(&g, 0, (uint32_t)(hdr + data));
		gi_u32(&g, 4, F_SOL_SOCKET);
		gi_u32(&g, 8, F_SCM_RIGHTS);
		if (gi_put(p, m->control + off, &g, 12) < 0)
			return -EFAULT;
		for (uint64_t i = 0; i + 4 <= data; i += 4) {
			uint32_t fd;
			memcpy(&fd, CMSG_DATA(c) + i, 4);
			if (sc_put32(p, m->control + off + hdr + i, fd) < 0)
				return -EFAULT;
		}
		off += falign(m, hdr + data);
	}
	return (long)(off < m->controllen ? off : m->controllen);
}

FBSD(sendmsg)
{
	struct fmsg m;
	struct sockaddr_storage ss;
	socklen_t namelen = 0;
	uint8_t control[2 * F_MCLBYTES];
	size_t clen = sizeof control;
	struct iovec *v;
	long r = get_msg(p, a[1], &m);
	if (r >= 0 && m.name)
		r = fbsd_sockaddr_in(p, m.name, m.namelen, &ss, &namelen);
	if (r >= 0)
		r = control_in(p, &m, control, &clen);
	if (r >= 0)
		r = get_iov(p, &m, GP_R, &v);
	if (r < 0)
		return r;
	struct msghdr hm = { m.name ? &ss : NULL, namelen, v, m.iovlen, clen ? control : NULL, clen, 0 };
	r = sc_ret(sendmsg(sc_int(a[0]), &hm, fbsd_msg_flags_in((uint32_t)a[2])));
	free(v);
	return r;
}

FBSD(recvmsg)
{
	struct fmsg m;
	struct sockaddr_storage ss;
	uint8_t control[RECV_CONTROL_MAX];
	struct iovec *v;
	int fd = sc_int(a[0]);
	long r = get_msg(p, a[1], &m);
	if (r >= 0)
		r = get_iov(p, &m, GP_W, &v);
	if (r < 0)
		return r;
	/* Host control messages are larger than a 32-bit guest's. */
	size_t clen = !m.control ? 0 : m.controllen > sizeof control / 2 ? sizeof control : 2 * (size_t)m.controllen;
	struct msghdr hm = { m.name ? &ss : NULL, m.name ? sizeof ss : 0, v, m.iovlen, clen ? control : NULL, clen, 0 };
	r = sc_ret(recvmsg(fd, &hm, fbsd_msg_flags_in((uint32_t)a[2])));
	free(v);
	if (r < 0)
		return r;
	int flags = hm.msg_flags;
	long used = clen ? control_out(p, &m, &hm, &flags) : 0;
	if (used < 0)
		return used;
	uint64_t addr = a[1];
	if (m.name) {
		uint8_t b[256];
		socklen_t hl = fbsd_from_unnamed(fd, &ss, hm.msg_namelen);
		unsigned len = hl ? fbsd_sockaddr_image(&ss, hl, b) : 0;
		if (len > m.namelen)
			len = m.namelen;
		if ((len && !gmem_write(&p->mem, m.name, b, len)) || sc_put32(p, addr + m.w, len) < 0)
			return -EFAULT;
	}
	/* kern_recvit leaves msg_controllen alone without msg_control. */
	if ((m.control && sc_put32(p, addr + 5 * m.w, (uint32_t)used) < 0) ||
	    sc_put32(p, addr + 5 * m.w + 4, fbsd_msg_flags_out(flags)) < 0)
		return -EFAULT;
	return r;
}
