/* Netlink messages are in the kernel's byte order, and the error the
 * kernel puts in an NLMSG_ERROR (and an NLMSG_DONE) message is a host errno
 * value: for MIPS, whose errno values differ, the kernel's ECONNREFUSED
 * from the audit socket of a user namespace read as another error made
 * PAM (su, login) fail with "System error". The message headers are
 * swapped for a big-endian guest, and the errors are given the guest's
 * numbers; the payloads of other messages (rtnetlink attributes, ...)
 * stay in the host's order. */
#define _GNU_SOURCE
#include <linux/netlink.h>
#include <string.h>
#include <sys/socket.h>

#include "os/linux/sock_netlink.h"
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

void netlink_in(const struct linux_proc *p, uint8_t *buf, size_t len)
{
	struct nlmsghdr h;
	if (!p->mem.big_endian)
		return;
	for (size_t off = 0; off + sizeof h <= len;) {
		memcpy(&h, buf + off, sizeof h);
		swap_header(&h);
		memcpy(buf + off, &h, sizeof h);
		if (h.nlmsg_len < sizeof h)
			break;
		off += NLMSG_ALIGN(h.nlmsg_len);
	}
}

void netlink_out(const struct linux_proc *p, uint8_t *buf, size_t len)
{
	struct nlmsghdr h;
	for (size_t off = 0; off + sizeof h <= len;) {
		memcpy(&h, buf + off, sizeof h);
		uint32_t n = h.nlmsg_len;
		if ((h.nlmsg_type == NLMSG_ERROR || h.nlmsg_type == NLMSG_DONE) && n >= sizeof h + 4 &&
		    off + sizeof h + 4 <= len) {
			int32_t e;
			memcpy(&e, buf + off + sizeof h, 4);
			e = guest_error(p, e);
			memcpy(buf + off + sizeof h, &e, 4);
			/* The request an error answers, its header echoed. */
			if (h.nlmsg_type == NLMSG_ERROR && p->mem.big_endian && n >= 2 * sizeof h + 4 &&
			    off + 2 * sizeof h + 4 <= len) {
				struct nlmsghdr req;
				memcpy(&req, buf + off + sizeof h + 4, sizeof req);
				swap_header(&req);
				memcpy(buf + off + sizeof h + 4, &req, sizeof req);
			}
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
