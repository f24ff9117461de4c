/* Netlink messages are in the kernel's byte order, and the error the
 * kernel puts in an NLMSG_ERROR (and an NLMSG_DONE) message is a host errno
 * value: for MIPS, whose errno values differ, the kernel's ECONNREFUSED
 * from the audit socket of a user namespace read as another error made
 * PAM (su, login) fail with "System error". The message headers are
 * swapped for a big-endian guest, and the errors are given the guest's
 * numbers; rtnetlink payloads are converted by sock_rtnetlink.c, other
 * protocols' payloads (audit, generic netlink, ...) stay in the host's
 * order. */
#define _GNU_SOURCE
#include <linux/netlink.h>
#include <string.h>
#include <sys/socket.h>

#include "os/linux/sock_netlink.h"
#include "os/linux/sock_rtnetlink.h"
#include "os/linux/syscall.h"

bool netlink_converts(const struct linux_proc *p, int fd)
{
	int domain;
	socklen_t len = sizeof domain;
	if (!p->mem.big_endian && !p->arch->abi->errno_out)
		return false;
	return getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0 && domain == AF_NETLINK;
}

static void swap_header(struct nlmsghdr *h)
{
	h->nlmsg_len = __builtin_bswap32(h->nlmsg_len);
	h->nlmsg_type = __builtin_bswap16(h->nlmsg_type);
	h->nlmsg_flags = __builtin_bswap16(h->nlmsg_flags);
	h->nlmsg_seq = __builtin_bswap32(h->nlmsg_seq);
	h->nlmsg_pid = __builtin_bswap32(h->nlmsg_pid);
}

/* A host error (0 or a negated errno) as the guest reads it. */
static int32_t guest_error(const struct linux_proc *p, int32_t e)
{
	const struct linux_abi *abi = p->arch->abi;
	if (e < 0 && abi->errno_out && (uint32_t)-e < abi->nerrno_out && abi->errno_out[-e])
		e = -(int32_t)abi->errno_out[-e];
	return p->mem.big_endian ? (int32_t)__builtin_bswap32((uint32_t)e) : e;
}

/* Whether fd's messages are rtnetlink's, whose payloads have tables. */
static bool is_route(int fd)
{
	int proto;
	socklen_t len = sizeof proto;
	return getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &len) == 0 && proto == NETLINK_ROUTE;
}

void netlink_in(const struct linux_proc *p, int fd, uint8_t *buf, size_t len)
{
	struct nlmsghdr h;
	if (!p->mem.big_endian)
		return;
	bool route = is_route(fd);
	for (size_t off = 0; off + sizeof h <= len;) {
		memcpy(&h, buf + off, sizeof h);
		swap_header(&h);
		memcpy(buf + off, &h, sizeof h);
		if (h.nlmsg_len < sizeof h)
			break;
		size_t end = h.nlmsg_len < len - off ? h.nlmsg_len : len - off;
		if (route)
			rtnetlink_payload(h.nlmsg_type, buf + off + sizeof h, end - sizeof h, false);
		off += NLMSG_ALIGN(h.nlmsg_len);
	}
}

/* An NLMSG_ERROR's body (len bytes after the error) for a big-endian
 * guest: the request echoed (its header, and unless NLM_F_CAPPED its
 * payload), then the extended acknowledgement's attributes. */
static void error_body(uint16_t flags, bool route, uint8_t *b, size_t len)
{
	struct nlmsghdr req;
	if (len < sizeof req)
		return;
	memcpy(&req, b, sizeof req);
	size_t echo = sizeof req;
	if (!(flags & NLM_F_CAPPED) && req.nlmsg_len >= sizeof req) {
		echo = NLMSG_ALIGN(req.nlmsg_len) < len ? NLMSG_ALIGN(req.nlmsg_len) : len;
		if (route)
			rtnetlink_payload(req.nlmsg_type, b + sizeof req,
			                  (req.nlmsg_len < len ? req.nlmsg_len : len) - sizeof req, true);
	}
	swap_header(&req);
	memcpy(b, &req, sizeof req);
	if (flags & NLM_F_ACK_TLVS)
		rtnetlink_ack(b + echo, len - echo);
}

void netlink_out(const struct linux_proc *p, int fd, uint8_t *buf, size_t len)
{
	struct nlmsghdr h;
	bool route = p->mem.big_endian && is_route(fd);
	for (size_t off = 0; off + sizeof h <= len;) {
		memcpy(&h, buf + off, sizeof h);
		uint32_t n = h.nlmsg_len;
		size_t body = n < sizeof h ? 0 : (n < len - off ? n : len - off) - sizeof h;
		uint8_t *b = buf + off + sizeof h;
		if ((h.nlmsg_type == NLMSG_ERROR || h.nlmsg_type == NLMSG_DONE) && body >= 4) {
			int32_t e;
			memcpy(&e, b, 4);
			e = guest_error(p, e);
			memcpy(b, &e, 4);
			if (h.nlmsg_type == NLMSG_ERROR && p->mem.big_endian)
				error_body(h.nlmsg_flags, route, b + 4, body - 4);
		} else if (route) {
			rtnetlink_payload(h.nlmsg_type, b, body, true);
		}
		if (p->mem.big_endian) {
			swap_header(&h);
			memcpy(buf + off, &h, sizeof h);
		}
		if (n < sizeof h)
			break;
		off += NLMSG_ALIGN(n);
	}
}
