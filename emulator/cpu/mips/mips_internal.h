/* Interfaces between the parts of the MIPS back end (not for the OS layer).
 * Every executor takes the instruction at cpu->pc and returns MIPS_NEXT to
 * go on with the next one (pc untouched: the run loop keeps it in a
 * register, out of the memory dependency chain), MIPS_JUMPED after
 * writing a new pc, MIPS_DELAY for a branch, or an enum mips_stop value (pc and the stop fields set
 * by mips_stop). Executors may write r[0]: it is cleared after each one. */
#ifndef MIMIC_MIPS_INTERNAL_H
#define MIMIC_MIPS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cpu/mips/mips_cpu.h"

typedef int (*mips_handler)(struct mips_cpu *cpu, uint32_t insn);

#define RS(i) (((i) >> 21) & 31u)
#define RT(i) (((i) >> 16) & 31u)
#define RD(i) (((i) >> 11) & 31u)
#define SA(i) (((i) >> 6) & 31u)
#define SIMM(i) ((uint64_t)(int64_t)(int16_t)(i))
#define UIMM(i) ((uint64_t)((i) & 0xffffu))

/* 32-bit results live sign-extended in 64-bit registers. */
static inline uint64_t sx32(uint64_t v) { return (uint64_t)(int64_t)(int32_t)v; }

/* MIPS_DELAY: a branch; the run loop runs the delay slot at pc + 4, then
 * goes on at branch_target. */
enum { MIPS_NEXT = 0, MIPS_JUMPED = -1, MIPS_DELAY = -2 };

static inline int mips_next(struct mips_cpu *cpu)
{
	(void)cpu;
	return MIPS_NEXT;
}

/* Ends the run with an exception at the current instruction: EPC is the
 * branch when it sits in a delay slot. */
static inline int mips_stop(struct mips_cpu *cpu, uint32_t insn, int why)
{
	cpu->insn = insn;
	cpu->stop_in_delay = cpu->in_delay;
	if (cpu->in_delay)
		cpu->pc -= 4;
	cpu->stop_pc = cpu->pc;
	return why;
}

static inline int mips_ri(struct mips_cpu *cpu, uint32_t insn) { return mips_stop(cpu, insn, MIPS_STOP_RI); }

/* Decode: handlers are registered in a logical table (the primary opcode,
 * then one slice per secondary field: SPECIAL/SPECIAL2/SPECIAL3/COP1X
 * function, REGIMM rt, COP1 rs). The run loop looks up a flat table
 * indexed by the primary opcode and the function field, built from it:
 * one load, no variable shift. REGIMM and COP1 entries dispatch again. */
enum {
	MIPS_T_SPECIAL = 64,
	MIPS_T_REGIMM = MIPS_T_SPECIAL + 64,
	MIPS_T_SPECIAL2 = MIPS_T_REGIMM + 32,
	MIPS_T_SPECIAL3 = MIPS_T_SPECIAL2 + 64,
	MIPS_T_COP1 = MIPS_T_SPECIAL3 + 64,
	MIPS_T_COP1X = MIPS_T_COP1 + 32,
	MIPS_T_SIZE = MIPS_T_COP1X + 64,
};

extern mips_handler mips_table[MIPS_T_SIZE];
extern mips_handler mips_flat[64 * 64];
void mips_decode_init(void);

static inline int mips_exec(struct mips_cpu *cpu, uint32_t insn)
{
	return mips_flat[(insn >> 20 & 0xfc0) | (insn & 63)](cpu, insn);
}

/* The run loop's parts the block JIT (cpu/jit/mips_jit.c) uses: the stop
 * for an interrupt request, resuming at pc; SYSCALL's executor, which
 * takes a pending interrupt request first; one instruction (a branch with
 * its slot) by the interpreter, 0 or a stop. mips_jit_run runs translated
 * blocks until a stop, or returns -1 when the JIT is off. */
int mips_interrupt(struct mips_cpu *cpu, uint64_t pc);
int mips_syscall_checked(struct mips_cpu *cpu, uint32_t insn);
int mips_interp_step(struct mips_cpu *cpu);
int mips_jit_run(struct mips_cpu *cpu);

