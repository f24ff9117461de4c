/* VFP groups' side of the armv6 runtime (built with ISA_VFP, linked only
 * into the groups isa-gen marks as VFP): per vector the VFP registers and
 * FPSCR it starts with, which of them the transcript shows as inputs, and
 * the state the stub leaves. */
#ifndef ISA_VFP_H
#define ISA_VFP_H

#include <stdint.h>

#define VFP_DVIEW 0x1u   /* outputs print as D registers (else S halves) */

struct isa_vfp {
	uint64_t d[16];       /* D0-D15 inputs (S2i low half, S2i+1 high) */
	uint32_t fpscr;       /* FPSCR input */
	uint32_t sshow;       /* S registers printed as inputs */
	uint16_t dshow;       /* D registers printed as inputs */
	uint16_t flags;
};

struct isa_vfp_state {
	uint64_t d[16];
	uint32_t fpscr;
};

/* Parallel to isa_vectors (one entry per vector). */
extern const struct isa_vfp isa_vfp_vectors[];
extern struct isa_vfp_state isa_vfp_save;

/* Loads D0-D15 and FPSCR; the C code between it and isa_enter is
 * soft-float and leaves them alone. */
void isa_vfp_load(const struct isa_vfp *f);

#endif
