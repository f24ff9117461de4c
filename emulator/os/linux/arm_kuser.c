/* The ARM vectors page (0xffff0000) as user space sees it: the words the
 * guest kernel (Linux 6.1, ARMv6K, no SMP, CONFIG_KUSER_HELPERS) puts
 * there, from arch/arm/kernel/entry-armv.S as it assembles for that
 * configuration (the .vectors section and __kuser_helper_start..end of
 * its vmlinux; early_trap_init and kuser_init in traps.c place them):
 * the vector table, the kernel user helpers at the top
 * (Documentation/arm/kernel_user_helpers.rst), padded with the poison
 * word. The CPU runs the helpers like any guest code; the vector table
 * branches into the stubs page at 0xffff1000, which user space cannot
 * reach. */
#include "os/linux/arm_linux.h"

struct code_word {
	uint32_t off;   /* offset in the page */
	uint32_t insn;
};

static const struct code_word kuser_code[] = {
	/* __vectors_start: branches to the stubs (layout of this kernel) */
	{ 0x000, 0xea0003ff }, /* b       vector_rst (0xffff1004) */
	{ 0x004, 0xea000465 }, /* b       vector_und (0xffff11a0) */
	{ 0x008, 0xe59ffff0 }, /* ldr     pc, [pc, #4080] (vector_swi's address) */
	{ 0x00c, 0xea000443 }, /* b       vector_pabt (0xffff1120) */
	{ 0x010, 0xea000422 }, /* b       vector_dabt (0xffff10a0) */
	{ 0x014, 0xea000481 }, /* b       vector_addrexcptn (0xffff1220) */
	{ 0x018, 0xea000400 }, /* b       vector_irq (0xffff1020) */
	{ 0x01c, 0xea000487 }, /* b       vector_fiq (0xffff1240) */
	/* __kuser_cmpxchg64 (0xffff0f60), the CONFIG_CPU_32v6K form (its
	 * smp_dmb are empty without SMP): r0 = &oldval, r1 = &newval,
	 * r2 = ptr; r0 = 0 and C set when the store was done. */
	{ 0xf60, 0xe92d00f0 }, /* push    {r4, r5, r6, r7} */
	{ 0xf64, 0xe1c040d0 }, /* ldrd    r4, r5, [r0] */
	{ 0xf68, 0xe1c160d0 }, /* ldrd    r6, r7, [r1] */
	{ 0xf6c, 0xe1b20f9f }, /* 1: ldrexd r0, r1, [r2] */
	{ 0xf70, 0xe0303004 }, /* eors    r3, r0, r4 */
	{ 0xf74, 0x00313005 }, /* eorseq  r3, r1, r5 */
	{ 0xf78, 0x01a23f96 }, /* strexdeq r3, r6, r7, [r2] */
	{ 0xf7c, 0x03330001 }, /* teqeq   r3, #1 */
	{ 0xf80, 0x0afffff9 }, /* beq     1b */
	{ 0xf84, 0xe2730000 }, /* rsbs    r0, r3, #0 */
	{ 0xf88, 0xe8bd00f0 }, /* pop     {r4, r5, r6, r7} */
	{ 0xf8c, 0xe12fff1e }, /* bx      lr */
	/* __kuser_memory_barrier (0xffff0fa0): smp_dmb is empty without SMP.
	 * Guest threads are host threads running at once, so the CPU runs
	 * this return as a full host barrier (arm_cpu.fence_pc): Go's
	 * GOARM=5/6 atomics store and load around it, and TestStoreLoadSeqCst32
	 * saw stores pass loads without. */
	{ 0xfa0, 0xe12fff1e }, /* bx      lr */
	/* __kuser_cmpxchg (0xffff0fc0): r0 = oldval, r1 = newval, r2 = ptr;
	 * ALT_UP(usr_ret lr) ends it. */
	{ 0xfc0, 0xe1923f9f }, /* 1: ldrex r3, [r2] */
	{ 0xfc4, 0xe0533000 }, /* subs    r3, r3, r0 */
	{ 0xfc8, 0x01823f91 }, /* strexeq r3, r1, [r2] */
	{ 0xfcc, 0x03330001 }, /* teqeq   r3, #1 */
	{ 0xfd0, 0x0afffffa }, /* beq     1b */
	{ 0xfd4, 0xe2730000 }, /* rsbs    r0, r3, #0 */
	{ 0xfd8, 0xe12fff1e }, /* bx      lr */
	/* __kuser_get_tls (0xffff0fe0): kuser_init copies the hardware TLS
	 * instruction at 0xffff0fe8 over the first word (the ARM1176 has
	 * TPIDRURO); the software TLS words at 0xff0-0xff8 stay 0. */
	{ 0xfe0, 0xee1d0f70 }, /* mrc     p15, 0, r0, c13, c0, 3 */
	{ 0xfe4, 0xe12fff1e }, /* bx      lr */
	{ 0xfe8, 0xee1d0f70 }, /* mrc     p15, 0, r0, c13, c0, 3 */
	{ 0xff0, 0 }, { 0xff4, 0 }, { 0xff8, 0 },
	/* __kuser_helper_version (0xffff0ffc): helpers from 0xf60 up, one
	 * per 32 bytes. */
	{ 0xffc, 5 },
};

/* Signal return code, the kernel's sigreturn_codes layout. The frame
 * gets two words from index 2*thumb + 3*rt, so the Thumb rt_sigreturn
 * slot takes one word past the code: a filler never executed. */
const uint32_t arm_sigreturn_codes[7] = {
	0xe3a07077, /* mov     r7, #119 (sigreturn) */
	0xef900077, /* svc     0x900077 */
	0xdf002777, /* thumb: movs r7, #119; svc 0 */
	0xe3a070ad, /* mov     r7, #173 (rt_sigreturn) */
	0xef9000ad, /* svc     0x9000ad */
	0xdf0027ad, /* thumb: movs r7, #173; svc 0 */
	0xe7fddef1, /* filler (undefined instruction) */
};

/* Everything else in the page: a permanently undefined instruction
 * (the kernel's poison value for the signal page). */
#define POISON 0xe7fddef1u

int arm_kuser_map(struct gmem *m)
{
	if (gmem_map(m, ARM_VECTORS_PAGE, GPAGE_SIZE, GP_R | GP_W) != 0)
		return -1;
	for (uint32_t off = 0; off < GPAGE_SIZE; off += 4)
		gmem_st32(m, ARM_VECTORS_PAGE + off, POISON);
	for (unsigned i = 0; i < sizeof kuser_code / sizeof kuser_code[0]; i++)
		gmem_st32(m, ARM_VECTORS_PAGE + kuser_code[i].off, kuser_code[i].insn);
	for (unsigned i = 0; i < 6; i++)
		gmem_st32(m, ARM_SIGRETURN_CODE + 4 * i, arm_sigreturn_codes[i]);
	/* The kernel's gate VMA: listed in maps, not part of the mm. */
	struct gvma gate = { .start = ARM_VECTORS_PAGE, .end = ARM_VECTORS_PAGE + GPAGE_SIZE, .kind = GV_SPECIAL,
			     .flags = GV_READ | GV_EXEC | GV_GATE, .file = -1, .name = "[vectors]" };
	if (gvma_insert(m->vmas, &gate) != 0)
		return -1;
	return gmem_protect(m, ARM_VECTORS_PAGE, GPAGE_SIZE, GP_R | GP_X);
}
