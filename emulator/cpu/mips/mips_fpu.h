/* FPU helpers shared by the register-transfer and arithmetic parts.
 * Arithmetic runs on the host's SSE unit: each operation loads the guest
 * rounding mode with all host exceptions masked, and the host flags it
 * raised become the FCSR cause bits. mips_run restores the host MXCSR.
 * Loading and reading MXCSR costs more than the operation, so the common
 * case (round to nearest, a finite result far from underflow) skips both
 * and finds inexact by an error-free transformation (mips_fpu_ops.h).
 * The reference FPU uses the legacy NaN encoding (a set top fraction bit
 * marks a signalling NaN) and produces the default NaN for every NaN
 * result, so NaN operands never reach the host. */
#ifndef MIMIC_MIPS_FPU_H
#define MIMIC_MIPS_FPU_H

#include <xmmintrin.h>

#include "cpu/mips/mips_internal.h"

#define FT(i) RT(i)
#define FS(i) RD(i)
#define FD(i) SA(i)

/* FCSR cause/enable/flag bit order. */
enum { FP_I = 1, FP_U = 2, FP_O = 4, FP_Z = 8, FP_V = 16, FP_E = 32 };

#define S_DNAN 0x7fbfffffu
#define D_DNAN 0x7ff7ffffffffffffull

/* Condition code n of the FCSR: bit 23 for 0, 24 + n otherwise. */
static inline unsigned fcc_bit(unsigned cc) { return cc ? 24 + cc : 23; }

static inline bool fcc(const struct mips_cpu *cpu, unsigned cc) { return (cpu->fcsr >> fcc_bit(cc)) & 1; }

static inline uint32_t fpr_s(const struct mips_cpu *cpu, unsigned r) { return (uint32_t)cpu->f[r]; }

/* A single result replaces the low half; the high half stays, as the
 * reference CPU model keeps it. */
static inline void set_fpr_s(struct mips_cpu *cpu, unsigned r, uint32_t v)
{
	cpu->f[r] = (cpu->f[r] & 0xffffffff00000000ull) | v;
}

/* Host MXCSR rounding control for each FCSR.RM (RN, RZ, RP, RM). */
static const unsigned fp_host_rc[4] = { 0x0000, 0x6000, 0x4000, 0x2000 };

static inline void fp_begin_rm(struct mips_cpu *cpu, unsigned rm)
{
	_mm_setcsr(0x1f80u | fp_host_rc[rm & 3]);
	cpu->host_rm = (uint8_t)((rm & 3) + 1);
}
static inline void fp_begin(struct mips_cpu *cpu) { fp_begin_rm(cpu, cpu->fcsr); }

/* Host flags (IE DE ZE OE UE PE) as FCSR bits. */
static inline unsigned fp_flags(void)
{
	unsigned x = _mm_getcsr();
	return (x & 1 ? FP_V : 0) | (x & 4 ? FP_Z : 0) | (x & 8 ? FP_O : 0) | (x & 16 ? FP_U : 0) | (x & 32 ? FP_I : 0);
}

/* Keeps the compiler from moving host arithmetic across the MXCSR
 * accesses: values pass through these between the two. */
#define FP_HIDE(x) __asm__ volatile("" : "+x"(x))

/* Ends an arithmetic operation with cause bits: the cause field is
 * replaced; an enabled cause (or E) stops with SIGFPE before the result
 * is written, otherwise the flags accumulate. Returns 0 to go on. */
int mips_fp_cause(struct mips_cpu *cpu, uint32_t insn, unsigned cause);

void mips_fpu_arith_init(mips_handler *t);
/* Paired-single and its MIPS-3D forms: the PS format, BC1ANY and COP1X
 * entries of t, CVT.PS.S in the S table, CVT.PS.PW in the W/L table. */
void mips_fpu_ps_init(mips_handler *t, mips_handler *s_ops, mips_handler *i_ops);

#endif
