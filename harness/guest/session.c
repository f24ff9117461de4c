#define _GNU_SOURCE
#include "session.h"
#include "console.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

/* syslog(2) action number; the C library does not name it. */
enum { SYSLOG_ACTION_CONSOLE_OFF = 6 };

void session_start(void)
{
	sigset_t chld;

	setsid();
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0);
	console_raw();
	console_record("start");
}

void session_end(void)
{
	sync();
	console_drain();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

int session_mount(const struct mountpoint *m, const char *level)
{
	mkdir(m->dir, 0755);
	if (mount(m->type, m->dir, m->type, m->flags, m->data) == 0)
		return 0;
	console_record("%s mount %s on %s: errno %d", level, m->type, m->dir, errno);
	return -1;
}

void session_outcome(const char *name, struct outcome o)
{
	switch (o.kind) {
	case OUTCOME_EXIT:
		console_record("end %s exit %d", name, o.value);
		break;
	case OUTCOME_SIGNAL:
		console_record("end %s signal %d", name, o.value);
		break;
	default:
		console_record("end %s timeout", name);
		break;
	}
}

void session_manifest(unsigned timeout_s, enum manifest_step (*step)(char *line, unsigned timeout_s, void *ctx),
		      void *ctx)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned count = 0;
	FILE *f = fopen("/mimic/manifest", "re");

	if (f == NULL) {
		console_record("error manifest: errno %d", errno);
		return;
	}
	while (getline(&line, &cap, f) != -1) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "timeout ", 8) == 0) {
			timeout_s = (unsigned)strtoul(line + 8, NULL, 10);
			continue;
		}
		if (line[0] == '\0')
			continue;
		enum manifest_step r = step(line, timeout_s, ctx);
		if (r == MANIFEST_STOP)
			break;
		count += r == MANIFEST_RAN;
	}
	free(line);
	fclose(f);
	console_record("done %u", count);
}
