/* Integer loads and stores: every width, the unaligned-access pairs
 * LWL/LWR/LDL/LDR/SWL/SWR/SDL/SDR, LL/SC/LLD/SCD, PREF. */
#include "cpu/mips/mips_internal.h"

static int fault(struct mips_cpu *cpu, uint32_t insn) { return mips_stop(cpu, insn, MIPS_STOP_FAULT); }

#define LOAD(name, size, conv)                                          \
	static int name(struct mips_cpu *cpu, uint32_t insn)            \
	{                                                               \
		uint64_t v;                                             \
		if (!mips_load(cpu, mips_ea(cpu, insn), size, &v))      \
			return fault(cpu, insn);                        \
		cpu->r[RT(insn)] = (conv);                              \
		return mips_next(cpu);                                  \
	}

LOAD(lb, 1, (uint64_t)(int64_t)(int8_t)v)
LOAD(lbu, 1, v)
LOAD(lh, 2, (uint64_t)(int64_t)(int16_t)v)
LOAD(lhu, 2, v)
LOAD(lw, 4, sx32(v))
LOAD(lwu, 4, v)
LOAD(ld, 8, v)

#define STORE(name, size)                                                       \
	static int name(struct mips_cpu *cpu, uint32_t insn)                    \
	{                                                                       \
		if (!mips_store(cpu, mips_ea(cpu, insn), size, cpu->r[RT(insn)])) \
			return fault(cpu, insn);                                \
		return mips_next(cpu);                                          \
	}

STORE(sb, 1)
STORE(sh, 2)
STORE(sw, 4)
STORE(sd, 8)

/* The partial forms work on the aligned unit holding the address. A
 * "left" access moves the unit's bytes from the address on into the most
 * significant end of the register: shifted by s bytes, where s is the
 * offset in big-endian order and its complement in little-endian order;
 * a "right" access the other way round. */
static unsigned left_shift(const struct mips_cpu *cpu, uint64_t a, unsigned size)
{
	unsigned off = a & (size - 1);
	return 8 * (cpu->mem->big_endian ? off : size - 1 - off);
}

static unsigned right_shift(const struct mips_cpu *cpu, uint64_t a, unsigned size)
{
	unsigned off = a & (size - 1);
	return 8 * (cpu->mem->big_endian ? size - 1 - off : off);
}

static uint64_t ones(unsigned size) { return size == 8 ? ~0ull : (1ull << 8 * size) - 1; }

static int partial(struct mips_cpu *cpu, uint32_t insn, unsigned size, bool left, bool store)
{
	uint64_t a = mips_ea(cpu, insn), unit = a & ~(uint64_t)(size - 1);
	uint64_t full = ones(size), reg = cpu->r[RT(insn)] & full;
	unsigned s = left ? left_shift(cpu, a, size) : right_shift(cpu, a, size);

	/* The kernel reports the effective address, not the unit's. */
	if (!mips_check(cpu, unit, size, store ? GP_W : GP_R, true)) {
		cpu->mem->fault_addr = a;
		return fault(cpu, insn);
	}
	uint64_t m = mips_peek(cpu->mem, unit, size), v;
	if (store) {
		if (left)
			v = (m & ~(full >> s)) | reg >> s;
		else
			v = (m & ~(full << s) & full) | ((reg << s) & full);
		mips_poke(cpu->mem, unit, size, v);
	} else {
		if (left)
			v = ((m << s) & full) | (reg & ((1ull << s) - 1));
		else
			v = m >> s | (reg & ~(full >> s) & full);
		cpu->r[RT(insn)] = size == 4 ? sx32(v) : v;
	}
	return mips_next(cpu);
}

