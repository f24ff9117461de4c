/* futex and the robust list. Guest memory is host memory at a fixed
 * offset, so futex words are the host's own: the host futex gives the
 * exact semantics (value checks, wake counts, shared mappings). */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "os/linux/syscall.h"

SC(set_robust_list)
{
	/* struct robust_list_head is three guest words. */
	if (sc_ulong(p, a[1]) != 3 * sc_wordsize(p))
		return -EINVAL;
	p->robust_list = a[0];
	p->robust_list_len = a[1];
	return 0;
}

SC(get_robust_list)
{
	if (sc_int(a[0]) != 0 && sc_int(a[0]) != getpid())
		return -ESRCH;
	if (sc_putlong(p, a[1], p->robust_list) < 0 || sc_putlong(p, a[2], p->robust_list_len) < 0)
		return -EFAULT;
	return 0;
}

/* Host address of a futex word: aligned, mapped and readable. */
static long futex_word(struct linux_proc *p, uint64_t addr, uint32_t **out)
{
	if (addr & 3)
		return -EINVAL;
	if (!gmem_check(&p->mem, addr, 4, GP_R))
		return -EFAULT;
	*out = gmem_host(&p->mem, addr);
	return 0;
}

static long do_futex(struct linux_proc *p, const uint64_t a[6], bool time64)
{
	int op = sc_int(a[1]);
	int cmd = op & FUTEX_CMD_MASK;
	uint32_t *uaddr, *uaddr2 = NULL;
	long r = futex_word(p, a[0], &uaddr);
	if (r < 0)
		return r;
	struct timespec ts;
	const void *arg4 = (const void *)(uintptr_t)sc_ulong(p, a[3]);
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
	case FUTEX_LOCK_PI:
	case FUTEX_LOCK_PI2:
	case FUTEX_WAIT_REQUEUE_PI:
		arg4 = NULL;
		if (a[3]) {
			if (sc_get_timespec(p, a[3], &ts, time64) < 0)
				return -EFAULT;
			arg4 = &ts;
		}
		break;
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
	case FUTEX_UNLOCK_PI:
	case FUTEX_TRYLOCK_PI:
		break;
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
	case FUTEX_CMP_REQUEUE_PI:
	case FUTEX_WAKE_OP:
		r = futex_word(p, a[4], &uaddr2);
		if (r < 0)
			return r;
		break;
	default:
		return -ENOSYS;
	}
	if (cmd == FUTEX_WAIT_REQUEUE_PI) {
		r = futex_word(p, a[4], &uaddr2);
		if (r < 0)
			return r;
	}
	r = syscall(SYS_futex, uaddr, op, (uint32_t)a[2], arg4, uaddr2, (uint32_t)a[5]);
	/* A wait with a timeout is not restarted after a handler (Linux's
	 * restart block), one without is. */
	return arg4 == &ts ? sc_ret_nohand(r) : sc_ret(r);
}

SC(futex) { return do_futex(p, a, false); }
SC(futex_time64) { return do_futex(p, a, true); }
