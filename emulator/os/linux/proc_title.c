/* The host process's command line (/proc/PID/cmdline, what ps and pgrep
 * show, and what another guest process reads there) becomes the guest
 * program's: its arguments are written over mimic's own, which hold
 * them and more (options, the program's path). The kernel shows the
 * area up to its end: with the privilege to move that end
 * (PR_SET_MM_ARG_END) it is the guest's exactly, else the rest is
 * zeroes. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/prctl.h>

#include "os/linux/linux.h"

static char *area_start, *area_end;

void proc_title_init(int argc, char **argv)
{
	/* Only an area the kernel laid out: the strings back to back. */
	char *end = argc > 0 ? argv[0] : NULL;
	for (int i = 0; i < argc; i++) {
		if (argv[i] != end)
			return;
		end += strlen(argv[i]) + 1;
	}
	area_start = argc > 0 ? argv[0] : NULL;
	area_end = end;
}

void proc_title_set(int gargc, char *const *gargv)
{
	if (!area_start || gargc < 1)
		return;
	size_t need = 0, room = (size_t)(area_end - area_start);
	for (int i = 0; i < gargc; i++)
		need += strlen(gargv[i]) + 1;
	if (need > room)
		return;
	/* The guest's strings are inside the area: copy them out first. */
	char copy[need];
	char *w = copy;
	for (int i = 0; i < gargc; i++) {
		size_t n = strlen(gargv[i]) + 1;
		memcpy(w, gargv[i], n);
		w += n;
	}
	memcpy(area_start, copy, need);
	memset(area_start + need, 0, room - need);
	prctl(PR_SET_MM, PR_SET_MM_ARG_END, (unsigned long)(area_start + need), 0, 0);
}
