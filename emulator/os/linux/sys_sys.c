/* System information, randomness and scheduling. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "os/linux/syscall.h"

/* struct sysinfo with C longs: uptime, loads[3], six memory sizes, u16
 * procs, totalhigh and freehigh at 11 and 12 words, u32 mem_unit at 13.
 * A 32-bit kernel whose memory does not fit in a long counts in pages. */
SC(sysinfo)
{
	struct sysinfo si;
	if (sysinfo(&si) < 0)
		return -errno;
	unsigned w = sc_wordsize(p), shift = 0;
	unsigned long sizes[8] = { si.totalram, si.freeram, si.sharedram, si.bufferram,
	                           si.totalswap, si.freeswap, si.totalhigh, si.freehigh };
	if (w == 4 && ((uint64_t)si.totalram + si.totalswap) * si.mem_unit > 0xffffffffu)
		shift = GPAGE_SHIFT;
	struct gimage g;
	gi_init(&g, p);
	gi_long(&g, p, 0, (uint64_t)si.uptime);
	for (int i = 0; i < 3; i++)
		gi_long(&g, p, (1 + i) * w, si.loads[i]);
	for (int i = 0; i < 6; i++)
		gi_long(&g, p, (4 + i) * w, sizes[i] * si.mem_unit >> shift);
	gi_u16(&g, 10 * w, si.procs);
	gi_long(&g, p, 11 * w, sizes[6] * si.mem_unit >> shift);
	gi_long(&g, p, 12 * w, sizes[7] * si.mem_unit >> shift);
	gi_u32(&g, 13 * w, 1u << shift);
	unsigned size = (13 * w + 4 + (20 - 2 * w - 4) + w - 1) / w * w;
	return gi_put(p, a[0], &g, size);
}

SC(getrandom)
{
	uint64_t n = sc_ulong(p, a[1]);
	return sc_ret(getrandom(sc_buf_or_bad(p, a[0], n, GP_W), n, (unsigned)a[2]));
}

SC(getcpu)
{
	unsigned cpu, node;
	if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0)
		return -errno;
	if (a[0] && sc_put32(p, a[0], cpu) < 0)
		return -EFAULT;
	if (a[1] && sc_put32(p, a[1], node) < 0)
		return -EFAULT;
	return 0;
}

SC(sched_yield) { (void)p; (void)a; return sc_ret(sched_yield()); }

/* The mask is an array of guest longs; bytes of little-endian longs are
 * the same whatever their width, big-endian ones are converted per word. */
SC(sched_getaffinity)
{
	uint64_t len = sc_ulong(p, a[1]);
	unsigned w = sc_wordsize(p);
	if (len % w)
		return -EINVAL;
	if (len > 4096)
		len = 4096;
	uint64_t hostmask[512];
	memset(hostmask, 0, sizeof hostmask);
	long r = sc_ret(syscall(SYS_sched_getaffinity, sc_int(a[0]), (len + 7) & ~7ull, hostmask));
	if (r < 0)
		return r;
	uint64_t n = (uint64_t)r < len ? (uint64_t)r : len;
	for (uint64_t off = 0; off < n; off += w) {
		uint64_t word = hostmask[off / 8];
		if (w == 4)
			word = off % 8 ? word >> 32 : word & 0xffffffffu;
		if (sc_putlong(p, a[2] + off, word) < 0)
			return -EFAULT;
	}
	return (long)n;
}

SC(sched_setaffinity)
{
	uint64_t len = sc_ulong(p, a[1]);
	unsigned w = sc_wordsize(p);
	uint64_t hostmask[512];
	memset(hostmask, 0, sizeof hostmask);
	if (len > sizeof hostmask)
		len = sizeof hostmask;
	for (uint64_t off = 0; off + w <= len; off += w) {
		uint64_t word;
		if (sc_getlong(p, a[2] + off, &word) < 0)
			return -EFAULT;
		hostmask[off / 8] |= w == 4 && off % 8 ? word << 32 : word;
	}
	return sc_ret(syscall(SYS_sched_setaffinity, sc_int(a[0]), sizeof hostmask, hostmask));
}

SC(sched_getscheduler) { (void)p; return sc_ret(sched_getscheduler(sc_int(a[0]))); }

SC(sched_getparam)
{
	struct sched_param sp;
	if (sched_getparam(sc_int(a[0]), &sp) < 0)
		return -errno;
	return sc_put32(p, a[1], (uint32_t)sp.sched_priority);
}

SC(sched_get_priority_max) { (void)p; return sc_ret(sched_get_priority_max(sc_int(a[0]))); }
SC(sched_get_priority_min) { (void)p; return sc_ret(sched_get_priority_min(sc_int(a[0]))); }

/* The raw call returns 20 - nice (never negative), as the guest expects. */
SC(getpriority) { (void)p; return sc_ret(syscall(SYS_getpriority, sc_int(a[0]), sc_int(a[1]))); }
SC(setpriority) { (void)p; return sc_ret(setpriority(sc_int(a[0]), (id_t)a[1], sc_int(a[2]))); }

SC(membarrier)
{
	(void)p;
	return sc_ret(syscall(SYS_membarrier, sc_int(a[0]), (unsigned)a[1], sc_int(a[2])));
}
