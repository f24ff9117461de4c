/* Calls passed to the host with little or no conversion: scheduling
 * policy, pipes between descriptors, inotify, timerfd, capabilities,
 * namespaces and mounts, openat2, pidfd_open, I/O priorities. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "os/linux/syscall.h"

SC(nice) { (void)p; errno = 0; int r = nice(sc_int(a[0])); return r == -1 && errno ? -errno : 0; }

static long get_param(struct linux_proc *p, uint64_t addr, struct sched_param *sp)
{
	uint32_t v;
	if (sc_get32(p, addr, &v) < 0)
		return -EFAULT;
	sp->sched_priority = (int)v;
	return 0;
}

SC(sched_setscheduler)
{
	struct sched_param sp;
	if (!a[2])
		return -EINVAL;
	long r = get_param(p, a[2], &sp);
	return r < 0 ? r : sc_ret(sched_setscheduler(sc_int(a[0]), sc_int(a[1]), &sp));
}

SC(sched_setparam)
{
	struct sched_param sp;
	if (!a[1])
		return -EINVAL;
	long r = get_param(p, a[1], &sp);
	return r < 0 ? r : sc_ret(sched_setparam(sc_int(a[0]), &sp));
}

static long do_rr_interval(struct linux_proc *p, const uint64_t a[6], bool time64)
{
	struct timespec ts;
	if (sched_rr_get_interval(sc_int(a[0]), &ts) < 0)
		return -errno;
	return sc_put_timespec(p, a[1], &ts, time64);
}

SC(sched_rr_get_interval) { return do_rr_interval(p, a, false); }
SC(sched_rr_get_interval_time64) { return do_rr_interval(p, a, true); }

/* splice offsets are loff_t pointers. */
SC(splice)
{
	int64_t in, out;
	if (a[1] && !gmem_ld64(&p->mem, a[1], (uint64_t *)&in))
		return -EFAULT;
	if (a[3] && !gmem_ld64(&p->mem, a[3], (uint64_t *)&out))
		return -EFAULT;
	long r = sc_ret(splice(sc_int(a[0]), a[1] ? &in : NULL, sc_int(a[2]), a[3] ? &out : NULL,
	                       sc_ulong(p, a[4]), (unsigned)a[5]));
	if (r >= 0 && a[1] && sc_put64(p, a[1], (uint64_t)in) < 0)
		return -EFAULT;
	if (r >= 0 && a[3] && sc_put64(p, a[3], (uint64_t)out) < 0)
		return -EFAULT;
	return r;
}

/* vmsplice: an iovec array of guest buffers, read when the pipe end is
 * written and written when it is read. */
SC(vmsplice)
{
	uint64_t n = sc_ulong(p, a[2]);
	unsigned w = sc_wordsize(p);
	int fl = fcntl(sc_int(a[0]), F_GETFL);
	if (fl < 0)
		return -EBADF;
	unsigned need = (fl & O_ACCMODE) == O_RDONLY ? GP_W : GP_R;
	if (n > IOV_MAX)
		return -EINVAL;
	struct iovec v[IOV_MAX];
	for (uint64_t i = 0; i < n; i++) {
		uint64_t base, len;
		if (sc_getlong(p, a[1] + 2 * w * i, &base) < 0 || sc_getlong(p, a[1] + 2 * w * i + w, &len) < 0)
			return -EFAULT;
		v[i].iov_base = len ? sc_buf_or_bad(p, base, len, need) : NULL;
		v[i].iov_len = len;
	}
	return sc_ret(vmsplice(sc_int(a[0]), v, n, (unsigned)a[3]));
}

SC(tee) { return sc_ret(tee(sc_int(a[0]), sc_int(a[1]), sc_ulong(p, a[2]), (unsigned)a[3])); }

SC(inotify_init) { (void)p; (void)a; return sc_ret(inotify_init()); }
SC(inotify_init1) { return sc_ret(inotify_init1(sc_open_flags_in(p, (uint32_t)a[0]))); }
SC(inotify_rm_watch) { (void)p; return sc_ret(inotify_rm_watch(sc_int(a[0]), sc_int(a[1]))); }

SC(inotify_add_watch)
{
	char host[PATH_MAX];
	long r = sc_path(p, a[1], host);
	return r < 0 ? r : sc_ret(inotify_add_watch(sc_int(a[0]), host, (uint32_t)a[2]));
}

/* timerfd: TFD_CLOEXEC/TFD_NONBLOCK are the open flags' values.
 * struct itimerspec is two timespecs (old or 64-bit). */
SC(timerfd_create)
{
	return sc_counter_fd_made(p, sc_ret(timerfd_create(sc_int(a[0]), sc_open_flags_in(p, (uint32_t)a[1]))));
}

