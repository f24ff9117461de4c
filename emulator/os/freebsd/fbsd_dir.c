/* Directories: getdirentries(2) with FreeBSD 12's struct dirent
 * (sys/sys/dirent.h: d_fileno, d_off, d_reclen, d_type, d_namlen, the
 * name; records 8-byte aligned) made from the host's getdents64 records,
 * with offsets a 32-bit guest can keep (the shared directory cookies,
 * sys_dircookie.c; Go's freebsd/arm fails with EIO on a base past 2^32),
 * and unlinkat with FreeBSD's AT_REMOVEDIR (0x800, fcntl.h). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/common/host_dirent.h"
#include "os/freebsd/fbsd_sys.h"

#define FBSD_AT_REMOVEDIR 0x800u

FBSD(unlinkat)
{
	uint32_t flags = (uint32_t)a[2];
	if (flags & ~FBSD_AT_REMOVEDIR)
		return -EINVAL;
	const uint64_t b[6] = { a[0], a[1], (flags & FBSD_AT_REMOVEDIR) ? AT_REMOVEDIR : 0 };
	return sys_unlinkat(p, b);
}

/* Host records are read into a buffer no larger than the guest's, then
 * rewritten; a record that does not fit is read again next time (the
 * directory is put back at its offset). */
FBSD(getdirentries)
{
	int fd = sc_int(a[0]);
	uint64_t count = sc_ulong(p, a[2]);
	uint8_t host[8192], rec[8 + 8 + 2 + 1 + 1 + 2 + 2 + 256];
	off_t base = lseek(fd, 0, SEEK_CUR);
	long n = syscall(SYS_getdents64, fd, host, count < sizeof host ? count : sizeof host);
	if (n < 0)
		return -errno;
	uint64_t out = 0, resume = (uint64_t)base;
	for (long off = 0; off < n;) {
		struct host_dirent d = host_dirent_at(host + off);
		size_t namlen = strnlen(d.name, 255);
		uint16_t glen = (uint16_t)((24 + namlen + 1 + 7) & ~7u);
		if (out + glen > count) {
			/* Put the directory back at this record. */
			if (out == 0)
				return -EINVAL;
			lseek(fd, (off_t)resume, SEEK_SET);
			break;
		}
		struct gimage g;
		gi_init(&g, p);
		gi_u64(&g, 0, d.ino);
		gi_u64(&g, 8, p->arch->word_bits == 32 ? sc_dir_cookie(p, fd, d.off) : d.off);
		gi_u16(&g, 16, glen);
		g.b[18] = d.type;
		gi_u16(&g, 20, (uint16_t)namlen);
		memcpy(rec, g.b, 24);
		memset(rec + 24, 0, sizeof rec - 24);
		memcpy(rec + 24, d.name, namlen);
		if (!gmem_write(&p->mem, a[1] + out, rec, glen))
			return -EFAULT;
		out += glen;
		off += d.reclen;
		resume = d.off;
	}
	uint64_t gbase = p->arch->word_bits == 32 ? sc_dir_tell(p, fd, (uint64_t)base) : (uint64_t)base;
	if (a[3] && sc_put64(p, a[3], gbase) < 0)
		return -EFAULT;
	return (long)out;
}
