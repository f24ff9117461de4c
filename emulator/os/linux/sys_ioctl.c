/* ioctl: the requests of the ABI's table (terminals, descriptor flags,
 * the generic file requests of fs/ioctl.c and a few network interface
 * requests), their argument
 * structures converted. Any other request fails as the kernel fails a
 * request no handler knows: EBADF for a bad descriptor, else ENOTTY.
 * -d unimp names each such request once on stderr; otherwise mimic
 * stays silent, so the guest's stderr is the guest's alone.
 *
 * FICLONE, FICLONERANGE, FIGETBSZ and FS_IOC_FIEMAP go to the host:
 * their result is the file system's (reflinks on btrfs or XFS, EOPNOTSUPP
 * on tmpfs and ext4, the block size), and a guest's files are the host's,
 * so the host kernel gives what a native Linux program would get on
 * them. Emulating the guest's tmpfs instead would deny cp a reflink the
 * file system offers. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include <linux/fiemap.h>
#include <linux/fs.h>
#include <net/if.h>

#include "os/linux/syscall.h"

/* Request numbers already named under -d unimp, for all threads. */
static pthread_mutex_t reported_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t *reported;
static size_t nreported, capreported;

static bool first_report(uint32_t req)
{
	for (size_t i = 0; i < nreported; i++)
		if (reported[i] == req)
			return false;
	if (nreported == capreported) {
		size_t cap = capreported ? 2 * capreported : 16;
		uint32_t *r = realloc(reported, cap * sizeof *r);
		if (!r)
			return false;
		reported = r;
		capreported = cap;
	}
	reported[nreported++] = req;
	return true;
}

static void report_unimp(struct linux_proc *p, uint32_t req)
{
	if (!p->log_unimp)
		return;
	pthread_mutex_lock(&reported_lock);
	bool first = first_report(req);
	pthread_mutex_unlock(&reported_lock);
	if (first)
		fprintf(stderr, "mimic: unsupported ioctl request 0x%x (ENOTTY)\n", req);
}

/* struct file_clone_range: four 64-bit fields on every ABI. */
static long clone_range(struct linux_proc *p, int fd, unsigned long host_req, uint64_t arg)
{
	struct gimage g;
	if (gi_get(p, arg, &g, 32) < 0)
		return sc_ret(ioctl(fd, host_req, SC_BAD_PTR));
	struct file_clone_range r = {
		.src_fd = (int64_t)gi_get64(&g, 0), .src_offset = gi_get64(&g, 8),
		.src_length = gi_get64(&g, 16), .dest_offset = gi_get64(&g, 24),
	};
	return sc_ret(ioctl(fd, host_req, &r));
}

/* struct fiemap (32 bytes) and its fiemap_extent array (56 bytes each):
 * the same fields on every ABI, in the guest's byte order. The kernel
 * asks the file system before it reads the header (EOPNOTSUPP first). */
#define FIEMAP_HDR 32u
#define FIEMAP_EXT 56u
/* fs/ioctl.c's limit (not exported). */
#define FIEMAP_MAX_EXTENTS (UINT32_MAX / FIEMAP_EXT)

static long fiemap(struct linux_proc *p, int fd, unsigned long host_req, uint64_t arg)
{
	struct gimage g;
	if (gi_get(p, arg, &g, FIEMAP_HDR) < 0)
		return sc_ret(ioctl(fd, host_req, SC_BAD_PTR));
	uint32_t count = gi_get32(&g, 24);
	if (count > FIEMAP_MAX_EXTENTS)
		return -EINVAL;
	/* The host fills at most as many extents as the file has (65536 at
	 * most here); one that guest memory cannot take fails as the
	 * kernel's copy of it would. */
	uint32_t room = count < 65536 ? count : 65536;
	struct fiemap *fm = calloc(1, sizeof *fm + (size_t)room * sizeof(struct fiemap_extent));
	if (!fm)
		return -ENOMEM;
	fm->fm_start = gi_get64(&g, 0);
	fm->fm_length = gi_get64(&g, 8);
	fm->fm_flags = gi_get32(&g, 16);
	fm->fm_extent_count = room;
	long r = sc_ret(ioctl(fd, host_req, fm));
	for (uint32_t i = 0; i < fm->fm_mapped_extents && i < room && r >= 0; i++) {
		const struct fiemap_extent *e = &fm->fm_extents[i];
		struct gimage x;
		gi_init(&x, p);
		gi_u64(&x, 0, e->fe_logical);
		gi_u64(&x, 8, e->fe_physical);
		gi_u64(&x, 16, e->fe_length);
		gi_u32(&x, 40, e->fe_flags);
		if (gi_put(p, arg + FIEMAP_HDR + (uint64_t)i * FIEMAP_EXT, &x, FIEMAP_EXT) < 0)
			r = -EFAULT;
	}
	/* The header goes back once the file system has answered, errors
	 * included (EBADR names the unsupported flags there); a file system
	 * without FIEMAP is refused before. */
	gi_u32(&g, 16, fm->fm_flags);
	gi_u32(&g, 20, fm->fm_mapped_extents);
	if (r != -EOPNOTSUPP && gi_put(p, arg, &g, FIEMAP_HDR) < 0)
		r = -EFAULT;
	free(fm);
	return r;
}

