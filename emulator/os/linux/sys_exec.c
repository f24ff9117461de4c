/* execve: a program of the guest ABI (or a script whose interpreter is
 * one) is run by a new instance of the emulator, through the descriptor
 * of mimic's own executable (own_fds.c), with the same -L, -strace and
 * -d options and the guest's argv[0] (-0); anything else is the host's to
 * run. Without that descriptor (started by binfmt_misc where there is no
 * /proc) every program is the host's, which hands guest programs to
 * binfmt_misc again. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "cpu/arm/arm_cpu.h"
#include "loader/loader.h"
#include "cpu/jit/jit.h"
#include "os/linux/own_fds.h"
#include "os/linux/proc_limits.h"
#include "os/linux/syscall.h"

#define ARG_MAX_COUNT 0x20000
#define ARG_MAX_LEN   (32 * 4096)  /* MAX_ARG_STRLEN */

void sc_free_strv(char **v)
{
	for (char **s = v; v && *s; s++)
		free(*s);
	free(v);
}

/* NULL-terminated guest array of string pointers -> host strings. */
static long get_strv(struct linux_proc *p, uint64_t addr, char ***out)
{
	size_t n = 0, cap = 16;
	char **v = calloc(cap, sizeof *v);
	if (!v)
		return -ENOMEM;
	for (; addr; n++) {
		uint64_t s;
		if (sc_getlong(p, addr + n * sc_wordsize(p), &s) < 0) {
			sc_free_strv(v);
			return -EFAULT;
		}
		if (!s)
			break;
		if (n + 2 > cap) {
			char **nv = n + 2 > ARG_MAX_COUNT ? NULL : realloc(v, 2 * cap * sizeof *v);
			if (!nv) {
				sc_free_strv(v);
				return -E2BIG;
			}
			v = nv;
			cap *= 2;
		}
		long len = gmem_strnlen(&p->mem, s, ARG_MAX_LEN);
		if (len < 0) {
			sc_free_strv(v);
			return gmem_check(&p->mem, s, ARG_MAX_LEN, GP_R) ? -E2BIG : -EFAULT;
		}
		v[n] = strndup(gmem_host(&p->mem, s), (size_t)len);
		v[n + 1] = NULL;
		if (!v[n]) {
			sc_free_strv(v);
			return -ENOMEM;
		}
	}
	*out = v;
	return 0;
}

/* True when the file starts with the ELF identity of the guest ABI. */
static bool is_guest_elf(const struct linux_proc *p, const uint8_t *h, ssize_t n)
{
	const struct linux_abi *abi = p->arch->abi;
	if (n < 20 || memcmp(h, "\177ELF", 4) != 0 || h[4] != abi->elf_class || h[5] != abi->elf_data)
		return false;
	unsigned machine = abi->elf_data == 2 ? (unsigned)(h[18] << 8 | h[19]) : (unsigned)(h[19] << 8 | h[18]);
	return machine == abi->elf_machine;
}

/* A guest-machine ELF of another operating system than the personality's
 * (p->arch->freebsd) is run by no binary format handler: ENOEXEC, as the
 * kernel gives a file it cannot run (and the host is not asked, it would
 * hand the file back to mimic through binfmt_misc or fail the same way).
 * Named with -d unimp. */
static bool foreign_os(const struct linux_proc *p, const char *path)
{
	struct elf_ident id;
	char err[PATH_MAX + 128];
	if (elf_identify(path, &id, err, sizeof err) != 0)
		return false;
	if (p->arch->freebsd ? id.freebsd : !id.foreign_os[0])
		return false;
	if (!id.foreign_os[0])
		snprintf(id.foreign_os, sizeof id.foreign_os, "Linux");
	if (p->log_unimp)
		fprintf(stderr, "mimic: execve %s: ELF for another operating system: %s\n", path, id.foreign_os);
	return true;
}

/* The first bytes of an executable; -EACCES for what is not a regular
 * executable file, as execve reports. */
static ssize_t read_head(const char *path, uint8_t *buf, size_t n)
{
	struct stat st;
	if (access(path, X_OK) < 0)
		return -errno;
	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EACCES;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t r = read(fd, buf, n);
	close(fd);
	return r < 0 ? -errno : r;
}

