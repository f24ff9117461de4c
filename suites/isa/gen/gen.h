/* isa-gen: shared types of the ISA vector generator.
 *
 * A group is a list of encoding patterns. A pattern is a fixed bit value
 * plus fields with constraints; the interpreter (pattern.c) turns each
 * pattern into vectors: an instruction (or a short sequence), input
 * registers and flags, optionally a memory window. The emitter (emit.c)
 * writes each vector as an assembly stub plus a descriptor the guest
 * runtime executes and prints. */
#ifndef ISA_GEN_H
#define ISA_GEN_H

#include <stdint.h>
#include <stdio.h>

/* ---- deterministic random numbers (rng.c) ---- */
void rng_seed(const char *name);
uint32_t rng32(void);
uint32_t rng_below(uint32_t n);
uint32_t pick_operand(void);     /* edge value or random */
uint32_t pick_shift_reg(void);   /* register shift amounts: 0, 32, >32... */
uint32_t pick_imm(unsigned width); /* edges of a width-bit field or random */

/* ---- fields of an encoding pattern ---- */
enum field_kind {
	F_END,
	F_RD,    /* destination register */
	F_RS,    /* source register holding an operand */
	F_RSH,   /* source register holding a shift amount */
	F_RN,    /* memory base register (points into the window) */
	F_RM,    /* memory offset register (bounded value) */
	F_RT,    /* load/store data register */
	F_RTE,   /* even data register of a pair (LDRD/STRD); Rt+1 reserved */
	F_HD,    /* Thumb high-register destination: bits 2:0 plus H1 (bit 7) */
	F_HS,    /* Thumb high-register source: bits 6:3 */
	F_IMM,   /* immediate, edges of its width or random */
	F_SH5,   /* 5-bit shift amount: 0, 1, 31 or random */
	F_BIT,   /* single option bit, random */
	F_ROT,   /* 2-bit extend rotation */
	F_SHT,   /* 2-bit shift type */
};

struct field {
	uint8_t kind, lsb, width;
};

/* Addressing models, so generated addresses stay inside the window. */
enum addr_mode {
	AM_NONE,
	AM_IMM12,   /* ARM LDR/STR: U bit 23, imm12 */
	AM_REGSH,   /* ARM LDR/STR: U bit 23, Rm shifted by imm5/type */
	AM_IMM8,    /* ARM LDRH..: U bit 23, imm4H:imm4L */
	AM_REG,     /* ARM LDRH..: U bit 23, Rm */
	AM_BASE,    /* [Rn] (exclusives, SWP) */
	AM_T_REG,   /* Thumb [Rn, Rm] */
	AM_T_IMM5,  /* Thumb [Rn, #imm5 * size] */
};

#define P_MEM     0x01u  /* uses the memory window */
#define P_UNAL    0x02u  /* base may be unaligned */
#define P_THUMB   0x08u  /* Thumb encoding (16-bit) */
#define P_ALIAS   0x40u  /* source registers may repeat */
#define P_LOAD    0x80u  /* data registers are outputs only */
#define P_SP      0x100u /* SP is an operand of the fixed bits: show it */
#define P_LR      0x200u /* LR likewise */

struct pattern {
	const char *name;    /* short label, e.g. "adds" */
	const char *mnem;    /* Capstone names accepted, space separated */
	uint32_t bits;       /* fixed bits */
	unsigned flags;
	uint8_t am, size;    /* addressing model and access size */
	uint16_t count;      /* vectors to generate */
	struct field f[8];
};

#define FLD(k, l, w) { (k), (l), (w) }

/* Mnemonic numbers (Capstone ids, interned MIPS names) are below this. */
#define MNEMONICS_MAX 4096

/* ---- one vector ---- */
#define MAXCODE 8
#define MAXSLOT 8

struct vec {
	int thumb;                 /* instruction(s) under test are Thumb */
	int ncode;
	uint32_t code[MAXCODE];
	uint8_t csize[MAXCODE];    /* 2 or 4 */
	const char *expect[MAXCODE]; /* Capstone names accepted, NULL: any */
	uint32_t reg[15];
	const char *sym[15];       /* value is sym + reg[i] when set */
	uint32_t psr;              /* NZCVQ and GE inputs */
	uint16_t show;             /* input registers to print */
	uint16_t used;             /* registers the code touches */
	unsigned flags;
	int marker;                /* register slots write, -1 none */
	int nslot;                 /* branch landing slots (after the code) */
	int npre;                  /* of which before the code */
	uint8_t slot_thumb[MAXSLOT];
	int lit;                   /* literal block after the stub */
	int poke_off;              /* window word set to poke_sym, -1 none */
	const char *poke_sym;
	uint32_t poke_add;
	int setend;
	const char *note;          /* appended to the text, e.g. "clrex first" */
	/* VFP vectors (armv6 VFP runtime): D0-D15 and FPSCR inputs, the S
	 * and D registers shown as inputs, outputs printed as D registers. */
	int vfp;
	uint64_t d[16];
	uint32_t fpscr, sshow;
	uint16_t dshow;
	int dview;
};

