/* __sysctl and __sysctlbyname with the nodes programs ask for
 * (sys/sys/sysctl.h numbers), read-only. Nodes FreeBSD numbers at boot
 * (OID_AUTO, from 0x100) get fixed numbers here; sysctlnametomib's
 * query {0, 3} gives them. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/random.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <unistd.h>

#include "os/freebsd/fbsd_sys.h"

#define MAXMIB 24  /* CTL_MAXNAME */

enum kind { K_STR, K_INT, K_LONG, K_PATH, K_RANDOM, K_TIMEVAL };

struct node {
	const char *name;
	int mib[4];
	unsigned miblen;
	enum kind kind;
	/* The value: fills v (integers) or s (strings, at most 256 bytes). */
	void (*get)(struct linux_proc *p, int64_t *v, char *s);
};

#define GET(name) static void get_##name(struct linux_proc *p, int64_t *v, char *s)
GET(ostype) { (void)p; (void)v; strcpy(s, "FreeBSD"); }
GET(osrelease) { (void)p; (void)v; strcpy(s, FBSD_OSRELEASE); }
GET(osrevision) { (void)p; (void)s; *v = 199506; }
GET(version) { (void)p; (void)v; strcpy(s, "FreeBSD " FBSD_OSRELEASE " (mimic)\n"); }
GET(argmax) { (void)p; (void)s; *v = 2 * 256 * 1024; }
GET(hostname) { (void)p; (void)v; gethostname(s, 256); s[255] = '\0'; }
GET(osreldate) { (void)p; (void)s; *v = FBSD_OSRELDATE; }
GET(ps_strings) { (void)s; *v = (int64_t)fbsd_arch_of(p)->ps_strings; }
GET(usrstack) { (void)s; *v = (int64_t)p->stack_top; }
GET(iov_max) { (void)p; (void)s; *v = 1024; }
GET(maxcpus) { (void)s; *v = fbsd_arch_of(p)->maxcpu; }
GET(ncpu) { (void)s; *v = fbsd_ncpu(p); }
GET(machine) { (void)v; strcpy(s, fbsd_arch_of(p)->machine); }
GET(machine_arch) { (void)v; strcpy(s, fbsd_arch_of(p)->machine_arch); }
GET(model) { (void)v; strcpy(s, fbsd_arch_of(p)->model); }
GET(byteorder) { (void)s; *v = p->mem.big_endian ? 4321 : 1234; }
GET(pagesize) { (void)p; (void)s; *v = GPAGE_SIZE; }
GET(floatingpoint) { (void)p; (void)s; *v = 1; }
GET(cs_path) { (void)p; (void)v; strcpy(s, "/usr/bin:/bin:/usr/sbin:/sbin"); }
GET(physmem)
{
	(void)s;
	struct sysinfo si;
	uint64_t mem = sysinfo(&si) == 0 ? (uint64_t)si.totalram * si.mem_unit : 0;
	/* A 32-bit u_long holds at most 4 GiB - 1 page. */
	if (p->arch->word_bits == 32 && mem > 0xfffff000u)
		mem = 0xfffff000u;
	*v = (int64_t)mem;
}
GET(boottime)
{
	(void)p;
	(void)s;
	struct timespec up, now;
	clock_gettime(CLOCK_BOOTTIME, &up);
	clock_gettime(CLOCK_REALTIME, &now);
	*v = now.tv_sec - up.tv_sec;
}
GET(none) { (void)p; (void)v; (void)s; }

#define N(nm, k, fn, ...) { nm, { __VA_ARGS__ }, sizeof((int[]){ __VA_ARGS__ }) / sizeof(int), k, get_##fn }
static const struct node nodes[] = {
	N("kern.ostype", K_STR, ostype, 1, 1),
	N("kern.osrelease", K_STR, osrelease, 1, 2),
	N("kern.osrevision", K_INT, osrevision, 1, 3),
	N("kern.version", K_STR, version, 1, 4),
	N("kern.argmax", K_INT, argmax, 1, 8),
	N("kern.hostname", K_STR, hostname, 1, 10),
	N("kern.boottime", K_TIMEVAL, boottime, 1, 21),
	N("kern.osreldate", K_INT, osreldate, 1, 24),
	N("kern.ps_strings", K_LONG, ps_strings, 1, 32),
	N("kern.usrstack", K_LONG, usrstack, 1, 33),
	N("kern.iov_max", K_INT, iov_max, 1, 35),
	N("kern.arandom", K_RANDOM, none, 1, 37),
	N("kern.proc.pathname", K_PATH, none, 1, 14, 12),
	N("kern.smp.maxcpus", K_INT, maxcpus, 1, 0x100, 0x100),
	N("kern.smp.cpus", K_INT, ncpu, 1, 0x100, 0x101),
	N("hw.machine", K_STR, machine, 6, 1),
	N("hw.model", K_STR, model, 6, 2),
	N("hw.ncpu", K_INT, ncpu, 6, 3),
	N("hw.byteorder", K_INT, byteorder, 6, 4),
	N("hw.physmem", K_LONG, physmem, 6, 5),
	N("hw.pagesize", K_INT, pagesize, 6, 7),
	N("hw.floatingpoint", K_INT, floatingpoint, 6, 10),
	N("hw.machine_arch", K_STR, machine_arch, 6, 11),
	N("hw.realmem", K_LONG, physmem, 6, 12),
	N("user.cs_path", K_STR, cs_path, 8, 1),
};
#define NNODES (sizeof nodes / sizeof nodes[0])

