/* One record of the host's getdents64 buffer, as every personality's
 * directory listing reads it before writing its own layout. */
#ifndef MIMIC_OS_HOST_DIRENT_H
#define MIMIC_OS_HOST_DIRENT_H

#include <stdint.h>
#include <string.h>

/* struct linux_dirent64: d_ino, d_off, d_reclen, d_type, d_name. */
struct host_dirent {
	uint64_t ino, off;
	uint16_t reclen;
	uint8_t type;
	const char *name;
};

static inline struct host_dirent host_dirent_at(const uint8_t *rec)
{
	struct host_dirent d;
	memcpy(&d.ino, rec, 8);
	memcpy(&d.off, rec + 8, 8);
	memcpy(&d.reclen, rec + 16, 2);
	d.type = rec[18];
	d.name = (const char *)rec + 19;
	return d;
}

#endif
