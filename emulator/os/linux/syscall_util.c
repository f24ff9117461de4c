/* Argument decoding and guest data helpers for the system call handlers. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "os/linux/proc_signal.h"
#include "os/linux/syscall.h"

uint64_t sc_arg64(const struct linux_proc *p, const uint64_t a[6], unsigned *i)
{
	if (!p->arch->abi->regpair64)
		return a[(*i)++];
	*i = (*i + 1) & ~1u;
	uint64_t v = (a[*i] & 0xffffffffu) | (a[*i + 1] << 32);
	*i += 2;
	return v;
}

int sc_string(struct linux_proc *p, uint64_t addr, char *buf, size_t n)
{
	long len = gmem_strnlen(&p->mem, addr, n);
	if (len < 0)
		return gmem_check(&p->mem, addr, n, GP_R) ? -ENAMETOOLONG : -EFAULT;
	memcpy(buf, gmem_host(&p->mem, addr), (size_t)len + 1);
	return 0;
}

bool sc_is_self_exe(const char *path)
{
	static const char self[] = "/proc/self/exe";
	if (strcmp(path, self) == 0)
		return true;
	char own[64];
	snprintf(own, sizeof own, "/proc/%d/exe", (int)getpid());
	return strcmp(path, own) == 0;
}

/* The program's absolute host path, resolved at the first system call
 * (before the guest can change directory under a relative exe_path). */
static char exe_real[PATH_MAX];

void sc_exe_init(struct linux_proc *p)
{
	if (!realpath(p->exe_path, exe_real))
		snprintf(exe_real, sizeof exe_real, "%s", p->exe_path);
	/* The task name (/proc/self/comm, stat, ps) is the program's, as
	 * after execve, not the emulator's. */
	if (!p->comm[0]) {
		const char *base = strrchr(p->exe_path, '/');
		strncpy(p->comm, base ? base + 1 : p->exe_path, sizeof p->comm - 1);
	}
	prctl(PR_SET_NAME, p->comm);
}

const char *sc_guest_path(const struct linux_proc *p, const char *host)
{
	size_t rl = p->sysroot ? strlen(p->sysroot) : 0;
	while (rl > 1 && p->sysroot[rl - 1] == '/')
		rl--;
	if (rl > 1 && strncmp(host, p->sysroot, rl) == 0 && host[rl] == '/')
		return host + rl;
	return host;
}

int sc_exe_path(struct linux_proc *p, char *buf, size_t n)
{
	const char *shown = sc_guest_path(p, exe_real);
	if (strlen(shown) >= n)
		return -ENAMETOOLONG;
	strcpy(buf, shown);
	return 0;
}

/* Applies the -L prefix the way qemu-user does: an absolute path is
 * redirected when it exists under the prefix. */
static void apply_sysroot(struct linux_proc *p, char buf[PATH_MAX])
{
	if (!p->sysroot || buf[0] != '/')
		return;
	char alt[PATH_MAX];
	struct stat st;
	if (snprintf(alt, sizeof alt, "%s%s", p->sysroot, buf) >= (int)sizeof alt)
		return;
	if (lstat(alt, &st) == 0)
		strcpy(buf, alt);
}

int sc_path_nofollow(struct linux_proc *p, uint64_t addr, char buf[PATH_MAX])
{
	int r = sc_string(p, addr, buf, PATH_MAX);
	if (r < 0)
		return r;
	if (!sc_is_self_exe(buf))
		apply_sysroot(p, buf);
	return 0;
}

int sc_path(struct linux_proc *p, uint64_t addr, char buf[PATH_MAX])
{
	int r = sc_string(p, addr, buf, PATH_MAX);
	if (r < 0)
		return r;
	if (sc_is_self_exe(buf)) {
		strcpy(buf, exe_real);
		return 0;
	}
	apply_sysroot(p, buf);
	return 0;
}

void gi_init(struct gimage *g, const struct linux_proc *p)
{
	memset(g->b, 0, sizeof g->b);
	g->be = p->mem.big_endian;
}

void gi_u16(struct gimage *g, unsigned off, uint16_t v)
{
	if (g->be)
		v = __builtin_bswap16(v);
	memcpy(g->b + off, &v, 2);
}

