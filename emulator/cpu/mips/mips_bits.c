/* Release 2 bit-field and byte-shuffle instructions (SPECIAL3): EXT/INS
 * and their doubleword forms, WSBH/SEB/SEH, DSBH/DSHD, and RDHWR.
 * Field combinations that run past the register are reserved, as the
 * reference CPU model decodes them. */
#define _POSIX_C_SOURCE 200809L
#include <time.h>

#include "cpu/mips/mips_internal.h"

static uint64_t field(unsigned width) { return width >= 64 ? ~0ull : (1ull << width) - 1; }

/* lsb is the sa field, msb the rd field; the D forms add 32 to one of them. */
static int extract(struct mips_cpu *cpu, uint32_t insn, unsigned lsb, unsigned msbd, unsigned limit)
{
	if (lsb + msbd > limit)
		return mips_ri(cpu, insn);
	uint64_t v = (cpu->r[RS(insn)] >> lsb) & field(msbd + 1);
	cpu->r[RT(insn)] = limit == 31 ? sx32(v) : v;
	return mips_next(cpu);
}

static int insert(struct mips_cpu *cpu, uint32_t insn, unsigned lsb, unsigned msb, bool word)
{
	if (lsb > msb)
		return mips_ri(cpu, insn);
	uint64_t mask = field(msb - lsb + 1) << lsb;
	uint64_t v = (cpu->r[RT(insn)] & ~mask) | ((cpu->r[RS(insn)] << lsb) & mask);
	cpu->r[RT(insn)] = word ? sx32(v) : v;
	return mips_next(cpu);
}

static int ext(struct mips_cpu *cpu, uint32_t insn) { return extract(cpu, insn, SA(insn), RD(insn), 31); }
static int dext(struct mips_cpu *cpu, uint32_t insn) { return extract(cpu, insn, SA(insn), RD(insn), 63); }
static int dextm(struct mips_cpu *cpu, uint32_t insn) { return extract(cpu, insn, SA(insn), RD(insn) + 32, 63); }
static int dextu(struct mips_cpu *cpu, uint32_t insn) { return extract(cpu, insn, SA(insn) + 32, RD(insn), 63); }
static int ins(struct mips_cpu *cpu, uint32_t insn) { return insert(cpu, insn, SA(insn), RD(insn), true); }
static int dins(struct mips_cpu *cpu, uint32_t insn) { return insert(cpu, insn, SA(insn), RD(insn), false); }
static int dinsm(struct mips_cpu *cpu, uint32_t insn) { return insert(cpu, insn, SA(insn), RD(insn) + 32, false); }
static int dinsu(struct mips_cpu *cpu, uint32_t insn) { return insert(cpu, insn, SA(insn) + 32, RD(insn) + 32, false); }

static int bshfl(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t t = cpu->r[RT(insn)];
	switch (SA(insn)) {
	case 2: /* WSBH */
		t = sx32(((t & 0xff00ff00u) >> 8) | ((t & 0x00ff00ffu) << 8));
		break;
	case 16: /* SEB */
		t = (uint64_t)(int64_t)(int8_t)t;
		break;
	case 24: /* SEH */
		t = (uint64_t)(int64_t)(int16_t)t;
		break;
	default:
		return mips_ri(cpu, insn);
	}
	cpu->r[RD(insn)] = t;
	return mips_next(cpu);
}

static int dbshfl(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t t = cpu->r[RT(insn)];
	switch (SA(insn)) {
	case 2: /* DSBH */
		t = ((t & 0xff00ff00ff00ff00ull) >> 8) | ((t & 0x00ff00ff00ff00ffull) << 8);
		break;
	case 5: /* DSHD */
		t = t << 48 | (t & 0xffff0000ull) << 16 | (t >> 16 & 0xffff0000ull) | t >> 48;
		break;
	default:
		return mips_ri(cpu, insn);
	}
	cpu->r[RD(insn)] = t;
	return mips_next(cpu);
}

/* Hardware registers Linux enables for user mode on Release 2 (HWREna
 * bits 0-3 and 29): CPU number, SYNCI step, cycle counter and its
 * resolution, UserLocal. */
#define SYNCI_STEP 32
#define CC_RES 2

static uint64_t cycle_count(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return sx32((uint64_t)ts.tv_sec * 100000000u + (uint64_t)ts.tv_nsec / 10);
}

static int rdhwr(struct mips_cpu *cpu, uint32_t insn)
{
	uint64_t v;
	switch (RD(insn)) {
	case 0: v = 0; break;
	case 1: v = SYNCI_STEP; break;
	case 2: v = cycle_count(); break;
	case 3: v = CC_RES; break;
	case 29: v = cpu->ulr; break;
	/* The CPU raises Reserved Instruction and Linux's emulation
	 * (simulate_rdhwr_normal) skips the instruction whatever its
	 * register: rt keeps its value, no signal (random_mips shows it). */
	default: return mips_next(cpu);
	}
	cpu->r[RT(insn)] = v;
	return mips_next(cpu);
}

static const struct {
	uint16_t index;
	mips_handler h;
} handlers[] = {
	{ MIPS_T_SPECIAL3 + 0, ext }, { MIPS_T_SPECIAL3 + 1, dextm }, { MIPS_T_SPECIAL3 + 2, dextu },
	{ MIPS_T_SPECIAL3 + 3, dext }, { MIPS_T_SPECIAL3 + 4, ins }, { MIPS_T_SPECIAL3 + 5, dinsm },
	{ MIPS_T_SPECIAL3 + 6, dinsu }, { MIPS_T_SPECIAL3 + 7, dins }, { MIPS_T_SPECIAL3 + 32, bshfl },
	{ MIPS_T_SPECIAL3 + 36, dbshfl }, { MIPS_T_SPECIAL3 + 59, rdhwr },
};

void mips_bits_init(mips_handler *t)
{
	for (unsigned i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
		t[handlers[i].index] = handlers[i].h;
}
