/* eventfd and timerfd read and write one 64-bit counter in the kernel's
 * byte order, which for a big-endian guest is not the host's. The
 * descriptors a big-endian guest made with eventfd or timerfd_create are
 * remembered by number (duplicates too; closing forgets them) and their
 * 8-byte reads and writes are swapped. */
#define _GNU_SOURCE
#include <stdlib.h>

#include "os/linux/proc_signal.h"
#include "os/linux/syscall.h"

static bool *counter;   /* indexed by descriptor */
static unsigned ncounter;

long sc_counter_fd_made(struct linux_proc *p, long fd)
{
	if (fd < 0 || !p->mem.big_endian)
		return fd;
	proc_lock(p);
	if ((unsigned long)fd >= ncounter) {
		unsigned n = (unsigned)fd + 64;
		bool *c = realloc(counter, n * sizeof *c);
		if (c) {
			for (unsigned i = ncounter; i < n; i++)
				c[i] = false;
			counter = c;
			ncounter = n;
		}
	}
	if ((unsigned long)fd < ncounter)
		counter[fd] = true;
	proc_unlock(p);
	return fd;
}

void sc_counter_fd_closed(struct linux_proc *p, unsigned lo, unsigned hi)
{
	if (!counter)
		return;
	proc_lock(p);
	for (unsigned fd = lo; fd < ncounter && fd <= hi; fd++)
		counter[fd] = false;
	proc_unlock(p);
}

void (*sc_fds_close_hook)(struct linux_proc *p, unsigned lo, unsigned hi);

void sc_fds_closed(struct linux_proc *p, unsigned lo, unsigned hi)
{
	if (sc_fds_close_hook)
		sc_fds_close_hook(p, lo, hi);
	proc_signalfd_closed(p, lo, hi);
	sc_counter_fd_closed(p, lo, hi);
}

long sc_fds_duped(struct linux_proc *p, int fd, long nfd)
{
	if (nfd < 0 || nfd == fd)
		return nfd;
	sc_fds_closed(p, (unsigned)nfd, (unsigned)nfd);
	proc_signalfd_duped(p, fd, (int)nfd);
	proc_lock(p);
	bool is = counter && fd >= 0 && (unsigned)fd < ncounter && counter[fd];
	proc_unlock(p);
	if (is)
		sc_counter_fd_made(p, nfd);
	return nfd;
}

void sc_counter_fd_swap(struct linux_proc *p, int fd, void *buf, long n)
{
	if (!counter || n != 8 || !buf)
		return;
	proc_lock(p);
	bool is = fd >= 0 && (unsigned)fd < ncounter && counter[fd];
	proc_unlock(p);
	if (is)
		gmem_raw_st64(buf, __builtin_bswap64(gmem_raw_ld64(buf)));
}