static long put_itimerspec(struct linux_proc *p, uint64_t addr, const struct itimerspec *v, bool t64)
{
	unsigned sz = t64 ? 16 : 2 * sc_wordsize(p);
	if (sc_put_timespec(p, addr, &v->it_interval, t64) < 0 ||
	    sc_put_timespec(p, addr + sz, &v->it_value, t64) < 0)
		return -EFAULT;
	return 0;
}

static long do_timerfd_settime(struct linux_proc *p, const uint64_t a[6], bool t64)
{
	struct itimerspec v, old;
	unsigned sz = t64 ? 16 : 2 * sc_wordsize(p);
	if (sc_get_timespec(p, a[2], &v.it_interval, t64) < 0 ||
	    sc_get_timespec(p, a[2] + sz, &v.it_value, t64) < 0)
		return -EFAULT;
	if (timerfd_settime(sc_int(a[0]), sc_int(a[1]), &v, &old) < 0)
		return -errno;
	return a[3] ? put_itimerspec(p, a[3], &old, t64) : 0;
}

static long do_timerfd_gettime(struct linux_proc *p, const uint64_t a[6], bool t64)
{
	struct itimerspec v;
	if (timerfd_gettime(sc_int(a[0]), &v) < 0)
		return -errno;
	return put_itimerspec(p, a[1], &v, t64);
}

SC(timerfd_settime) { return do_timerfd_settime(p, a, false); }
SC(timerfd_settime64) { return do_timerfd_settime(p, a, true); }
SC(timerfd_gettime) { return do_timerfd_gettime(p, a, false); }
SC(timerfd_gettime64) { return do_timerfd_gettime(p, a, true); }

/* capget/capset: header {u32 version; int pid}, then one (v1) or two
 * (v2, v3) {effective, permitted, inheritable} u32 triples. */
static long do_cap(struct linux_proc *p, const uint64_t a[6], bool set)
{
	uint32_t hdr[2], data[6];
	memset(data, 0, sizeof data);
	if (sc_get32(p, a[0], &hdr[0]) < 0 || sc_get32(p, a[0] + 4, &hdr[1]) < 0)
		return -EFAULT;
	unsigned n = hdr[0] == 0x19980330 ? 3 : 6;
	if (set || !a[1]) {
		for (unsigned i = 0; a[1] && i < n; i++)
			if (sc_get32(p, a[1] + 4 * i, &data[i]) < 0)
				return -EFAULT;
	} else if (!gmem_check(&p->mem, a[1], 4 * n, GP_W)) {
		return -EFAULT;
	}
	long r = sc_ret(syscall(set ? SYS_capset : SYS_capget, hdr, a[1] ? data : NULL));
	/* The kernel writes the version it prefers back on EINVAL. */
	sc_put32(p, a[0], hdr[0]);
	if (r < 0 || set || !a[1])
		return r;
	for (unsigned i = 0; i < n; i++)
		sc_put32(p, a[1] + 4 * i, data[i]);
	return r;
}

SC(capget) { return do_cap(p, a, false); }
SC(capset) { return do_cap(p, a, true); }

SC(setdomainname)
{
	uint64_t n = sc_ulong(p, a[1]);
	char name[65];
	if (n > 64)
		return -EINVAL;
	if (!gmem_read(&p->mem, a[0], name, n))
		return -EFAULT;
	return sc_ret(setdomainname(name, n));
}

SC(unshare) { (void)p; return sc_ret(unshare(sc_int(a[0]))); }

/* mount data is a string for the file systems a guest mounts. */
SC(mount)
{
	char src[PATH_MAX], dst[PATH_MAX], type[256], data[4096];
	long r = 0;
	if (a[0])
		r = sc_string(p, a[0], src, sizeof src);
	if (r >= 0)
		r = sc_path(p, a[1], dst);
	if (r >= 0 && a[2])
		r = sc_string(p, a[2], type, sizeof type);
	if (r >= 0 && a[4])
		r = sc_string(p, a[4], data, sizeof data);
	if (r < 0)
		return r;
	return sc_ret(mount(a[0] ? src : NULL, dst, a[2] ? type : NULL, sc_ulong(p, a[3]),
	                    a[4] ? data : NULL));
}

SC(umount2)
{
	char host[PATH_MAX];
	long r = sc_path(p, a[0], host);
	return r < 0 ? r : sc_ret(umount2(host, sc_int(a[1])));
}

