/* The slow paths of guest memory access: faults, address errors and the
 * kernel's unaligned fix-up. User mode may only address xuseg below
 * 2^SEGBITS (42 on the reference CPU model); anything above, including the
 * kernel segments, is an address error like a misaligned access. */
#include "cpu/mips/mips_internal.h"

#define MIPS_SEGBITS 42

static bool address_error(struct mips_cpu *cpu, uint64_t a)
{
	cpu->mem->fault = GF_ALIGN;
	cpu->mem->fault_addr = a;
	return false;
}

bool mips_check(struct mips_cpu *cpu, uint64_t a, unsigned size, unsigned need, bool align)
{
	if ((align && (a & (size - 1))) || a >> MIPS_SEGBITS)
		return address_error(cpu, a);
	return gmem_check(cpu->mem, a, size, need);
}

bool mips_fetch(struct mips_cpu *cpu, uint64_t a, uint32_t *insn)
{
	if (!mips_check(cpu, a, 4, GP_X, true))
		return false;
	*insn = (uint32_t)mips_peek(cpu->mem, a, 4);
	return true;
}

bool mips_load_slow(struct mips_cpu *cpu, uint64_t a, unsigned size, uint64_t *v)
{
	if (!mips_check(cpu, a, size, GP_R, !cpu->fix_unaligned))
		return false;
	if (!(a & (size - 1))) {
		*v = mips_peek(cpu->mem, a, size);
		return true;
	}
	const uint8_t *p = gmem_host(cpu->mem, a);
	uint64_t x = 0;
	for (unsigned i = 0; i < size; i++)
		x |= (uint64_t)p[i] << 8 * (cpu->mem->big_endian ? size - 1 - i : i);
	*v = x;
	return true;
}

bool mips_store_slow(struct mips_cpu *cpu, uint64_t a, unsigned size, uint64_t v)
{
	if (!mips_check(cpu, a, size, GP_W, !cpu->fix_unaligned))
		return false;
	if (!(a & (size - 1))) {
		mips_poke(cpu->mem, a, size, v);
		return true;
	}
	uint8_t *p = gmem_host(cpu->mem, a);
	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> 8 * (cpu->mem->big_endian ? size - 1 - i : i));
	return true;
}
