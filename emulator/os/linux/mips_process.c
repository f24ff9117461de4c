/* A MIPS64 n64 Linux process: the architecture descriptions (one per byte
 * order), start-up registers, and the loop that runs the CPU and turns its
 * stops into system calls and signals as arch/mips/kernel (scall64-n64.S,
 * traps.c, signal.c do_signal) does. */
#include <elf.h>
#include <stdio.h>

#include "loader/loader.h"
#include "os/common/mips_start.h"
#include "os/linux/abi.h"
#include "os/linux/mips_linux.h"
#include "os/linux/syscall_numbers.h"

/* si_code values (asm-generic, which MIPS shares). */
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRERR  2
#define TRAP_BRKPT  1
#define FPE_INTDIV  1
#define FPE_INTOVF  2
#define FPE_FLTDIV  3
#define FPE_FLTOVF  4
#define FPE_FLTUND  5
#define FPE_FLTRES  6
#define FPE_FLTINV  7
#define FPE_FLTUNK  14

/* BREAK and trap codes with a meaning of their own (asm/break.h). */
#define BRK_OVERFLOW 6
#define BRK_DIVZERO  7
#define BRK_BUG      12
#define BRK_MEMU     514

/* Results that are errors: the kernel's EMAXERRNO. */
#define MIPS_EMAXERRNO 1133
#define MIPS_EINTR     4

/* FCSR cause bits: E (unimplemented), V, Z, O, U, I. */
#define FCSR_CAUSE_E (1u << 17)
#define FCSR_CAUSE_V (1u << 16)
#define FCSR_CAUSE_Z (1u << 15)
#define FCSR_CAUSE_O (1u << 14)
#define FCSR_CAUSE_U (1u << 13)
#define FCSR_CAUSE_I (1u << 12)

static const struct loader_target mips64_elf = {
	.elf_class = ELFCLASS64,
	.data = ELFDATA2MSB,
	.machine = EM_MIPS,
	.flags_reject = EF_MIPS_ABI2,
	.prot_implied = GP_R | GP_X,     /* the reference CPU has no RI/XI */
	.task_size = MIPS_TASK_SIZE,
	.dyn_base = 0xaaaaaaa000ull,     /* ELF_ET_DYN_BASE: TASK_SIZE / 3 * 2 */
	.interp_base = 0x5555556000ull,  /* TASK_UNMAPPED_BASE */
};

static const struct loader_target mips64el_elf = {
	.elf_class = ELFCLASS64,
	.data = ELFDATA2LSB,
	.machine = EM_MIPS,
	.flags_reject = EF_MIPS_ABI2,
	.prot_implied = GP_R | GP_X,
	.task_size = MIPS_TASK_SIZE,
	.dyn_base = 0xaaaaaaa000ull,
	.interp_base = 0x5555556000ull,
};

static uint64_t mips_get_sp(struct linux_proc *p) { return mips_cpu_of(p)->r[29]; }
static void mips_set_sp(struct linux_proc *p, uint64_t sp) { mips_cpu_of(p)->r[29] = sp; }

static int mips_cpu_clone(struct linux_proc *p, struct linux_proc *c, uint64_t sp, bool settls, uint64_t tls)
{
	struct mips_cpu *cpu = mips_fork_cpu(mips_cpu_of(p), &c->mem, sp);
	if (!cpu)
		return -1;
	if (settls)
		cpu->ulr = tls;
	c->cpu = cpu;
	c->interrupt = &cpu->interrupt_request;
	return 0;
}

static int mips_start(struct linux_proc *p, uint64_t entry, uint64_t sp)
{
	struct mips_cpu *cpu = mips_start_cpu(&p->mem, entry, sp);
	if (!cpu)
		return -1;
	p->cpu = cpu;
	p->interrupt = &cpu->interrupt_request;
	/* The kernel's default: fix misaligned user loads and stores up. */
	cpu->fix_unaligned = true;
	return mips_sigreturn_map(&p->mem) != 0 ? -1 : 0;
}

/* AT_PLATFORM: none for a generic MIPS64R2 CPU; AT_BASE_PLATFORM names the
 * ISA; AT_HWCAP: MIPS-3D only (the FIR of QEMU's MIPS64R2-generic, the
 * reference CPU, has 3D; Config1/Config3 show no MIPS16, MDMX or DSP); no
 * AT_HWCAP2. */
#define MIPS_HWCAP_MIPS3D (1u << 5)
#define MIPS64_ARCH(arch_name, elf_target, abi_layout)                                            \
	{                                                                                          \
		.name = arch_name, .uname_machine = "mips64", .numbers = linux_sc_numbers_mips_n64, \
		.private_call = NULL, .word_bits = 64, .abi = &abi_layout,                          \
		.impls = mips_sc_impls, .set_sp = mips_set_sp, .get_sp = mips_get_sp,             \
		.cpu_clone = mips_cpu_clone,                                                     \
		.elf = &elf_target, .platform = NULL, .base_platform = "mips64r2",               \
		.has_hwcap2 = false, .hwcap = MIPS_HWCAP_MIPS3D, .hwcap2 = 0,                    \
		.stack_top = MIPS_STACK_TOP,                                                     \
		.mmap_base = 0x5555556000ull, .start = mips_start, .run = mips_process_run,      \
		.signal_frame = mips_signal_frame, .sigreturn = mips_sigreturn,                  \
		.cpuinfo = mips_cpuinfo,                                                         \
		.sig_to_host = mips_sig_to_host, .sig_from_host = mips_sig_from_host,            \
	}

