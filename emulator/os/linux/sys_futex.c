/* futex and the robust list. Guest memory is host memory at a fixed
 * offset, so futex words are the host's own: the host futex gives the
 * exact semantics (value checks, wake counts, shared mappings). */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "os/linux/proc_signal.h"
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

/* Any thread of the process by its tid (0: the caller). */
SC(get_robust_list)
{
	int tid = sc_int(a[0]);
	uint64_t head = 0, len = 0;
	bool found = false;
	proc_lock(p);
	for (struct linux_proc *t = p->tg->threads; t; t = t->next)
		if (tid == 0 ? t == p : t->tid == tid) {
			head = t->robust_list;
			len = t->robust_list_len;
			found = true;
		}
	proc_unlock(p);
	if (!found)
		return -ESRCH;
	if (sc_putlong(p, a[1], head) < 0 || sc_putlong(p, a[2], len) < 0)
		return -EFAULT;
	return 0;
}

#define FUTEX_TID_MASK_ 0x3fffffffu
#define FUTEX_OWNER_DIED_ 0x40000000u
#define FUTEX_WAITERS_ 0x80000000u
#define ROBUST_LIST_LIMIT 2048

static void futex_wake_one(struct linux_proc *p, uint64_t uaddr)
{
	syscall(SYS_futex, gmem_host(&p->mem, uaddr), FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* handle_futex_death: a lock word the dying thread owns gets
 * FUTEX_OWNER_DIED, and a waiter is woken. */
static void futex_death(struct linux_proc *p, uint64_t uaddr, bool pi, bool pending)
{
	uint32_t uval;
	if ((uaddr & 3) || !gmem_check(&p->mem, uaddr, 4, GP_R | GP_W))
		return;
	for (;;) {
		if (!gmem_ld32(&p->mem, uaddr, &uval))
			return;
		/* An unlock that had cleared the word but not yet woken. */
		if (pending && !pi && !uval) {
			futex_wake_one(p, uaddr);
			return;
		}
		if ((uval & FUTEX_TID_MASK_) != (uint32_t)p->tid)
			return;
		uint32_t mval = (uval & FUTEX_WAITERS_) | FUTEX_OWNER_DIED_;
		uint32_t old = p->mem.big_endian ? __builtin_bswap32(uval) : uval;
		uint32_t new = p->mem.big_endian ? __builtin_bswap32(mval) : mval;
		if (__atomic_compare_exchange_n((uint32_t *)gmem_host(&p->mem, uaddr), &old, new, false,
						__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			break;
	}
	if (!pi && (uval & FUTEX_WAITERS_))
		futex_wake_one(p, uaddr);
}

/* A guest word of the robust list; the low bit of an entry marks a PI
 * futex. */
static bool robust_entry(struct linux_proc *p, uint64_t addr, uint64_t *entry, bool *pi)
{
	uint64_t v;
	if (sc_getlong(p, addr, &v) < 0)
		return false;
	*entry = v & ~(uint64_t)1;
	*pi = v & 1;
	return true;
}

/* exit_robust_list: the robust mutexes a thread still holds when it ends
 * are marked, so their next owner gets EOWNERDEAD. */
void linux_robust_exit(struct linux_proc *p)
{
	uint64_t head = p->robust_list, w = sc_wordsize(p), entry, pending, off;
	bool pi, ppi;
	if (!head || !robust_entry(p, head, &entry, &pi) || sc_getlong(p, head + w, &off) < 0 ||
	    !robust_entry(p, head + 2 * w, &pending, &ppi))
		return;
	int64_t offset = sc_long(p, off);
	for (unsigned limit = ROBUST_LIST_LIMIT; entry != head && limit; limit--) {
		uint64_t next;
		bool npi;
		bool more = robust_entry(p, entry, &next, &npi);
		if (entry != pending)
			futex_death(p, entry + (uint64_t)offset, pi, false);
		if (!more)
			return;
		entry = next;
		pi = npi;
	}
	if (pending)
		futex_death(p, pending + (uint64_t)offset, ppi, true);
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

/* FUTEX_WAKE_OP for a big-endian guest, whose word the host kernel would
 * operate on in host order: the operation is done here on the guest's
 * value (a compare-and-swap, atomic as the kernel's), then the wakes, as
 * the kernel orders them (the operation, up to nr1 waiters on uaddr, and
 * up to nr2 on uaddr2 if the old value compared true). */
static long wake_op_swapped(int op, uint32_t *uaddr, int nr1, int nr2, uint32_t *uaddr2, uint32_t encoded)
{
	unsigned opc = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	int32_t oparg = (int32_t)(encoded << 8) >> 20, cmparg = (int32_t)(encoded << 20) >> 20;
	if (encoded & ((uint32_t)FUTEX_OP_OPARG_SHIFT << 28))
		oparg = (int32_t)(1u << (oparg & 31));
	if (opc > FUTEX_OP_XOR)
		return -ENOSYS;
	uint32_t raw = __atomic_load_n(uaddr2, __ATOMIC_RELAXED), next;
	int32_t old;
	do {
		old = (int32_t)__builtin_bswap32(raw);
		uint32_t v = (uint32_t)old, arg = (uint32_t)oparg;
		v = opc == FUTEX_OP_SET ? arg : opc == FUTEX_OP_ADD ? v + arg : opc == FUTEX_OP_OR ? v | arg
		  : opc == FUTEX_OP_ANDN ? v & ~arg : v ^ arg;
		next = __builtin_bswap32(v);
	} while (!__atomic_compare_exchange_n(uaddr2, &raw, next, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
	bool hit;
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: hit = old == cmparg; break;
	case FUTEX_OP_CMP_NE: hit = old != cmparg; break;
	case FUTEX_OP_CMP_LT: hit = old < cmparg; break;
	case FUTEX_OP_CMP_LE: hit = old <= cmparg; break;
	case FUTEX_OP_CMP_GT: hit = old > cmparg; break;
	case FUTEX_OP_CMP_GE: hit = old >= cmparg; break;
	default: return -ENOSYS;
	}
	int wake = FUTEX_WAKE | (op & FUTEX_PRIVATE_FLAG);
	long woken = syscall(SYS_futex, uaddr, wake, nr1, NULL, NULL, 0);
	if (woken < 0)
		return sc_err();
	if (hit) {
		long more = syscall(SYS_futex, uaddr2, wake, nr2, NULL, NULL, 0);
		if (more < 0)
			return sc_err();
		woken += more;
	}
	return woken;
}

/* PI futexes hold the owner's thread id as the kernel writes and reads it,
 * in host order: a big-endian guest's would be misread. */
static bool is_pi(int cmd)
{
	return cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_UNLOCK_PI || cmd == FUTEX_TRYLOCK_PI ||
	       cmd == FUTEX_WAIT_REQUEUE_PI || cmd == FUTEX_CMP_REQUEUE_PI;
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
	if (p->mem.big_endian && is_pi(cmd)) {
		static bool said;
		if (!said)
			fprintf(stderr, "mimic: futex %d: priority-inheritance futexes of big-endian guests are not supported\n",
				cmd);
		said = true;
		return -ENOSYS;
	}
	if (p->mem.big_endian && cmd == FUTEX_WAKE_OP) {
		if (!gmem_check(&p->mem, a[4], 4, GP_W))
			return -EFAULT;
		return wake_op_swapped(op, uaddr, (int)a[2], (int)sc_ulong(p, a[3]), uaddr2, (uint32_t)a[5]);
	}
	/* The kernel compares the word as it lies in memory: a big-endian
	 * guest's expected values are swapped to match. */
	uint32_t val = (uint32_t)a[2], val3 = (uint32_t)a[5];
	if (p->mem.big_endian) {
		if (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAIT_REQUEUE_PI)
			val = __builtin_bswap32(val);
		if (cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_CMP_REQUEUE_PI)
			val3 = __builtin_bswap32(val3);
	}
	r = syscall(SYS_futex, uaddr, op, val, arg4, uaddr2, val3);
	/* A wait with a timeout is not restarted after a handler (Linux's
	 * restart block), one without is. */
	return arg4 == &ts ? sc_ret_nohand(r) : sc_ret(r);
}

SC(futex) { return do_futex(p, a, false); }
SC(futex_time64) { return do_futex(p, a, true); }
