/* /proc files that would show the emulator instead of the guest are made
 * up for the guest into an anonymous file, read-only like the kernel's:
 * cmdline and auxv (from the guest's initial stack), maps, stat, status
 * and limits of this process (/proc/self, /proc/<own pid>,
 * /proc/thread-self and their task/<tid> directories), and /proc/cpuinfo. Another process's
 * cmdline is the host's without the zeroes an emulator leaves after the
 * guest's arguments it wrote over its own (proc_title.c).
 * /proc/self/exe is handled with paths (syscall_util.c). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/linux/proc_limits.h"
#include "os/linux/procfs.h"
#include "os/linux/syscall.h"

enum fake { FAKE_NONE, FAKE_CMDLINE, FAKE_AUXV, FAKE_MAPS, FAKE_STAT, FAKE_STATUS, FAKE_CPUINFO, FAKE_OTHER_CMDLINE,
	    FAKE_LIMITS };

static const struct {
	const char *name;
	enum fake kind;
} per_task[] = {
	{ "cmdline", FAKE_CMDLINE }, { "auxv", FAKE_AUXV },	{ "maps", FAKE_MAPS },
	{ "stat", FAKE_STAT },	     { "status", FAKE_STATUS },	{ "limits", FAKE_LIMITS },
};

/* Takes prefix off *s; false when *s does not start with it. */
static bool eat(const char **s, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(*s, prefix, n) != 0)
		return false;
	*s += n;
	return true;
}

/* Takes "<decimal>/" off *s. */
static bool eat_id(const char **s, int *id)
{
	char *end;
	long v = strtol(*s, &end, 10);
	if (end == *s || **s < '0' || **s > '9' || *end != '/' || v <= 0 || v > INT32_MAX)
		return false;
	*id = (int)v;
	*s = end + 1;
	return true;
}

/* Which made-up file path is, and the thread it names (0: the process). */
static enum fake fake_of(const char *path, int *tid)
{
	const char *rest = path;
	int id;
	*tid = 0;
	if (strcmp(path, "/proc/cpuinfo") == 0)
		return FAKE_CPUINFO;
	if (!eat(&rest, "/proc/"))
		return FAKE_NONE;
	if (eat(&rest, "thread-self/")) {
		*tid = (int)gettid();
	} else if (!eat(&rest, "self/") && !(eat_id(&rest, &id) && id == (int)getpid())) {
		rest = path + strlen("/proc/");
		if (eat_id(&rest, &id) && strcmp(rest, "cmdline") == 0) {
			*tid = id;
			return FAKE_OTHER_CMDLINE;
		}
		return FAKE_NONE;
	}
	if (!*tid && eat(&rest, "task/")) {
		char dir[64];
		/* One of this process's threads: the host's task list is the
		 * guest's. */
		if (!eat_id(&rest, tid) || snprintf(dir, sizeof dir, "/proc/self/task/%d", *tid) < 0 ||
		    access(dir, F_OK) != 0)
			return FAKE_NONE;
	}
	for (size_t i = 0; i < sizeof per_task / sizeof per_task[0]; i++)
		if (strcmp(rest, per_task[i].name) == 0)
			return per_task[i].kind;
	return FAKE_NONE;
}

/* The guest range [start, end) of the argument strings, or of the auxv.
 * The argc word itself may have been reused by the start-up code, so the
 * argv array is followed to its NULL instead. */
static bool fake_range(struct linux_proc *p, enum fake k, uint64_t *start, uint64_t *end)
{
	unsigned w = sc_wordsize(p);
	uint64_t v, last = 0, a = p->initial_sp + w;
	*start = 0;
	for (;; a += w) {
		if (sc_getlong(p, a, &v) < 0)
			return false;
		if (!v)
			break;
		if (!*start)
			*start = v;
		last = v;
	}
	a += w;
	if (k == FAKE_CMDLINE) {
		long len = last ? gmem_strnlen(&p->mem, last, 1 << 20) : -1;
		if (len < 0)
			return false;
		*end = last + (uint64_t)len + 1;
		return *end > *start;
	}
	do {
		if (sc_getlong(p, a, &v) < 0)
			return false;
		a += w;
	} while (v);
	*start = a;
	do {
		if (sc_getlong(p, a, &v) < 0)
			return false;
		a += 2 * w;
	} while (v);
	*end = a;
	return true;
}

/* Another process's command line, up to its last argument's NUL: NULs
 * are held back until more text follows, so the padding of a title that
 * proc_title.c set ends as one NUL. */
static int other_cmdline(int pid, FILE *f)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
	FILE *in = fopen(path, "re");
	if (!in)
		return 1;
	size_t zeros = 0;
	int c;
	while ((c = getc(in)) != EOF) {
		if (c == 0) {
			zeros++;
			continue;
		}
		for (; zeros; zeros--)
			putc(0, f);
		putc(c, f);
	}
	if (zeros)
		putc(0, f);
	fclose(in);
	return 0;
}

/* Writes the file's text to f: 0, -errno, or 1 when the host's file is
 * to be opened after all (no initial stack to read from). */
static int generate(struct linux_proc *p, enum fake k, int tid, FILE *f)
{
	uint64_t start, end;
	const void *src;
	switch (k) {
	case FAKE_CMDLINE:
	case FAKE_AUXV:
		if (!p->initial_sp || !fake_range(p, k, &start, &end))
			return 1;
		src = sc_buf(p, start, end - start, GP_R);
		if (!src)
			return -EIO;
		fwrite(src, 1, end - start, f);
		return 0;
	case FAKE_MAPS:
		linux_maps_show(p, f);
		return 0;
	case FAKE_STAT:
		return linux_stat_show(p, tid, f);
	case FAKE_STATUS:
		return linux_status_show(p, tid, f);
	case FAKE_CPUINFO:
		p->arch->cpuinfo(p->arch, f);
		return 0;
	case FAKE_OTHER_CMDLINE:
		return other_cmdline(tid, f);
	case FAKE_LIMITS:
		linux_limits_show(p, f);
		return 0;
	case FAKE_NONE:
		break;
	}
	return 1;
}

/* An anonymous read-only file holding text: its descriptor or -errno. */
static long fake_file(const char *text, size_t len, int flags)
{
	int fd = memfd_create("proc", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) != 0 || fchmod(fd, 0444) != 0) {
		close(fd);
		return -EIO;
	}
	return fd;
}

bool sc_proc_fake_open(struct linux_proc *p, const char *path, int flags, long *result)
{
	int tid;
	enum fake k = fake_of(path, &tid);
	if (k == FAKE_NONE || (k == FAKE_CPUINFO && !p->arch->cpuinfo))
		return false;
	/* Opening to write is for the host to allow (its file has the same
	 * mode and owner); writing is then refused by the host's file (there
	 * is nothing to write in these files) or, when also opened to read,
	 * goes to the made-up copy. */
	if ((flags & O_ACCMODE) != O_RDONLY) {
		int hfd = open(path, flags, 0);
		if (hfd < 0 || (flags & O_ACCMODE) == O_WRONLY) {
			*result = hfd < 0 ? -errno : hfd;
			return true;
		}
		close(hfd);
	}
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc = f ? generate(p, k, tid, f) : -ENOMEM;
	if (f && fclose(f) != 0 && rc == 0)
		rc = -ENOMEM;
	if (rc != 1)
		*result = rc == 0 ? fake_file(text, len, flags) : rc;
	free(text);
	return rc != 1;
}
