/* statfs, fstatfs and getfsstat with FreeBSD 12's struct statfs
 * (sys/sys/mount.h, STATFS_VERSION 0x20140518, 2344 bytes on every
 * architecture): the host's answers, the mounted file systems from the
 * host's mount table. */
#define _GNU_SOURCE
#include <errno.h>
#include <mntent.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>

#include "os/freebsd/fbsd_sys.h"

#define STATFS_SIZE 2344u
#define STATFS_VERSION 0x20140518u
#define MNT_RDONLY 0x1u
#define MNT_NOSUID 0x8u
#define MNT_NOEXEC 0x4u
#define MFSNAMELEN 16u
#define MNAMELEN 1024u

/* The numbers (the first 280 bytes) through a guest image, the names
 * as bytes, NUL-padded. */
static int put_statfs(struct linux_proc *p, uint64_t addr, const struct statfs *st, const char *type,
                      const char *from, const char *on)
{
	struct gimage g;
	gi_init(&g, p);
	uint64_t flags = ((st->f_flags & ST_RDONLY) ? MNT_RDONLY : 0) | ((st->f_flags & ST_NOSUID) ? MNT_NOSUID : 0) |
	                 ((st->f_flags & ST_NOEXEC) ? MNT_NOEXEC : 0);
	gi_u32(&g, 0, STATFS_VERSION);
	gi_u64(&g, 8, flags);
	gi_u64(&g, 16, (uint64_t)st->f_bsize);
	gi_u64(&g, 24, (uint64_t)st->f_bsize);
	gi_u64(&g, 32, st->f_blocks);
	gi_u64(&g, 40, st->f_bfree);
	gi_u64(&g, 48, st->f_bavail);
	gi_u64(&g, 56, st->f_files);
	gi_u64(&g, 64, st->f_ffree);
	gi_u32(&g, 184, (uint32_t)st->f_namelen);
	int fsid[2];
	memcpy(fsid, &st->f_fsid, sizeof fsid);
	gi_u32(&g, 192, (uint32_t)fsid[0]);
	gi_u32(&g, 196, (uint32_t)fsid[1]);
	char names[MFSNAMELEN + 2 * MNAMELEN];
	memset(names, 0, sizeof names);
	strncpy(names, type, MFSNAMELEN - 1);
	strncpy(names + MFSNAMELEN, from, MNAMELEN - 1);
	strncpy(names + MFSNAMELEN + MNAMELEN, on, MNAMELEN - 1);
	if (gi_put(p, addr, &g, 280) < 0 || !gmem_write(&p->mem, addr + 280, names, sizeof names))
		return -EFAULT;
	return 0;
}

/* The mount entry whose directory is the longest prefix of path (its
 * type and source), for f_fstypename and f_mntfromname/f_mntonname. */
static void mount_of(const char *path, char *type, char *from, char *on, size_t n)
{
	snprintf(type, n, "unknown");
	snprintf(from, n, "unknown");
	snprintf(on, n, "/");
	FILE *f = setmntent("/proc/self/mounts", "r");
	if (!f)
		return;
	size_t best = 0;
	struct mntent *m;
	while ((m = getmntent(f))) {
		size_t l = strlen(m->mnt_dir);
		bool under = strncmp(path, m->mnt_dir, l) == 0 && (path[l] == '/' || path[l] == 0 || l == 1);
		if (under && l >= best) {
			best = l;
			snprintf(type, n, "%s", m->mnt_type);
			snprintf(from, n, "%s", m->mnt_fsname);
			snprintf(on, n, "%s", m->mnt_dir);
		}
	}
	endmntent(f);
}

static long statfs_of(struct linux_proc *p, const char *path, const struct statfs *st, uint64_t addr)
{
	char type[MNAMELEN], from[MNAMELEN], on[MNAMELEN];
	mount_of(path, type, from, on, sizeof type);
	return put_statfs(p, addr, st, type, from, on) < 0 ? -EFAULT : 0;
}

FBSD(statfs)
{
	char path[PATH_MAX], real[PATH_MAX];
	int e = sc_path(p, a[0], path);
	if (e < 0)
		return e;
	struct statfs st;
	if (statfs(path, &st) < 0)
		return -errno;
	return statfs_of(p, realpath(path, real) ? real : path, &st, a[1]);
}

FBSD(fstatfs)
{
	struct statfs st;
	char link[64], path[PATH_MAX];
	if (fstatfs(sc_int(a[0]), &st) < 0)
		return -errno;
	snprintf(link, sizeof link, "/proc/self/fd/%d", sc_int(a[0]));
	ssize_t n = readlink(link, path, sizeof path - 1);
	path[n > 0 ? n : 0] = 0;
	return statfs_of(p, path, &st, a[1]);
}

/* getfsstat(buf, bufsize, mode): the number of mounted file systems,
 * and as many entries as fit in buf (none without one). */
FBSD(getfsstat)
{
	FILE *f = setmntent("/proc/self/mounts", "r");
	if (!f)
		return -errno;
	uint64_t max = a[0] ? (uint64_t)sc_long(p, a[1]) / STATFS_SIZE : 0;
	long count = 0, r = 0;
	struct mntent *m;
	while ((m = getmntent(f)) && r == 0) {
		struct statfs st;
		if (a[0] && (uint64_t)count < max) {
			if (statfs(m->mnt_dir, &st) < 0)
				memset(&st, 0, sizeof st);
			if (put_statfs(p, a[0] + (uint64_t)count * STATFS_SIZE, &st, m->mnt_type, m->mnt_fsname,
			               m->mnt_dir) < 0)
				r = -EFAULT;
		}
		if (!a[0] || (uint64_t)count < max)
			count++;
	}
	endmntent(f);
	return r < 0 ? r : count;
}
