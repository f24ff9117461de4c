/* RLIMIT_AS and RLIMIT_DATA of the guest (proc_limits.h), with the
 * kernel's rules (Linux 6.1 mm/mmap.c may_expand_vm, check_data_rlimit). */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <sys/resource.h>

#include "mem/vma.h"
#include "os/linux/abi.h"
#include "os/linux/proc_limits.h"

static const int emulated[2] = { [LINUX_LIMIT_AS] = RLIMIT_AS, [LINUX_LIMIT_DATA] = RLIMIT_DATA };

int linux_limit_index(int resource)
{
	for (int i = 0; i < 2; i++)
		if (emulated[i] == resource)
			return i;
	return -1;
}

static uint64_t from_host(rlim_t v) { return v == RLIM_INFINITY ? LINUX_RLIM_INFINITY : (uint64_t)v; }

int linux_limits_init(struct linux_tgroup *tg, const char *rlimits, uint64_t memory)
{
	for (int i = 0; i < 2; i++) {
		struct rlimit r = { RLIM_INFINITY, RLIM_INFINITY };
		getrlimit(emulated[i], &r);
		tg->mem_limit[i][0] = from_host(r.rlim_cur);
		tg->mem_limit[i][1] = from_host(r.rlim_max);
	}
	if (memory)
		tg->mem_limit[LINUX_LIMIT_AS][0] = tg->mem_limit[LINUX_LIMIT_AS][1] = memory;
	if (!rlimits)
		return 0;
	uint64_t v[4];
	char end;
	if (sscanf(rlimits, "%" SCNu64 ":%" SCNu64 ":%" SCNu64 ":%" SCNu64 "%c", &v[0], &v[1], &v[2], &v[3], &end) != 4)
		return -1;
	for (int i = 0; i < 4; i++)
		tg->mem_limit[i / 2][i % 2] = v[i];
	return 0;
}

bool linux_limits_arg(const struct linux_tgroup *tg, char *buf, size_t size)
{
	const uint64_t(*l)[2] = tg->mem_limit;
	bool any = false;
	for (int i = 0; i < 2; i++)
		any |= l[i][0] != LINUX_RLIM_INFINITY || l[i][1] != LINUX_RLIM_INFINITY;
	snprintf(buf, size, "%" PRIu64 ":%" PRIu64 ":%" PRIu64 ":%" PRIu64, l[0][0], l[0][1], l[1][0], l[1][1]);
	return any;
}

/* Set by another thread's setrlimit at any time (under tg->lock). */
static uint64_t limit(const struct linux_proc *p, int i, int hard)
{
	return __atomic_load_n(&p->tg->mem_limit[i][hard], __ATOMIC_RELAXED);
}

static uint64_t pages(uint64_t bytes) { return bytes >> GPAGE_SHIFT; }

static bool fits(const struct linux_proc *p, unsigned flags, uint64_t npages)
{
	const struct gvma_list *l = p->mem.vmas;
	if (pages(l->total) + npages > pages(limit(p, LINUX_LIMIT_AS, 0)))
		return false;
	uint64_t data_lim = limit(p, LINUX_LIMIT_DATA, 0);
	if ((flags & GV_DATA_MASK) != GV_WRITE || data_lim == LINUX_RLIM_INFINITY)
		return true;
	uint64_t data = pages(l->data);
	if (data + npages <= pages(data_lim))
		return true;
	/* The kernel's allowance for Valgrind: a soft limit of 0 reads as the hard one. */
	return data_lim == 0 && data + npages <= pages(limit(p, LINUX_LIMIT_DATA, 1));
}

bool linux_may_expand(const struct linux_proc *p, unsigned flags, uint64_t bytes, uint64_t addr, uint64_t len)
{
	uint64_t n = pages(bytes);
	if (fits(p, flags, n))
		return true;
	uint64_t over = len ? pages(gvma_bytes(p->mem.vmas, addr, addr + len, 0, 0)) : 0;
	return fits(p, flags, n - (over < n ? over : n));
}

bool linux_brk_fits(const struct linux_proc *p, uint64_t brk)
{
	uint64_t lim = limit(p, LINUX_LIMIT_DATA, 0);
	const struct gvma_list *l = p->mem.vmas;
	return lim == LINUX_RLIM_INFINITY || (brk - p->mm->brk_start) + (l->end_data - l->start_data) <= lim;
}

/* fs/proc/base.c lnames[], by host RLIMIT_* (the guest's order is its own
 * numbering: MIPS puts RLIMIT_NOFILE and RLIMIT_AS elsewhere). */
static const struct {
	int res;
	const char *name, *unit;
} lnames[] = {
	{ RLIMIT_CPU, "Max cpu time", "seconds" },
	{ RLIMIT_FSIZE, "Max file size", "bytes" },
	{ RLIMIT_DATA, "Max data size", "bytes" },
	{ RLIMIT_STACK, "Max stack size", "bytes" },
	{ RLIMIT_CORE, "Max core file size", "bytes" },
	{ RLIMIT_RSS, "Max resident set", "bytes" },
	{ RLIMIT_NPROC, "Max processes", "processes" },
	{ RLIMIT_NOFILE, "Max open files", "files" },
	{ RLIMIT_MEMLOCK, "Max locked memory", "bytes" },
	{ RLIMIT_AS, "Max address space", "bytes" },
	{ RLIMIT_LOCKS, "Max file locks", "locks" },
	{ RLIMIT_SIGPENDING, "Max pending signals", "signals" },
	{ RLIMIT_MSGQUEUE, "Max msgqueue size", "bytes" },
	{ RLIMIT_NICE, "Max nice priority", NULL },
	{ RLIMIT_RTPRIO, "Max realtime priority", NULL },
	{ RLIMIT_RTTIME, "Max realtime timeout", "us" },
};

static void show_value(const struct linux_proc *p, FILE *f, uint64_t v)
{
	/* A 32-bit kernel's unsigned long: anything larger is its infinity. */
	if (v == LINUX_RLIM_INFINITY || (p->arch->word_bits == 32 && v >= 0xffffffffu))
		fprintf(f, "%-20s ", "unlimited");
	else
		fprintf(f, "%-20" PRIu64 " ", v);
}

void linux_limits_show(const struct linux_proc *p, FILE *f)
{
	fprintf(f, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	int n = (int)(sizeof lnames / sizeof lnames[0]);
	for (int g = 0; g < n; g++) {
		int res = abi_value_in(p->arch->abi->rlimits, g);
		int k = 0;
		while (k < n && lnames[k].res != res)
			k++;
		if (k == n)
			continue;
		uint64_t v[2];
		int i = linux_limit_index(res);
		struct rlimit r = { RLIM_INFINITY, RLIM_INFINITY };
		if (i < 0)
			getrlimit((__rlimit_resource_t)res, &r);
		for (int h = 0; h < 2; h++)
			v[h] = i >= 0 ? limit(p, i, h) : from_host(h ? r.rlim_max : r.rlim_cur);
		fprintf(f, "%-25s ", lnames[k].name);
		show_value(p, f, v[0]);
		show_value(p, f, v[1]);
		if (lnames[k].unit)
			fprintf(f, "%-10s", lnames[k].unit);
		fputc('\n', f);
	}
}