/* The effective ids the kernel gives a set-user-ID or set-group-ID
 * program at exec (the file's owner and group), as "-setid UID:GID" for
 * the new emulator, which takes them once it has read the program (the
 * kernel reads it with the caller's ids), or NULL. A process without the
 * privilege to take them (mimic is not set-user-ID itself) runs the
 * program with its own ids, as qemu-user does without binfmt_misc's C. */
static const char *setid_arg(const char *prog, char *buf, size_t n)
{
	struct stat st;
	struct statvfs vfs;
	if (stat(prog, &st) != 0 || !(st.st_mode & (S_ISUID | S_ISGID)) ||
	    (statvfs(prog, &vfs) == 0 && (vfs.f_flag & ST_NOSUID)) || prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1)
		return NULL;
	uid_t uid = (st.st_mode & S_ISUID) ? st.st_uid : geteuid();
	gid_t gid = (st.st_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) ? st.st_gid : getegid();
	if (uid == geteuid() && gid == getegid())
		return NULL;
	snprintf(buf, n, "%u:%u", (unsigned)uid, (unsigned)gid);
	return buf;
}

/* Runs prog (a host path) under a new emulator: argv[0] is pre[0] (the
 * interpreter of a script) or the guest's, then pre[1..], argv[1..]. */
static long exec_emulated(struct linux_proc *p, const char *prog, char **pre, char **argv, char **envp)
{
	size_t n = 0, m = 0;
	while (argv[n])
		n++;
	while (pre && pre[m])
		m++;
	char **v = calloc(n + m + 20, sizeof *v);
	if (!v)
		return -ENOMEM;
	size_t k = 0;
	char fdarg[16], notesarg[16];
	snprintf(fdarg, sizeof fdarg, "%d", own_fd(OWN_EXE));
	v[k++] = "mimic";
	v[k++] = "-exefd";
	v[k++] = fdarg;
	if (own_fd(OWN_NOTES) >= 0) {
		snprintf(notesarg, sizeof notesarg, "%d", own_fd(OWN_NOTES));
		v[k++] = "-notesfd";
		v[k++] = notesarg;
	}
	if (p->sysroot) {
		v[k++] = "-L";
		v[k++] = (char *)p->sysroot;
	}
	if (p->strace)
		v[k++] = "-strace";
	if (!jit_enabled)
		v[k++] = "-nojit";
	if (arm_model == ARM_MODEL_ARMV7) {
		v[k++] = "-cpu";
		v[k++] = "armv7";
	}
	if (p->log_unimp) {
		v[k++] = "-d";
		v[k++] = "unimp";
	}
	const char *opt = p->arch->exec_option ? p->arch->exec_option() : NULL;
	if (opt)
		v[k++] = (char *)opt;
	char limits[96];
	if (linux_limits_arg(p->tg, limits, sizeof limits)) {
		v[k++] = "-rlimits";
		v[k++] = limits;
	}
	char ids[32];
	if (setid_arg(prog, ids, sizeof ids)) {
		v[k++] = "-setid";
		v[k++] = ids;
	}
	v[k++] = "-0";
	v[k++] = (char *)(m ? pre[0] : n ? argv[0] : prog);
	v[k++] = (char *)prog;
	for (size_t i = 1; i < m; i++)
		v[k++] = pre[i];
	for (size_t i = 1; i < n; i++)
		v[k++] = argv[i];
	v[k] = NULL;
	fflush(NULL);
	linux_signal_exec_prepare(p);
	if (p->vfork_child)
		p->vfork_execv = v;
	own_fds_exec(v, envp);
	long r = -errno;
	p->vfork_execv = NULL;
	free(v);
	return r;
}

/* "#!interp [arg]" of a script; pre becomes {interp, [arg,] script}. */
static bool script_interp(const uint8_t *h, ssize_t n, const char *script, char *interp, char *arg,
                          char *pre[4])
{
	if (n < 3 || h[0] != '#' || h[1] != '!')
		return false;
	char line[256];
	size_t len = 0;
	for (ssize_t i = 2; i < n && h[i] != '\n' && len + 1 < sizeof line; i++)
		line[len++] = (char)h[i];
	line[len] = 0;
	char *s = line + strspn(line, " \t");
	size_t il = strcspn(s, " \t");
	if (il == 0)
		return false;
	memcpy(interp, s, il);
	interp[il] = 0;
	s += il;
	s += strspn(s, " \t");
	size_t al = strlen(s);
	while (al && (s[al - 1] == ' ' || s[al - 1] == '\t'))
		al--;
	memcpy(arg, s, al);
	arg[al] = 0;
	int k = 0;
	pre[k++] = interp;
	if (al)
		pre[k++] = arg;
	pre[k++] = (char *)script;
	pre[k] = NULL;
	return true;
}

