/* /proc files that would show the emulator instead of the guest:
 * /proc/self/cmdline and /proc/self/auxv (also as /proc/<own pid>/...)
 * are built from the guest's initial stack into an anonymous file.
 * /proc/self/exe is handled with paths (syscall_util.c). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "os/linux/syscall.h"

enum fake { FAKE_NONE, FAKE_CMDLINE, FAKE_AUXV };

static enum fake fake_of(const char *path)
{
	char own[32];
	const char *rest;
	snprintf(own, sizeof own, "/proc/%d/", (int)getpid());
	if (strncmp(path, "/proc/self/", 11) == 0)
		rest = path + 11;
	else if (strncmp(path, own, strlen(own)) == 0)
		rest = path + strlen(own);
	else
		return FAKE_NONE;
	if (strcmp(rest, "cmdline") == 0)
		return FAKE_CMDLINE;
	if (strcmp(rest, "auxv") == 0)
		return FAKE_AUXV;
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

bool sc_proc_fake_open(struct linux_proc *p, const char *path, int flags, long *result)
{
	enum fake k = fake_of(path);
	uint64_t start, end;
	if (k == FAKE_NONE || !p->initial_sp || !fake_range(p, k, &start, &end))
		return false;
	if ((flags & O_ACCMODE) != O_RDONLY) {
		*result = -EACCES;
		return true;
	}
	int fd = memfd_create(k == FAKE_CMDLINE ? "cmdline" : "auxv", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
	if (fd < 0) {
		*result = -errno;
		return true;
	}
	uint64_t n = end - start;
	const void *src = sc_buf(p, start, n, GP_R);
	if (!src || write(fd, src, n) != (ssize_t)n || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		*result = -EIO;
		return true;
	}
	*result = fd;
	return true;
}
