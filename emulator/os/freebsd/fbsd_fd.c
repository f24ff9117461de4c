/* FreeBSD descriptor calls beyond the shared fcntl: F_DUP2FD and
 * F_DUP2FD_CLOEXEC (dup2 as an fcntl command, which Go's fork child
 * uses), and struct flock of the record locks (sys/sys/fcntl.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "os/freebsd/fbsd_sys.h"
#include "os/linux/own_fds.h"

#define F_F_DUP2FD 10
#define F_F_DUP2FD_CLOEXEC 18
#define F_O_CLOEXEC 0x100000u

/* kern_dup with FDDUP_FIXED: onto the same descriptor it only checks it
 * (and sets close-on-exec for the _CLOEXEC command). */
FBSD(fcntl)
{
	int cmd = sc_int(a[1]);
	if (cmd != F_F_DUP2FD && cmd != F_F_DUP2FD_CLOEXEC)
		return sys_fcntl(p, a);
	int fd = sc_int(a[0]), nfd = sc_int(a[2]);
	bool cloexec = cmd == F_F_DUP2FD_CLOEXEC;
	if (fd == nfd) {
		if (fcntl(fd, F_GETFD) < 0)
			return -EBADF;
		return cloexec && fcntl(fd, F_SETFD, FD_CLOEXEC) < 0 ? -errno : fd;
	}
	if (own_fds_hide(nfd))
		own_fds_vacate(nfd);
	const uint64_t b[6] = { (uint64_t)fd, (uint64_t)nfd, cloexec ? F_O_CLOEXEC : 0 };
	return sys_dup3(p, b);
}

/* struct flock: off_t l_start, off_t l_len, pid_t l_pid, short l_type,
 * short l_whence, int l_sysid (32 bytes); F_RDLCK 1, F_UNLCK 2,
 * F_WRLCK 3. */
static const short lock_types[] = { [1] = F_RDLCK, [2] = F_UNLCK, [3] = F_WRLCK };

int fbsd_get_flock(struct linux_proc *p, uint64_t addr, struct flock *fl, bool is64)
{
	(void)is64;
	struct gimage g;
	int r = gi_get(p, addr, &g, 32);
	if (r < 0)
		return r;
	uint16_t type = gi_get16(&g, 20);
	if (type < 1 || type > 3)
		return -EINVAL;
	fl->l_start = (off_t)gi_get64(&g, 0);
	fl->l_len = (off_t)gi_get64(&g, 8);
	fl->l_pid = (pid_t)gi_get32(&g, 16);
	fl->l_type = lock_types[type];
	fl->l_whence = (short)gi_get16(&g, 22);
	return 0;
}

int fbsd_put_flock(struct linux_proc *p, uint64_t addr, const struct flock *fl, bool is64)
{
	(void)is64;
	struct gimage g;
	uint16_t type = 2;
	for (uint16_t t = 1; t <= 3; t++)
		if (lock_types[t] == fl->l_type)
			type = t;
	gi_init(&g, p);
	gi_u64(&g, 0, (uint64_t)fl->l_start);
	gi_u64(&g, 8, (uint64_t)fl->l_len);
	gi_u32(&g, 16, (uint32_t)fl->l_pid);
	gi_u16(&g, 20, type);
	gi_u16(&g, 22, (uint16_t)fl->l_whence);
	return gi_put(p, addr, &g, 32);
}