/* The interface requests glibc's if_nametoindex and if_indextoname make:
 * a struct ifreq of which only the name and the first member of its union
 * (an int or a short, at offset 16) are read and written. */
static long ifreq(struct linux_proc *p, int fd, unsigned long host_req, uint64_t arg, unsigned size)
{
	struct gimage g;
	struct ifreq r;
	if (gi_get(p, arg, &g, IFNAMSIZ + size) < 0)
		return -EFAULT;
	memset(&r, 0, sizeof r);
	memcpy(r.ifr_name, g.b, IFNAMSIZ);
	if (size == 4)
		r.ifr_ifindex = (int)gi_get32(&g, IFNAMSIZ);
	else
		r.ifr_flags = (short)gi_get16(&g, IFNAMSIZ);
	if (ioctl(fd, host_req, &r) < 0)
		return sc_err();
	memcpy(g.b, r.ifr_name, IFNAMSIZ);
	if (size == 4)
		gi_u32(&g, IFNAMSIZ, (uint32_t)r.ifr_ifindex);
	else
		gi_u16(&g, IFNAMSIZ, (uint16_t)r.ifr_flags);
	return gi_put(p, arg, &g, IFNAMSIZ + size);
}

SC(ioctl)
{
	int fd = sc_int(a[0]);
	uint32_t req = (uint32_t)a[1];
	uint64_t arg = a[2];
	const struct linux_abi *abi = p->arch->abi;
	const struct ioctl_cmd *c = abi->ioctls;
	while (c->name && c->guest != req)
		c++;
	if (!c->name) {
		/* The descriptor is looked up first; an O_PATH one is none. */
		int fl = fcntl(fd, F_GETFL);
		if (fl < 0 || (fl & O_PATH))
			return -EBADF;
		report_unimp(p, req);
		return -ENOTTY;
	}
	uint8_t generic[36], guest[64];
	struct winsize ws;
	int v;
	uint32_t v32;
	switch (c->kind) {
	case IO_NONE:
		return sc_ret(ioctl(fd, c->host, (unsigned long)sc_ulong(p, arg)));
	case IO_OPENFLAGS:
		return sc_ret(ioctl(fd, c->host, sc_open_flags_in(p, (uint32_t)arg)));
	case IO_INT_IN:
		if (sc_get32(p, arg, &v32) < 0)
			return -EFAULT;
		v = (int)v32;
		return sc_ret(ioctl(fd, c->host, &v));
	case IO_INT_OUT:
		/* An unwritable pointer goes to the host as one, so a bad
		 * descriptor or request fails first, as in the kernel. */
		if (ioctl(fd, c->host, gmem_check(&p->mem, arg, 4, GP_W) ? &v : SC_BAD_PTR) < 0)
			return sc_err();
		return sc_put32(p, arg, (uint32_t)v);
	case IO_WINSZ_IN: {
		struct gimage g;
		if (gi_get(p, arg, &g, 8) < 0)
			return -EFAULT;
		ws.ws_row = gi_get16(&g, 0);
		ws.ws_col = gi_get16(&g, 2);
		ws.ws_xpixel = gi_get16(&g, 4);
		ws.ws_ypixel = gi_get16(&g, 6);
		return sc_ret(ioctl(fd, c->host, &ws));
	}
	case IO_WINSZ_OUT: {
		struct gimage g;
		if (!gmem_check(&p->mem, arg, 8, GP_W))
			return -EFAULT;
		if (ioctl(fd, c->host, &ws) < 0)
			return -errno;
		gi_init(&g, p);
		gi_u16(&g, 0, ws.ws_row);
		gi_u16(&g, 2, ws.ws_col);
		gi_u16(&g, 4, ws.ws_xpixel);
		gi_u16(&g, 6, ws.ws_ypixel);
		return gi_put(p, arg, &g, 8);
	}
	case IO_TERMIOS_IN:
		if (!gmem_read(&p->mem, arg, guest, abi->termios_size))
			return -EFAULT;
		abi->termios_in(guest, generic);
		return sc_ret(ioctl(fd, c->host, generic));
	case IO_TERMIOS_OUT:
		if (!gmem_check(&p->mem, arg, abi->termios_size, GP_W))
			return -EFAULT;
		if (ioctl(fd, c->host, generic) < 0)
			return -errno;
		abi->termios_out(generic, guest);
		return gmem_write(&p->mem, arg, guest, abi->termios_size) ? 0 : -EFAULT;
	case IO_CLONE_RANGE:
		return clone_range(p, fd, c->host, arg);
	case IO_FIEMAP:
		return fiemap(p, fd, c->host, arg);
	case IO_IFREQ_INT:
		return ifreq(p, fd, c->host, arg, 4);
	case IO_IFREQ_SHORT:
		return ifreq(p, fd, c->host, arg, 2);
	}
	return -ENOTTY;
}