void vec_init(struct vec *v, int thumb);
void vec_code(struct vec *v, uint32_t insn, int size, const char *expect);
void vec_set(struct vec *v, int r, uint32_t val, int shown);
void vec_win(struct vec *v, int r, uint32_t off, int shown);
int vec_free_reg(const struct vec *v);
/* Layout facts, relative to the code under test (emit.c). */
uint32_t vec_lit_offset(const struct vec *v);
int32_t vec_slot_offset(const struct vec *v, int k);

/* Slot code addresses, usable as vec.sym: "@s<k>" slot k, "@i" the code. */
extern const char *const slot_sym[MAXSLOT];

/* ---- output of one group (emit.c) ---- */
struct out {
	FILE *f;
	const char *group;
	int n;              /* vectors so far */
	char *strings;      /* text of the string table */
	size_t slen, scap;
	char *table;        /* descriptor table */
	size_t tlen, tcap;
	/* coverage: Capstone ids seen, bit 0 in ARM state, bit 1 in Thumb */
	unsigned char seen[MNEMONICS_MAX];
	char *vtable;       /* VFP descriptors (parallel to table) */
	size_t vlen, vcap;
	int vfp;            /* the group needs the VFP runtime */
};

void out_begin(struct out *o, FILE *f, const char *group);
void emit_vec(struct out *o, struct vec *v);
void out_end(struct out *o);

/* ---- Capstone (disasm.c) ---- */
enum isa { ISA_ARM, ISA_MIPS64, ISA_MIPS64EL };
void dis_init(enum isa isa);
/* Disassembles one unit; returns Capstone id (0 when it cannot decode) and
 * writes text ("udf-space" when undecodable). */
unsigned dis(uint32_t insn, int size, int thumb, char *text, size_t cap);
/* MIPS: one word at its link address (branch targets print absolute). */
unsigned dis_mips(uint32_t insn, uint64_t addr, char *text, size_t cap);
/* MIPS: the number standing for a mnemonic (also names Capstone lacks). */
unsigned dis_intern(const char *mnemonic);
const char *dis_name(unsigned id);
int dis_accepts(unsigned id, const char *names);
/* ARM/Thumb, from Capstone's detail: registers r0-r14 an instruction names
 * or implies (bit r), those it addresses memory through (base, and index
 * apart), and whether it may write the PC or is a jump, call, return or
 * system call. Returns the Capstone id, 0 when it cannot decode. */
struct dis_arm_info {
	unsigned regs, addr, index;
	int pc;
};
unsigned dis_arm_info(uint32_t insn, int size, int thumb, struct dis_arm_info *info);

/* ---- patterns ---- */
void run_patterns(struct out *o, const struct pattern *p, int n);

/* ---- candidates of the probe groups (probe.c) ---- */
/* insn is run by the probe group when why is NULL; else why says (one
 * word) why not. */
void probe_note(const char *state, const char *name, uint32_t insn, const char *why);
void probe_write(FILE *f);
struct out;
/* A group's encoding of mnemonic id (state 0: ARM or MIPS, 1: Thumb), and
 * the first one a pattern group ran, if any. */
void probe_learn(const struct out *o, unsigned id, int state, uint32_t insn);
int probe_known(unsigned id, int state, uint32_t *insn);

/* ---- groups of a target ---- */
struct group {
	const char *name;
	void (*make)(struct out *o);
};

struct target {
	const char *name;
	const struct group *groups;
	int ngroups;
	enum isa isa;
	/* Head and tail of a group's source. */
	void (*begin)(struct out *o, FILE *f, const char *group);
	void (*end)(struct out *o);
};

extern const struct target target_armv6, target_mips64, target_mips64el;

/* Window geometry shared with the guest runtime. */
#define WIN_SIZE  0x2100u
#define WIN_BASE  0x1000u   /* default base register offset */

/* ARM B/BL encoding from one code offset to another (vec.c). */
uint32_t arm_b(uint32_t from, uint32_t to, int link);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
