/* The payloads of rtnetlink (NETLINK_ROUTE) messages in a big-endian
 * guest's byte order: the fixed header of each message family (ifinfomsg,
 * ifaddrmsg, rtmsg, ndmsg) and its attributes (struct rtattr headers, and
 * the integers inside them), in both directions. Which attribute holds a
 * 16-, 32- or 64-bit integer (or an array of them, or a nest of further
 * attributes) is a table per attribute space, as the kernel's own
 * policies; anything else (addresses, names, bytes) is left alone. An
 * attribute the tables do not know has its header converted and its
 * payload left as the kernel wrote it, except that a nest the kernel flags
 * (NLA_F_NESTED) has its inner headers converted too. Attributes in
 * network byte order (NLA_F_NET_BYTEORDER) need nothing. Not converted:
 * RTA_MULTIPATH's next hops, the kind-specific IFLA_INFO_DATA, and the
 * message families without a table here (rules, qdiscs, nexthops, ...). */
#define _GNU_SOURCE
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "os/linux/sock_rtnetlink.h"

enum kind { BYTES, U16, U32, U64, NEST, LAYOUT };

struct field {
	uint8_t off, size;
};

/* A structure's integer fields (a fixed header, a struct attribute). */
struct layout {
	uint8_t n;
	struct field f[5];
};

struct attr {
	uint8_t kind;
	const void *sub; /* NEST: struct space; LAYOUT: struct layout */
};

/* An attribute space: the kinds of attribute types 0 .. n-1. */
struct space {
	uint16_t n;
	const struct attr *a;
};

/* A nest of attributes whose kinds are unknown: their headers only. */
static const struct space no_attrs = { 0, NULL };

#define SPACE(t) { sizeof(t) / sizeof(t)[0], t }

static const struct attr inet_attrs[] = { [IFLA_INET_CONF] = { U32, NULL } };
static const struct space inet_space = SPACE(inet_attrs);

static const struct attr inet6_attrs[] = {
	[IFLA_INET6_FLAGS] = { U32, NULL },     [IFLA_INET6_CONF] = { U32, NULL },
	[IFLA_INET6_STATS] = { U64, NULL },     [IFLA_INET6_CACHEINFO] = { U32, NULL },
	[IFLA_INET6_ICMP6STATS] = { U64, NULL }, [IFLA_INET6_RA_MTU] = { U32, NULL },
};
static const struct space inet6_space = SPACE(inet6_attrs);

/* IFLA_AF_SPEC: one nest per address family. */
static const struct attr af_spec_attrs[] = { [AF_INET] = { NEST, &inet_space }, [AF_INET6] = { NEST, &inet6_space } };
static const struct space af_spec_space = SPACE(af_spec_attrs);

static const struct attr xdp_attrs[] = {
	[IFLA_XDP_FD] = { U32, NULL },          [IFLA_XDP_FLAGS] = { U32, NULL },
	[IFLA_XDP_PROG_ID] = { U32, NULL },     [IFLA_XDP_DRV_PROG_ID] = { U32, NULL },
	[IFLA_XDP_SKB_PROG_ID] = { U32, NULL }, [IFLA_XDP_HW_PROG_ID] = { U32, NULL },
	[IFLA_XDP_EXPECTED_FD] = { U32, NULL },
};
static const struct space xdp_space = SPACE(xdp_attrs);

/* struct rtnl_link_ifmap: three 64-bit addresses, then the irq. */
static const struct layout ifmap = { 4, { { 0, 8 }, { 8, 8 }, { 16, 8 }, { 24, 2 } } };

