/* isa-gen: writes the ISA vector sources of one target.
 *   isa-gen --target armv6|mips64|mips64el --out DIR --groups FILE --coverage FILE
 *           [--mnemonics FILE]
 * DIR gets <group>.S per group (and an empty <group>.vfp for a group that
 * needs the VFP runtime, isa.mk); FILE lists the groups, one a line; the
 * coverage file lists the Capstone mnemonics each group exercises. The
 * mnemonics file is the same for harness/coverage, one a line with its
 * state ("tested GROUP arm|thumb|mips NAME"), then the probe groups'
 * candidates ("candidate STATE NAME HEX probe|REASON", probe.c). */
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static const struct target *const targets[] = { &target_armv6, &target_mips64, &target_mips64el };

static FILE *open_out(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static void close_out(FILE *f, const char *path)
{
	if (ferror(f) | fclose(f)) {
		fprintf(stderr, "isa-gen: cannot write %s\n", path);
		exit(1);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: isa-gen --target NAME --out DIR --groups FILE --coverage FILE [--mnemonics FILE]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *tname = NULL, *dir = NULL, *gpath = NULL, *cpath = NULL, *mpath = NULL;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--target")) tname = argv[i + 1];
		else if (!strcmp(argv[i], "--out")) dir = argv[i + 1];
		else if (!strcmp(argv[i], "--groups")) gpath = argv[i + 1];
		else if (!strcmp(argv[i], "--coverage")) cpath = argv[i + 1];
		else if (!strcmp(argv[i], "--mnemonics")) mpath = argv[i + 1];
		else usage();
	}
	if (!tname || !dir || !gpath || !cpath || argc % 2 == 0)
		usage();
	const struct target *t = NULL;
	for (size_t i = 0; i < ARRAY_LEN(targets); i++)
		if (!strcmp(targets[i]->name, tname))
			t = targets[i];
	if (!t) {
		fprintf(stderr, "isa-gen: unknown target %s\n", tname);
		return 2;
	}
	dis_init(t->isa);

	FILE *groups = open_out(gpath), *cov = open_out(cpath), *mn = mpath ? open_out(mpath) : NULL;
	static unsigned char all[MNEMONICS_MAX];
	int total = 0;
	fprintf(cov, "# ISA coverage, target %s: Capstone mnemonics exercised per group\n", t->name);
	for (int g = 0; g < t->ngroups; g++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s.S", dir, t->groups[g].name);
		struct out o;
		FILE *f = open_out(path);
		rng_seed(t->groups[g].name);
		t->begin(&o, f, t->groups[g].name);
		t->groups[g].make(&o);
		t->end(&o);
		close_out(f, path);
		snprintf(path, sizeof path, "%s/%s.vfp", dir, t->groups[g].name);
		remove(path);
		if (o.vfp)
			close_out(open_out(path), path);
		fprintf(groups, "%s\n", t->groups[g].name);

		int nm = 0;
		for (unsigned id = 1; id < sizeof o.seen; id++)
			nm += o.seen[id] != 0;
		fprintf(cov, "%s: %d vectors, %d mnemonics:", t->groups[g].name, o.n, nm);
		for (unsigned id = 1; id < sizeof o.seen; id++)
			if (o.seen[id]) {
				fprintf(cov, " %s", dis_name(id));
				all[id] |= o.seen[id];
				for (int st = 0; mn && st < 2; st++)
					if (o.seen[id] >> st & 1)
						fprintf(mn, "tested %s %s %s\n", t->groups[g].name,
							t->isa != ISA_ARM ? "mips" : st ? "thumb" : "arm", dis_name(id));
			}
		fprintf(cov, "\n");
		total += o.n;
	}
	int nm = 0, na = 0, nt = 0;
	for (unsigned id = 1; id < sizeof all; id++) {
		nm += all[id] != 0;
		na += all[id] & 1;
		nt += all[id] >> 1;
	}
	fprintf(cov, "total: %d groups, %d vectors, %d distinct mnemonics", t->ngroups, total, nm);
	if (t->isa == ISA_ARM)
		fprintf(cov, " (%d in ARM state, %d in Thumb state)", na, nt);
	fprintf(cov, "\n");
	if (mn) {
		probe_write(mn);
		close_out(mn, mpath);
	}
	close_out(groups, gpath);
	close_out(cov, cpath);
	return 0;
}
