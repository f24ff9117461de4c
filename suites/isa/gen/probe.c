/* Candidate mnemonics of the probe groups: every mnemonic Capstone names
 * somewhere in the target's encoding space, with one representative
 * encoding and whether the probe group runs it (or why not). main.c
 * writes them to the MNEMONICS file; harness/coverage reads which of them
 * the real guest runs from the probe groups' baselines. */
#include <stdlib.h>
#include <string.h>

#include "gen.h"

struct candidate {
	const char *state, *name, *why;
	uint32_t insn;
};

static struct candidate cands[MNEMONICS_MAX];
static int ncands;

void probe_note(const char *state, const char *name, uint32_t insn, const char *why)
{
	if (ncands == (int)ARRAY_LEN(cands)) {
		fprintf(stderr, "isa-gen: too many probe candidates\n");
		exit(1);
	}
	cands[ncands++] = (struct candidate){ state, name, why, insn };
}

void probe_write(FILE *f)
{
	for (int i = 0; i < ncands; i++)
		fprintf(f, "candidate %s %s %08x %s\n", cands[i].state, cands[i].name, cands[i].insn,
			cands[i].why ? cands[i].why : "probe");
}