void gi_u32(struct gimage *g, unsigned off, uint32_t v)
{
	if (g->be)
		v = __builtin_bswap32(v);
	memcpy(g->b + off, &v, 4);
}

void gi_u64(struct gimage *g, unsigned off, uint64_t v)
{
	if (g->be)
		v = __builtin_bswap64(v);
	memcpy(g->b + off, &v, 8);
}

unsigned gi_long(struct gimage *g, const struct linux_proc *p, unsigned off, uint64_t v)
{
	if (p->arch->word_bits == 32) {
		gi_u32(g, off, (uint32_t)v);
		return 4;
	}
	gi_u64(g, off, v);
	return 8;
}

uint16_t gi_get16(const struct gimage *g, unsigned off)
{
	uint16_t v;
	memcpy(&v, g->b + off, 2);
	return g->be ? __builtin_bswap16(v) : v;
}

uint32_t gi_get32(const struct gimage *g, unsigned off)
{
	uint32_t v;
	memcpy(&v, g->b + off, 4);
	return g->be ? __builtin_bswap32(v) : v;
}

uint64_t gi_get64(const struct gimage *g, unsigned off)
{
	uint64_t v;
	memcpy(&v, g->b + off, 8);
	return g->be ? __builtin_bswap64(v) : v;
}

uint64_t gi_getlong(const struct gimage *g, const struct linux_proc *p, unsigned off)
{
	return p->arch->word_bits == 32 ? gi_get32(g, off) : gi_get64(g, off);
}

int gi_put(struct linux_proc *p, uint64_t addr, const struct gimage *g, unsigned size)
{
	return gmem_write(&p->mem, addr, g->b, size) ? 0 : -EFAULT;
}

int gi_get(struct linux_proc *p, uint64_t addr, struct gimage *g, unsigned size)
{
	gi_init(g, p);
	return gmem_read(&p->mem, addr, g->b, size) ? 0 : -EFAULT;
}

int sc_put32(struct linux_proc *p, uint64_t addr, uint32_t v)
{
	return gmem_st32(&p->mem, addr, v) ? 0 : -EFAULT;
}

int sc_put64(struct linux_proc *p, uint64_t addr, uint64_t v)
{
	return gmem_st64(&p->mem, addr, v) ? 0 : -EFAULT;
}

int sc_putlong(struct linux_proc *p, uint64_t addr, uint64_t v)
{
	return p->arch->word_bits == 32 ? sc_put32(p, addr, (uint32_t)v) : sc_put64(p, addr, v);
}

int sc_get32(struct linux_proc *p, uint64_t addr, uint32_t *v)
{
	return gmem_ld32(&p->mem, addr, v) ? 0 : -EFAULT;
}

int sc_getlong(struct linux_proc *p, uint64_t addr, uint64_t *v)
{
	if (p->arch->word_bits == 64)
		return gmem_ld64(&p->mem, addr, v) ? 0 : -EFAULT;
	uint32_t w;
	if (!gmem_ld32(&p->mem, addr, &w))
		return -EFAULT;
	*v = w;
	return 0;
}

void *sc_buf(struct linux_proc *p, uint64_t addr, uint64_t n, unsigned need)
{
	if (!gmem_check(&p->mem, addr, n, need))
		return NULL;
	return gmem_host(&p->mem, addr);
}

void *sc_buf_or_bad(struct linux_proc *p, uint64_t addr, uint64_t n, unsigned need)
{
	void *h = sc_buf(p, addr, n, need);
	return h ? h : SC_BAD_PTR;
}

int sc_get_timespec(struct linux_proc *p, uint64_t addr, struct timespec *ts, bool time64)
{
	struct gimage g;
	unsigned w = time64 ? 8 : sc_wordsize(p);
	int r = gi_get(p, addr, &g, 2 * w);
	if (r < 0)
		return r;
	if (time64) {
		ts->tv_sec = (time_t)gi_get64(&g, 0);
		/* The kernel ignores the upper half of tv_nsec for 32-bit tasks. */
		ts->tv_nsec = p->arch->word_bits == 32 ? (long)(int32_t)gi_get32(&g, 8)
		                                        : (long)gi_get64(&g, 8);
	} else {
		ts->tv_sec = sc_long(p, gi_getlong(&g, p, 0));
		ts->tv_nsec = sc_long(p, gi_getlong(&g, p, w));
	}
	return 0;
}

