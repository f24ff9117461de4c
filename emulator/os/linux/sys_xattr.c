/* Extended attributes: names are strings, values opaque bytes; passed to
 * the host with the guest buffers checked. */
#define _GNU_SOURCE
#include <sys/xattr.h>

#include "os/linux/syscall.h"

#define XATTR_NAME_MAX_LEN 256

enum xkind { X_PATH, X_LPATH, X_FD };

static long target(struct linux_proc *p, enum xkind k, uint64_t arg, char host[PATH_MAX])
{
	if (k == X_FD)
		return 0;
	return k == X_LPATH ? sc_path_nofollow(p, arg, host) : sc_path(p, arg, host);
}

static long name_of(struct linux_proc *p, uint64_t addr, char name[XATTR_NAME_MAX_LEN])
{
	int r = sc_string(p, addr, name, XATTR_NAME_MAX_LEN);
	return r == -ENAMETOOLONG ? -ERANGE : r;
}

static long do_set(struct linux_proc *p, const uint64_t a[6], enum xkind k)
{
	char host[PATH_MAX], name[XATTR_NAME_MAX_LEN];
	uint64_t n = sc_ulong(p, a[3]);
	long r = target(p, k, a[0], host);
	if (r >= 0)
		r = name_of(p, a[1], name);
	if (r < 0)
		return r;
	const void *v = n ? sc_buf_or_bad(p, a[2], n, GP_R) : NULL;
	int fl = sc_int(a[4]);
	if (k == X_FD)
		return sc_ret(fsetxattr(sc_int(a[0]), name, v, n, fl));
	return sc_ret(k == X_LPATH ? lsetxattr(host, name, v, n, fl) : setxattr(host, name, v, n, fl));
}

static long do_get(struct linux_proc *p, const uint64_t a[6], enum xkind k)
{
	char host[PATH_MAX], name[XATTR_NAME_MAX_LEN];
	uint64_t n = sc_ulong(p, a[3]);
	long r = target(p, k, a[0], host);
	if (r >= 0)
		r = name_of(p, a[1], name);
	if (r < 0)
		return r;
	void *v = n ? sc_buf_or_bad(p, a[2], n, GP_W) : NULL;
	if (k == X_FD)
		return sc_ret(fgetxattr(sc_int(a[0]), name, v, n));
	return sc_ret(k == X_LPATH ? lgetxattr(host, name, v, n) : getxattr(host, name, v, n));
}

static long do_list(struct linux_proc *p, const uint64_t a[6], enum xkind k)
{
	char host[PATH_MAX];
	uint64_t n = sc_ulong(p, a[2]);
	long r = target(p, k, a[0], host);
	if (r < 0)
		return r;
	char *v = n ? sc_buf_or_bad(p, a[1], n, GP_W) : NULL;
	if (k == X_FD)
		return sc_ret(flistxattr(sc_int(a[0]), v, n));
	return sc_ret(k == X_LPATH ? llistxattr(host, v, n) : listxattr(host, v, n));
}

static long do_remove(struct linux_proc *p, const uint64_t a[6], enum xkind k)
{
	char host[PATH_MAX], name[XATTR_NAME_MAX_LEN];
	long r = target(p, k, a[0], host);
	if (r >= 0)
		r = name_of(p, a[1], name);
	if (r < 0)
		return r;
	if (k == X_FD)
		return sc_ret(fremovexattr(sc_int(a[0]), name));
	return sc_ret(k == X_LPATH ? lremovexattr(host, name) : removexattr(host, name));
}

SC(setxattr) { return do_set(p, a, X_PATH); }
SC(lsetxattr) { return do_set(p, a, X_LPATH); }
SC(fsetxattr) { return do_set(p, a, X_FD); }
SC(getxattr) { return do_get(p, a, X_PATH); }
SC(lgetxattr) { return do_get(p, a, X_LPATH); }
SC(fgetxattr) { return do_get(p, a, X_FD); }
SC(listxattr) { return do_list(p, a, X_PATH); }
SC(llistxattr) { return do_list(p, a, X_LPATH); }
SC(flistxattr) { return do_list(p, a, X_FD); }
SC(removexattr) { return do_remove(p, a, X_PATH); }
SC(lremovexattr) { return do_remove(p, a, X_LPATH); }
SC(fremovexattr) { return do_remove(p, a, X_FD); }
