/* The mips64 targets (n64, both byte orders from the same tables): vector
 * shape, field kinds of the encoding patterns and the groups. */
#ifndef ISA_MIPS64_H
#define ISA_MIPS64_H

#include "gen.h"

/* Link address of .isa_code (isa.mk): J/JAL targets and the branch targets
 * Capstone prints are absolute. */
#define M_CODE_BASE 0x121a50000ull

/* Field kinds of a MIPS pattern (struct field.kind). */
enum mips_field {
	K_END,
	K_GD,     /* GPR destination */
	K_G64,    /* GPR source, any 64-bit value */
	K_G32,    /* GPR source, a sign-extended 32-bit value */
	K_GSH,    /* GPR source holding a shift amount */
	K_GDS,    /* GPR destination that is also read (MOVN, LWL): shown */
	K_GZ,     /* GPR source, zero half the time (MOVN, TEQI) */
	K_IMM,    /* immediate: edges of its width or random */
	K_SA,     /* 5-bit shift amount */
	K_BASE,   /* memory base register, points into the window */
	K_OFF,    /* 16-bit memory offset, access stays inside the window */
	K_IDX,    /* index register of an indexed FPU access */
	K_FD,     /* FPR destination */
	K_FS,     /* FPR source, value of the pattern's format */
	K_FDS,    /* FPR destination that is also read (MOVN.fmt): shown */
	K_FR,     /* FPR source in COP1X's fr field: never $f8 (Capstone 4.0.2
		   * reads 0x4d000000-like words as COP3 BC3F) */
	K_CC,     /* FP condition code number */
	K_TCODE,  /* 10-bit trap code */
	K_BCODE,  /* 20-bit BREAK code */
	K_HWR,    /* RDHWR hardware register */
};

/* Pattern flags beyond gen.h's P_MEM, P_UNAL, P_LOAD. */
#define MP_FPU   0x1000u  /* FCSR is an input and an output */
#define MP_HILO  0x2000u  /* HI and LO are inputs */
#define MP_FEN   0x4000u  /* FCSR may enable exceptions (SIGFPE) */
#define MP_FCC   0x8000u  /* random condition codes in FCSR */

/* Pattern formats (struct pattern.am): the value class of K_FS sources. */
enum { FM_S = 1, FM_D, FM_W, FM_L, FM_PS };

#define NGPR 32

struct mvec {
	int ncode;
	uint32_t code[MAXCODE];
	const char *expect[MAXCODE];   /* Capstone names; "-": Capstone 4 cannot decode */
	char alt[MAXCODE][48];         /* text when Capstone cannot decode */
	uint64_t gpr[NGPR];
	const char *sym[NGPR];         /* value is sym + gpr[i] when set */
	uint64_t fpr[32];
	uint64_t hi, lo;
	uint32_t fcsr;
	uint32_t used, show, fshow;    /* GPR bits, GPR bits, FPR bits */
	unsigned flags;
	int marker;                    /* register the landing slots write, -1 none */
	int nslot, npre;               /* landing slots; of which before the code */
	int jslot;                     /* J/JAL at code[0] aims at this slot, -1 none */
	const char *note;
};

void mv_init(struct mvec *v);
void mv_code(struct mvec *v, uint32_t insn, const char *expect);
void mv_set(struct mvec *v, int r, uint64_t val, int shown);
void mv_win(struct mvec *v, int r, int64_t off);
int mv_reg(struct mvec *v);              /* a free GPR, now used */
uint64_t pick64(void);                   /* 64-bit operand: edges or random */
uint64_t pick_s32(void);                 /* sign-extended 32-bit operand */
uint64_t pick_fp(int fmt);               /* FPR content of a format */
uint32_t pick_fcsr(unsigned flags);
/* Code offset of landing slot k relative to the code under test. */
int32_t mv_slot_offset(const struct mvec *v, int k);

void mips_begin(struct out *o, FILE *f, const char *group);
void mips_emit(struct out *o, struct mvec *v);
void mips_end(struct out *o);
void mips_patterns(struct out *o, const struct pattern *p, int n);

void g_alu(struct out *o);
void g_alu_imm(struct out *o);
void g_ovf(struct out *o);
void g_shift(struct out *o);
void g_muldiv(struct out *o);
void g_cmov(struct out *o);
void g_r2(struct out *o);
void g_zero(struct out *o);
void g_bitfield(struct out *o);
void g_load(struct out *o);
void g_store(struct out *o);
void g_lwlr(struct out *o);
void g_unaligned(struct out *o);
void g_llsc(struct out *o);
void g_branch_m(struct out *o);
void g_jump(struct out *o);
void g_delay(struct out *o);
void g_trap(struct out *o);
void g_misc(struct out *o);
void g_undef(struct out *o);
void g_fp_arith(struct out *o);
void g_fp_cvt(struct out *o);
void g_fp_cmp(struct out *o);
void g_fp_mov(struct out *o);
void g_fp_madd(struct out *o);
void g_fp_csr(struct out *o);
void g_fp_mem(struct out *o);
void g_fp_adr(struct out *o);
void g_mbz(struct out *o);
void g_fp_ps(struct out *o);
void g_fp_3d(struct out *o);
void g_fp_range(struct out *o);
void g_bc1any(struct out *o);
void g_random_mips(struct out *o);
void g_probe_mips(struct out *o);

/* The random group's rules (mips64_random.c): whether word w may run as a
 * vector, and one vector of it (1: emitted, *emitted the word run). */
int mips_random_ok(uint32_t w);
int mips_random_vector(struct out *o, uint32_t w, uint32_t *emitted);

#endif
