/* Capstone: names every generated encoding and checks it is the intended
 * instruction. */
#include <capstone/capstone.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static csh arm, thumb;

void dis_init(void)
{
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

const char *dis_name(unsigned id)
{
	return cs_insn_name(arm, id);
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
