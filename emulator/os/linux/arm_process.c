/* An ARM EABI Linux process: the architecture description, start-up
 * registers, and the loop that runs the CPU and turns its stops into
 * system calls and signals as arch/arm/kernel (entry-common.S, traps.c,
 * signal.c do_signal) does. */
#include <elf.h>
#include <errno.h>
#include <stdio.h>

#include "loader/loader.h"
#include "os/common/arm_start.h"
#include "os/linux/abi.h"
#include "os/linux/arm_deliver.h"
#include "os/linux/arm_linux.h"
#include "os/linux/proc_signal.h"
#include "os/linux/syscall_numbers.h"

/* si_code values (asm-generic). */
#define ILL_ILLOPC  1
#define ILL_ILLTRP  4
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN  1
#define BUS_ADRERR  2
#define TRAP_BRKPT  1

/* HWCAP of an ARM1176 with VFP under Linux 6.1: proc-v6.S gives
 * SWP HALF THUMB FAST_MULT EDSP JAVA TLS, vfpmodule.c adds VFP, and
 * elf_hwcap_fixup drops SWP because ID_ISAR3[15:12] (0x01102131) is 2:
 * "half thumb fastmult vfp edsp java tls". */
#define ARM_HWCAP (0x2u | 0x4u | 0x10u | 0x40u | 0x80u | 0x100u | 0x8000u)

static const struct loader_target arm_elf = {
	.elf_class = ELFCLASS32,
	.data = ELFDATA2LSB,
	.machine = EM_ARM,
	.prot_implied = GP_R,
	.task_size = 0xbf000000u,   /* TASK_SIZE: PAGE_OFFSET 0xc0000000 - 16 MiB */
	.dyn_base = 0x00400000u,    /* ELF_ET_DYN_BASE */
	.interp_base = 0x40000000u,
};

static uint64_t arm_get_sp(struct linux_proc *p) { return arm_cpu_of(p)->r[13]; }
static void arm_set_sp(struct linux_proc *p, uint64_t sp) { arm_cpu_of(p)->r[13] = (uint32_t)sp; }

static int arm_cpu_clone(struct linux_proc *p, struct linux_proc *c, uint64_t sp, bool settls, uint64_t tls)
{
	struct arm_cpu *cpu = arm_fork_cpu(arm_cpu_of(p), &c->mem, sp);
	if (!cpu)
		return -1;
	cpu->r[0] = 0;
	if (settls)
		cpu->tls = (uint32_t)tls;
	c->cpu = cpu;
	c->interrupt = &cpu->interrupt_request;
	return 0;
}

static int arm_start(struct linux_proc *p, uint64_t entry, uint64_t sp)
{
	struct arm_cpu *cpu = arm_start_cpu(&p->mem, entry, sp);
	if (!cpu)
		return -1;
	p->cpu = cpu;
	p->interrupt = &cpu->interrupt_request;
	if (arm_kuser_map(&p->mem) != 0)
		return -1;
	cpu->fence_pc = ARM_KUSER_MEMORY_BARRIER;
	return 0;
}

static struct linux_arch armv6 = {
	.name = "armv6",
	.uname_machine = "armv6l",
	.numbers = linux_sc_numbers_arm,
	.private_call = arm_private_call,
	.word_bits = 32,
	.abi = &linux_abi_armel,
	.set_sp = arm_set_sp,
	.get_sp = arm_get_sp,
	.cpu_clone = arm_cpu_clone,
	.elf = &arm_elf,
	.platform = "v6l",
	.base_platform = NULL,
	.has_hwcap2 = true,
	.hwcap = ARM_HWCAP,
	.hwcap2 = 0,
	.stack_top = 0xbf000000u,
	.mmap_base = 0x40000000u,
	.start = arm_start,
	.run = arm_process_run,
	.signal_frame = arm_signal_frame,
	.sigreturn = arm_sigreturn,
	.cpuinfo = arm_cpuinfo,
};

const struct linux_arch *linux_arch_armv6(void)
{
	/* The generated number list's length is a variable, not a constant. */
	armv6.nnumbers = linux_sc_nnumbers_arm;
	armv6.sc_base = linux_sc_base_arm;
	return &armv6;
}

/* Where a system call interrupted by a handler returns with EINTR. */
static void arm_interrupted(struct linux_proc *p, void *ctx)
{
	(void)p;
	struct arm_resume *r = ctx;
	r->cpu->r[0] = (uint32_t)-EINTR;
	r->cpu->r[15] = r->continue_pc;
}

/* The 0x0f0000 range Linux does not answer with ENOSYS: SIGILL. */
static bool bad_private(unsigned nr)
{
	if (nr < ARM_NR_BASE)
		return false;
	unsigned n = nr & 0xffff;
	return (nr >> 16) != (ARM_NR_BASE >> 16) || n == 3 /* usr26 */ || n == 4 /* usr32 */ || n > 0x7ff;
}