/* Runs the program at host (guest_path as the guest named it). */
static long do_execve(struct linux_proc *p, const char *host, const char *guest_path, uint64_t argvp,
                      uint64_t envpp)
{
	char **argv = NULL, **envp = NULL;
	long r = get_strv(p, argvp, &argv);
	if (r < 0)
		return r;
	r = get_strv(p, envpp, &envp);
	if (r < 0) {
		sc_free_strv(argv);
		return r;
	}
	/* A vfork child's allocations are in its parent's heap: the parent
	 * frees them once the exec has succeeded. */
	if (p->vfork_child) {
		p->vfork_argv = argv;
		p->vfork_envp = envp;
	}
	uint8_t head[256];
	ssize_t n = read_head(host, head, sizeof head);
	if (n < 0) {
		r = n;
	} else if (own_fd(OWN_EXE) < 0) {
		fflush(NULL);
		linux_signal_exec_prepare(p);
		execve(host, argv, envp);
		r = -errno;
	} else if (is_guest_elf(p, head, n)) {
		r = foreign_os(p, host) ? -ENOEXEC : exec_emulated(p, host, NULL, argv, envp);
	} else {
		char interp[256], iarg[256], ihost[PATH_MAX], *pre[4];
		uint8_t ihead[64];
		ssize_t in = -1;
		if (script_interp(head, n, guest_path, interp, iarg, pre)) {
			snprintf(ihost, sizeof ihost, "%s%s", p->sysroot && interp[0] == '/' ? p->sysroot : "",
			         interp);
			if (access(ihost, F_OK) < 0)
				snprintf(ihost, sizeof ihost, "%s", interp);
			in = read_head(ihost, ihead, sizeof ihead);
		}
		if (in > 0 && is_guest_elf(p, ihead, in)) {
			r = foreign_os(p, ihost) ? -ENOEXEC : exec_emulated(p, ihost, pre, argv, envp);
		} else {
			fflush(NULL);
			linux_signal_exec_prepare(p);
			execve(host, argv, envp);
			r = -errno;
		}
	}
	p->vfork_argv = p->vfork_envp = NULL;
	sc_free_strv(argv);
	sc_free_strv(envp);
	return r;
}

SC(execve)
{
	char host[PATH_MAX], guest_path[PATH_MAX];
	long r = sc_path(p, a[0], host);
	if (r < 0)
		return r;
	if (sc_string(p, a[0], guest_path, sizeof guest_path) < 0)
		return -EFAULT;
	return do_execve(p, host, guest_path, a[1], a[2]);
}

/* execveat: a relative path (or AT_EMPTY_PATH) names the file through the
 * directory descriptor's /proc/self/fd link. AT_SYMLINK_NOFOLLOW is
 * checked before the exec. */
SC(execveat)
{
	char host[PATH_MAX], guest_path[PATH_MAX];
	int dirfd = sc_int(a[0]), flags = sc_int(a[4]);
	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	long r = sc_path(p, a[1], host);
	if (r < 0)
		return r;
	strcpy(guest_path, host);
	if (host[0] == 0 && !(flags & AT_EMPTY_PATH))
		return -ENOENT;
	if (host[0] != '/' && dirfd != AT_FDCWD) {
		if (fcntl(dirfd, F_GETFD) < 0)
			return -EBADF;
		int n = host[0] ? snprintf(guest_path, sizeof guest_path, "/proc/self/fd/%d/%s", dirfd, host)
		                : snprintf(guest_path, sizeof guest_path, "/proc/self/fd/%d", dirfd);
		if (n >= (int)sizeof guest_path)
			return -ENAMETOOLONG;
		strcpy(host, guest_path);
	}
	struct stat st;
	if ((flags & AT_SYMLINK_NOFOLLOW) && lstat(host, &st) == 0 && S_ISLNK(st.st_mode))
		return -ELOOP;
	return do_execve(p, host, guest_path, a[2], a[3]);
}
