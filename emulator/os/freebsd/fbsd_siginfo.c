/* siginfo_t as FreeBSD's sendsig writes it into a signal frame, for the
 * frame code of every FreeBSD architecture (sys/sys/signal.h): si_signo,
 * si_errno, si_code, si_pid, si_uid, si_status, si_addr and si_value
 * (pointer-sized), then the _reason union (_fault._trapno first): 64
 * bytes on 32-bit FreeBSD, 80 on 64-bit. */
#define _GNU_SOURCE
#include <limits.h>

#include "os/freebsd/fbsd_frame.h"
#include "os/linux/syscall.h"

/* si_code: Linux's SI_USER, SI_QUEUE, SI_TKILL, SI_KERNEL -> FreeBSD's
 * (signal.h); fault codes are the same. */
int fbsd_si_code(int code)
{
	switch (code) {
	case LINUX_SI_USER: return 0x10001;
	case LINUX_SI_QUEUE: return 0x10002;
	case LINUX_SI_TKILL: return 0x10007;
	case LINUX_SI_KERNEL: return 0x10006;
	default: return code;
	}
}

unsigned fbsd_siginfo_size(const struct linux_proc *p) { return sc_wordsize(p) == 8 ? 80 : 64; }

int fbsd_siginfo_put(struct linux_proc *p, uint64_t addr, int sig, const struct linux_siginfo *info)
{
	unsigned w = sc_wordsize(p);
	struct gimage g;
	gi_init(&g, p);
	gi_u32(&g, 0, (uint32_t)sig);
	gi_u32(&g, 4, (uint32_t)info->errno_);
	gi_u32(&g, 8, (uint32_t)fbsd_si_code(info->code));
	gi_u32(&g, 12, (uint32_t)info->pid);
	gi_u32(&g, 16, (uint32_t)info->uid);
	gi_u32(&g, 20, (uint32_t)info->status);
	gi_long(&g, p, 24, info->addr);
	gi_long(&g, p, 24 + w, info->value);
	gi_u32(&g, 24 + 2 * w, info->fault ? (uint32_t)p->trap_no : 0);
	return gi_put(p, addr, &g, fbsd_siginfo_size(p));
}