static int lwl(struct mips_cpu *cpu, uint32_t insn) { return partial(cpu, insn, 4, true, false); }
static int lwr(struct mips_cpu *cpu, uint32_t insn) { return partial(cpu, insn, 4, false, false); }
static int ldl(struct mips_cpu *cpu, uint32_t insn) { return partial(cpu, insn, 8, true, false); }
static int ldr(struct mips_cpu *cpu, uint32_t insn) { return partial(cpu, insn, 8, false, false); }
static int swl(struct mips_cpu *cpu, uint32_t insn) { return partial(cpu, insn, 4, true, true); }
static int swr(struct mips_cpu *cpu, uint32_t insn) { return partial(cpu, insn, 4, false, true); }
static int sdl(struct mips_cpu *cpu, uint32_t insn) { return partial(cpu, insn, 8, true, true); }
static int sdr(struct mips_cpu *cpu, uint32_t insn) { return partial(cpu, insn, 8, false, true); }

/* LL/SC: the link holds the address and the value read; SC succeeds by a
 * host compare-and-swap against that value. An SC to another address
 * fails without accessing memory. */
static int load_linked(struct mips_cpu *cpu, uint32_t insn, unsigned size)
{
	uint64_t a = mips_ea(cpu, insn);
	if (!mips_check(cpu, a, size, GP_R, true))
		return fault(cpu, insn);
	uint64_t v = size == 4 ? __atomic_load_n((uint32_t *)gmem_host(cpu->mem, a), __ATOMIC_SEQ_CST)
			       : __atomic_load_n((uint64_t *)gmem_host(cpu->mem, a), __ATOMIC_SEQ_CST);
	cpu->ll_valid = true;
	cpu->ll_addr = a;
	cpu->ll_val = v;
	if (cpu->mem->big_endian)
		v = size == 4 ? __builtin_bswap32((uint32_t)v) : __builtin_bswap64(v);
	cpu->r[RT(insn)] = size == 4 ? sx32(v) : v;
	return mips_next(cpu);
}

static int store_cond(struct mips_cpu *cpu, uint32_t insn, unsigned size)
{
	uint64_t a = mips_ea(cpu, insn), v = cpu->r[RT(insn)];
	bool ok = false;

	if (cpu->ll_valid && a == cpu->ll_addr) {
		cpu->ll_valid = false;
		if (!mips_check(cpu, a, size, GP_W, true))
			return fault(cpu, insn);
		void *p = gmem_host(cpu->mem, a);
		if (size == 4) {
			uint32_t old = (uint32_t)cpu->ll_val, new = (uint32_t)v;
			if (cpu->mem->big_endian)
				new = __builtin_bswap32(new);
			ok = __atomic_compare_exchange_n((uint32_t *)p, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
		} else {
			uint64_t old = cpu->ll_val;
			if (cpu->mem->big_endian)
				v = __builtin_bswap64(v);
			ok = __atomic_compare_exchange_n((uint64_t *)p, &old, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
		}
	}
	cpu->r[RT(insn)] = ok;
	return mips_next(cpu);
}

static int ll(struct mips_cpu *cpu, uint32_t insn) { return load_linked(cpu, insn, 4); }
static int lld(struct mips_cpu *cpu, uint32_t insn) { return load_linked(cpu, insn, 8); }
static int sc(struct mips_cpu *cpu, uint32_t insn) { return store_cond(cpu, insn, 4); }
static int scd(struct mips_cpu *cpu, uint32_t insn) { return store_cond(cpu, insn, 8); }

/* Prefetches are hints: they never fault. */
static int pref(struct mips_cpu *cpu, uint32_t insn)
{
	(void)insn;
	return mips_next(cpu);
}

static const struct {
	uint16_t index;
	mips_handler h;
} handlers[] = {
	{ 26, ldl }, { 27, ldr }, { 32, lb }, { 33, lh }, { 34, lwl }, { 35, lw }, { 36, lbu }, { 37, lhu },
	{ 38, lwr }, { 39, lwu }, { 40, sb }, { 41, sh }, { 42, swl }, { 43, sw }, { 44, sdl }, { 45, sdr },
	{ 46, swr }, { 48, ll }, { 51, pref }, { 52, lld }, { 55, ld }, { 56, sc }, { 60, scd }, { 63, sd },
};

void mips_ldst_init(mips_handler *t)
{
	for (unsigned i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
		t[handlers[i].index] = handlers[i].h;
}