static const struct attr link_attrs[] = {
	[IFLA_MTU] = { U32, NULL },
	[IFLA_LINK] = { U32, NULL },
	[IFLA_MASTER] = { U32, NULL },
	[IFLA_STATS] = { U32, NULL },
	[IFLA_MAP] = { LAYOUT, &ifmap },
	[IFLA_TXQLEN] = { U32, NULL },
	[IFLA_WEIGHT] = { U32, NULL },
	[IFLA_LINKINFO] = { NEST, &no_attrs },
	[IFLA_NET_NS_PID] = { U32, NULL },
	[IFLA_STATS64] = { U64, NULL },
	[IFLA_AF_SPEC] = { NEST, &af_spec_space },
	[IFLA_GROUP] = { U32, NULL },
	[IFLA_NET_NS_FD] = { U32, NULL },
	[IFLA_EXT_MASK] = { U32, NULL },
	[IFLA_PROMISCUITY] = { U32, NULL },
	[IFLA_NUM_TX_QUEUES] = { U32, NULL },
	[IFLA_NUM_RX_QUEUES] = { U32, NULL },
	[IFLA_CARRIER_CHANGES] = { U32, NULL },
	[IFLA_LINK_NETNSID] = { U32, NULL },
	[IFLA_GSO_MAX_SEGS] = { U32, NULL },
	[IFLA_GSO_MAX_SIZE] = { U32, NULL },
	[IFLA_XDP] = { NEST, &xdp_space },
	[IFLA_EVENT] = { U32, NULL },
	[IFLA_NEW_NETNSID] = { U32, NULL },
	[IFLA_IF_NETNSID] = { U32, NULL },
	[IFLA_CARRIER_UP_COUNT] = { U32, NULL },
	[IFLA_CARRIER_DOWN_COUNT] = { U32, NULL },
	[IFLA_NEW_IFINDEX] = { U32, NULL },
	[IFLA_MIN_MTU] = { U32, NULL },
	[IFLA_MAX_MTU] = { U32, NULL },
	[IFLA_PROP_LIST] = { NEST, &no_attrs },
	[IFLA_GRO_MAX_SIZE] = { U32, NULL },
	[IFLA_TSO_MAX_SIZE] = { U32, NULL },
	[IFLA_TSO_MAX_SEGS] = { U32, NULL },
};
static const struct space link_space = SPACE(link_attrs);

static const struct attr addr_attrs[] = {
	[IFA_CACHEINFO] = { U32, NULL },   [IFA_FLAGS] = { U32, NULL },
	[IFA_RT_PRIORITY] = { U32, NULL }, [IFA_TARGET_NETNSID] = { U32, NULL },
};
static const struct space addr_space = SPACE(addr_attrs);

/* RTA_METRICS: RTAX_* values, 32-bit but for the congestion control name. */
static const struct attr metric_attrs[] = {
	[RTAX_LOCK] = { U32, NULL },     [RTAX_MTU] = { U32, NULL },      [RTAX_WINDOW] = { U32, NULL },
	[RTAX_RTT] = { U32, NULL },      [RTAX_RTTVAR] = { U32, NULL },   [RTAX_SSTHRESH] = { U32, NULL },
	[RTAX_CWND] = { U32, NULL },     [RTAX_ADVMSS] = { U32, NULL },   [RTAX_REORDERING] = { U32, NULL },
	[RTAX_HOPLIMIT] = { U32, NULL }, [RTAX_INITCWND] = { U32, NULL }, [RTAX_FEATURES] = { U32, NULL },
	[RTAX_RTO_MIN] = { U32, NULL },  [RTAX_INITRWND] = { U32, NULL }, [RTAX_QUICKACK] = { U32, NULL },
	[RTAX_FASTOPEN_NO_COOKIE] = { U32, NULL },
};
static const struct space metric_space = SPACE(metric_attrs);

/* struct rtvia: the address family, then the address. */
static const struct layout rtvia = { 1, { { 0, 2 } } };

static const struct attr route_attrs[] = {
	[RTA_IIF] = { U32, NULL },      [RTA_OIF] = { U32, NULL },         [RTA_PRIORITY] = { U32, NULL },
	[RTA_METRICS] = { NEST, &metric_space },                           [RTA_FLOW] = { U32, NULL },
	[RTA_CACHEINFO] = { U32, NULL }, [RTA_TABLE] = { U32, NULL },      [RTA_MARK] = { U32, NULL },
	[RTA_MFC_STATS] = { U64, NULL }, [RTA_VIA] = { LAYOUT, &rtvia },   [RTA_ENCAP_TYPE] = { U16, NULL },
	[RTA_EXPIRES] = { U64, NULL },  [RTA_UID] = { U32, NULL },         [RTA_NH_ID] = { U32, NULL },
};
static const struct space route_space = SPACE(route_attrs);

static const struct attr neigh_attrs[] = {
	[NDA_CACHEINFO] = { U32, NULL }, [NDA_PROBES] = { U32, NULL },  [NDA_VLAN] = { U16, NULL },
	[NDA_VNI] = { U32, NULL },       [NDA_IFINDEX] = { U32, NULL }, [NDA_MASTER] = { U32, NULL },
	[NDA_LINK_NETNSID] = { U32, NULL }, [NDA_SRC_VNI] = { U32, NULL },
};
static const struct space neigh_space = SPACE(neigh_attrs);

