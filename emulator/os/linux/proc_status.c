/* /proc/<pid>/status and /proc/<pid>/stat of the guest: the host's files
 * (name, ids, threads, credentials and times are the guest's already),
 * with what would describe the emulator replaced as Linux 6.1 prints it
 * (fs/proc/array.c, task_mem in fs/proc/task_mmu.c): the signal sets, the
 * memory sizes and the image's addresses. Lines a 6.1 kernel does not
 * print (the host's may be newer) are left out. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "os/linux/proc_signal.h"
#include "os/linux/procfs.h"
#include "os/linux/syscall.h"

static void split_set(linux_sigset s, uint64_t out[2])
{
	out[0] = (uint64_t)s;
	out[1] = (uint64_t)(s >> 64);
}

/* The guest's signal sets as thread tid has them (0: the thread group's
 * leader, as /proc/<pid> shows): its own pending signals and mask, the
 * process's pending signals and actions. */
static void sig_view(struct linux_proc *p, int tid, struct linux_sigview *v)
{
	memset(v, 0, sizeof *v);
	linux_signal_poll(p);
	v->nsig = (unsigned)proc_nsig(p);
	proc_lock(p);
	const struct linux_proc *t = p;
	int want = tid ? tid : (int)getpid();
	for (const struct linux_proc *u = p->tg->threads; u; u = u->next)
		if (u->tid == want)
			t = u;
	split_set(t->pending.set, v->pending);
	split_set(p->tg->shared.set, v->shared_pending);
	split_set(t->sigmask, v->blocked);
	linux_sigset ign = 0, cgt = 0;
	for (int sig = 1; sig <= proc_nsig(p); sig++) {
		uint64_t h = p->tg->sigact[sig].handler;
		if (h == LINUX_SIG_IGN)
			ign |= SIGBIT(sig);
		else if (h != LINUX_SIG_DFL)
			cgt |= SIGBIT(sig);
	}
	proc_unlock(p);
	split_set(ign, v->ignored);
	split_set(cgt, v->caught);
}

static void render_sigset(FILE *f, const char *header, unsigned nsig, const uint64_t set[2])
{
	fputs(header, f);
	for (int i = (int)nsig - 4; i >= 0; i -= 4)
		fputc("0123456789abcdef"[(set[i / 64] >> (i % 64)) & 0xf], f);
	fputc('\n', f);
}

void linux_status_sigs(FILE *f, const struct linux_sigview *v)
{
	render_sigset(f, "SigPnd:\t", v->nsig, v->pending);
	render_sigset(f, "ShdPnd:\t", v->nsig, v->shared_pending);
	render_sigset(f, "SigBlk:\t", v->nsig, v->blocked);
	render_sigset(f, "SigIgn:\t", v->nsig, v->ignored);
	render_sigset(f, "SigCgt:\t", v->nsig, v->caught);
}

/* The mm counters of task_mem, from the mapping list (bytes). */
struct mm_sizes {
	uint64_t total, peak, data, stack, exec, text;
};

static void mm_sizes(const struct gvma_list *l, struct mm_sizes *s)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < l->n; i++) {
		const struct gvma *v = &l->v[i];
		uint64_t len = v->end - v->start;
		if (v->flags & GV_GATE)
			continue;
		/* vm_stat_account's classes. */
		if ((v->flags & (GV_EXEC | GV_WRITE | GV_GROWSDOWN)) == GV_EXEC)
			s->exec += len;
		else if (v->flags & GV_GROWSDOWN)
			s->stack += len;
	}
	s->data = l->data;
	s->total = l->total;
	s->peak = l->peak > l->total ? l->peak : l->total;
	uint64_t code_end = (l->end_code + GPAGE_MASK) & ~GPAGE_MASK, code_start = l->start_code & ~GPAGE_MASK;
	s->text = l->end_code > l->start_code ? code_end - code_start : 0;
	if (s->text > s->exec)
		s->text = s->exec;
}

/* The host's file (whole); NULL with errno set on failure. */
static char *slurp(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	size_t n = 0, cap = 4096;
	char *b = malloc(cap);
	for (ssize_t r = 1; b && r > 0;) {
		if (n + 1 == cap) {
			char *nb = realloc(b, cap *= 2);
			if (!nb) {
				free(b);
				b = NULL;
				break;
			}
			b = nb;
		}
		r = read(fd, b + n, cap - n - 1);
		if (r < 0) {
			free(b);
			b = NULL;
		} else {
			n += (size_t)r;
		}
	}
	close(fd);
	if (b)
		b[n] = '\0';
	return b;
}

static char *host_file(int tid, const char *name)
{
	char path[64];
	if (tid)
		snprintf(path, sizeof path, "/proc/self/task/%d/%s", tid, name);
	else
		snprintf(path, sizeof path, "/proc/self/%s", name);
	return slurp(path);
}

/* The keys of the lines Linux 6.1 prints in status, in its order. */
static const char *const status_keys[] = {
	"Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid", "TracerPid", "Uid", "Gid", "FDSize",
	"Groups", "NStgid", "NSpid", "NSpgid", "NSsid", "VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM",
	"VmRSS", "RssAnon", "RssFile", "RssShmem", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap",
	"HugetlbPages", "CoreDumping", "THP_enabled", "Threads", "SigQ", "SigPnd", "ShdPnd", "SigBlk",
	"SigIgn", "SigCgt", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs", "Seccomp",
	"Seccomp_filters", "Speculation_Store_Bypass", "SpeculationIndirectBranch", "Cpus_allowed",
	"Cpus_allowed_list", "Mems_allowed", "Mems_allowed_list", "voluntary_ctxt_switches",
	"nonvoluntary_ctxt_switches",
};

static const char *const sig_keys[] = { "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt" };

