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
 * garbled the request gets EAGAIN instead of waiting for ever.
 * rtnetlink payloads, the loopback interface (index 1, up: the guest's
 * init brings it up): RTM_GETLINK by index and by name (a request's
 * ifinfomsg and attributes), the RTM_GETADDR and RTM_GETROUTE dumps, and
 * glibc's if_nameindex and getifaddrs, which read the same messages, and
 * its if_nametoindex and if_indextoname with the SIOCGIFFLAGS and
 * SIOCGIFMTU ioctls (struct ifreq). A big-endian guest must get every
 * integer of the fixed headers and attributes (ifi_index, ifi_flags,
 * IFLA_MTU, IFA_FLAGS, RTA_TABLE, ...) in its own byte order; only facts
 * every kernel gives the loopback are printed (no counters, no times, no
 * other interfaces). */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
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

#define LOOPBACK 1

/* A request with a fixed header and up to one attribute. */
struct rt_request {
	struct nlmsghdr h;
	unsigned char body[64];
};

static void rt_add(struct rt_request *r, const void *data, size_t len)
{
	memcpy((unsigned char *)r + r->h.nlmsg_len, data, len);
	r->h.nlmsg_len += NLMSG_ALIGN(len);
}

static void rt_attr(struct rt_request *r, uint16_t type, const void *data, size_t len)
{
	struct rtattr a = { (unsigned short)RTA_LENGTH(len), type };
	memcpy((unsigned char *)r + r->h.nlmsg_len, &a, sizeof a);
	memcpy((unsigned char *)r + r->h.nlmsg_len + sizeof a, data, len);
	r->h.nlmsg_len += RTA_ALIGN(RTA_LENGTH(len));
}

static void rt_start(struct rt_request *r, uint16_t type, uint16_t flags, uint32_t seq)
{
	memset(r, 0, sizeof *r);
	r->h.nlmsg_len = NLMSG_HDRLEN;
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = flags;
	r->h.nlmsg_seq = seq;
}

static void rt_send(int fd, const struct rt_request *r)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	CHECK(sendto(fd, r, r->h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) == (ssize_t)r->h.nlmsg_len);
}

static const char *ip4(const void *p, char *buf)
{
	return inet_ntop(AF_INET, p, buf, INET_ADDRSTRLEN) ? buf : "?";
}

static uint32_t u32_of(const struct rtattr *a)
{
	uint32_t v = 0;
	memcpy(&v, RTA_DATA(a), RTA_PAYLOAD(a) < 4 ? RTA_PAYLOAD(a) : 4);
	return v;
}

/* The attributes of a message by type (the last of each), so that they
 * print in one order whatever order a kernel writes them in. */
#define MAX_ATTR 64

static void parse(const struct rtattr *a, int n, const struct rtattr *tb[MAX_ATTR])
{
	memset(tb, 0, MAX_ATTR * sizeof *tb);
	for (; RTA_OK(a, n); a = RTA_NEXT(a, n))
		if (a->rta_type < MAX_ATTR)
			tb[a->rta_type] = a;
}

static void say_u32(const struct rtattr *tb[MAX_ATTR], int type, const char *name)
{
	if (tb[type])
		t_say("  %s %u", name, u32_of(tb[type]));
	else
		t_say("  %s missing", name);
}

static void say_ip4(const struct rtattr *tb[MAX_ATTR], int type, const char *name)
{
	char b[INET_ADDRSTRLEN];
	if (tb[type])
		t_say("  %s %s", name, RTA_PAYLOAD(tb[type]) == 4 ? ip4(RTA_DATA(tb[type]), b) : "(not 4 bytes)");
	else
		t_say("  %s missing", name);
}

static void say_name(const struct rtattr *tb[MAX_ATTR], int type, const char *name)
{
	if (tb[type])
		t_say("  %s %.*s", name, (int)strnlen(RTA_DATA(tb[type]), RTA_PAYLOAD(tb[type])),
		      (const char *)RTA_DATA(tb[type]));
	else
		t_say("  %s missing", name);
}

/* The link's attributes every kernel gives the loopback alike
 * (IFLA_NUM_RX_QUEUES, for one, only with CONFIG_RPS). */
