/* Directory offsets for 32-bit guests. A 64-bit host file system (ext4's
 * hashed directories) hands out 64-bit d_off values, which a 32-bit
 * kernel would have kept below 2^31 and which 32-bit C libraries reject
 * (readdir fails with EOVERFLOW). Offsets from 2^30 up are replaced by
 * cookies counting from 2^30, remembered per directory descriptor so
 * lseek (seekdir) and the position lseek reports (telldir) round-trip.
 * The table is the process's: threads use it under the thread group's
 * lock. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/stat.h>

#include "os/linux/proc_signal.h"
#include "os/linux/syscall.h"

#define COOKIE_BASE 0x40000000u

struct dir_cookies {
	int fd;
	dev_t dev;
	ino_t ino;
	uint64_t *off;   /* host offset of cookie COOKIE_BASE + i */
	unsigned n, cap;
};

static struct dir_cookies *dirs;
static unsigned ndirs;

/* The table of fd, checked against the directory it was made for (the
 * number may have been closed and reused, by a file that has no cookies);
 * created when make is set. */
static struct dir_cookies *table_of(int fd, bool make)
{
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode))
		return NULL;
	for (unsigned i = 0; i < ndirs; i++) {
		struct dir_cookies *d = &dirs[i];
		if (d->fd != fd)
			continue;
		if (d->dev != st.st_dev || d->ino != st.st_ino) {
			d->n = 0;
			d->dev = st.st_dev;
			d->ino = st.st_ino;
		}
		return d;
	}
	if (!make)
		return NULL;
	struct dir_cookies *nd = realloc(dirs, (ndirs + 1) * sizeof *dirs);
	if (!nd)
		return NULL;
	dirs = nd;
	dirs[ndirs] = (struct dir_cookies){ fd, st.st_dev, st.st_ino, NULL, 0, 0 };
	return &dirs[ndirs++];
}

static bool remapped(const struct linux_proc *p)
{
	return p->arch->word_bits == 32;
}

static uint64_t cookie(int fd, uint64_t host_off)
{
	struct dir_cookies *d = table_of(fd, true);
	if (!d)
		return host_off;
	for (unsigned i = 0; i < d->n; i++)
		if (d->off[i] == host_off)
			return COOKIE_BASE + i;
	if (d->n == d->cap) {
		unsigned cap = d->cap ? 2 * d->cap : 64;
		uint64_t *no = cap < 0x3fffffff ? realloc(d->off, cap * sizeof *no) : NULL;
		if (!no)
			return host_off;
		d->off = no;
		d->cap = cap;
	}
	d->off[d->n] = host_off;
	return COOKIE_BASE + d->n++;
}

uint64_t sc_dir_cookie(struct linux_proc *p, int fd, uint64_t host_off)
{
	if (!remapped(p) || host_off < COOKIE_BASE)
		return host_off;
	proc_lock(p);
	uint64_t r = cookie(fd, host_off);
	proc_unlock(p);
	return r;
}

uint64_t sc_dir_host_off(struct linux_proc *p, int fd, uint64_t off)
{
	if (!remapped(p) || off < COOKIE_BASE)
		return off;
	proc_lock(p);
	struct dir_cookies *d = table_of(fd, false);
	uint64_t r = !d || off - COOKIE_BASE >= d->n ? off : d->off[off - COOKIE_BASE];
	proc_unlock(p);
	return r;
}

uint64_t sc_dir_tell(struct linux_proc *p, int fd, uint64_t host_pos)
{
	if (!remapped(p) || host_pos < COOKIE_BASE)
		return host_pos;
	proc_lock(p);
	uint64_t r = table_of(fd, false) ? cookie(fd, host_pos) : host_pos;
	proc_unlock(p);
	return r;
}
