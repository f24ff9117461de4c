/* Guest side of the ISA suite: the descriptor layout written by isa-gen
 * (suites/isa/gen/emit.c) and the runtime's shared pieces. */
#ifndef ISA_RUNTIME_H
#define ISA_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include "../../common/signames.h"

#define WIN_SIZE 0x2100u   /* memory window bytes (gen.h WIN_SIZE) */
#define VEC_MEM  0x1u      /* vector uses the memory window */

struct isa_vec {
	uint32_t regs[16];     /* r0-r14 inputs, then the entry address */
	uint32_t psr;          /* NZCVQ and GE inputs */
	uint32_t insn;         /* address of the code under test */
	const char *text;      /* "<group> <index> <hex> <disassembly>" */
	uint16_t show;         /* input registers printed */
	uint16_t flags;
	int32_t poke_off;      /* window word given poke_val, -1 none */
	uint32_t poke_val;
};

extern const struct isa_vec isa_vectors[];
extern const uint32_t isa_nvectors;
extern uint32_t isa_save[16];
extern uint8_t isa_win[WIN_SIZE];

void isa_enter(const struct isa_vec *v);

#endif
