/* signalfd: the guest's signals are the emulator's, not the host's, so a
 * host signalfd would never see them. Each guest signalfd is a host
 * eventfd instead, kept readable (counter 1) exactly while a signal of
 * its mask is pending for the process or for the thread looking at it
 * (the last one to poll, select, epoll_wait or read, as the kernel's
 * readiness is the caller's), so those calls see it as the kernel's;
 * read takes the signals from the reading thread's queues and returns
 * struct signalfd_siginfo images. Descriptors are known by number: a
 * duplicate joins its file's entry, close forgets one, and the entry goes
 * with the file's last descriptor. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "os/linux/proc_signal.h"
#include "os/linux/syscall.h"

#define SSI_SIZE 128

static struct linux_signalfd *find(struct linux_proc *p, int fd)
{
	for (unsigned i = 0; i < p->tg->nsfd; i++) {
		struct linux_signalfd *s = &p->tg->sfd[i];
		if (s->fd == fd)
			return s;
		for (unsigned k = 0; k < s->nalias; k++)
			if (s->alias[k] == fd)
				return s;
	}
	return NULL;
}

void proc_signalfd_update(struct linux_proc *p)
{
	for (unsigned i = 0; i < p->tg->nsfd; i++) {
		struct linux_signalfd *s = &p->tg->sfd[i];
		linux_sigset pend = p->tg->shared.set | (s->viewer ? s->viewer->pending.set : 0);
		bool ready = (pend & s->mask) != 0;
		uint64_t v = 1;
		if (ready && !s->ready && write(s->fd, &v, sizeof v) == sizeof v)
			s->ready = true;
		else if (!ready && s->ready && read(s->fd, &v, sizeof v) == sizeof v)
			s->ready = false;
	}
}

static long do_signalfd(struct linux_proc *p, int fd, uint64_t mask_addr, uint64_t size, uint32_t gflags)
{
	int flags = sc_open_flags_in(p, gflags);
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (size != p->arch->abi->sigset_bytes)
		return -EINVAL;
	linux_sigset mask;
	if (!linux_sigset_get(p, mask_addr, &mask))
		return -EFAULT;
	mask &= ~UNBLOCKABLE;
	long r;
	proc_lock(p);
	struct linux_signalfd *s = fd == -1 ? NULL : find(p, fd);
	if (fd != -1 && !s) {
		r = fcntl(fd, F_GETFD) < 0 ? -EBADF : -EINVAL;
	} else if (s) {
		s->mask = mask;
		r = fd;
	} else {
		struct linux_signalfd *n = realloc(p->tg->sfd, (p->tg->nsfd + 1) * sizeof *n);
		int efd = n ? eventfd(0, flags) : -1;
		if (n)
			p->tg->sfd = n;
		if (efd < 0) {
			r = -ENOMEM;
		} else {
			n[p->tg->nsfd] = (struct linux_signalfd){ .fd = efd, .mask = mask };
			__atomic_store_n(&p->tg->nsfd, p->tg->nsfd + 1, __ATOMIC_RELAXED);
			r = efd;
		}
	}
	proc_signalfd_update(p);
	proc_unlock(p);
	return r;
}

void proc_signalfd_view(struct linux_proc *p, struct linux_proc *viewer)
{
	if (!__atomic_load_n(&p->tg->nsfd, __ATOMIC_RELAXED))
		return;
	proc_lock(p);
	for (unsigned i = 0; i < p->tg->nsfd; i++)
		if (viewer || p->tg->sfd[i].viewer == p)
			p->tg->sfd[i].viewer = viewer;
	proc_signalfd_update(p);
	proc_unlock(p);
}

SC(signalfd4) { return do_signalfd(p, sc_int(a[0]), a[1], sc_ulong(p, a[2]), (uint32_t)a[3]); }
SC(signalfd) { return do_signalfd(p, sc_int(a[0]), a[1], sc_ulong(p, a[2]), 0); }

static bool in_range(int fd, unsigned lo, unsigned hi) { return (unsigned)fd >= lo && (unsigned)fd <= hi; }

void proc_signalfd_closed(struct linux_proc *p, unsigned lo, unsigned hi)
{
	if (!__atomic_load_n(&p->tg->nsfd, __ATOMIC_RELAXED))
		return;
	proc_lock(p);
	for (unsigned i = 0; i < p->tg->nsfd;) {
		struct linux_signalfd *s = &p->tg->sfd[i];
		for (unsigned k = 0; k < s->nalias;)
			if (in_range(s->alias[k], lo, hi))
				s->alias[k] = s->alias[--s->nalias];
			else
				k++;
		if (!in_range(s->fd, lo, hi)) {
			i++;
			continue;
		}
		/* The counter is the file's: any descriptor left reaches it. */
		if (s->nalias) {
			s->fd = s->alias[--s->nalias];
			i++;
			continue;
		}
		free(s->alias);
		*s = p->tg->sfd[p->tg->nsfd - 1];
		__atomic_store_n(&p->tg->nsfd, p->tg->nsfd - 1, __ATOMIC_RELAXED);
	}
	proc_unlock(p);
}

