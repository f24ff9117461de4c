#define _GNU_SOURCE
#include "describe.h"
#include "console.h"

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

/* Provenance: what the guest says it is. BogoMIPS varies from boot to boot. */
void describe_guest(void)
{
	struct utsname u;
	char line[512];
	FILE *f;

	if (uname(&u) == 0) {
		console_record("uname-r %s", u.release);
		console_record("uname-v %s", u.version);
		console_record("uname-m %s", u.machine);
	}
	f = fopen("/proc/cpuinfo", "re");
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] != '\0' && strncmp(line, "BogoMIPS", 8) != 0)
			console_record("cpuinfo %s", line);
	}
	fclose(f);
}
