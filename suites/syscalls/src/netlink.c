/* Netlink route sockets: the kernel's answers to requests it refuses or
 * acknowledges (NLMSG_ERROR, with the error and the request's header
 * echoed), read through recvfrom (also peeked) and recvmsg. A subject must
 * give the guest the headers in its byte order and the error in its errno
 * numbering: PAM's audit message answered with an ECONNREFUSED that a MIPS
 * guest read as another error made su fail ("System error"). Requests: a
 * type rtnetlink does not know (EOPNOTSUPP), NLMSG_NOOP with an ack asked
 * (error 0), RTM_NEWLINK from nobody (EPERM). Sequence numbers and types
 * are printed; the port ids the kernel gives are not. The kernel answers
 * before send returns, so every receive is MSG_DONTWAIT: a subject that
 * garbled the request gets EAGAIN instead of waiting for ever. */
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define NOBODY 65534

struct request {
	struct nlmsghdr h;
	struct ifinfomsg body;
};

static int nl_socket(void)
{
	return (int)CHECK(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
}

static void send_request(int fd, uint16_t type, uint16_t flags, uint32_t seq, int with_body, int use_msg)
{
	struct request r;
	memset(&r, 0, sizeof r);
	r.h.nlmsg_len = with_body ? sizeof r : sizeof r.h;
	r.h.nlmsg_type = type;
	r.h.nlmsg_flags = flags;
	r.h.nlmsg_seq = seq;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	t_say("request type %#x flags %#x seq %u, %u bytes%s", type, flags, seq, r.h.nlmsg_len,
	      use_msg ? " (sendmsg)" : "");
	if (use_msg) {
		struct iovec v[2] = { { &r.h, sizeof r.h }, { &r.body, r.h.nlmsg_len - sizeof r.h } };
		struct msghdr m = { &kernel, sizeof kernel, v, with_body ? 2 : 1, NULL, 0, 0 };
		CHECK(sendmsg(fd, &m, 0) == (ssize_t)r.h.nlmsg_len);
	} else {
		CHECK(sendto(fd, &r, r.h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) ==
		      (ssize_t)r.h.nlmsg_len);
	}
}

/* Prints the answer in buf (n bytes) to the request (type, seq). */
static void show_answer(const unsigned char *buf, long n, uint16_t type, uint32_t seq)
{
	struct nlmsghdr h, echo;
	struct nlmsgerr e;
	if (n < (long)(sizeof h + sizeof e)) {
		t_say("answer of %ld bytes: too short", n);
		return;
	}
	memcpy(&h, buf, sizeof h);
	memcpy(&e, buf + sizeof h, sizeof e);
	echo = e.msg;
	t_say("answer: %ld bytes, nlmsg_len %u, type %s, seq %u", n, h.nlmsg_len,
	      h.nlmsg_type == NLMSG_ERROR ? "NLMSG_ERROR" : "other", h.nlmsg_seq);
	t_say("error: %s", e.error ? t_errname(-e.error) : "0");
	FACT(echo.nlmsg_type == type);
	FACT(echo.nlmsg_seq == seq);
	t_say("echoed nlmsg_len %u", echo.nlmsg_len);
}

static void ask(int fd, uint16_t type, uint16_t flags, uint32_t seq, int with_body, int use_msg)
{
	unsigned char buf[512];
	send_request(fd, type, flags, seq, with_body, use_msg);
	if (use_msg) {
		struct sockaddr_nl from;
		struct iovec v = { buf, sizeof buf };
		struct msghdr m = { &from, sizeof from, &v, 1, NULL, 0, 0 };
		long n = CHECK_OK(recvmsg(fd, &m, MSG_DONTWAIT));
		FACT(m.msg_namelen == sizeof from && from.nl_family == AF_NETLINK && from.nl_pid == 0);
		show_answer(buf, n, type, seq);
		return;
	}
	long peeked = CHECK_OK(recv(fd, buf, sizeof buf, MSG_PEEK | MSG_DONTWAIT));
	show_answer(buf, peeked, type, seq);
	memset(buf, 0, sizeof buf);
	long n = CHECK_OK(recvfrom(fd, buf, sizeof buf, MSG_DONTWAIT, NULL, NULL));
	FACT(n == peeked);
	show_answer(buf, n, type, seq);
}

int main(void)
{
	t_init();
	int fd = nl_socket();
	ask(fd, 0x7fff, NLM_F_REQUEST, 1, 0, 0);
	ask(fd, 0x7fff, NLM_F_REQUEST | NLM_F_ACK, 2, 0, 1);
	ask(fd, NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK, 3, 0, 0);
	ask(fd, NLMSG_NOOP, NLM_F_REQUEST | NLM_F_ACK, 4, 1, 1);
	close(fd);
	pid_t child = t_fork();
	if (child == 0) {
		if (setgid(NOBODY) < 0 || setuid(NOBODY) < 0)
			_exit(2);
		fd = nl_socket();
		ask(fd, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, 5, 1, 0);
		ask(fd, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, 6, 1, 1);
		_exit(0);
	}
	t_wait_child("nobody's RTM_NEWLINK", child);
	return 0;
}
