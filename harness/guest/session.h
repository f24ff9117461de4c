/* What every guest /init does around its own work: the session's start
 * and end on the console, mounts, and a run's closing record. */
#ifndef MIMIC_GUEST_SESSION_H
#define MIMIC_GUEST_SESSION_H

#include "run_test.h"

struct mountpoint {
	const char *type, *dir, *data;
	unsigned long flags;
};

/* setsid (programs are not process-group leaders, as under a shell),
 * SIGCHLD blocked (run_test reaps), kernel messages off the console (none
 * may land inside a transcript), the console raw; records "start". */
void session_start(void);
/* Syncs, drains the console and powers the machine off, so QEMU exits. */
_Noreturn void session_end(void);
/* Mounts m (creating its directory); a failure is recorded at level
 * ("warning" or "error"). 0 or -1. */
int session_mount(const struct mountpoint *m, const char *level);
/* "end NAME exit N", "end NAME signal N" or "end NAME timeout". */
void session_outcome(const char *name, struct outcome o);

/* What a manifest line did: ran a program (counted in "done N"), did
 * something else, or stops the reading. */
enum manifest_step { MANIFEST_RAN, MANIFEST_OTHER, MANIFEST_STOP };

/* Reads /mimic/manifest to its end: "timeout S" sets the limit in seconds
 * (timeout_s at first) passed on with each other non-empty line to step,
 * with ctx; lines may be of any length. Records "done N". */
void session_manifest(unsigned timeout_s, enum manifest_step (*step)(char *line, unsigned timeout_s, void *ctx),
		      void *ctx);

#endif
