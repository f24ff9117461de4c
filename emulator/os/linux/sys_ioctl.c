/* ioctl: the requests of the ABI's table (terminals and descriptor
 * flags), their argument structures converted; others get ENOTTY after a
 * note on stderr, as an unknown request would on a real device. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/ioctl.h>

#include "os/linux/syscall.h"

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
		fprintf(stderr, "mimic: unsupported ioctl 0x%x on fd %d\n", req, fd);
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
		if (!gmem_check(&p->mem, arg, 4, GP_W))
			return -EFAULT;
		if (ioctl(fd, c->host, &v) < 0)
			return -errno;
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
	}
	return -ENOTTY;
}
