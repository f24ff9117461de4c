/* FPU loads and stores that take an address error. Linux's do_ade hands
 * them (misaligned, or at or above XKSSEG) to its FPU emulator
 * (arch/mips/math-emu/cp1emu.c), whose own checks pick the signal that
 * process_fpemu_return sends: access_ok failing (an address at or above
 * XKSSEG, TASK_SIZE_MAX) is SIGBUS BUS_ADRERR, a fault of the emulated
 * access SIGSEGV with SEGV_ACCERR inside a mapping (vma_lookup) or
 * SEGV_MAPERR, both with the address; LUXC1/SUXC1, which fpux_emu does not
 * know, SIGILL from force_sig. Addresses from the CPU's segment bits up to
 * XKSSEG never reach the emulator: do_ade sends SIGBUS itself, as for a
 * misaligned address equal to the EPC. */
#include "os/linux/mips_linux.h"

#define XKSSEG 0x4000000000000000ull
#define SEGBITS 42
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRERR 2

/* Width of each FPU access by opcode (LWC1 LDC1 SWC1 SDC1) and by COP1X
 * function (LWXC1 LDXC1 LUXC1 SWXC1 SDXC1 SUXC1). */
static const uint8_t op_width[64] = { [0x31] = 4, [0x35] = 8, [0x39] = 4, [0x3d] = 8 };
static const uint8_t x_width[64] = { [0x00] = 4, [0x01] = 8, [0x05] = 8, [0x08] = 4, [0x09] = 8, [0x0d] = 8 };

bool mips_fpemu_fault(struct linux_proc *p, const struct mips_cpu *cpu)
{
	uint32_t insn = cpu->insn, fn = insn & 63;
	uint64_t rs = cpu->r[(insn >> 21) & 31], ea;
	unsigned width;
	bool unaligned_x = false;
	if (op_width[insn >> 26]) {
		width = op_width[insn >> 26];
		ea = rs + (uint64_t)(int64_t)(int16_t)insn;
	} else if (insn >> 26 == 0x13 && x_width[fn]) {
		width = x_width[fn];
		ea = rs + cpu->r[(insn >> 16) & 31];
		unaligned_x = fn == 0x05 || fn == 0x0d;
		if (unaligned_x)
			ea &= ~7ull;
	} else {
		return false;
	}
	/* do_ade takes a misaligned address equal to the EPC for a fault
	 * fetching the instruction: SIGBUS from force_sig. */
	if ((ea & (width - 1)) && ea == cpu->stop_pc) {
		linux_signal_fault(p, MIPS_SIGBUS, LINUX_SI_KERNEL, 0);
		return true;
	}
	if (p->mem.fault != GF_ALIGN) {
		/* a page fault inside the emulated misaligned access */
		if (!(ea & (width - 1)))
			return false;
		bool mapped = ea < p->mem.size && (gmem_perm(&p->mem, ea >> GPAGE_SHIFT) & GP_MAPPED);
		linux_signal_fault(p, MIPS_SIGSEGV, mapped ? SEGV_ACCERR : SEGV_MAPERR, ea);
		return true;
	}
	if (!cpu->fix_unaligned || (ea >> SEGBITS && ea < XKSSEG))
		return false;
	if (unaligned_x)
		linux_signal_fault(p, MIPS_SIGILL, LINUX_SI_KERNEL, 0);
	else
		linux_signal_fault(p, MIPS_SIGBUS, BUS_ADRERR, ea);
	return true;
}
