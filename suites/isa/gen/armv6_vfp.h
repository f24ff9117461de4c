/* armv6 VFPv2 groups: shared pieces (armv6_vfp_ops.c). */
#ifndef ISA_ARMV6_VFP_H
#define ISA_ARMV6_VFP_H

#include <string.h>

#include "armv6.h"

#define FPSCR_DN (1u << 25)
#define FPSCR_FZ (1u << 24)
#define FMSTAT 0xeef1fa10u   /* vmrs APSR_nzcv, fpscr */

/* Operand kinds: none, single, double, 32-bit integer in an S register. */
enum { O_NONE, O_S, O_D, O_I };

#define V_DREAD  0x1u   /* the destination is also a source (VMLA...) */
#define V_FMSTAT 0x2u   /* followed by FMSTAT (compares) */

/* A data-processing operation: encoding with register fields clear, the
 * kinds of Vd, Vn, Vm. */
struct vop {
	const char *mnem;
	uint32_t bits;
	uint8_t d, n, m, flags;
	uint16_t count;
};

uint32_t pick_f32(void);
uint64_t pick_f64(void);
uint64_t pick_vfp(int dbl);
uint32_t pick_fpscr(int modes);
/* Register r of a kind in field pos (0: Vd/D, 1: Vn/N, 2: Vm/M). */
uint32_t vfp_field(int r, int kind, int pos);
void vfp_vec_init(struct vec *v, int modes);
void vfp_put(struct vec *v, int kind, int r, uint64_t val, int shown);
void vfp_dp(struct out *o, const struct vop *op);
void vfp_ops(struct out *o, const struct vop *ops, size_t n);

#endif
