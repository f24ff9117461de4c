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

/* Encodings the pattern groups run, the first per mnemonic and state (0:
 * ARM or MIPS, 1: Thumb): a probe group's representative where the
 * random group's rules let it run, since a pattern's encoding is well
 * formed where the enumeration's first find may have should-be-one
 * fields clear (QADD16 with bits 11:8 zero). Groups that aim at odd
 * encodings on purpose are not learnt from. */
static uint32_t known[MNEMONICS_MAX][2];
static unsigned char have_known[MNEMONICS_MAX][2];

void probe_learn(const struct out *o, unsigned id, int state, uint32_t insn)
{
	static const char *const odd[] = { "random_", "undef", "unpred", "mbz", "probe_" };
	for (size_t i = 0; i < ARRAY_LEN(odd); i++)
		if (!strncmp(o->group, odd[i], strlen(odd[i])))
			return;
	if (id < MNEMONICS_MAX && !have_known[id][state]) {
		have_known[id][state] = 1;
		known[id][state] = insn;
	}
}

int probe_known(unsigned id, int state, uint32_t *insn)
{
	if (id >= MNEMONICS_MAX || !have_known[id][state])
		return 0;
	*insn = known[id][state];
	return 1;
}