/* Message types first .. last: their fixed header and attributes. */
static const struct family {
	uint16_t first, last;
	uint8_t head; /* the fixed header's size */
	struct layout fields;
	const struct space *attrs;
} families[] = {
	/* ifinfomsg: type, index, flags, change */
	{ RTM_NEWLINK, RTM_SETLINK, sizeof(struct ifinfomsg), { 4, { { 2, 2 }, { 4, 4 }, { 8, 4 }, { 12, 4 } } }, &link_space },
	/* ifaddrmsg: index */
	{ RTM_NEWADDR, RTM_GETADDR, sizeof(struct ifaddrmsg), { 1, { { 4, 4 } } }, &addr_space },
	/* rtmsg: flags */
	{ RTM_NEWROUTE, RTM_GETROUTE, sizeof(struct rtmsg), { 1, { { 8, 4 } } }, &route_space },
	/* ndmsg: ifindex, state */
	{ RTM_NEWNEIGH, RTM_GETNEIGH, sizeof(struct ndmsg), { 2, { { 4, 4 }, { 8, 2 } } }, &neigh_space },
};

/* NLMSG_ERROR's extended acknowledgement attributes. */
static const struct attr ack_attrs[] = {
	[NLMSGERR_ATTR_OFFS] = { U32, NULL },
	[NLMSGERR_ATTR_MISS_TYPE] = { U32, NULL },
	[NLMSGERR_ATTR_MISS_NEST] = { U32, NULL },
};
static const struct space ack_space = SPACE(ack_attrs);


static void swap_at(uint8_t *p, unsigned size)
{
	if (size == 2) {
		uint16_t v;
		memcpy(&v, p, 2);
		v = __builtin_bswap16(v);
		memcpy(p, &v, 2);
	} else if (size == 4) {
		uint32_t v;
		memcpy(&v, p, 4);
		v = __builtin_bswap32(v);
		memcpy(p, &v, 4);
	} else if (size == 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		v = __builtin_bswap64(v);
		memcpy(p, &v, 8);
	}
}

/* The fields of a structure that lie wholly within its len bytes (a
 * request may send less than the whole header, as glibc's rtgenmsg). */
static void swap_layout(uint8_t *p, size_t len, const struct layout *l)
{
	for (unsigned i = 0; i < l->n; i++)
		if ((size_t)l->f[i].off + l->f[i].size <= len)
			swap_at(p + l->f[i].off, l->f[i].size);
}

static void swap_array(uint8_t *p, size_t len, unsigned size)
{
	for (size_t i = 0; i + size <= len; i += size)
		swap_at(p + i, size);
}

static void swap_attrs(uint8_t *p, size_t len, const struct space *s, bool to_guest);

static void swap_payload(uint8_t *p, size_t len, uint16_t type, const struct space *s, bool to_guest)
{
	uint16_t t = type & NLA_TYPE_MASK;
	const struct attr *a = s && t < s->n ? &s->a[t] : NULL;
	if (type & NLA_F_NET_BYTEORDER)
		return;
	if (!a || a->kind == BYTES) {
		if (type & NLA_F_NESTED)
			swap_attrs(p, len, &no_attrs, to_guest);
		return;
	}
	switch (a->kind) {
	case U16:
		swap_array(p, len, 2);
		break;
	case U32:
		swap_array(p, len, 4);
		break;
	case U64:
		swap_array(p, len, 8);
		break;
	case NEST:
		swap_attrs(p, len, a->sub, to_guest);
		break;
	case LAYOUT:
		swap_layout(p, len, a->sub);
		break;
	}
}

/* A run of attributes (struct rtattr, the same as struct nlattr). */
static void swap_attrs(uint8_t *p, size_t len, const struct space *s, bool to_guest)
{
	struct rtattr h;
	for (size_t off = 0; off + sizeof h <= len;) {
		memcpy(&h, p + off, sizeof h);
		struct rtattr host = h;
		if (!to_guest) {
			host.rta_len = __builtin_bswap16(h.rta_len);
			host.rta_type = __builtin_bswap16(h.rta_type);
		}
		size_t n = host.rta_len;
		if (n < sizeof h)
			break;
		size_t body = n - sizeof h < len - off - sizeof h ? n - sizeof h : len - off - sizeof h;
		swap_payload(p + off + sizeof h, body, host.rta_type, s, to_guest);
		h.rta_len = __builtin_bswap16(h.rta_len);
		h.rta_type = __builtin_bswap16(h.rta_type);
		memcpy(p + off, &h, sizeof h);
		off += RTA_ALIGN(n);
	}
}

void rtnetlink_payload(uint16_t type, uint8_t *p, size_t len, bool to_guest)
{
	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
		const struct family *f = &families[i];
		if (type < f->first || type > f->last)
			continue;
		swap_layout(p, len, &f->fields);
		if (len > NLMSG_ALIGN(f->head))
			swap_attrs(p + NLMSG_ALIGN(f->head), len - NLMSG_ALIGN(f->head), f->attrs, to_guest);
		return;
	}
}

void rtnetlink_ack(uint8_t *p, size_t len)
{
	swap_attrs(p, len, &ack_space, true);
}
