/* A small x86-64 encoder for the block translators: the forms they use
 * (register and [base + disp32] / [base + index] operands, immediates,
 * rel32 jumps that can be patched later), written at e->p. The caller
 * checks room before a guest instruction: no form writes more than 16
 * bytes. */
#ifndef MIMIC_X86_EMIT_H
#define MIMIC_X86_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum x86_reg { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };

/* Condition codes (the low nibble of Jcc/SETcc/CMOVcc). */
enum x86_cc { CC_O = 0, CC_B = 2, CC_AE = 3, CC_E = 4, CC_NE = 5, CC_A = 7, CC_S = 8, CC_L = 12, CC_GE = 13, CC_LE = 14, CC_G = 15 };

/* Group-2 shift extensions (C1 /n, D3 /n). */
enum x86_shift { SH_ROL = 0, SH_ROR = 1, SH_RCR = 3, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

struct emit {
	uint8_t *p;
};

static inline void x_byte(struct emit *e, uint8_t b) { *e->p++ = b; }
static inline void x_u32(struct emit *e, uint32_t v) { memcpy(e->p, &v, 4); e->p += 4; }
static inline void x_u64(struct emit *e, uint64_t v) { memcpy(e->p, &v, 8); e->p += 8; }

static inline bool x_fits32(int64_t v) { return v == (int32_t)v; }

/* REX when any bit is needed (or for byte registers 4-7: spl..dil). */
static inline void x_rex(struct emit *e, bool w, unsigned reg, unsigned index, unsigned base, bool force)
{
	uint8_t r = (uint8_t)(0x40 | w << 3 | (reg >> 3) << 2 | (index >> 3) << 1 | (base >> 3));
	if (r != 0x40 || force)
		x_byte(e, r);
}

/* Opcodes are one byte, or two with 0x0f first (given as 0x0fXX). */
static inline void x_opc(struct emit *e, unsigned opc)
{
	if (opc > 0xff)
		x_byte(e, (uint8_t)(opc >> 8));
	x_byte(e, (uint8_t)opc);
}

/* ModRM (and SIB) for [base + disp]. */
static inline void x_mem(struct emit *e, unsigned reg, unsigned base, int32_t disp)
{
	unsigned r = (reg & 7) << 3, b = base & 7;
	if (disp == 0 && b != 5) {
		x_byte(e, (uint8_t)(r | b));
		if (b == 4)
			x_byte(e, 0x24);
	} else if (disp >= -128 && disp <= 127) {
		x_byte(e, (uint8_t)(0x40 | r | b));
		if (b == 4)
			x_byte(e, 0x24);
		x_byte(e, (uint8_t)disp);
	} else {
		x_byte(e, (uint8_t)(0x80 | r | b));
		if (b == 4)
			x_byte(e, 0x24);
		x_u32(e, (uint32_t)disp);
	}
}

/* op reg, [base + disp] (or the store direction, by the opcode). pfx is
 * 0x66 for 16-bit operands, else 0; byte forces a REX for byte registers. */
static inline void x_rm(struct emit *e, uint8_t pfx, bool w, unsigned opc, unsigned reg, unsigned base, int32_t disp)
{
	if (pfx)
		x_byte(e, pfx);
	x_rex(e, w, reg, 0, base, false);
	x_opc(e, opc);
	x_mem(e, reg, base, disp);
}

/* op reg, [base + index] (index is never rsp). */
static inline void x_rx(struct emit *e, uint8_t pfx, bool w, unsigned opc, unsigned reg, unsigned base, unsigned index)
{
	if (pfx)
		x_byte(e, pfx);
	x_rex(e, w, reg, index, base, false);
	x_opc(e, opc);
	if ((base & 7) == 5) {
		x_byte(e, (uint8_t)(0x44 | (reg & 7) << 3));
		x_byte(e, (uint8_t)((index & 7) << 3 | (base & 7)));
		x_byte(e, 0);
	} else {
		x_byte(e, (uint8_t)(0x04 | (reg & 7) << 3));
		x_byte(e, (uint8_t)((index & 7) << 3 | (base & 7)));
	}
}

/* op reg, rm (both registers). */
static inline void x_rr(struct emit *e, bool w, unsigned opc, unsigned reg, unsigned rm)
{
	x_rex(e, w, reg, 0, rm, false);
	x_opc(e, opc);
	x_byte(e, (uint8_t)(0xc0 | (reg & 7) << 3 | (rm & 7)));
}

/* Common opcodes, reg <- r/m direction unless noted. */
enum {
	X_ADD = 0x03, X_OR = 0x0b, X_ADC = 0x13, X_SBB = 0x1b, X_AND = 0x23, X_SUB = 0x2b, X_XOR = 0x33, X_CMP = 0x3b,
	X_STORE = 0x89, X_LOAD = 0x8b, X_LEA = 0x8d, X_TEST = 0x85, X_STORE8 = 0x88,
	X_MOVSXD = 0x63, X_MOVZX8 = 0x0fb6, X_MOVZX16 = 0x0fb7, X_MOVSX8 = 0x0fbe, X_MOVSX16 = 0x0fbf,
	X_IMUL = 0x0faf, X_CMP8 = 0x3a, X_XOR8 = 0x32, X_OR8 = 0x0a,
};

/* Group-1 immediate operations (81 /n id). */
enum { G1_ADD = 0, G1_OR = 1, G1_AND = 4, G1_SUB = 5, G1_XOR = 6, G1_CMP = 7 };

static inline void x_alu_imm(struct emit *e, bool w, unsigned ext, unsigned reg, int32_t imm)
{
	x_rex(e, w, 0, 0, reg, false);
	if (imm >= -128 && imm <= 127) {
		x_byte(e, 0x83);
		x_byte(e, (uint8_t)(0xc0 | ext << 3 | (reg & 7)));
		x_byte(e, (uint8_t)imm);
	} else {
		x_byte(e, 0x81);
		x_byte(e, (uint8_t)(0xc0 | ext << 3 | (reg & 7)));
		x_u32(e, (uint32_t)imm);
	}
}

/* cmp qword/dword [base + disp], imm8 */
static inline void x_cmp_mem_imm8(struct emit *e, bool w, unsigned base, int32_t disp, int8_t imm)
{
	x_rex(e, w, 0, 0, base, false);
	x_byte(e, 0x83);
	x_mem(e, G1_CMP, base, disp);
	x_byte(e, (uint8_t)imm);
}

static inline void x_shift_imm(struct emit *e, bool w, unsigned ext, unsigned reg, unsigned n)
{
	x_rex(e, w, 0, 0, reg, false);
	x_byte(e, 0xc1);
	x_byte(e, (uint8_t)(0xc0 | ext << 3 | (reg & 7)));
	x_byte(e, (uint8_t)n);
}

static inline void x_shift_cl(struct emit *e, bool w, unsigned ext, unsigned reg)
{
	x_rex(e, w, 0, 0, reg, false);
	x_byte(e, 0xd3);
	x_byte(e, (uint8_t)(0xc0 | ext << 3 | (reg & 7)));
}

/* bt reg32, bit: CF = the bit */
static inline void x_bt_imm(struct emit *e, unsigned reg, unsigned bit)
{
	x_rex(e, false, 0, 0, reg, false);
	x_byte(e, 0x0f);
	x_byte(e, 0xba);
	x_byte(e, (uint8_t)(0xe0 | (reg & 7)));
	x_byte(e, (uint8_t)bit);
}

/* rol r16, 8: swaps the two bytes of a halfword. */
static inline void x_swap16(struct emit *e, unsigned reg)
{
	x_byte(e, 0x66);
	x_shift_imm(e, false, SH_ROL, reg, 8);
}

static inline void x_bswap(struct emit *e, bool w, unsigned reg)
{
	x_rex(e, w, 0, 0, reg, false);
	x_byte(e, 0x0f);
	x_byte(e, (uint8_t)(0xc8 | (reg & 7)));
}

static inline void x_not(struct emit *e, bool w, unsigned reg)
{
	x_rex(e, w, 0, 0, reg, false);
	x_byte(e, 0xf7);
	x_byte(e, (uint8_t)(0xd0 | (reg & 7)));
}

static inline void x_setcc(struct emit *e, unsigned cc, unsigned reg)
{
	x_rex(e, false, 0, 0, reg, reg >= 4);
	x_byte(e, 0x0f);
	x_byte(e, (uint8_t)(0x90 | cc));
	x_byte(e, (uint8_t)(0xc0 | (reg & 7)));
}

/* setcc byte [base + disp] */
static inline void x_setcc_mem(struct emit *e, unsigned cc, unsigned base, int32_t disp)
{
	x_rex(e, false, 0, 0, base, false);
	x_byte(e, 0x0f);
	x_byte(e, (uint8_t)(0x90 | cc));
	x_mem(e, 0, base, disp);
}

static inline void x_cmov(struct emit *e, unsigned cc, unsigned reg, unsigned rm)
{
	x_rr(e, true, 0x0f40u | cc, reg, rm);
}

/* reg <- imm, in the shortest form. */
static inline void x_mov_imm(struct emit *e, unsigned reg, uint64_t v)
{
	if (v <= 0xffffffffu) {
		x_rex(e, false, 0, 0, reg, false);
		x_byte(e, (uint8_t)(0xb8 | (reg & 7)));
		x_u32(e, (uint32_t)v);
	} else if (x_fits32((int64_t)v)) {
		x_rex(e, true, 0, 0, reg, false);
		x_byte(e, 0xc7);
		x_byte(e, (uint8_t)(0xc0 | (reg & 7)));
		x_u32(e, (uint32_t)v);
	} else {
		x_rex(e, true, 0, 0, reg, false);
		x_byte(e, (uint8_t)(0xb8 | (reg & 7)));
		x_u64(e, v);
	}
}

/* qword [base + disp] <- imm (through rax when it needs 64 bits). */
static inline void x_store_imm(struct emit *e, unsigned base, int32_t disp, uint64_t v)
{
	if (x_fits32((int64_t)v)) {
		x_rex(e, true, 0, 0, base, false);
		x_byte(e, 0xc7);
		x_mem(e, 0, base, disp);
		x_u32(e, (uint32_t)v);
	} else {
		x_mov_imm(e, RAX, v);
		x_rm(e, 0, true, X_STORE, RAX, base, disp);
	}
}

/* byte [base + disp] <- imm */
static inline void x_store_imm8(struct emit *e, unsigned base, int32_t disp, uint8_t v)
{
	x_rex(e, false, 0, 0, base, false);
	x_byte(e, 0xc6);
	x_mem(e, 0, base, disp);
	x_byte(e, v);
}

/* Jumps with a rel32 field; each returns the field's address, for
 * x_patch (the field is relative to its own end). */
static inline uint8_t *x_jmp(struct emit *e)
{
	x_byte(e, 0xe9);
	uint8_t *site = e->p;
	x_u32(e, 0);
	return site;
}

static inline uint8_t *x_jcc(struct emit *e, unsigned cc)
{
	x_byte(e, 0x0f);
	x_byte(e, (uint8_t)(0x80 | cc));
	uint8_t *site = e->p;
	x_u32(e, 0);
	return site;
}

static inline void x_patch(uint8_t *site, const uint8_t *to)
{
	int32_t rel = (int32_t)(to - (site + 4));
	memcpy(site, &rel, 4);
}

static inline void x_jmp_to(struct emit *e, const uint8_t *to) { x_patch(x_jmp(e), to); }
static inline void x_jcc_to(struct emit *e, unsigned cc, const uint8_t *to) { x_patch(x_jcc(e, cc), to); }

/* jmp qword [base + disp] */
static inline void x_jmp_mem(struct emit *e, unsigned base, int32_t disp)
{
	x_rex(e, false, 0, 0, base, false);
	x_byte(e, 0xff);
	x_mem(e, 4, base, disp);
}

static inline void x_call_abs(struct emit *e, const void *fn)
{
	x_mov_imm(e, RAX, (uint64_t)(uintptr_t)fn);
	x_byte(e, 0xff);
	x_byte(e, 0xd0);
}

static inline void x_push(struct emit *e, unsigned reg)
{
	x_rex(e, false, 0, 0, reg, false);
	x_byte(e, (uint8_t)(0x50 | (reg & 7)));
}

static inline void x_pop(struct emit *e, unsigned reg)
{
	x_rex(e, false, 0, 0, reg, false);
	x_byte(e, (uint8_t)(0x58 | (reg & 7)));
}

static inline void x_ret(struct emit *e) { x_byte(e, 0xc3); }

#endif