static void show_link(const struct nlmsghdr *h)
{
	const struct ifinfomsg *i = NLMSG_DATA(h);
	const struct rtattr *tb[MAX_ATTR];
	t_say("link: family %u type %u index %d flags %#x", i->ifi_family, i->ifi_type, i->ifi_index, i->ifi_flags);
	parse(IFLA_RTA(i), (int)IFLA_PAYLOAD(h), tb);
	say_name(tb, IFLA_IFNAME, "IFLA_IFNAME");
	say_u32(tb, IFLA_MTU, "IFLA_MTU");
	say_u32(tb, IFLA_TXQLEN, "IFLA_TXQLEN");
	say_u32(tb, IFLA_GROUP, "IFLA_GROUP");
	say_u32(tb, IFLA_PROMISCUITY, "IFLA_PROMISCUITY");
	say_u32(tb, IFLA_NUM_TX_QUEUES, "IFLA_NUM_TX_QUEUES");
	if (tb[IFLA_CARRIER])
		t_say("  IFLA_CARRIER %u", *(const unsigned char *)RTA_DATA(tb[IFLA_CARRIER]));
	if (tb[IFLA_ADDRESS]) {
		const unsigned char *d = RTA_DATA(tb[IFLA_ADDRESS]);
		if (RTA_PAYLOAD(tb[IFLA_ADDRESS]) == 6)
			t_say("  IFLA_ADDRESS %02x:%02x:%02x:%02x:%02x:%02x", d[0], d[1], d[2], d[3], d[4], d[5]);
		else
			t_say("  IFLA_ADDRESS of %u bytes", (unsigned)RTA_PAYLOAD(tb[IFLA_ADDRESS]));
	}
}

/* Receives one message (MSG_DONTWAIT: the kernel answered already) into
 * buf; returns its length or -1, saying why. */
static long rt_recv(int fd, unsigned char *buf, size_t size)
{
	long n = recv(fd, buf, size, MSG_DONTWAIT);
	if (n < 0)
		t_say("recv: %s", t_errname(errno));
	return n;
}

static int rt_error(const struct nlmsghdr *h)
{
	if (h->nlmsg_type != NLMSG_ERROR)
		return 0;
	const struct nlmsgerr *e = NLMSG_DATA(h);
	t_say("NLMSG_ERROR %s", e->error ? t_errname(-e->error) : "0");
	return 1;
}

static void get_link(int fd, int index, const char *name, uint32_t seq)
{
	static unsigned char buf[16384];
	struct rt_request r;
	rt_start(&r, RTM_GETLINK, NLM_F_REQUEST, seq);
	struct ifinfomsg i = { .ifi_family = AF_UNSPEC, .ifi_index = index };
	rt_add(&r, &i, sizeof i);
	uint32_t mask = RTEXT_FILTER_VF;
	rt_attr(&r, IFLA_EXT_MASK, &mask, sizeof mask);
	if (name)
		rt_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
	t_say("RTM_GETLINK index %d name %s, %u bytes", index, name ? name : "-", r.h.nlmsg_len);
	rt_send(fd, &r);
	long n = rt_recv(fd, buf, sizeof buf);
	for (struct nlmsghdr *h = (struct nlmsghdr *)buf; n > 0 && NLMSG_OK(h, (unsigned long)n); h = NLMSG_NEXT(h, n)) {
		FACT(h->nlmsg_seq == seq);
		if (!rt_error(h) && h->nlmsg_type == RTM_NEWLINK)
			show_link(h);
	}
}

static void show_addr(const struct nlmsghdr *h)
{
	const struct ifaddrmsg *i = NLMSG_DATA(h);
	const struct rtattr *tb[MAX_ATTR];
	if (i->ifa_index != LOOPBACK)
		return;
	t_say("addr: family %u prefixlen %u flags %#x scope %u index %u", i->ifa_family, i->ifa_prefixlen, i->ifa_flags,
	      i->ifa_scope, i->ifa_index);
	parse(IFA_RTA(i), (int)IFA_PAYLOAD(h), tb);
	say_ip4(tb, IFA_ADDRESS, "IFA_ADDRESS");
	say_ip4(tb, IFA_LOCAL, "IFA_LOCAL");
	say_name(tb, IFA_LABEL, "IFA_LABEL");
	if (tb[IFA_FLAGS])
		t_say("  IFA_FLAGS %#x", u32_of(tb[IFA_FLAGS]));
	if (tb[IFA_CACHEINFO] && RTA_PAYLOAD(tb[IFA_CACHEINFO]) >= sizeof(struct ifa_cacheinfo)) {
		struct ifa_cacheinfo c;
		memcpy(&c, RTA_DATA(tb[IFA_CACHEINFO]), sizeof c);
		t_say("  IFA_CACHEINFO preferred %#x valid %#x", c.ifa_prefered, c.ifa_valid);
	}
}

static void show_route(const struct nlmsghdr *h)
{
	const struct rtmsg *m = NLMSG_DATA(h);
	const struct rtattr *tb[MAX_ATTR];
	parse(RTM_RTA(m), (int)RTM_PAYLOAD(h), tb);
	if (m->rtm_type != RTN_LOCAL || !tb[RTA_OIF] || u32_of(tb[RTA_OIF]) != LOOPBACK)
		return;
	t_say("route: family %u dst_len %u table %u protocol %u scope %u type %u flags %#x", m->rtm_family,
	      m->rtm_dst_len, m->rtm_table, m->rtm_protocol, m->rtm_scope, m->rtm_type, m->rtm_flags);
	say_u32(tb, RTA_TABLE, "RTA_TABLE");
	say_ip4(tb, RTA_DST, "RTA_DST");
	say_ip4(tb, RTA_PREFSRC, "RTA_PREFSRC");
	say_u32(tb, RTA_OIF, "RTA_OIF");
}

