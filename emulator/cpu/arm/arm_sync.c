/* Synchronisation primitives: SWP/SWPB and the exclusive loads and stores
 * (word, and the ARMv6K byte, halfword and doubleword forms). The monitor
 * is tagged with the exact address and the value read: a store-exclusive
 * succeeds by a host compare-and-swap against that value, so guest threads
 * running as host threads stay atomic, and an ordinary store in between
 * makes it fail as on the guest. A failing store-exclusive accesses
 * nothing, so it takes no alignment fault; the other accesses need
 * natural alignment even with SCTLR.U set, which also makes the host
 * atomics aligned. */
#include "cpu/arm/arm_exec.h"

/* A value of size bytes as the bytes in guest memory read as a host
 * (little-endian) integer, and back: the data byte order is per word. */
static uint64_t to_mem(const struct arm_cpu *cpu, uint64_t v, unsigned size)
{
	if (!arm_swap_data(cpu))
		return v;
	switch (size) {
	case 1: return v;
	case 2: return __builtin_bswap16((uint16_t)v);
	case 4: return __builtin_bswap32((uint32_t)v);
	default: return (uint64_t)__builtin_bswap32((uint32_t)(v >> 32)) << 32 | __builtin_bswap32((uint32_t)v);
	}
}

static uint64_t atomic_load(const struct arm_cpu *cpu, uint32_t a, unsigned size)
{
	void *p = gmem_host(cpu->mem, a);
	switch (size) {
	case 1: return to_mem(cpu, __atomic_load_n((uint8_t *)p, __ATOMIC_SEQ_CST), 1);
	case 2: return to_mem(cpu, __atomic_load_n((uint16_t *)p, __ATOMIC_SEQ_CST), 2);
	case 4: return to_mem(cpu, __atomic_load_n((uint32_t *)p, __ATOMIC_SEQ_CST), 4);
	default: return to_mem(cpu, __atomic_load_n((uint64_t *)p, __ATOMIC_SEQ_CST), 8);
	}
}

static bool atomic_cas(struct arm_cpu *cpu, uint32_t a, unsigned size, uint64_t old, uint64_t new)
{
	void *p = gmem_host(cpu->mem, a);
	uint64_t o = to_mem(cpu, old, size), n = to_mem(cpu, new, size);
	switch (size) {
	case 1: {
		uint8_t e = (uint8_t)o;
		return __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	}
	case 2: {
		uint16_t e = (uint16_t)o;
		return __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	}
	case 4: {
		uint32_t e = (uint32_t)o;
		return __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	}
	default:
		return __atomic_compare_exchange_n((uint64_t *)p, &o, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	}
}

static int swap(struct arm_cpu *cpu, uint32_t insn, bool byte)
{
	uint32_t a = cpu->r[(insn >> 16) & 15], v = arm_reg(cpu, insn & 15), old;

	if (!byte && (a & 3))
		return arm_align_stop(cpu, insn, a);
	if (!gmem_check(cpu->mem, a, byte ? 1 : 4, GP_R | GP_W))
		return arm_fault(cpu, insn);
	void *p = gmem_host(cpu->mem, a);
	if (byte)
		old = __atomic_exchange_n((uint8_t *)p, (uint8_t)v, __ATOMIC_SEQ_CST);
	else
		old = (uint32_t)to_mem(cpu, __atomic_exchange_n((uint32_t *)p, (uint32_t)to_mem(cpu, v, 4),
								__ATOMIC_SEQ_CST), 4);
	cpu->r[(insn >> 12) & 15] = old;
	return arm_next(cpu);
}

/* Access size in bytes of LDREX/STREX (op bits 22:21): word, double, byte, half. */
static const uint8_t excl_size[4] = { 4, 8, 1, 2 };

static int load_excl(struct arm_cpu *cpu, uint32_t insn, uint32_t a, unsigned size)
{
	unsigned rt = (insn >> 12) & 15;

	if (size == 8 && ((rt & 1) || rt == 14))
		return arm_undef(cpu, insn);
	if (!gmem_check(cpu->mem, a, size, GP_R))
		return arm_fault(cpu, insn);
	uint64_t v = atomic_load(cpu, a, size);
	cpu->excl_valid = true;
	cpu->excl_addr = a;
	cpu->excl_val = v;
	cpu->r[rt] = (uint32_t)v;
	if (size == 8)
		cpu->r[rt + 1] = (uint32_t)(v >> 32);
	return arm_next(cpu);
}

static int fail_excl(struct arm_cpu *cpu, unsigned rd)
{
	cpu->excl_valid = false;
	cpu->r[rd] = 1;
	return arm_next(cpu);
}

static int store_excl(struct arm_cpu *cpu, uint32_t insn, uint32_t a, unsigned size)
{
	unsigned rd = (insn >> 12) & 15, rt = insn & 15;
	uint32_t v = cpu->r[rt];

	if (size == 8 && ((rt & 1) || rt == 14))
		return arm_undef(cpu, insn);
	if (!cpu->excl_valid || cpu->excl_addr != a)
		return fail_excl(cpu, rd);
	if (a & (size - 1))
		return arm_align_stop(cpu, insn, a);
	if (!gmem_check(cpu->mem, a, size, GP_R | GP_W))
		return arm_fault(cpu, insn);
	uint64_t new = size == 8 ? (uint64_t)cpu->r[rt + 1] << 32 | v : v;
	if (!atomic_cas(cpu, a, size, cpu->excl_val, new))
		return fail_excl(cpu, rd);
	cpu->excl_valid = false;
	cpu->r[rd] = 0;
	return arm_next(cpu);
}

/* cond 0001 op Rn Rt/Rd 1111/0000 1001 Rt/Rt2 */
int arm_exec_sync(struct arm_cpu *cpu, uint32_t insn)
{
	unsigned op = (insn >> 20) & 15;

	/* Fixed fields: SWP bits 11:8 zero, LDREX bits 11:8 and 3:0 ones,
	 * STREX bits 11:8 ones. */
	if (op == 0 || op == 4) {
		if (insn & 0xf00)
			return arm_undef(cpu, insn);
		return swap(cpu, insn, op == 4);
	}
	if (!(op & 8) || (insn & 0xf00) != 0xf00 || ((op & 1) && (insn & 15) != 15))
		return arm_undef(cpu, insn);
	/* The PC as Rt or status register is UNPREDICTABLE: undefined on the
	 * guest CPU. */
	if (((insn >> 12) & 15) == 15 || (!(op & 1) && (insn & 15) == 15))
		return arm_undef(cpu, insn);
	unsigned size = excl_size[(op >> 1) & 3];
	uint32_t a = cpu->r[(insn >> 16) & 15];
	if (!(op & 1))
		return store_excl(cpu, insn, a, size);
	if (a & (size - 1))
		return arm_align_stop(cpu, insn, a);
	return load_excl(cpu, insn, a, size);
}
