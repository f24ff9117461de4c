/* ARM accesses the kernel decides: VFP loads and stores at addresses that
 * are not word aligned (the ARM1176 faults whatever SCTLR.U says and
 * Linux does not fix coprocessor transfers up), and the vectors page at
 * 0xffff0000 (the kernel's vector table and user helpers; not part of the
 * process's mappings). */
#include "armv6.h"

/* VLDR/VSTR (imm8 words, U set) and VLDM/VSTM/FLDMX/FSTMX: bits, offset
 * words, Capstone names. */
static const struct {
	uint32_t bits;
	const char *name;
} vfp_ops[] = {
	{ 0xed900a00u, "vldr" }, { 0xed900b00u, "vldr" }, { 0xed800a00u, "vstr" }, { 0xed800b00u, "vstr" },
	{ 0xec900a03u, "vldmia" }, { 0xecb00b04u, "vldmia" }, { 0xed300a02u, "vldmdb" },
	{ 0xec800a02u, "vstmia" }, { 0xeca00b04u, "vstmia" }, { 0xed200b02u, "vstmdb" },
	{ 0xec900b05u, "fldmiax" }, { 0xec800b05u, "fstmiax" },
};

static void vfp_one(struct out *o, size_t i, const char *sym, uint32_t at)
{
	struct vec v;
	vec_init(&v, 0);
	int rn = (int)rng_below(13);
	uint32_t insn = vfp_ops[i].bits | (uint32_t)rn << 16 | rng_below(8) << 12;
	if (vfp_ops[i].bits & 0x01000000u && !(vfp_ops[i].bits & 0x00200000u))
		insn |= rng_below(4);  /* VLDR/VSTR: a small word offset */
	vec_set(&v, rn, at, 1);
	v.sym[rn] = sym;
	if (sym)
		v.flags |= P_MEM;
	vec_code(&v, insn, 4, NULL);
	emit_vec(o, &v);
}

void g_vfp_align(struct out *o)
{
	for (size_t i = 0; i < ARRAY_LEN(vfp_ops); i++) {
		/* misaligned in the window, misaligned and unmapped, aligned
		 * and unmapped; loads also aligned in the window (no signal) */
		for (uint32_t k = 1; k < 4; k++)
			vfp_one(o, i, "isa_win", WIN_BASE + k);
		vfp_one(o, i, "isa_win", WIN_BASE + 0x40 + 1 + rng_below(3));
		vfp_one(o, i, NULL, 0x1002);
		vfp_one(o, i, NULL, 0x3001u + rng_below(3));
		vfp_one(o, i, NULL, 0x2000);
		if (vfp_ops[i].bits & 0x00100000u)
			vfp_one(o, i, "isa_win", WIN_BASE);
	}
}

/* One load (or store) of register r at an absolute address. */
static void access(struct out *o, uint32_t at, int store, int byte)
{
	struct vec v;
	vec_init(&v, 0);
	int rn = (int)rng_below(13), rt = (int)rng_below(12);
	if (rt >= rn)
		rt++;
	vec_set(&v, rn, at, 1);
	/* rt is used either way: the exit code must not save through it */
	vec_set(&v, rt, store ? rng32() : v.reg[rt], store);
	vec_code(&v, 0xe5800000u | (store ? 0 : 0x00100000u) | (byte ? 0x00400000u : 0) | (uint32_t)rn << 16 |
		     (uint32_t)rt << 12, 4, NULL);
	emit_vec(o, &v);
}

void g_vectors(struct out *o)
{
	/* the vector table, the words after it, the user helpers */
	for (uint32_t a = 0xffff0000u; a < 0xffff0040u; a += 4)
		access(o, a, 0, 0);
	for (uint32_t a = 0xffff0f60u; a < 0xffff1000u; a += 4)
		access(o, a, 0, 0);
	for (int k = 0; k < 16; k++)
		access(o, 0xffff0040u + 4 * rng_below(0x3c8), 0, 0);
	access(o, 0xffff0ffdu, 0, 1);
	/* stores, and the kernel-only stubs page after it */
	static const uint32_t stores[] = { 0xffff0000u, 0xffff0004u, 0xffff0500u, 0xffff0fc0u, 0xffff0ffcu };
	for (size_t i = 0; i < ARRAY_LEN(stores); i++)
		access(o, stores[i], 1, 0);
	access(o, 0xffff0ffeu, 1, 1);
	access(o, 0xffff1000u, 0, 0);
	access(o, 0xffff1000u, 1, 0);
}