/* A dump of one message type for AF_INET, its loopback entries shown. */
static void dump(int fd, uint16_t type, const void *head, size_t len, uint32_t seq,
                 void (*show)(const struct nlmsghdr *))
{
	static unsigned char buf[32768];
	struct rt_request r;
	rt_start(&r, type, NLM_F_REQUEST | NLM_F_DUMP, seq);
	rt_add(&r, head, len);
	t_say("dump type %u, %u bytes", type, r.h.nlmsg_len);
	rt_send(fd, &r);
	for (int parts = 0; parts < 1000; parts++) {
		long got = rt_recv(fd, buf, sizeof buf), n = got;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; n > 0 && NLMSG_OK(h, (unsigned long)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq) {
				t_say("seq %u in the dump of %u", h->nlmsg_seq, seq);
				return;
			}
			if (h->nlmsg_type == NLMSG_DONE) {
				t_say("NLMSG_DONE");
				return;
			}
			if (rt_error(h))
				return;
			show(h);
		}
		if (got <= 0)
			return;
	}
}

static void libc_interfaces(void)
{
	char name[IF_NAMESIZE] = "";
	char b[INET_ADDRSTRLEN];
	CHECK(if_nametoindex("lo"));
	CHECK_PTR(if_indextoname(LOOPBACK, name), NULL);
	t_say("name %s", name);
	struct if_nameindex *all = CHECK_PTR(if_nameindex(), NULL);
	for (struct if_nameindex *i = all; i && i->if_index; i++)
		if (i->if_index == LOOPBACK)
			t_say("if_nameindex: %u %s", i->if_index, i->if_name);
	if (all)
		if_freenameindex(all);
	int s = (int)CHECK(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	struct ifreq r;
	memset(&r, 0, sizeof r);
	strcpy(r.ifr_name, "lo");
	if (CHECK(ioctl(s, SIOCGIFFLAGS, &r)) == 0)
		t_say("ifr_flags %#x", (unsigned short)r.ifr_flags);
	if (CHECK(ioctl(s, SIOCGIFMTU, &r)) == 0)
		t_say("ifr_mtu %d", r.ifr_mtu);
	close(s);
	struct ifaddrs *list;
	if (CHECK(getifaddrs(&list)) != 0)
		return;
	for (struct ifaddrs *i = list; i; i = i->ifa_next) {
		if (strcmp(i->ifa_name, "lo") || !i->ifa_addr || i->ifa_addr->sa_family == AF_INET6)
			continue;
		if (i->ifa_addr->sa_family != AF_INET) {
			t_say("getifaddrs: lo family %u flags %#x", i->ifa_addr->sa_family, i->ifa_flags);
			continue;
		}
		const struct sockaddr_in *a = (const struct sockaddr_in *)i->ifa_addr;
		const struct sockaddr_in *m = (const struct sockaddr_in *)i->ifa_netmask;
		t_say("getifaddrs: lo AF_INET flags %#x address %s", i->ifa_flags, ip4(&a->sin_addr, b));
		if (m)
			t_say("  netmask %s", ip4(&m->sin_addr, b));
	}
	freeifaddrs(list);
}

static void loopback(void)
{
	int fd = nl_socket();
	get_link(fd, LOOPBACK, NULL, 10);
	get_link(fd, 0, "lo", 11);
	struct ifaddrmsg a = { .ifa_family = AF_INET };
	dump(fd, RTM_GETADDR, &a, sizeof a, 12, show_addr);
	struct rtmsg m = { .rtm_family = AF_INET, .rtm_table = RT_TABLE_LOCAL };
	dump(fd, RTM_GETROUTE, &m, sizeof m, 13, show_route);
	close(fd);
	libc_interfaces();
}

int main(void)
{
	t_init();
	int fd = nl_socket();
	ask(fd, 0x7fff, NLM_F_REQUEST, 1, 0, 0);
	/* The socket bound itself at the first send: the process's first
	 * netlink socket takes the process id as its port id. */
	struct sockaddr_nl me;
	socklen_t mel = sizeof me;
	CHECK(getsockname(fd, (struct sockaddr *)&me, &mel));
	FACT(mel == sizeof me && me.nl_family == AF_NETLINK);
	FACT(me.nl_pid == (uint32_t)getpid() && me.nl_groups == 0);
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
	loopback();
	return 0;
}