static struct linux_arch mips64 = MIPS64_ARCH("mips64", mips64_elf, linux_abi_mips64);
static struct linux_arch mips64el = MIPS64_ARCH("mips64el", mips64el_elf, linux_abi_mips64el);

static const struct linux_arch *fill(struct linux_arch *a)
{
	/* The generated list's length is a variable, not a constant. */
	a->nnumbers = linux_sc_nnumbers_mips_n64;
	a->sc_base = linux_sc_base_mips_n64;
	a->nimpls = mips_sc_nimpls;
	return a;
}

const struct linux_arch *linux_arch_mips64(void) { return fill(&mips64); }
const struct linux_arch *linux_arch_mips64el(void) { return fill(&mips64el); }

/* Where a system call interrupted by a handler returns with EINTR. */
static void mips_interrupted(struct linux_proc *p, void *ctx)
{
	struct mips_cpu *cpu = mips_cpu_of(p);
	cpu->r[2] = MIPS_EINTR;
	cpu->r[7] = 1;
	cpu->pc = *(const uint64_t *)ctx;
}

/* do_signal / handle_signal. After a system call (nr != 0) that failed
 * with a restart code, the call is set up again (v0 the number, a3 its
 * first value, pc back on the SYSCALL) unless a handler runs that makes
 * it fail with EINTR (linux_signal_deliver). */
static void deliver(struct linux_proc *p, struct mips_cpu *cpu, uint64_t nr, uint64_t orig_a3)
{
	uint64_t continue_pc = cpu->pc;
	long result = nr && cpu->r[7] == 1 && cpu->r[2] < 4096 ? -(long)cpu->r[2] : 0;
	if (linux_is_restart(result)) {
		cpu->r[2] = result == -LINUX_ERESTART_RESTARTBLOCK ? MIPS_NR_restart_syscall : nr;
		cpu->r[7] = orig_a3;
		cpu->pc = continue_pc - 4;
	}
	linux_signal_deliver(p, result, mips_interrupted, &continue_pc);
}

static void syscall_stop(struct linux_proc *p, struct mips_cpu *cpu)
{
	uint64_t nr = cpu->r[2], orig_a3 = cpu->r[7];
	const uint64_t a[6] = { cpu->r[4], cpu->r[5], cpu->r[6], cpu->r[7], cpu->r[8], cpu->r[9] };
	cpu->pc += 4;
	/* The kernel compares all 64 bits: a number above 32 bits is no call. */
	long r = linux_syscall(p, nr > UINT32_MAX ? UINT32_MAX : (unsigned)nr, a);
	/* rt_sigreturn restored every register (pc too): nothing to set. */
	if (nr == MIPS_NR_rt_sigreturn) {
		deliver(p, cpu, 0, 0);
		return;
	}
	if (r < 0 && r >= -MIPS_EMAXERRNO) {
		cpu->r[2] = (uint64_t)-r;
		cpu->r[7] = 1;
	} else {
		cpu->r[2] = (uint64_t)r;
		cpu->r[7] = 0;
	}
	deliver(p, cpu, nr, orig_a3);
}

/* True when the stopped instruction is a misaligned load or store the
 * kernel's address-error handler emulates (arch/mips/kernel/unaligned.c):
 * a fault inside that emulation is a plain SIGSEGV (FPU accesses: mips_fpemu_fault). */
static bool in_unaligned_fixup(const struct mips_cpu *cpu)
{
	static const uint8_t width[64] = {
		[0x21] = 2, [0x25] = 2, [0x23] = 4, [0x27] = 4, [0x37] = 8,  /* LH LHU LW LWU LD */
		[0x29] = 2, [0x2b] = 4, [0x3f] = 8,                          /* SH SW SD */
	};
	uint32_t insn = cpu->insn;
	unsigned w = width[insn >> 26];
	uint64_t ea = cpu->r[(insn >> 21) & 31] + (uint64_t)(int64_t)(int16_t)insn;
	return w && (ea & (w - 1));
}

/* Address errors (misaligned beyond what the kernel fixes up, or outside
 * user space) are SIGBUS from force_sig; TLB faults SIGSEGV with the
 * address, or SIGBUS past the end of a mapped file. */