void proc_signalfd_duped(struct linux_proc *p, int fd, int nfd)
{
	if (!__atomic_load_n(&p->tg->nsfd, __ATOMIC_RELAXED))
		return;
	proc_lock(p);
	struct linux_signalfd *s = find(p, fd);
	int *a = s ? realloc(s->alias, (s->nalias + 1) * sizeof *a) : NULL;
	if (a) {
		s->alias = a;
		a[s->nalias++] = nfd;
	}
	proc_unlock(p);
}

/* struct signalfd_siginfo, the same 128 bytes on every ABI. */
static void ssi_image(struct linux_proc *p, const struct linux_siginfo *si, struct gimage *g)
{
	gi_init(g, p);
	gi_u32(g, 0, (uint32_t)si->signo);
	gi_u32(g, 4, (uint32_t)si->errno_);
	gi_u32(g, 8, (uint32_t)si->code);
	gi_u32(g, 12, (uint32_t)si->pid);
	gi_u32(g, 16, (uint32_t)si->uid);
	gi_u32(g, 20, (uint32_t)si->fd);
	gi_u32(g, 24, (uint32_t)si->timerid);
	gi_u32(g, 28, (uint32_t)si->band);
	gi_u32(g, 32, (uint32_t)si->overrun);
	gi_u32(g, 40, (uint32_t)si->status);
	/* ssi_int is the union sigval's int: the first bytes of a guest
	 * word, the high half of a big-endian 64-bit one. */
	bool high = sc_wordsize(p) == 8 && p->mem.big_endian;
	gi_u32(g, 44, (uint32_t)(high ? si->value >> 32 : si->value));
	gi_u64(g, 48, si->value);
	gi_u64(g, 56, (uint64_t)si->utime);
	gi_u64(g, 64, (uint64_t)si->stime);
	gi_u64(g, 72, si->addr);
}

bool proc_signalfd_read(struct linux_proc *p, int fd, uint64_t buf, uint64_t count, long *result)
{
	proc_lock(p);
	struct linux_signalfd *s = find(p, fd);
	linux_sigset mask = s ? s->mask : 0;
	proc_unlock(p);
	if (!s)
		return false;
	if (count < SSI_SIZE) {
		*result = -EINVAL;
		return true;
	}
	bool nonblock = (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0;
	proc_signalfd_view(p, p);
	long done = 0;
	for (;;) {
		linux_signal_poll(p);
		proc_lock(p);
		while (count - (uint64_t)done >= SSI_SIZE) {
			int sig = proc_signal_pick(p, proc_signal_pending_set(p) & mask);
			if (!sig)
				break;
			struct linux_siginfo si;
			proc_signal_dequeue(p, sig, &si);
			struct gimage g;
			ssi_image(p, &si, &g);
			if (gi_put(p, buf + (uint64_t)done, &g, SSI_SIZE) < 0) {
				done = done ? done : -EFAULT;
				break;
			}
			done += SSI_SIZE;
		}
		proc_signalfd_update(p);
		bool other = (proc_signal_pending_set(p) & ~p->sigmask) != 0;
		proc_unlock(p);
		if (done)
			break;
		if (nonblock) {
			done = -EAGAIN;
			break;
		}
		if (other) {
			done = -LINUX_ERESTARTSYS;
			break;
		}
		p->waiting = mask;
		linux_signal_wait(p, NULL);
		p->waiting = 0;
	}
	*result = done;
	return true;
}
