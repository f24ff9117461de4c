/* FreeBSD's signal calls on the shared signal state (sys/sys/signal.h):
 * struct sigaction is the handler, an int sa_flags and a 16-byte
 * sigset_t; stack_t is ss_sp, ss_size, ss_flags with SS_ONSTACK 1 and
 * SS_DISABLE 4; sigprocmask has no size argument. */
#define _GNU_SOURCE
#include <signal.h>

#include "os/freebsd/fbsd_sys.h"
#include "os/linux/proc_signal.h"

#define FBSD_SS_ONSTACK 1
#define FBSD_SS_DISABLE 4

FBSD(sigaction)
{
	unsigned w = sc_wordsize(p);
	const struct linux_abi *abi = p->arch->abi;
	struct linux_sigaction act, old;
	if (a[1]) {
		uint64_t handler;
		uint32_t flags;
		if (sc_getlong(p, a[1], &handler) < 0 || sc_get32(p, a[1] + w, &flags) < 0 ||
		    !linux_sigset_get(p, a[1] + w + 4, &act.mask))
			return -EFAULT;
		act.handler = handler;
		act.flags = abi_flags_in(abi->sa_flags, flags);
		act.restorer = 0;
	}
	int r = proc_sigaction(p, sc_int(a[0]), a[1] ? &act : NULL, &old);
	if (r != 0)
		return r;
	if (a[2] && (sc_putlong(p, a[2], old.handler) < 0 ||
		     sc_put32(p, a[2] + w, abi_flags_out(abi->sa_flags, (uint32_t)old.flags)) < 0 ||
		     !linux_sigset_put(p, a[2] + w + 4, old.mask, 16)))
		return -EFAULT;
	return 0;
}

FBSD(sigprocmask)
{
	const uint64_t b[6] = { a[0], a[1], a[2], 16 };
	return sys_rt_sigprocmask(p, b);
}

FBSD(sigaltstack)
{
	unsigned w = sc_wordsize(p);
	uint64_t sp = proc_guest_sp(p);
	uint64_t old_sp = p->altstack_sp, old_size = p->altstack_size;
	int old_flags = proc_altstack_flags(p, sp) | p->altstack_flags;
	if (a[0]) {
		uint64_t ss_sp, ss_size;
		uint32_t flags;
		if (sc_getlong(p, a[0], &ss_sp) < 0 || sc_getlong(p, a[0] + w, &ss_size) < 0 ||
		    sc_get32(p, a[0] + 2 * w, &flags) < 0)
			return -EFAULT;
		if (flags & ~(uint32_t)FBSD_SS_DISABLE)
			return -EINVAL;
		int r = proc_sigaltstack_set(p, ss_sp, flags ? SS_DISABLE : 0, ss_size, sp);
		if (r != 0)
			return r;
	}
	if (a[1]) {
		uint32_t flags = ((old_flags & SS_DISABLE) ? FBSD_SS_DISABLE : 0) |
				 ((old_flags & SS_ONSTACK) ? FBSD_SS_ONSTACK : 0);
		if (sc_putlong(p, a[1], old_sp) < 0 || sc_putlong(p, a[1] + w, old_size) < 0 ||
		    sc_put32(p, a[1] + 2 * w, flags) < 0)
			return -EFAULT;
	}
	return 0;
}

/* sigreturn(ucontext): the architecture restores the registers. */
FBSD(sigreturn)
{
	(void)a;
	return p->arch->sigreturn(p, true);
}

/* getcontext(ucp), setcontext(ucp), swapcontext(oucp, ucp)
 * (kern_context.c): a NULL context is EINVAL. */
FBSD(getcontext) { return a[0] ? fbsd_arch_of(p)->get_context(p, a[0]) : -EINVAL; }
FBSD(setcontext) { return a[0] ? fbsd_arch_of(p)->set_context(p, a[0]) : -EINVAL; }

FBSD(swapcontext)
{
	if (!a[0] || !a[1])
		return -EINVAL;
	long r = fbsd_arch_of(p)->get_context(p, a[0]);
	return r ? r : fbsd_arch_of(p)->set_context(p, a[1]);
}