static void fault(struct linux_proc *p, struct mips_cpu *cpu)
{
	uint64_t addr = p->mem.fault_addr;
	if (mips_fpemu_fault(p, cpu))
		return;
	if (p->mem.fault != GF_ALIGN && in_unaligned_fixup(cpu)) {
		linux_signal_fault(p, MIPS_SIGSEGV, LINUX_SI_KERNEL, 0);
		return;
	}
	switch (p->mem.fault) {
	case GF_ALIGN:
		linux_signal_fault(p, MIPS_SIGBUS, LINUX_SI_KERNEL, 0);
		break;
	case GF_ACCERR:
		if (linux_past_eof(p, addr))
			linux_signal_fault(p, MIPS_SIGBUS, BUS_ADRERR, addr);
		else
			linux_signal_fault(p, MIPS_SIGSEGV, SEGV_ACCERR, addr);
		break;
	default:
		linux_signal_fault(p, MIPS_SIGSEGV, SEGV_MAPERR, addr);
		break;
	}
}

/* do_trap_or_bp: some codes are arithmetic checks (SIGFPE); a BREAK is a
 * breakpoint (TRAP_BRKPT), a trap instruction a plain SIGTRAP. */
static void trap_or_bp(struct linux_proc *p, struct mips_cpu *cpu, uint32_t code, int si_code)
{
	switch (code) {
	case BRK_OVERFLOW:
	case BRK_DIVZERO:
		linux_signal_fault(p, MIPS_SIGFPE, code == BRK_DIVZERO ? FPE_INTDIV : FPE_INTOVF, cpu->stop_pc);
		break;
	case BRK_BUG:
	case BRK_MEMU:
		linux_signal_fault(p, MIPS_SIGTRAP, LINUX_SI_KERNEL, 0);
		break;
	default:
		linux_signal_fault(p, MIPS_SIGTRAP, si_code ? si_code : LINUX_SI_KERNEL, 0);
		break;
	}
}

/* do_bp: old assemblers put the code at bit 16; codes of 10 bits or more
 * are taken as such and their halves swapped. */
static uint32_t break_code(uint32_t raw)
{
	return raw >= (1u << 10) ? ((raw & 0x3ffu) << 10) | (raw >> 10) : raw;
}

/* force_fcr31_sig: the first cause bit set, in the kernel's order. */
static int fpe_code(uint32_t cause)
{
	static const struct { uint32_t bit; int code; } order[] = {
		{ FCSR_CAUSE_V, FPE_FLTINV }, { FCSR_CAUSE_Z, FPE_FLTDIV }, { FCSR_CAUSE_O, FPE_FLTOVF },
		{ FCSR_CAUSE_U, FPE_FLTUND }, { FCSR_CAUSE_I, FPE_FLTRES },
	};
	for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++)
		if (cause & order[i].bit)
			return order[i].code;
	return FPE_FLTUNK;
}

/* do_fpe clears only the enabled cause bits and E (mask_fcr31_x): the
 * hardware's Inexact beside an enabled Overflow stays set. The si_code
 * comes from every cause bit and si_addr is the EPC. Only CTC1 raises E
 * (Unimplemented Operation) here: the kernel then redoes the CTC1 in its
 * FPU emulator, which signals only for an enabled cause left over, with
 * the code from those bits and si_addr 0 (its fault_addr stays unset;
 * the real guest reports 0). */
static void fpe(struct linux_proc *p, struct mips_cpu *cpu)
{
	uint32_t fcsr = cpu->fcsr;
	uint32_t masked = fcsr & ((fcsr & MIPS_FCSR_ENABLES) << 5 | FCSR_CAUSE_E);
	cpu->fcsr = fcsr & ~masked;
	if (!(fcsr & FCSR_CAUSE_E)) {
		linux_signal_fault(p, MIPS_SIGFPE, fpe_code(fcsr), cpu->stop_pc);
		return;
	}
	masked &= ~FCSR_CAUSE_E;
	if (masked) {
		linux_signal_fault(p, MIPS_SIGFPE, fpe_code(masked), 0);
		return;
	}
	cpu->pc = cpu->stop_in_delay ? cpu->branch_target : cpu->stop_pc + 4;
}

void mips_process_run(struct linux_proc *p)
{
	struct mips_cpu *cpu = mips_cpu_of(p);
	for (;;) {
		int stop = mips_run(cpu);
		switch (stop) {
		case MIPS_STOP_SYSCALL:
			syscall_stop(p, cpu);
			continue;
		case MIPS_STOP_RI:
			linux_signal_fault(p, MIPS_SIGILL, LINUX_SI_KERNEL, 0);
			break;
		case MIPS_STOP_FAULT:
			fault(p, cpu);
			break;
		case MIPS_STOP_OVERFLOW:
			linux_signal_fault(p, MIPS_SIGFPE, FPE_INTOVF, cpu->stop_pc);
			break;
		case MIPS_STOP_TRAP:
			trap_or_bp(p, cpu, cpu->code, 0);
			break;
		case MIPS_STOP_BREAK:
			trap_or_bp(p, cpu, break_code(cpu->code), TRAP_BRKPT);
			break;
		case MIPS_STOP_FPE:
			fpe(p, cpu);
			break;
		case MIPS_STOP_INTERRUPT:
			break;
		default:
			fprintf(stderr, "mimic: CPU stopped for an unknown reason %d at 0x%016llx\n", stop,
				(unsigned long long)cpu->stop_pc);
			linux_die(p, MIPS_SIGSEGV);
		}
		deliver(p, cpu, 0, 0);
	}
}
