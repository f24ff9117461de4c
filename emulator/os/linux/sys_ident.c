/* Identity: uname, user and group ids (32-bit calls and ARM's old 16-bit
 * ones), process groups and sessions. */
#define _GNU_SOURCE
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "os/linux/syscall.h"

/* struct utsname: six 65-byte strings. The machine is the guest's; the
 * rest is what the host kernel says. */
SC(uname)
{
	struct utsname u;
	char out[6 * 65];
	if (uname(&u) < 0)
		return -errno;
	memset(out, 0, sizeof out);
	const char *f[6] = { u.sysname, u.nodename, u.release, u.version,
	                     p->arch->uname_machine, u.domainname };
	for (int i = 0; i < 6; i++)
		strncpy(out + 65 * i, f[i], 64);
	return gmem_write(&p->mem, a[0], out, sizeof out) ? 0 : -EFAULT;
}

SC(sethostname)
{
	uint64_t n = sc_ulong(p, a[1]);
	if (n > 64)
		return -EINVAL;
	char name[65];
	if (!gmem_read(&p->mem, a[0], name, n))
		return -EFAULT;
	return sc_ret(sethostname(name, n));
}

/* Ids above 16 bits read as the overflow id (65534) through old calls. */
static long low16(uint32_t id) { return id > 0xffff ? 65534 : (long)id; }
static uint32_t high32(uint64_t v) { return (v & 0xffff) == 0xffff ? (uint32_t)-1 : (uint32_t)(v & 0xffff); }

SC(getuid32) { (void)p; (void)a; return getuid(); }
SC(geteuid32) { (void)p; (void)a; return geteuid(); }
SC(getgid32) { (void)p; (void)a; return getgid(); }
SC(getegid32) { (void)p; (void)a; return getegid(); }
SC(getuid) { (void)p; (void)a; return low16(getuid()); }
SC(geteuid) { (void)p; (void)a; return low16(geteuid()); }
SC(getgid) { (void)p; (void)a; return low16(getgid()); }
SC(getegid) { (void)p; (void)a; return low16(getegid()); }

/* The raw calls change the ids of the calling thread only, which is the
 * whole emulated process (glibc's wrappers would signal other threads). */
SC(setuid32) { (void)p; return sc_ret(syscall(SYS_setuid, (uint32_t)a[0])); }
SC(setgid32) { (void)p; return sc_ret(syscall(SYS_setgid, (uint32_t)a[0])); }
SC(setreuid32) { (void)p; return sc_ret(syscall(SYS_setreuid, (uint32_t)a[0], (uint32_t)a[1])); }
SC(setregid32) { (void)p; return sc_ret(syscall(SYS_setregid, (uint32_t)a[0], (uint32_t)a[1])); }
SC(setresuid32)
{
	(void)p;
	return sc_ret(syscall(SYS_setresuid, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]));
}
SC(setresgid32)
{
	(void)p;
	return sc_ret(syscall(SYS_setresgid, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]));
}
SC(setfsuid32) { (void)p; return syscall(SYS_setfsuid, (uint32_t)a[0]); }
SC(setfsgid32) { (void)p; return syscall(SYS_setfsgid, (uint32_t)a[0]); }
SC(setfsuid) { (void)p; return syscall(SYS_setfsuid, high32(a[0])) & 0xffff; }
SC(setfsgid) { (void)p; return syscall(SYS_setfsgid, high32(a[0])) & 0xffff; }
SC(setuid) { (void)p; return sc_ret(syscall(SYS_setuid, high32(a[0]))); }
SC(setgid) { (void)p; return sc_ret(syscall(SYS_setgid, high32(a[0]))); }
SC(setreuid) { (void)p; return sc_ret(syscall(SYS_setreuid, high32(a[0]), high32(a[1]))); }
SC(setregid) { (void)p; return sc_ret(syscall(SYS_setregid, high32(a[0]), high32(a[1]))); }
SC(setresuid)
{
	(void)p;
	return sc_ret(syscall(SYS_setresuid, high32(a[0]), high32(a[1]), high32(a[2])));
}
SC(setresgid)
{
	(void)p;
	return sc_ret(syscall(SYS_setresgid, high32(a[0]), high32(a[1]), high32(a[2])));
}