int sc_put_timespec(struct linux_proc *p, uint64_t addr, const struct timespec *ts, bool time64)
{
	struct gimage g;
	gi_init(&g, p);
	if (time64) {
		gi_u64(&g, 0, (uint64_t)ts->tv_sec);
		gi_u64(&g, 8, (uint64_t)ts->tv_nsec);
		return gi_put(p, addr, &g, 16);
	}
	unsigned w = gi_long(&g, p, 0, (uint64_t)ts->tv_sec);
	gi_long(&g, p, w, (uint64_t)ts->tv_nsec);
	return gi_put(p, addr, &g, 2 * w);
}

int sc_get_timeval(struct linux_proc *p, uint64_t addr, struct timeval *tv)
{
	struct gimage g;
	unsigned w = sc_wordsize(p);
	int r = gi_get(p, addr, &g, 2 * w);
	if (r < 0)
		return r;
	tv->tv_sec = sc_long(p, gi_getlong(&g, p, 0));
	tv->tv_usec = sc_long(p, gi_getlong(&g, p, w));
	return 0;
}

int sc_put_timeval(struct linux_proc *p, uint64_t addr, const struct timeval *tv)
{
	struct gimage g;
	gi_init(&g, p);
	unsigned w = gi_long(&g, p, 0, (uint64_t)tv->tv_sec);
	gi_long(&g, p, w, (uint64_t)tv->tv_usec);
	return gi_put(p, addr, &g, 2 * w);
}

/* struct rusage: two timevals then 14 longs. */
int sc_put_rusage(struct linux_proc *p, uint64_t addr, const struct rusage *ru)
{
	struct gimage g;
	const long rest[14] = {
		ru->ru_maxrss, ru->ru_ixrss, ru->ru_idrss, ru->ru_isrss, ru->ru_minflt,
		ru->ru_majflt, ru->ru_nswap, ru->ru_inblock, ru->ru_oublock, ru->ru_msgsnd,
		ru->ru_msgrcv, ru->ru_nsignals, ru->ru_nvcsw, ru->ru_nivcsw,
	};
	unsigned w = sc_wordsize(p), off = 0;
	gi_init(&g, p);
	off += gi_long(&g, p, off, (uint64_t)ru->ru_utime.tv_sec);
	off += gi_long(&g, p, off, (uint64_t)ru->ru_utime.tv_usec);
	off += gi_long(&g, p, off, (uint64_t)ru->ru_stime.tv_sec);
	off += gi_long(&g, p, off, (uint64_t)ru->ru_stime.tv_usec);
	for (unsigned i = 0; i < 14; i++)
		off += gi_long(&g, p, off, (uint64_t)rest[i]);
	return gi_put(p, addr, &g, 18 * w);
}

void sc_wait_mask_end(struct linux_proc *p, uint64_t addr, linux_sigset saved, long r)
{
	proc_lock(p);
	if (addr && (r == -LINUX_ERESTARTNOHAND || r == -EINTR)) {
		p->saved_sigmask = saved;
		p->restore_sigmask = true;
	} else {
		proc_signal_set_mask(p, saved);
	}
	proc_unlock(p);
}

long sc_wait_mask(struct linux_proc *p, uint64_t addr, uint64_t size, linux_sigset *saved)
{
	*saved = p->sigmask;
	if (!addr)
		return 0;
	if (size != p->arch->abi->sigset_bytes)
		return -EINVAL;
	linux_sigset m;
	if (!linux_sigset_get(p, addr, &m))
		return -EFAULT;
	proc_lock(p);
	proc_signal_set_mask(p, m);
	proc_unlock(p);
	/* A signal the new mask lets through is delivered after the call,
	 * which then only looks at what is ready without waiting. */
	return linux_signal_pending(p) ? 1 : 0;
}

int sc_open_flags_in(const struct linux_proc *p, uint32_t guest)
{
	return (int)abi_flags_in(p->arch->abi->open_flags, guest);
}

uint32_t sc_open_flags_out(const struct linux_proc *p, int host)
{
	return abi_flags_out(p->arch->abi->open_flags, (uint32_t)host);
}