/* struct open_how {u64 flags, mode, resolve}: flags are open flags. */
SC(openat2)
{
	char host[PATH_MAX];
	uint64_t size = sc_ulong(p, a[3]);
	if (size < 24)
		return -EINVAL;
	struct gimage g;
	if (gi_get(p, a[2], &g, 24) < 0)
		return -EFAULT;
	long r = sc_path(p, a[1], host);
	if (r < 0)
		return r;
	uint64_t how[3] = { (uint32_t)sc_open_flags_in(p, (uint32_t)gi_get64(&g, 0)) |
	                            (gi_get64(&g, 0) & ~0xffffffffull),
	                    gi_get64(&g, 8), gi_get64(&g, 16) };
	return sc_ret(syscall(SYS_openat2, sc_int(a[0]), host, how, sizeof how));
}

SC(pidfd_open) { (void)p; return sc_ret(syscall(SYS_pidfd_open, sc_int(a[0]), (unsigned)a[1])); }
SC(ioprio_get) { (void)p; return sc_ret(syscall(SYS_ioprio_get, sc_int(a[0]), sc_int(a[1]))); }
SC(ioprio_set)
{
	(void)p;
	return sc_ret(syscall(SYS_ioprio_set, sc_int(a[0]), sc_int(a[1]), sc_int(a[2])));
}

SC(setns) { (void)p; return sc_ret(setns(sc_int(a[0]), sc_int(a[1]))); }

static long do_clock_settime(struct linux_proc *p, const uint64_t a[6], bool time64)
{
	struct timespec ts;
	if (sc_get_timespec(p, a[1], &ts, time64) < 0)
		return -EFAULT;
	return sc_ret(clock_settime((clockid_t)sc_int(a[0]), &ts));
}

SC(clock_settime) { return do_clock_settime(p, a, false); }
SC(clock_settime64) { return do_clock_settime(p, a, true); }

/* struct sched_attr: u32 size, u32 policy, u64 flags, s32 nice, u32
 * priority, u64 runtime, deadline, period, u32 util_min, util_max (the
 * same fixed layout on every ABI); the size field versions it. */
#define SCHED_ATTR_MAX 56

SC(sched_setattr)
{
	uint32_t size;
	struct gimage g;
	if (sc_get32(p, a[1], &size) < 0)
		return -EFAULT;
	if (size == 0)
		size = 48;
	if (size < 48 || size > SCHED_ATTR_MAX)
		return size < 48 ? -EINVAL : -E2BIG;
	if (gi_get(p, a[1], &g, size) < 0)
		return -EFAULT;
	uint8_t h[SCHED_ATTR_MAX];
	uint32_t v32[2] = { size, gi_get32(&g, 4) };
	uint64_t flags = gi_get64(&g, 8);
	uint32_t nice_prio[2] = { gi_get32(&g, 16), gi_get32(&g, 20) };
	uint64_t times[3] = { gi_get64(&g, 24), gi_get64(&g, 32), gi_get64(&g, 40) };
	uint32_t util[2] = { size > 48 ? gi_get32(&g, 48) : 0, size > 48 ? gi_get32(&g, 52) : 0 };
	memcpy(h, v32, 8);
	memcpy(h + 8, &flags, 8);
	memcpy(h + 16, nice_prio, 8);
	memcpy(h + 24, times, 24);
	memcpy(h + 48, util, 8);
	return sc_ret(syscall(SYS_sched_setattr, sc_int(a[0]), h, (unsigned)a[2]));
}

SC(sched_getattr)
{
	uint32_t size = (uint32_t)a[2];
	if (size < 48 || size > 4096)
		return -EINVAL;
	uint8_t h[SCHED_ATTR_MAX];
	memset(h, 0, sizeof h);
	if (!gmem_check(&p->mem, a[1], size, GP_W))
		return -EFAULT;
	long r = sc_ret(syscall(SYS_sched_getattr, sc_int(a[0]), h, sizeof h, (unsigned)a[3]));
	if (r < 0)
		return r;
	uint32_t v32[2], np[2], util[2];
	uint64_t flags, times[3];
	memcpy(v32, h, 8);
	memcpy(&flags, h + 8, 8);
	memcpy(np, h + 16, 8);
	memcpy(times, h + 24, 24);
	memcpy(util, h + 48, 8);
	struct gimage g;
	gi_init(&g, p);
	unsigned n = v32[0] < size ? v32[0] : size;
	gi_u32(&g, 0, n);
	gi_u32(&g, 4, v32[1]);
	gi_u64(&g, 8, flags);
	gi_u32(&g, 16, np[0]);
	gi_u32(&g, 20, np[1]);
	for (int i = 0; i < 3; i++)
		gi_u64(&g, 24 + 8 * (unsigned)i, times[i]);
	gi_u32(&g, 48, util[0]);
	gi_u32(&g, 52, util[1]);
	return gi_put(p, a[1], &g, n);
}

SC(pidfd_getfd)
{
	(void)p;
	return sc_ret(syscall(SYS_pidfd_getfd, sc_int(a[0]), sc_int(a[1]), (unsigned)a[2]));
}
