/* Resource limits and usage, and prctl. RLIMIT_* values go through the
 * ABI's table (MIPS numbers them differently); PR_* are the same on all. */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/linux/proc_limits.h"
#include "os/linux/proc_signal.h"
#include "os/linux/syscall.h"

/* struct rlimit of C longs: a 32-bit ABI's infinity is ~0UL, and larger
 * values read as infinity. */
static uint64_t rlim_out(const struct linux_proc *p, rlim_t v)
{
	if (p->arch->word_bits == 32 && v > 0xffffffffu)
		return 0xffffffffu;
	return v;
}

static rlim_t rlim_in(const struct linux_proc *p, uint64_t v)
{
	if (p->arch->word_bits == 32 && v == 0xffffffffu)
		return RLIM_INFINITY;
	return v;
}

static int resource(const struct linux_proc *p, uint64_t v)
{
	return abi_value_in(p->arch->abi->rlimits, sc_int(v));
}

static bool may_raise_hard(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	return syscall(SYS_capget, &h, d) == 0 && (d[0].effective & (1u << CAP_SYS_RESOURCE));
}

/* do_prlimit: RLIMIT_AS and RLIMIT_DATA of this process are mimic's
 * (proc_limits.h); another process keeps its own inside its mimic, so
 * those of others read as the host's and cannot be set from here. */