static bool known_key(const char *key, size_t len)
{
	for (size_t i = 0; i < sizeof status_keys / sizeof status_keys[0]; i++)
		if (strlen(status_keys[i]) == len && strncmp(status_keys[i], key, len) == 0)
			return true;
	return false;
}

static bool is_key(const char *line, size_t len, const char *key)
{
	return strlen(key) == len && strncmp(line, key, len) == 0;
}

int linux_status_show(struct linux_proc *p, int tid, FILE *f)
{
	char *text = host_file(tid, "status");
	if (!text)
		return -errno;
	struct mm_sizes s;
	pthread_mutex_lock(&p->mm->lock);
	mm_sizes(p->mem.vmas, &s);
	pthread_mutex_unlock(&p->mm->lock);
	struct linux_sigview v;
	sig_view(p, tid, &v);
	/* task_mem's sizes: %8lu kB. */
	const struct {
		const char *key;
		uint64_t bytes;
	} sizes[] = {
		{ "VmPeak", s.peak }, { "VmSize", s.total }, { "VmData", s.data },
		{ "VmStk", s.stack }, { "VmExe", s.text },   { "VmLib", s.exec - s.text },
	};
	for (char *line = text, *next; *line; line = next) {
		char *nl = strchr(line, '\n');
		next = nl ? nl + 1 : line + strlen(line);
		size_t klen = strcspn(line, ":\n");
		if (!known_key(line, klen))
			continue;
		bool done = false;
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0] && !done; i++)
			if (is_key(line, klen, sizes[i].key)) {
				fprintf(f, "%s:\t%8" PRIu64 " kB\n", sizes[i].key, sizes[i].bytes >> 10);
				done = true;
			}
		/* The five signal lines go out together in place of the first. */
		if (is_key(line, klen, "SigPnd"))
			linux_status_sigs(f, &v);
		for (size_t i = 0; i < sizeof sig_keys / sizeof sig_keys[0] && !done; i++)
			done = is_key(line, klen, sig_keys[i]);
		if (!done)
			fwrite(line, 1, (size_t)(next - line), f);
	}
	free(text);
	return 0;
}

/* Follows the NULL-terminated array of string pointers at *a (left past
 * the NULL): the first string's address and the end of the last one (0
 * when the array is empty). */
static void string_array(struct linux_proc *p, uint64_t *a, uint64_t *first, uint64_t *end)
{
	uint64_t v, last = 0;
	*first = *end = 0;
	for (; sc_getlong(p, *a, &v) == 0 && v; *a += sc_wordsize(p)) {
		if (!last)
			*first = v;
		last = v;
	}
	*a += sc_wordsize(p);
	long len = last ? gmem_strnlen(&p->mem, last, 1 << 20) : -1;
	if (len >= 0)
		*end = last + (uint64_t)len + 1;
}

/* mm->arg_start, arg_end, env_start and env_end: where the argument and
 * environment strings of the initial stack lie. */
static void stack_strings(struct linux_proc *p, uint64_t r[4])
{
	uint64_t a = p->initial_sp + sc_wordsize(p), env_first;
	string_array(p, &a, &r[0], &r[1]);
	string_array(p, &a, &env_first, &r[3]);
	if (!r[1])
		r[0] = r[1] = env_first;
	r[2] = r[1];
	if (!r[3])
		r[3] = r[2];
}

int linux_stat_show(struct linux_proc *p, int tid, FILE *f)
{
	char *text = host_file(tid, "stat");
	if (!text)
		return -errno;
	char *rest = strrchr(text, ')');
	if (!rest || rest[1] != ' ') {
		free(text);
		return -EIO;
	}
	rest += 2;
	fwrite(text, 1, (size_t)(rest - text), f);
	struct linux_sigview v;
	sig_view(p, tid, &v);
	uint64_t strs[4];
	stack_strings(p, strs);
	pthread_mutex_lock(&p->mm->lock);
	struct gvma_list l = *p->mem.vmas;
	uint64_t start_brk = p->mm->brk_start;
	pthread_mutex_unlock(&p->mm->lock);
	/* Field numbers as proc(5) counts them (state is 3). */
	const struct {
		unsigned field;
		uint64_t value;
	} guest[] = {
		{ 23, l.total },	   { 26, l.start_code },	       { 27, l.end_code },
		{ 28, p->initial_sp },	   { 31, v.pending[0] & 0x7fffffff }, { 32, v.blocked[0] & 0x7fffffff },
		{ 33, v.ignored[0] & 0x7fffffff }, { 34, v.caught[0] & 0x7fffffff }, { 45, l.start_data },
		{ 46, l.end_data },	   { 47, start_brk },		       { 48, strs[0] },
		{ 49, strs[1] },	   { 50, strs[2] },		       { 51, strs[3] },
	};
	unsigned field = 3;
	char *save;
	for (char *tok = strtok_r(rest, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save), field++) {
		const char *sep = field == 3 ? "" : " ";
		bool done = false;
		for (size_t i = 0; i < sizeof guest / sizeof guest[0] && !done; i++)
			if (guest[i].field == field) {
				fprintf(f, "%s%" PRIu64, sep, guest[i].value);
				done = true;
			}
		if (done)
			continue;
		if (field == 25 && p->arch->word_bits == 32 && strtoull(tok, NULL, 10) > UINT32_MAX)
			/* rsslim: RLIM_INFINITY of a 32-bit kernel. */
			fprintf(f, "%s%" PRIu32, sep, UINT32_MAX);
		else if (field == 38 && atoi(tok) > 0)
			fprintf(f, "%s%d", sep, proc_sig_guest(p, atoi(tok)));
		else
			fprintf(f, "%s%s", sep, tok);
	}
	fputc('\n', f);
	free(text);
	return 0;
}