/* Each group fills its entries of mips_table. */
void mips_alu_init(mips_handler *t);
void mips_muldiv_init(mips_handler *t);
void mips_branch_init(mips_handler *t);
void mips_ldst_init(mips_handler *t);
void mips_misc_init(mips_handler *t);
void mips_bits_init(mips_handler *t);
void mips_dsp_init(mips_handler *t);
void mips_fpu_init(mips_handler *t);

/* Instruction fetch at a with execute permission; address errors for
 * misaligned or out-of-segment addresses. */
bool mips_fetch(struct mips_cpu *cpu, uint64_t a, uint32_t *insn);

/* A branch at pc: writes the link register (link != 0) and returns
 * MIPS_DELAY with branch_target (pc + 8 when not taken), or MIPS_JUMPED
 * past the slot an untaken likely branch annuls. */
int mips_branch(struct mips_cpu *cpu, uint32_t insn, bool taken, bool likely, unsigned link, uint64_t target);

/* Guest memory. The fast path is an aligned access in a page with the
 * permission; everything else (faults, the unaligned fix-up) goes out of
 * line. Values are in guest byte order. */
bool mips_load_slow(struct mips_cpu *cpu, uint64_t a, unsigned size, uint64_t *v);
bool mips_store_slow(struct mips_cpu *cpu, uint64_t a, unsigned size, uint64_t v);

static inline uint64_t mips_peek(const struct gmem *m, uint64_t a, unsigned size)
{
	const uint8_t *p = m->host + a;
	switch (size) {
	case 1:
		return gmem_raw_ld8(p);
	case 2: {
		uint16_t x = gmem_raw_ld16(p);
		return m->big_endian ? __builtin_bswap16(x) : x;
	}
	case 4: {
		uint32_t x = gmem_raw_ld32(p);
		return m->big_endian ? __builtin_bswap32(x) : x;
	}
	default: {
		uint64_t x = gmem_raw_ld64(p);
		return m->big_endian ? __builtin_bswap64(x) : x;
	}
	}
}

static inline void mips_poke(struct gmem *m, uint64_t a, unsigned size, uint64_t v)
{
	uint8_t *p = m->host + a;
	switch (size) {
	case 1:
		gmem_raw_st8(p, (uint8_t)v);
		break;
	case 2:
		gmem_raw_st16(p, m->big_endian ? __builtin_bswap16((uint16_t)v) : (uint16_t)v);
		break;
	case 4:
		gmem_raw_st32(p, m->big_endian ? __builtin_bswap32((uint32_t)v) : (uint32_t)v);
		break;
	default:
		gmem_raw_st64(p, m->big_endian ? __builtin_bswap64(v) : v);
		break;
	}
}

static inline bool mips_fast(const struct gmem *m, uint64_t a, unsigned size, unsigned need)
{
	return !(a & (size - 1)) && a < m->size && (gmem_perm(m, a >> GPAGE_SHIFT) & gmem_need_mask(need)) == need;
}

static inline bool mips_load(struct mips_cpu *cpu, uint64_t a, unsigned size, uint64_t *v)
{
	if (__builtin_expect(mips_fast(cpu->mem, a, size, GP_R), 1)) {
		*v = mips_peek(cpu->mem, a, size);
		return true;
	}
	return mips_load_slow(cpu, a, size, v);
}

static inline bool mips_store(struct mips_cpu *cpu, uint64_t a, unsigned size, uint64_t v)
{
	if (__builtin_expect(mips_fast(cpu->mem, a, size, GP_W), 1)) {
		mips_poke(cpu->mem, a, size, v);
		return true;
	}
	return mips_store_slow(cpu, a, size, v);
}

/* Checks [a, a+size) for need without the unaligned fix-up: address errors
 * for misalignment (when align) and addresses outside the user segment. */
bool mips_check(struct mips_cpu *cpu, uint64_t a, unsigned size, unsigned need, bool align);

/* Base + offset addressing of loads and stores. */
static inline uint64_t mips_ea(const struct mips_cpu *cpu, uint32_t insn)
{
	return cpu->r[RS(insn)] + SIMM(insn);
}

#endif
