/* /init of the jail baseline guest (harness/record_jail): mounts the jail
 * tree from the guest's disk, gives it /proc, /sys, /dev and /tmp as
 * harness/jail gives a jail, runs each case in it the way suites/jails runs
 * it under mimic (cwd, environment, merged output) and sends each transcript over the console
 * (protocol in console.h), then powers the machine off.
 *
 * Manifest (/mimic/manifest), one directive a line:
 *   disk DEVICE       the block device holding the tree (ext4), mounted first
 *   timeout SECONDS   limit for the commands that follow
 *   ident COMMAND     runs `sh -c COMMAND` in the jail (cwd /): the tree's
 *                     identity for PROVENANCE, sent as the case ":ident"
 *   case NAME         runs `sh /mimic-cases/NAME.sh` in the jail
 * The cases directory is /mimic-cases of the initramfs, bound onto the
 * tree's /mimic-cases. */
#define _GNU_SOURCE
#include "console.h"
#include "describe.h"
#include "run_test.h"
#include "session.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

/* Where the tree is mounted, and the runner's scratch space outside it. */
#define JAIL "/jail"
#define WORK "/mimic-run"

/* How long the disk may take to appear (the SD card probe is slow). */
enum { DISK_WAIT_S = 300 };

/* The contract's environment, exactly. */
static char *const case_env[] = {
	"HOME=/root",
	"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
	"LC_ALL=C",
	"TZ=UTC",
	NULL,
};

/* The runner's own view: the disk's node, /proc/cpuinfo, scratch files. */
static const struct mountpoint runner_mounts[] = {
	{ "proc", "/proc", NULL, 0 },
	{ "devtmpfs", "/dev", NULL, 0 },
	{ "tmpfs", WORK, NULL, 0 },
};

/* The jail's, as harness/jail mounts them (/tmp is remounted per case). */
static const struct mountpoint jail_mounts[] = {
	{ "proc", JAIL "/proc", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC },
	{ "sysfs", JAIL "/sys", NULL, 0 },
	{ "tmpfs", JAIL "/dev", "mode=755,size=64k", MS_NOSUID | MS_NOEXEC },
};

