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
 * here; the number stands in for the id. In MIPS64 mode Capstone also
 * decodes MSA, DSP and Octeon, which probe_mips meets: some 1500 names, found
 * through a hash table. */
static char mnemonics[MNEMONICS_MAX][32];
static unsigned nmnemonics = 1;
static unsigned short slots[2 * MNEMONICS_MAX];

static unsigned hash(const char *m)
{
	unsigned h = 2166136261u;
	for (; *m; m++)
		h = (h ^ (unsigned char)*m) * 16777619u;
	return h % ARRAY_LEN(slots);
}

unsigned dis_intern(const char *m)
{
	unsigned h = hash(m);
	for (; slots[h]; h = (h + 1) % ARRAY_LEN(slots))
		if (!strcmp(mnemonics[slots[h]], m))
			return slots[h];
	if (nmnemonics == ARRAY_LEN(mnemonics) || strlen(m) >= sizeof mnemonics[0]) {
		fprintf(stderr, "isa-gen: too many or too long mnemonics (%s)\n", m);
		exit(1);
	}
	memcpy(mnemonics[nmnemonics], m, strlen(m) + 1);
	slots[h] = (unsigned short)nmnemonics;
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
static void arm_bytes(uint32_t insn, int size, int is_thumb, uint8_t b[4])
{
	if (is_thumb && size == 4) {
		b[0] = (uint8_t)(insn >> 16); b[1] = (uint8_t)(insn >> 24);
		b[2] = (uint8_t)insn; b[3] = (uint8_t)(insn >> 8);
	} else {
		for (int i = 0; i < 4; i++)
			b[i] = (uint8_t)(insn >> (8 * i));
	}
}

unsigned dis(uint32_t insn, int size, int is_thumb, char *text, size_t cap)
{
	uint8_t b[4];
	arm_bytes(insn, size, is_thumb, b);
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

/* r0-r14 as bits; PC (and anything else) as none. */
static unsigned arm_reg_bit(unsigned reg)
{
	if (reg >= ARM_REG_R0 && reg <= ARM_REG_R12)
		return 1u << (reg - ARM_REG_R0);
	return reg == ARM_REG_SP ? 1u << 13 : reg == ARM_REG_LR ? 1u << 14 : 0;
}

static int is_block_transfer(unsigned id)
{
	static const unsigned ids[] = { ARM_INS_LDM, ARM_INS_LDMDA, ARM_INS_LDMDB, ARM_INS_LDMIB, ARM_INS_STM,
					ARM_INS_STMDA, ARM_INS_STMDB, ARM_INS_STMIB, ARM_INS_PUSH, ARM_INS_POP,
					ARM_INS_SRSDA, ARM_INS_SRSDB, ARM_INS_SRSIA, ARM_INS_SRSIB, ARM_INS_RFEDA,
					ARM_INS_RFEDB, ARM_INS_RFEIA, ARM_INS_RFEIB };
	for (size_t i = 0; i < ARRAY_LEN(ids); i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

unsigned dis_arm_info(uint32_t insn, int size, int is_thumb, struct dis_arm_info *info)
{
	csh h = is_thumb ? thumb : arm;
	uint8_t b[4];
	arm_bytes(insn, size, is_thumb, b);
	memset(info, 0, sizeof *info);
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
	cs_insn *ci;
	size_t n = cs_disasm(h, b, (size_t)size, 0, 1, &ci);
	cs_option(h, CS_OPT_DETAIL, CS_OPT_OFF);
	if (n != 1 || ci->size != (uint16_t)size) {
		if (n)
			cs_free(ci, n);
		return 0;
	}
	const cs_detail *d = ci->detail;
	const cs_arm *a = &d->arm;
	for (int i = 0; i < d->groups_count; i++)
		if (d->groups[i] == ARM_GRP_JUMP || d->groups[i] == ARM_GRP_CALL || d->groups[i] == ARM_GRP_INT ||
		    d->groups[i] == CS_GRP_RET)
			info->pc = 1;
	for (int i = 0; i < d->regs_write_count; i++) {
		info->pc |= d->regs_write[i] == ARM_REG_PC;
		info->regs |= arm_reg_bit(d->regs_write[i]);
	}
	for (int i = 0; i < d->regs_read_count; i++)
		info->regs |= arm_reg_bit(d->regs_read[i]);
	for (int i = 0; i < a->op_count; i++) {
		const cs_arm_op *op = &a->operands[i];
		if (op->type == ARM_OP_REG) {
			info->regs |= arm_reg_bit(op->reg);
			info->pc |= op->reg == ARM_REG_PC && (op->access & CS_AC_WRITE);
			if (i == 0 && is_block_transfer(ci->id))
				info->addr |= arm_reg_bit(op->reg);
		} else if (op->type == ARM_OP_MEM) {
			info->regs |= arm_reg_bit(op->mem.base) | arm_reg_bit(op->mem.index);
			info->addr |= arm_reg_bit(op->mem.base);
			info->index |= arm_reg_bit(op->mem.index);
		}
	}
	/* PUSH and POP address through SP without naming it. */
	if (ci->id == ARM_INS_PUSH || ci->id == ARM_INS_POP)
		info->addr |= 1u << 13, info->regs |= 1u << 13;
	unsigned id = ci->id;
	cs_free(ci, n);
	return id;
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
