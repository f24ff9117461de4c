/* Interfaces between the parts of the ARM back end (not for the OS layer).
 * Every exec function returns 0 to continue (ARM-state executors: ARM_NEXT
 * when the caller is to step the PC by one instruction) or an enum
 * arm_stop value, and fills cpu->stop_pc / cpu->insn when it stops. */
#ifndef MIMIC_ARM_INTERNAL_H
#define MIMIC_ARM_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/arm/arm_cpu.h"

/* Condition field check against the current flags (cond 0..14; 15 is the
 * unconditional space and is handled by the decoder). */
bool arm_cond_pass(const struct arm_cpu *cpu, uint32_t cond);

/* ARM state: one instruction at cpu->r[15] (already fetched as insn). On
 * entry r[15] points at the instruction; each executor advances it. */
int arm_exec_arm(struct arm_cpu *cpu, uint32_t insn);
/* Media space: bits[27:25] == 011 and bit[4] == 1 (parallel add/subtract,
 * saturate, pack, extend, reverse, SEL, USAD8, signed dual multiplies,
 * SMMUL family). Condition already checked. */
int arm_exec_media(struct arm_cpu *cpu, uint32_t insn);
/* Thumb state: fetches and executes one Thumb instruction at cpu->r[15]. */
int arm_thumb_step(struct arm_cpu *cpu);
/* Thumb state inside an IT block: runs instructions until one stops (its
 * enum arm_stop is returned, as from arm_thumb_step), or returns 0 once
 * the block has ended, the CPU has left Thumb state or interrupt_request
 * is set. */
int arm_thumb_run(struct arm_cpu *cpu);
/* Thumb state outside IT blocks, over decoded pages (arm_thumb_run.c):
 * runs until a stop (returned, an interrupt request too), or returns 0
 * once the CPU has left Thumb state or an IT instruction has begun a
 * block. */
struct icache;
int arm_thumb_run_decoded(struct arm_cpu *cpu, struct icache *ic);

/* For the block JIT (cpu/jit/arm_jit.c): SVC's executor, which takes a
 * pending interrupt request first; ARM-state blocks run until a stop
 * (returned), a change to Thumb state or an interrupt request (0), or -1
 * when the JIT is off or cannot take pc (the interpreter then runs). */
int arm_svc_checked(struct arm_cpu *cpu, uint32_t insn);
int arm_jit_run(struct arm_cpu *cpu);

/* Registers in an LDM/STM list: the baseline x86-64 host has no POPCNT
 * instruction, and libgcc's count is a call. */
static inline uint32_t arm_list_count(uint32_t list)
{
	list = list - ((list >> 1) & 0x5555u);
	list = (list & 0x3333u) + ((list >> 2) & 0x3333u);
	list = (list + (list >> 4)) & 0x0f0fu;
	return (list + (list >> 8)) & 0x1fu;
}

/* True, with the request taken and stop_pc set to r[15], when
 * interrupt_request is set: the caller stops with ARM_STOP_INTERRUPT. */
static inline bool arm_take_interrupt(struct arm_cpu *cpu)
{
	if (__builtin_expect(!__atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED), 1))
		return false;
	__atomic_store_n(&cpu->interrupt_request, 0, __ATOMIC_RELAXED);
	cpu->stop_pc = cpu->r[15];
	return true;
}

/* Stops with an undefined instruction at the current pc. */
static inline int arm_undef(struct arm_cpu *cpu, uint32_t insn)
{
	cpu->stop_pc = cpu->r[15];
	cpu->insn = insn;
	return ARM_STOP_UNDEF;
}

/* Stops with a data abort; mem->fault/fault_addr say why. */
static inline int arm_fault(struct arm_cpu *cpu, uint32_t insn)
{
	cpu->stop_pc = cpu->r[15];
	cpu->insn = insn;
	return ARM_STOP_FAULT;
}

/* Data accesses honour CPSR.E (SETEND). Guest memory is little-endian for
 * armel, so E=1 means a byte swap of the value. */
static inline bool arm_ld32(struct arm_cpu *cpu, uint32_t a, uint32_t *v)
{
	if (!gmem_ld32(cpu->mem, a, v))
		return false;
	if (cpu->e)
		*v = __builtin_bswap32(*v);
	return true;
}

static inline bool arm_st32(struct arm_cpu *cpu, uint32_t a, uint32_t v)
{
	return gmem_st32(cpu->mem, a, cpu->e ? __builtin_bswap32(v) : v);
}

static inline bool arm_ld16(struct arm_cpu *cpu, uint32_t a, uint16_t *v)
{
	if (!gmem_ld16(cpu->mem, a, v))
		return false;
	if (cpu->e)
		*v = __builtin_bswap16(*v);
	return true;
}

static inline bool arm_st16(struct arm_cpu *cpu, uint32_t a, uint16_t v)
{
	return gmem_st16(cpu->mem, a, cpu->e ? __builtin_bswap16(v) : v);
}

static inline bool arm_ld8(struct arm_cpu *cpu, uint32_t a, uint8_t *v) { return gmem_ld8(cpu->mem, a, v); }
static inline bool arm_st8(struct arm_cpu *cpu, uint32_t a, uint8_t v) { return gmem_st8(cpu->mem, a, v); }

/* Marks an alignment fault at address a (SIGBUS/BUS_ADRALN). */
static inline bool arm_align_fault(struct arm_cpu *cpu, uint32_t a)
{
	cpu->mem->fault = GF_ALIGN;
	cpu->mem->fault_addr = a;
	return false;
}

/* Writes a branch target: bit 0 selects Thumb (BX/BLX/LDR pc interworking). */
static inline void arm_bx(struct arm_cpu *cpu, uint32_t target)
{
	cpu->t = target & 1;
	cpu->r[15] = target & (cpu->t ? ~1u : ~3u);
}

#endif