/* getres[ug]id: three ids of 4 (or 2 for the old calls) bytes each. */
static long put_res(struct linux_proc *p, const uint64_t a[6], const uint32_t id[3], bool old)
{
	for (int i = 0; i < 3; i++) {
		bool ok = old ? gmem_st16(&p->mem, a[i], (uint16_t)low16(id[i]))
		              : gmem_st32(&p->mem, a[i], id[i]);
		if (!ok)
			return -EFAULT;
	}
	return 0;
}

static long do_getresuid(struct linux_proc *p, const uint64_t a[6], bool gid, bool old)
{
	uint32_t id[3];
	if (gid)
		getresgid(&id[0], &id[1], &id[2]);
	else
		getresuid(&id[0], &id[1], &id[2]);
	return put_res(p, a, id, old);
}

SC(getresuid32) { return do_getresuid(p, a, false, false); }
SC(getresgid32) { return do_getresuid(p, a, true, false); }
SC(getresuid) { return do_getresuid(p, a, false, true); }
SC(getresgid) { return do_getresuid(p, a, true, true); }

static long do_getgroups(struct linux_proc *p, const uint64_t a[6], unsigned esize)
{
	int size = sc_int(a[0]);
	if (size < 0)
		return -EINVAL;
	gid_t *g = malloc(sizeof *g * (size_t)(size ? size : 1));
	if (!g)
		return -ENOMEM;
	long n = sc_ret(getgroups(size, g));
	for (long i = 0; size && i < n; i++) {
		bool ok = esize == 2 ? gmem_st16(&p->mem, a[1] + 2 * (uint64_t)i, (uint16_t)low16(g[i]))
		                     : gmem_st32(&p->mem, a[1] + 4 * (uint64_t)i, g[i]);
		if (!ok) {
			n = -EFAULT;
			break;
		}
	}
	free(g);
	return n;
}

SC(getgroups32) { return do_getgroups(p, a, 4); }
SC(getgroups) { return do_getgroups(p, a, 2); }

static long do_setgroups(struct linux_proc *p, const uint64_t a[6], unsigned esize)
{
	int size = sc_int(a[0]);
	if (size < 0 || size > 65536)
		return -EINVAL;
	gid_t *g = malloc(sizeof *g * (size_t)(size ? size : 1));
	if (!g)
		return -ENOMEM;
	for (int i = 0; i < size; i++) {
		uint16_t v16;
		uint32_t v32;
		bool ok = esize == 2 ? gmem_ld16(&p->mem, a[1] + 2 * (uint64_t)i, &v16)
		                     : gmem_ld32(&p->mem, a[1] + 4 * (uint64_t)i, &v32);
		if (!ok) {
			free(g);
			return -EFAULT;
		}
		g[i] = esize == 2 ? high32(v16) : v32;
	}
	long r = sc_ret(syscall(SYS_setgroups, size, g));
	free(g);
	return r;
}

SC(setgroups32) { return do_setgroups(p, a, 4); }
SC(setgroups) { return do_setgroups(p, a, 2); }

SC(getppid) { (void)p; (void)a; return getppid(); }
SC(getpgid) { (void)p; return sc_ret(getpgid(sc_int(a[0]))); }
SC(setpgid) { (void)p; return sc_ret(setpgid(sc_int(a[0]), sc_int(a[1]))); }
SC(getsid) { (void)p; return sc_ret(getsid(sc_int(a[0]))); }
SC(setsid) { (void)p; (void)a; return sc_ret(setsid()); }
SC(getpgrp) { (void)p; (void)a; return getpgrp(); }