static long do_prlimit(struct linux_proc *p, int pid, int res, const struct rlimit *nr, struct rlimit *old)
{
	int i = linux_limit_index(res);
	bool self = pid == 0 || pid == (int)getpid();
	if (i < 0 || (!self && !nr))
		return sc_ret(syscall(SYS_prlimit64, pid, res, nr, old));
	if (nr && nr->rlim_cur > nr->rlim_max)
		return -EINVAL;
	if (!self)
		return -EPERM;
	uint64_t(*lim)[2] = p->tg->mem_limit;
	long r = 0;
	pthread_mutex_lock(&p->tg->lock);
	if (old) {
		old->rlim_cur = __atomic_load_n(&lim[i][0], __ATOMIC_RELAXED);
		old->rlim_max = __atomic_load_n(&lim[i][1], __ATOMIC_RELAXED);
	}
	if (nr && nr->rlim_max > lim[i][1] && !may_raise_hard())
		r = -EPERM;
	else if (nr) {
		__atomic_store_n(&lim[i][0], (uint64_t)nr->rlim_cur, __ATOMIC_RELAXED);
		__atomic_store_n(&lim[i][1], (uint64_t)nr->rlim_max, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&p->tg->lock);
	return r;
}

SC(ugetrlimit)
{
	struct rlimit r;
	long e = do_prlimit(p, 0, resource(p, a[0]), NULL, &r);
	if (e < 0)
		return e;
	struct gimage g;
	unsigned w = sc_wordsize(p);
	gi_init(&g, p);
	gi_long(&g, p, 0, rlim_out(p, r.rlim_cur));
	gi_long(&g, p, w, rlim_out(p, r.rlim_max));
	return gi_put(p, a[1], &g, 2 * w);
}

SC(setrlimit)
{
	struct gimage g;
	unsigned w = sc_wordsize(p);
	if (gi_get(p, a[1], &g, 2 * w) < 0)
		return -EFAULT;
	struct rlimit r = { rlim_in(p, gi_getlong(&g, p, 0)), rlim_in(p, gi_getlong(&g, p, w)) };
	return do_prlimit(p, 0, resource(p, a[0]), &r, NULL);
}

/* getrlimit of 64-bit ABIs: the same struct of C longs. */
SC(getrlimit) { return sys_ugetrlimit(p, a); }

/* struct rlimit64: two u64 on every ABI. */
SC(prlimit64)
{
	struct rlimit nr, old;
	struct gimage g;
	if (a[2]) {
		if (gi_get(p, a[2], &g, 16) < 0)
			return -EFAULT;
		nr.rlim_cur = gi_get64(&g, 0);
		nr.rlim_max = gi_get64(&g, 8);
	}
	if (a[3] && !gmem_check(&p->mem, a[3], 16, GP_W))
		return -EFAULT;
	long e = do_prlimit(p, sc_int(a[0]), resource(p, a[1]), a[2] ? &nr : NULL, &old);
	if (e < 0 || !a[3])
		return e;
	gi_init(&g, p);
	gi_u64(&g, 0, old.rlim_cur);
	gi_u64(&g, 8, old.rlim_max);
	return gi_put(p, a[3], &g, 16);
}

SC(getrusage)
{
	struct rusage ru;
	if (getrusage(sc_int(a[0]), &ru) < 0)
		return -errno;
	return sc_put_rusage(p, a[1], &ru);
}

/* Options with integer arguments only are passed to the host; the ones
 * with pointers are handled here; the rest are refused (EINVAL) rather
 * than handing guest addresses to the host. */
static const int prctl_int_options[] = {
	PR_GET_DUMPABLE, PR_SET_DUMPABLE, PR_GET_KEEPCAPS, PR_SET_KEEPCAPS,
	PR_CAPBSET_READ, PR_SET_TIMERSLACK, PR_GET_TIMERSLACK, PR_SET_CHILD_SUBREAPER,
	PR_SET_NO_NEW_PRIVS, PR_GET_NO_NEW_PRIVS, PR_GET_SECCOMP,
	/* Capabilities (libcap-ng, setpriv, su): the guest's are the host process's. */
	PR_GET_SECUREBITS, PR_SET_SECUREBITS, PR_CAP_AMBIENT, PR_CAPBSET_DROP,
};

SC(prctl)
{
	int opt = sc_int(a[0]);
	int v;
	switch (opt) {
	case PR_SET_NAME: {
		char name[16];
		memset(name, 0, sizeof name);
		for (unsigned i = 0; i < 15; i++) {
			uint8_t c;
			if (!gmem_ld8(&p->mem, a[1] + i, &c))
				return -EFAULT;
			if (!c)
				break;
			name[i] = (char)c;
		}
		memcpy(p->comm, name, sizeof name);
		prctl(PR_SET_NAME, name);
		return 0;
	}
	case PR_GET_NAME:
		return gmem_write(&p->mem, a[1], p->comm, sizeof p->comm) ? 0 : -EFAULT;
	case PR_SET_PDEATHSIG: {
		/* The signal by the guest's number (MIPS's differ); one the
		 * host lacks (MIPS 65-128) cannot be asked of the host. */
		uint64_t sig = sc_ulong(p, a[1]);
		if (sig > (uint64_t)proc_nsig(p))
			return -EINVAL;
		int hsig = proc_sig_generic(p, (int)sig);
		if (hsig >= LINUX_HOST_NSIG) {
			if (p->log_unimp)
				fprintf(stderr, "mimic: PR_SET_PDEATHSIG %d: no host signal for it\n", (int)sig);
			return -EINVAL;
		}
		return sc_ret(prctl(opt, hsig));
	}
	case PR_GET_PDEATHSIG:
	case PR_GET_CHILD_SUBREAPER:
		if (!gmem_check(&p->mem, a[1], 4, GP_W))
			return -EFAULT;
		if (prctl(opt, &v) < 0)
			return -errno;
		return sc_put32(p, a[1], (uint32_t)(opt == PR_GET_PDEATHSIG ? proc_sig_guest(p, v) : v));
	}
	for (unsigned i = 0; i < sizeof prctl_int_options / sizeof prctl_int_options[0]; i++)
		if (prctl_int_options[i] == opt)
			return sc_ret(prctl(opt, sc_ulong(p, a[1]), sc_ulong(p, a[2]),
			                    sc_ulong(p, a[3]), sc_ulong(p, a[4])));
	return -EINVAL;
}
