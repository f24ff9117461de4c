/* Capstone: names every generated encoding and checks it is the intended
 * instruction. */
#include <capstone/capstone.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static csh arm, thumb, mips;
static enum isa current;

/* MIPS: Capstone 4 gives one id to all formats of an FPU operation (add.s,
 * add.d), so MIPS instructions are named by their mnemonic text, interned
 * here; the number stands in for the id. */
static char mnemonics[1024][32];
static unsigned nmnemonics = 1;

unsigned dis_intern(const char *m)
{
	for (unsigned i = 1; i < nmnemonics; i++)
		if (!strcmp(mnemonics[i], m))
			return i;
	if (nmnemonics == ARRAY_LEN(mnemonics) || strlen(m) >= sizeof mnemonics[0]) {
		fprintf(stderr, "isa-gen: too many or too long mnemonics (%s)\n", m);
		exit(1);
	}
	memcpy(mnemonics[nmnemonics], m, strlen(m) + 1);
	return nmnemonics++;
}

void dis_init(enum isa isa)
{
	current = isa;
	if (isa != ISA_ARM) {
		cs_mode m = CS_MODE_MIPS64 | (isa == ISA_MIPS64 ? CS_MODE_BIG_ENDIAN : CS_MODE_LITTLE_ENDIAN);
		if (cs_open(CS_ARCH_MIPS, m, &mips) != CS_ERR_OK) {
			fprintf(stderr, "isa-gen: cannot open Capstone\n");
			exit(1);
		}
		return;
	}
	if (cs_open(CS_ARCH_ARM, CS_MODE_ARM, &arm) != CS_ERR_OK ||
	    cs_open(CS_ARCH_ARM, CS_MODE_THUMB, &thumb) != CS_ERR_OK) {
		fprintf(stderr, "isa-gen: cannot open Capstone\n");
		exit(1);
	}
	/* r9-r12 by number, as the transcript prints registers. */
	cs_option(arm, CS_OPT_SYNTAX, CS_OPT_SYNTAX_NOREGNAME);
	cs_option(thumb, CS_OPT_SYNTAX, CS_OPT_SYNTAX_NOREGNAME);
}

/* Thumb units of size 4 are a pair of halfwords, first one in bits 31:16. */
unsigned dis(uint32_t insn, int size, int is_thumb, char *text, size_t cap)
{
	uint8_t b[4];
	if (is_thumb && size == 4) {
		b[0] = (uint8_t)(insn >> 16); b[1] = (uint8_t)(insn >> 24);
		b[2] = (uint8_t)insn; b[3] = (uint8_t)(insn >> 8);
	} else {
		for (int i = 0; i < 4; i++)
			b[i] = (uint8_t)(insn >> (8 * i));
	}
	cs_insn *ci;
	size_t n = cs_disasm(is_thumb ? thumb : arm, b, (size_t)size, 0, 1, &ci);
	if (n != 1 || ci->size != (uint16_t)size) {
		if (n)
			cs_free(ci, n);
		snprintf(text, cap, "udf-space");
		return 0;
	}
	if (ci->op_str[0])
		snprintf(text, cap, "%s %s", ci->mnemonic, ci->op_str);
	else
		snprintf(text, cap, "%s", ci->mnemonic);
	unsigned id = ci->id;
	cs_free(ci, n);
	return id;
}

/* The word goes to Capstone in the target's byte order, so each byte
 * order's build checks its own decoding. */
unsigned dis_mips(uint32_t insn, uint64_t addr, char *text, size_t cap)
{
	uint8_t b[4];
	for (int i = 0; i < 4; i++)
		b[i] = (uint8_t)(current == ISA_MIPS64 ? insn >> (24 - 8 * i) : insn >> (8 * i));
	cs_insn *ci;
	size_t n = cs_disasm(mips, b, 4, addr, 1, &ci);
	if (n != 1) {
		if (n)
			cs_free(ci, n);
		snprintf(text, cap, "udf-space");
		return 0;
	}
	if (ci->op_str[0])
		snprintf(text, cap, "%s %s", ci->mnemonic, ci->op_str);
	else
		snprintf(text, cap, "%s", ci->mnemonic);
	unsigned id = dis_intern(ci->mnemonic);
	cs_free(ci, n);
	return id;
}

const char *dis_name(unsigned id)
{
	return current == ISA_ARM ? cs_insn_name(arm, id) : mnemonics[id];
}

int dis_accepts(unsigned id, const char *names)
{
	if (!id)
		return strcmp(names, "udf-space") == 0;
	const char *want = dis_name(id);
	size_t len = strlen(want);
	for (const char *p = names; *p;) {
		size_t w = strcspn(p, " ");
		if (w == len && strncmp(p, want, len) == 0)
			return 1;
		p += w;
		p += strspn(p, " ");
	}
	return 0;
}
