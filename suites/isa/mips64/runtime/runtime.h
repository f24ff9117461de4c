/* Guest side of the mips64 ISA suite (n64, either byte order): the
 * descriptor layout written by isa-gen (suites/isa/gen/mips64_emit.c) and
 * the runtime's shared pieces. Offsets are used by enter.S. */
#ifndef ISA_RUNTIME_H
#define ISA_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include "../../common/signames.h"

#define WIN_SIZE 0x2100u   /* memory window bytes (gen.h WIN_SIZE) */
#define VEC_MEM  0x1u      /* vector uses the memory window */
#define VEC_FPU  0x2u      /* FCSR is an input and an output */
#define VEC_HILO 0x4u      /* HI and LO are inputs */

struct isa_vec {
	uint64_t gpr[32];      /* inputs of $1-$31; gpr[0]: entry address */
	uint64_t fpr[32];      /* offset 256 */
	uint64_t hi, lo;       /* 512, 520 */
	uint64_t insn;         /* 528: address of the code under test */
	const char *text;      /* 536: "<group> <index> <hex> <disassembly>" */
	uint32_t show, fshow;  /* 544: GPRs and FPRs printed as inputs */
	uint32_t fcsr, flags;  /* 552 */
};

/* What the stub leaves: written by isa_exit (enter.S). */
struct isa_state {
	uint64_t gpr[32];      /* gpr[0] unused */
	uint64_t fpr[32];      /* 256 */
	uint64_t hi, lo;       /* 512, 520 */
	uint32_t fcsr;         /* 528 */
};

extern const struct isa_vec isa_vectors[];
extern const uint32_t isa_nvectors;
extern struct isa_state isa_save;
extern uint8_t isa_win[WIN_SIZE];

void isa_enter(const struct isa_vec *v);

#endif