static const struct node *by_mib(const int *mib, unsigned len)
{
	for (unsigned i = 0; i < NNODES; i++) {
		/* kern.proc.pathname takes a pid after its number. */
		unsigned want = nodes[i].miblen + (nodes[i].kind == K_PATH);
		if (len == want && memcmp(mib, nodes[i].mib, nodes[i].miblen * sizeof(int)) == 0)
			return &nodes[i];
	}
	return NULL;
}

static const struct node *by_name(const char *name)
{
	for (unsigned i = 0; i < NNODES; i++)
		if (strcmp(name, nodes[i].name) == 0)
			return &nodes[i];
	return NULL;
}

/* Copies out min(have, *oldlenp) bytes: ENOMEM when the buffer is short
 * (with *oldlenp the bytes given); without a buffer only the size. */
static long copy_out(struct linux_proc *p, uint64_t old, uint64_t oldlenp, const void *val, uint64_t have)
{
	if (!oldlenp)
		return 0;
	uint64_t room;
	if (sc_getlong(p, oldlenp, &room) < 0)
		return -EFAULT;
	if (!old)
		return sc_putlong(p, oldlenp, have) < 0 ? -EFAULT : 0;
	uint64_t n = have < room ? have : room;
	if (!gmem_write(&p->mem, old, val, n) || sc_putlong(p, oldlenp, n) < 0)
		return -EFAULT;
	return n < have ? -ENOMEM : 0;
}

static long read_node(struct linux_proc *p, const struct node *nd, const int *mib, unsigned len,
		      const uint64_t a[6])
{
	if (a[4])
		return -EPERM;
	int64_t v = 0;
	char s[PATH_MAX] = "";
	uint8_t b[256];
	struct gimage g;
	gi_init(&g, p);
	switch (nd->kind) {
	case K_STR:
		nd->get(p, &v, s);
		return copy_out(p, a[2], a[3], s, strlen(s) + 1);
	case K_INT:
		nd->get(p, &v, s);
		gi_u32(&g, 0, (uint32_t)v);
		return copy_out(p, a[2], a[3], g.b, 4);
	case K_LONG:
		nd->get(p, &v, s);
		return copy_out(p, a[2], a[3], g.b, gi_long(&g, p, 0, (uint64_t)v));
	case K_TIMEVAL:
		nd->get(p, &v, s);
		gi_u64(&g, 0, (uint64_t)v);
		return copy_out(p, a[2], a[3], g.b, 16);
	case K_RANDOM: {
		/* At most 256 bytes per call, as FreeBSD gives. */
		uint64_t room = 0;
		if (a[3] && sc_getlong(p, a[3], &room) < 0)
			return -EFAULT;
		size_t n = room < sizeof b ? (size_t)room : sizeof b;
		if (getrandom(b, n, 0) != (ssize_t)n)
			return -EIO;
		return copy_out(p, a[2], a[3], b, n);
	}
	case K_PATH:
		if (mib[len - 1] != -1 && mib[len - 1] != getpid())
			return -ESRCH;
		if (sc_exe_path(p, s, sizeof s) < 0)
			return -ENOENT;
		return copy_out(p, a[2], a[3], s, strlen(s) + 1);
	}
	return -ENOENT;
}

/* {0, 3} with the name as the new value: its MIB. */
static long name_to_oid(struct linux_proc *p, const uint64_t a[6])
{
	char name[256];
	uint64_t n = sc_ulong(p, a[5]);
	if (n == 0 || n >= sizeof name || !gmem_read(&p->mem, a[4], name, n))
		return n >= sizeof name ? -ENAMETOOLONG : -EFAULT;
	name[n] = '\0';
	const struct node *nd = by_name(name);
	if (!nd)
		return -ENOENT;
	struct gimage g;
	gi_init(&g, p);
	for (unsigned i = 0; i < nd->miblen; i++)
		gi_u32(&g, 4 * i, (uint32_t)nd->mib[i]);
	const uint64_t b[6] = { 0, 0, a[2], a[3], 0, 0 };
	return copy_out(p, b[2], b[3], g.b, 4 * nd->miblen);
}

FBSD(__sysctl)
{
	unsigned len = (unsigned)a[1];
	int mib[MAXMIB];
	if (len < 2 || len > MAXMIB)
		return -EINVAL;
	for (unsigned i = 0; i < len; i++) {
		uint32_t v;
		if (sc_get32(p, a[0] + 4 * i, &v) < 0)
			return -EFAULT;
		mib[i] = (int)v;
	}
	if (len == 2 && mib[0] == 0 && mib[1] == 3)
		return name_to_oid(p, a);
	const struct node *nd = by_mib(mib, len);
	return nd ? read_node(p, nd, mib, len, a) : -ENOENT;
}

FBSD(__sysctlbyname)
{
	char name[256];
	uint64_t n = sc_ulong(p, a[1]);
	if (n >= sizeof name)
		return -ENAMETOOLONG;
	if (!gmem_read(&p->mem, a[0], name, n))
		return -EFAULT;
	name[n] = '\0';
	const struct node *nd = by_name(name);
	if (!nd)
		return -ENOENT;
	/* kern.proc.pathname by name is the caller's own. */
	int mib[5] = { 0 };
	memcpy(mib, nd->mib, sizeof nd->mib);
	mib[nd->miblen] = -1;
	return read_node(p, nd, mib, nd->miblen + (nd->kind == K_PATH), a);
}
