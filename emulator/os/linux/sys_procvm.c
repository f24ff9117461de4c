/* Calls about other processes: process_vm_readv/writev, kcmp and
 * pidfd_send_signal. Another guest process is another emulator; a child
 * forked from this one (or its parent) keeps the same host placement of
 * guest memory, so a remote guest address is taken at this process's
 * host base, and the host kernel checks it as the guest kernel would. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "os/linux/syscall.h"

/* The guest iovec array at addr as host iovecs: local ones must be
 * accessible with need (else -EFAULT), remote ones are only placed. */
static long iovecs(struct linux_proc *p, uint64_t addr, uint64_t n, bool local, unsigned need, struct iovec **out)
{
	unsigned w = sc_wordsize(p);
	struct iovec *v = calloc(n ? n : 1, sizeof *v);
	if (!v)
		return -ENOMEM;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t base, len;
		if (sc_getlong(p, addr + 2 * w * i, &base) < 0 || sc_getlong(p, addr + 2 * w * i + w, &len) < 0) {
			free(v);
			return -EFAULT;
		}
		v[i].iov_len = len;
		if (local)
			v[i].iov_base = len ? sc_buf_or_bad(p, base, len, need) : NULL;
		else
			v[i].iov_base = base < p->mem.size ? (void *)gmem_host(&p->mem, base) : SC_BAD_PTR;
	}
	*out = v;
	return 0;
}

static long process_vm(struct linux_proc *p, const uint64_t a[6], bool write)
{
	uint64_t ln = sc_ulong(p, a[2]), rn = sc_ulong(p, a[4]);
	if (a[5] != 0 || ln > IOV_MAX || rn > IOV_MAX)
		return -EINVAL;
	struct iovec *lv, *rv;
	long r = iovecs(p, a[1], ln, true, write ? GP_R : GP_W, &lv);
	if (r < 0)
		return r;
	r = iovecs(p, a[3], rn, false, 0, &rv);
	if (r < 0) {
		free(lv);
		return r;
	}
	r = sc_ret(syscall(write ? SYS_process_vm_writev : SYS_process_vm_readv, sc_int(a[0]), lv, ln, rv, rn, 0));
	free(lv);
	free(rv);
	return r;
}

SC(process_vm_readv) { return process_vm(p, a, false); }
SC(process_vm_writev) { return process_vm(p, a, true); }

/* The kcmp types and what they compare are the host's. */
SC(kcmp)
{
	(void)p;
	return sc_ret(syscall(SYS_kcmp, sc_int(a[0]), sc_int(a[1]), sc_int(a[2]), sc_ulong(p, a[3]),
			      sc_ulong(p, a[4])));
}

/* With no siginfo, as kill sends it (one given is not converted yet). */
SC(pidfd_send_signal)
{
	int sig = sc_int(a[1]);
	if (a[2])
		return linux_pidfd_sigqueue(p, sc_int(a[0]), sig, a[2], (unsigned)a[3]);
	if (sig < 0 || sig > (int)p->arch->abi->sigset_bytes * 8)
		return -EINVAL;
	int hsig = sig && p->arch->sig_to_host ? p->arch->sig_to_host(sig) : sig;
	if (hsig >= 65)
		return -EINVAL;
	return sc_ret(syscall(SYS_pidfd_send_signal, sc_int(a[0]), hsig, NULL, (unsigned)a[3]));
}