/* thread.trap_no and error_code as arm_notify_die sets them; the data
 * abort path (__do_user_fault) also sets the fault address. */
static void notify_state(struct linux_proc *p, uint64_t trap_no, uint64_t error_code)
{
	p->trap_no = trap_no;
	p->error_code = error_code;
}

static void fault_state(struct linux_proc *p, uint64_t error_code, uint64_t addr)
{
	notify_state(p, 14, error_code);
	p->fault_address = addr;
}

static void svc(struct linux_proc *p, struct arm_cpu *cpu)
{
	/* Pure EABI: the number is in r7, the SVC immediate is ignored. */
	unsigned nr = cpu->r[7];
	uint32_t orig_r0 = cpu->r[0];
	if (bad_private(nr)) {
		notify_state(p, 0, nr);
		linux_signal_fault(p, 4 /* SIGILL */, ILL_ILLTRP, cpu->stop_pc);
		arm_deliver(p, cpu, 0, orig_r0, arm_interrupted);
		return;
	}
	const uint64_t a[6] = { cpu->r[0], cpu->r[1], cpu->r[2], cpu->r[3], cpu->r[4], cpu->r[5] };
	long r = linux_syscall(p, nr, a);
	cpu->r[0] = (uint32_t)r;
	/* sigreturn restored every register: no restart handling. */
	if (nr == ARM_NR_sigreturn || nr == ARM_NR_rt_sigreturn)
		r = 0;
	arm_deliver(p, cpu, r, orig_r0, arm_interrupted);
}

static void fault(struct linux_proc *p, struct arm_cpu *cpu)
{
	uint64_t addr = p->mem.fault_addr;
	cpu->r[15] = cpu->stop_pc;
	switch (p->mem.fault) {
	case GF_ALIGN:
		fault_state(p, 0x1, addr);
		linux_signal_fault(p, 7 /* SIGBUS */, BUS_ADRALN, addr);
		break;
	case GF_ACCERR:
		/* The vectors page is the kernel's gate area, in no VMA of
		 * the process: do_page_fault finds none (SEGV_MAPERR). */
		if (addr >> 12 == ARM_VECTORS_PAGE >> 12) {
			fault_state(p, 0xf, addr);
			linux_signal_fault(p, 11 /* SIGSEGV */, SEGV_MAPERR, addr);
			break;
		}
		if (linux_past_eof(p, addr)) {
			fault_state(p, 0x7, addr);
			linux_signal_fault(p, 7 /* SIGBUS */, BUS_ADRERR, addr);
			break;
		}
		fault_state(p, 0xf, addr);
		linux_signal_fault(p, 11 /* SIGSEGV */, SEGV_ACCERR, addr);
		break;
	default:
		fault_state(p, 0x7, addr);
		linux_signal_fault(p, 11 /* SIGSEGV */, SEGV_MAPERR, addr);
		break;
	}
}

/* Undefined instructions: the kernel's ptrace breakpoint encodings trap
 * (SIGTRAP), anything else is SIGILL. */
static void undef(struct linux_proc *p, struct arm_cpu *cpu)
{
	cpu->r[15] = cpu->stop_pc;
	bool brk = cpu->t ? (cpu->insn == 0xde01 || cpu->insn == 0xf7f0a000)
			  : (cpu->insn & 0x0fffffffu) == 0x07f001f0u;
	if (brk) {
		linux_signal_fault(p, 5 /* SIGTRAP */, TRAP_BRKPT, cpu->stop_pc);
		return;
	}
	notify_state(p, 6, 0);
	linux_signal_fault(p, 4 /* SIGILL */, ILL_ILLOPC, cpu->stop_pc);
}

void arm_process_run(struct linux_proc *p)
{
	struct arm_cpu *cpu = arm_cpu_of(p);
	for (;;) {
		int stop = arm_run(cpu);
		switch (stop) {
		case ARM_STOP_SVC:
			svc(p, cpu);
			continue;
		case ARM_STOP_UNDEF:
			undef(p, cpu);
			break;
		case ARM_STOP_FAULT:
			fault(p, cpu);
			break;
		case ARM_STOP_BKPT:
			/* A BKPT is a prefetch abort "debug event" that Linux 6.1
			 * on ARMv6 does not claim: SIGBUS with si_code 0. */
			cpu->r[15] = cpu->stop_pc;
			notify_state(p, 0, 0x2);
			linux_signal_fault(p, 7 /* SIGBUS */, 0, cpu->stop_pc);
			break;
		case ARM_STOP_INTERRUPT:
			break;
		default:
			fprintf(stderr, "mimic: CPU stopped for an unknown reason %d at 0x%08x\n", stop, cpu->stop_pc);
			linux_die(p, SIG_SEGV);
		}
		arm_deliver(p, cpu, 0, cpu->r[0], arm_interrupted);
	}
}