/* The device nodes harness/jail binds from the host. */
static const struct {
	const char *name;
	unsigned major, minor;
} jail_devices[] = {
	{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
	{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 },
};

static const char *const jail_dev_links[][2] = {
	{ "pts/ptmx", JAIL "/dev/ptmx" },
	{ "/proc/self/fd", JAIL "/dev/fd" },
	{ "/proc/self/fd/0", JAIL "/dev/stdin" },
	{ "/proc/self/fd/1", JAIL "/dev/stdout" },
	{ "/proc/self/fd/2", JAIL "/dev/stderr" },
};

static int mount_one(const struct mountpoint *m) { return session_mount(m, "error"); }

static int mount_table(const struct mountpoint *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (mount_one(&m[i]) != 0)
			return -1;
	return 0;
}

/* Mounts the disk on JAIL, waiting for its driver to find it. */
static int mount_disk(const char *disk)
{
	struct timespec pause = { 0, 200 * 1000 * 1000 };
	time_t start = time(NULL);
	struct stat st;

	mkdir(JAIL, 0755);
	while (stat(disk, &st) != 0) {
		if (time(NULL) - start > DISK_WAIT_S) {
			console_record("error disk %s did not appear in %ds", disk, DISK_WAIT_S);
			return -1;
		}
		nanosleep(&pause, NULL);
	}
	if (mount(disk, JAIL, "ext4", 0, NULL) != 0) {
		console_record("error mount %s (ext4) on " JAIL ": errno %d", disk, errno);
		return -1;
	}
	console_record("disk %s mounted after %lds", disk, (long)(time(NULL) - start));
	return 0;
}

/* /proc, /sys, /dev and the cases in the mounted tree. */
static int jail_setup(void)
{
	char path[256];

	if (mount_table(jail_mounts, sizeof jail_mounts / sizeof jail_mounts[0]) != 0)
		return -1;
	for (size_t i = 0; i < sizeof jail_devices / sizeof jail_devices[0]; i++) {
		snprintf(path, sizeof path, JAIL "/dev/%s", jail_devices[i].name);
		if (mknod(path, S_IFCHR | 0666, makedev(jail_devices[i].major, jail_devices[i].minor)) != 0 ||
		    chmod(path, 0666) != 0) {
			console_record("error mknod %s: errno %d", path, errno);
			return -1;
		}
	}
	if (mount_one(&(struct mountpoint){ "devpts", JAIL "/dev/pts", "newinstance,ptmxmode=0666,mode=620,gid=5",
					    MS_NOSUID | MS_NOEXEC }) != 0 ||
	    mount_one(&(struct mountpoint){ "tmpfs", JAIL "/dev/shm", "mode=1777", MS_NOSUID | MS_NODEV }) != 0)
		return -1;
	for (size_t i = 0; i < sizeof jail_dev_links / sizeof jail_dev_links[0]; i++)
		if (symlink(jail_dev_links[i][0], jail_dev_links[i][1]) != 0) {
			console_record("error symlink %s: errno %d", jail_dev_links[i][1], errno);
			return -1;
		}
	mkdir(JAIL "/mimic-cases", 0755);
	if (mount("/mimic-cases", JAIL "/mimic-cases", NULL, MS_BIND | MS_REC, NULL) != 0) {
		console_record("error bind /mimic-cases: errno %d", errno);
		return -1;
	}
	mkdir(JAIL "/root", 0700);
	return 0;
}

/* Each case starts with an empty /tmp, as each harness/jail command does. */
static int fresh_tmp(void)
{
	umount2(JAIL "/tmp", MNT_DETACH);
	return mount_one(&(struct mountpoint){ "tmpfs", JAIL "/tmp", "mode=1777", MS_NOSUID | MS_NODEV });
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	if (remove(path) != 0)
		console_record("warning remove %s: errno %d", path, errno);
	return 0;
}

/* Runs argv in the jail with cwd DIR (inside the tree) and sends the
 * merged output and the status under NAME. */
static void run_in_jail(const char *name, char *const *argv, const char *dir, unsigned timeout_s)
{
	char out[64];
	struct outcome o;

	snprintf(out, sizeof out, WORK "/output");
	if (fresh_tmp() != 0)
		return;
	console_record("case %s", name);
	o = run_test(&(struct test_run){ .path = argv[0], .name = argv[0], .args = argv + 1,
					 .envp = case_env, .root = JAIL, .dir = dir, .out = out,
					 .err = NULL, .timeout_s = timeout_s });
	if (o.kind == OUTCOME_NOEXEC) {
		console_record("error %s: cannot start: errno %d", name, o.value);
		return;
	}
	console_file("output", out);
	unlink(out);
	session_outcome(name, o);
}

/* A case runs in a fresh empty /root/mimic-case-NAME, removed after. */
static void run_case(const char *name, unsigned timeout_s)
{
	char script[300], dir[300], host_dir[320];
	char *argv[] = { "/bin/sh", script, NULL };

	snprintf(script, sizeof script, "/mimic-cases/%s.sh", name);
	snprintf(dir, sizeof dir, "/root/mimic-case-%s", name);
	snprintf(host_dir, sizeof host_dir, JAIL "%s", dir);
	/* One left in the tree by an interrupted run elsewhere goes first. */
	if (access(host_dir, F_OK) == 0) {
		console_record("warning %s: %s exists in the tree; removed", name, dir);
		nftw(host_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
	}
	if (mkdir(host_dir, 0755) != 0) {
		console_record("error %s: mkdir %s: errno %d", name, dir, errno);
		return;
	}
	run_in_jail(name, argv, dir, timeout_s);
	nftw(host_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

/* A manifest line: "disk DEVICE" (mounts the jail tree: before anything
 * else), "ident COMMAND" or "case NAME". */
static enum manifest_step step(char *line, unsigned timeout_s, void *ctx)
{
	int *ready = ctx;

	if (strncmp(line, "disk ", 5) == 0) {
		*ready = mount_disk(line + 5) == 0 && jail_setup() == 0;
		return *ready ? MANIFEST_OTHER : MANIFEST_STOP;
	}
	if (!*ready) {
		console_record("error manifest: '%.200s' before a disk line", line);
		return MANIFEST_STOP;
	}
	if (strncmp(line, "ident ", 6) == 0) {
		char *argv[] = { "/bin/sh", "-c", line + 6, NULL };

		run_in_jail(":ident", argv, "/", timeout_s);
		return MANIFEST_OTHER;
	}
	if (strncmp(line, "case ", 5) == 0) {
		run_case(line + 5, timeout_s);
		return MANIFEST_RAN;
	}
	console_record("error manifest: bad line '%.200s'", line);
	return MANIFEST_OTHER;
}

int main(void)
{
	umask(022);
	session_start();
	if (mount_table(runner_mounts, sizeof runner_mounts / sizeof runner_mounts[0]) == 0) {
		int ready = 0;

		describe_guest();
		session_manifest(600, step, &ready);
	}
	sync();
	umount2(JAIL, MNT_DETACH);
	session_end();
}
