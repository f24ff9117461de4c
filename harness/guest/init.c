/* /init of the baseline guest: runs every program the manifest names and
 * sends each transcript over the console (protocol in console.h), then powers
 * the machine off so QEMU exits.
 *
 * Manifest (/mimic/manifest), one directive a line:
 *   timeout SECONDS          per-program limit for the programs that follow
 *   argv0 name|path          argv[0] of the programs that follow: NAME (the
 *                            default) or the path /mimic/SUITE/NAME, as a
 *                            shell running the program by its path gives
 *   test SUITE/NAME [ARG...] run /mimic/SUITE/NAME with those arguments
 *                            (single spaces apart, none empty) */
#define _GNU_SOURCE
#include "console.h"
#include "describe.h"
#include "run_test.h"
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* Scratch space of the runner, apart from the /tmp the programs see. */
#define WORK "/mimic-run"

static const struct mountpoint mounts[] = {
	{ "proc", "/proc", NULL, 0 },
	{ "sysfs", "/sys", NULL, 0 },
	{ "devtmpfs", "/dev", NULL, 0 },
	{ "devpts", "/dev/pts", NULL, 0 },
	{ "tmpfs", "/dev/shm", NULL, 0 },
	{ "tmpfs", "/tmp", NULL, 0 },
	{ "tmpfs", WORK, NULL, 0 },
};

/* What a distribution's device manager adds beside devtmpfs's nodes. */
static const char *const dev_links[][2] = {
	{ "/proc/self/fd", "/dev/fd" },
	{ "/proc/self/fd/0", "/dev/stdin" },
	{ "/proc/self/fd/1", "/dev/stdout" },
	{ "/proc/self/fd/2", "/dev/stderr" },
};

static void mount_all(void)
{
	for (size_t i = 0; i < sizeof mounts / sizeof mounts[0]; i++)
		session_mount(&mounts[i], "warning");
	chmod("/tmp", 01777);
	for (size_t i = 0; i < sizeof dev_links / sizeof dev_links[0]; i++)
		if (symlink(dev_links[i][0], dev_links[i][1]) != 0 && errno != EEXIST)
			console_record("warning symlink %s: errno %d", dev_links[i][1], errno);
}

/* Each program starts with an empty /tmp, whatever the previous one left. */
static void fresh_tmp(void)
{
	umount2("/tmp", MNT_DETACH);
	if (mount("tmpfs", "/tmp", "tmpfs", 0, NULL) != 0)
		console_record("warning remount /tmp: errno %d", errno);
	chmod("/tmp", 01777);
}

/* Socket tests may use the loopback interface; the kernel leaves it down. */
static void loopback_up(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	memset(&ifr, 0, sizeof ifr);
	strcpy(ifr.ifr_name, "lo");
	if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) != 0 ||
	    (ifr.ifr_flags |= IFF_UP, ioctl(s, SIOCSIFFLAGS, &ifr) != 0))
		console_record("warning loopback up: errno %d", errno);
	if (s >= 0)
		close(s);
}

/* Runs one manifest entry: SUITE/NAME, then its arguments. */
static void run_one(const char *entry, char *const *args, int argv0_path,
		    unsigned index, unsigned timeout_s)
{
	static char *const env[] = { "MIMIC_TEST=conformance", NULL };
	char path[600], dir[600], out[64], err[64];
	const char *name = strrchr(entry, '/');
	struct outcome o;

	name = name != NULL ? name + 1 : entry;
	snprintf(path, sizeof path, "/mimic/%s", entry);
	/* Named after the program, so a run of one program matches a full run. */
	snprintf(dir, sizeof dir, WORK "/%.*s.%s", (int)(name - entry - (name > entry)), entry, name);
	snprintf(out, sizeof out, WORK "/%u.stdout", index);
	snprintf(err, sizeof err, WORK "/%u.stderr", index);
	fresh_tmp();
	if (mkdir(dir, 0755) != 0) {
		console_record("error %s: mkdir %s: errno %d", entry, dir, errno);
		return;
	}

	console_record("test %s", entry);
	o = run_test(&(struct test_run){ .path = path, .name = argv0_path ? path : name,
					 .args = args, .envp = env, .dir = dir, .out = out,
					 .err = err, .timeout_s = timeout_s });
	if (o.kind == OUTCOME_NOEXEC) {
		console_record("error %s: cannot start: errno %d", entry, o.value);
		return;
	}
	console_file("stdout", out);
	console_file("stderr", err);
	session_outcome(entry, o);
	unlink(out);
	unlink(err);
}

/* Splits a test line "SUITE/NAME ARG..." in place at single spaces: the
 * entry, then args (NULL-terminated). Returns 0 if there are too many. */
static int split_test(char *line, char **args)
{
	size_t n = 0;
	char *sp;

	while ((sp = strchr(line, ' ')) != NULL) {
		if (n == RUN_TEST_MAX_ARGS)
			return 0;
		*sp = '\0';
		line = sp + 1;
		args[n++] = line;
	}
	args[n] = NULL;
	return 1;
}

/* A manifest line: "argv0 name|path" (how programs get argv[0]) or
 * "test SUITE/NAME ARGS...". */
struct reading {
	int argv0_path;
	unsigned index;   /* of the next test */
};

static enum manifest_step step(char *line, unsigned timeout_s, void *ctx)
{
	struct reading *r = ctx;
	char *args[RUN_TEST_MAX_ARGS + 1];

	if (strcmp(line, "argv0 name") == 0 || strcmp(line, "argv0 path") == 0) {
		r->argv0_path = line[6] == 'p';
		return MANIFEST_OTHER;
	}
	if (strncmp(line, "test ", 5) == 0 && split_test(line + 5, args)) {
		run_one(line + 5, args, r->argv0_path, r->index++, timeout_s);
		return MANIFEST_RAN;
	}
	console_record("error manifest: bad line (or over %d arguments) '%.200s'", RUN_TEST_MAX_ARGS, line);
	return MANIFEST_OTHER;
}

int main(void)
{
	session_start();
	mount_all();
	loopback_up();
	describe_guest();
	struct reading r = { 0, 0 };
	session_manifest(120, step, &r);
	session_end();
}
