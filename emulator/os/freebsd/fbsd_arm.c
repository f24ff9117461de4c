/* A FreeBSD/armv6 process (EABI, hard-float VFP): the architecture
 * description, start-up registers, thread CPUs, sysarch, and the loop that
 * turns the CPU's stops into system calls and signals as FreeBSD's
 * sys/arm/arm/syscall.c and trap-v6.c do. A system call is `swi 0` with
 * its number in r7 and its arguments in r0-r3 then on the stack (64-bit
 * ones in aligned pairs); it returns r0 (and r1) with the carry flag
 * clear, or the errno in r0 with the carry flag set. */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <signal.h>

#include "cpu/arm/arm_cpu.h"
#include "os/common/arm_start.h"
#include "os/linux/arm_deliver.h"
#include "os/freebsd/fbsd_arm.h"
#include "os/freebsd/fbsd_sys.h"
#include "os/linux/proc_signal.h"

/* The shared page (SHAREDPAGE, holding the signal trampoline) is the top
 * page of user space; the stack (USRSTACK) and PS_STRINGS are below it.
 * mimic keeps the Linux guest's user space limit (0xbf000000). */
#define FBSD_ARM_TOP 0xbf000000u
#define FBSD_ARM_SHAREDPAGE (FBSD_ARM_TOP - 0x1000u)
#define FBSD_ARM_USRSTACK FBSD_ARM_SHAREDPAGE
#define FBSD_ARM_PS_STRINGS (FBSD_ARM_USRSTACK - 16u)

/* HWCAP bits (sys/arm/include/elf.h, the same values as Linux's) of an
 * ARM1176 with VFP: HALF THUMB FAST_MULT VFP EDSP JAVA TLS. */
#define FBSD_ARM_HWCAP (0x2u | 0x4u | 0x10u | 0x40u | 0x80u | 0x100u | 0x8000u)
/* The armv7 model's VFPv3 with 32 D registers adds HWCAP_VFPv3 and
 * HWCAP_VFPD32 (vfp_init in sys/arm/arm/vfp.c: MVFR0's register-bank
 * field 2); Go's GOARM=7 runtime requires the first. */
#define FBSD_ARM_HWCAP_V7 (FBSD_ARM_HWCAP | 0x2000u | 0x80000u)

#define SYS_syscall 0
#define SYS___syscall 198
#define SYS_sigreturn 417

static const struct loader_target arm_elf = {
	.elf_class = ELFCLASS32,
	.data = ELFDATA2LSB,
	.machine = EM_ARM,
	.prot_implied = GP_R,
	.task_size = FBSD_ARM_TOP,
	.dyn_base = 0x00400000u,
	.interp_base = 0x40000000u,
};

/* The signal trampoline (FreeBSD's sigcode, our encoding): sigreturn of
 * the ucontext in the frame at sp, then exit if it returns. */
static const uint32_t sigcode[] = {
	0xe1a0000d, /* mov r0, sp */
	0xe2800000 | FBSD_ARM_SIGF_UC, /* add r0, r0, #SIGF_UC */
	0xe59f7010, /* ldr r7, [pc, #16] */
	0xef000000, /* swi 0 */
	0xe59f700c, /* ldr r7, [pc, #12] */
	0xef000000, /* swi 0 */
	0xeafffffe, /* b . */
	0xe1a00000, /* nop */
	SYS_sigreturn, 1 /* SYS_exit */,
};

static uint64_t arm_get_sp(struct linux_proc *p) { return arm_cpu_of_fbsd(p)->r[13]; }
static void arm_set_sp(struct linux_proc *p, uint64_t sp) { arm_cpu_of_fbsd(p)->r[13] = (uint32_t)sp; }

/* A new thread's CPU: thr_new's start (fbsd_thread_start) with its
 * argument in r0 and its stack 8-byte aligned (cpu_set_upcall). */
static int arm_cpu_clone(struct linux_proc *p, struct linux_proc *c, uint64_t sp, bool settls, uint64_t tls)
{
	if (fbsd_thread_start.set)
		sp &= ~(uint64_t)7;
	struct arm_cpu *cpu = arm_fork_cpu(arm_cpu_of_fbsd(p), &c->mem, sp);
	if (!cpu)
		return -1;
	if (fbsd_thread_start.set) {
		cpu->r[0] = (uint32_t)fbsd_thread_start.arg;
		cpu->t = (uint32_t)fbsd_thread_start.pc & 1;
		cpu->r[15] = (uint32_t)fbsd_thread_start.pc & ~1u;
		cpu->r[14] = 0;
	} else {
		cpu->r[0] = 0;
	}
	if (settls)
		cpu->tls = (uint32_t)tls;
	c->cpu = cpu;
	c->interrupt = &cpu->interrupt_request;
	return 0;
}

/* exec_setregs: sp and r0 at argc, r3 PS_STRINGS; VFP on. The shared
 * page holds the signal trampoline. */
static int arm_start(struct linux_proc *p, uint64_t entry, uint64_t sp)
{
	struct arm_cpu *cpu = arm_start_cpu(&p->mem, entry, sp);
	if (!cpu)
		return -1;
	p->cpu = cpu;
	p->interrupt = &cpu->interrupt_request;
	if (gmem_map(&p->mem, FBSD_ARM_SHAREDPAGE, GPAGE_SIZE, GP_R | GP_W) != 0)
		return -1;
	for (unsigned i = 0; i < sizeof sigcode / sizeof sigcode[0]; i++)
		gmem_st32(&p->mem, FBSD_ARM_SHAREDPAGE + 4 * i, sigcode[i]);
	gmem_protect(&p->mem, FBSD_ARM_SHAREDPAGE, GPAGE_SIZE, GP_R | GP_X);
	cpu->r[0] = (uint32_t)sp;
	cpu->r[3] = FBSD_ARM_PS_STRINGS;
	cpu->r[14] = (uint32_t)entry;
	return 0;
}

/* sysarch(2) (sys/arm/include/sysarch.h): ARM_SYNC_ICACHE 0 (struct
 * arm_sync_icache_args: addr, len), ARM_DRAIN_WRITEBUF 1, ARM_SET_TP 2,
 * ARM_GET_TP 3; the thread pointer is TPIDRURO. */
static long arm_sysarch(struct linux_proc *p, const uint64_t a[6])
{
	struct arm_cpu *cpu = arm_cpu_of_fbsd(p);
	switch (sc_int(a[0])) {
	case 0: {
		uint32_t addr, len;
		if (sc_get32(p, a[1], &addr) < 0 || sc_get32(p, a[1] + 4, &len) < 0)
			return -EFAULT;
		uint64_t end = (uint64_t)addr + len;
		if (end > p->task_size)
			return -EINVAL;
		if (len)
			gmem_code_flush(&p->mem, addr >> GPAGE_SHIFT, (end + GPAGE_MASK) >> GPAGE_SHIFT);
		return 0;
	}
	case 1:
		return 0;
	case 2:
		cpu->tls = (uint32_t)a[1];
		return 0;
	case 3:
		return cpu->tls;
	default:
		return -EINVAL;
	}
}

static const struct sc_impl arm_impls[] = {
	{ "sysarch", arm_sysarch, { A_INT, A_PTR } },
};

static struct fbsd_arch armv6 = {
	.base = {
		.name = "armv6",
		.uname_machine = "armv6",
		.impls = arm_impls,
		.nimpls = sizeof arm_impls / sizeof arm_impls[0],
		.word_bits = 32,
		.abi = &fbsd_abi_armv6,
		.set_sp = arm_set_sp,
		.get_sp = arm_get_sp,
		.cpu_clone = arm_cpu_clone,
		.elf = &arm_elf,
		.hwcap = FBSD_ARM_HWCAP,
		.stack_top = FBSD_ARM_USRSTACK,
		.mmap_base = 0x40000000u,
		.start = arm_start,
		.run = fbsd_arm_run,
		.signal_frame = fbsd_arm_signal_frame,
		.sigreturn = fbsd_arm_sigreturn,
		.sig_to_host = fbsd_sig_to_host,
		.sig_from_host = fbsd_sig_from_host,
		.freebsd = true,
		.exec_option = fbsd_exec_option,
	},
	.machine = "arm",
	.machine_arch = "armv6",
	.model = "ARM1176JZF-S",
	.maxcpu = 4,
	/* An ARM1176 is single-core (Go's GOARM=6 runtime insists on it). */
	.ncpu = 1,
	.ps_strings = FBSD_ARM_PS_STRINGS,
	.sigcode = FBSD_ARM_SHAREDPAGE,
	.get_context = fbsd_arm_get_context,
	.set_context = fbsd_arm_set_context,
};

const struct linux_arch *freebsd_arch_armv6(void) { return &armv6.base; }

/* A single-core ARMv7-A, as the model is. */
void freebsd_armv6_on_armv7(void)
{
	armv6.base.hwcap = FBSD_ARM_HWCAP_V7;
	armv6.model = "ARMv7-A (mimic armv7)";
}

/* Where a call a handler interrupts returns with EINTR. */
static void arm_interrupted(struct linux_proc *p, void *ctx)
{
	(void)p;
	struct arm_resume *r = ctx;
	r->cpu->r[0] = 4; /* EINTR */
	r->cpu->c = 1;
	r->cpu->r[15] = r->continue_pc;
}

/* The argument words: r0-r3, then the stack; syscall(2) and __syscall(2)
 * take the number from the first (and second) word. */
#define MAXWORDS 12
static void svc(struct linux_proc *p, struct arm_cpu *cpu)
{
	uint32_t w[MAXWORDS] = { cpu->r[0], cpu->r[1], cpu->r[2], cpu->r[3] };
	unsigned nr = cpu->r[7], first = 0;
	uint32_t orig_r0 = cpu->r[0];
	if (nr == SYS_syscall) {
		nr = w[0];
		first = 1;
	} else if (nr == SYS___syscall) {
		nr = w[0];
		first = 2;
	}
	unsigned wide, nargs = fbsd_sc_args(nr, &wide), need = first;
	for (unsigned i = 0; i < nargs; i++)
		need = (wide >> i & 1) ? ((need + 1) & ~1u) + 2 : need + 1;
	long r = 0;
	for (unsigned i = 4; i < need && i < MAXWORDS; i++)
		if (!gmem_ld32(&p->mem, cpu->r[13] + 4 * (i - 4), &w[i]))
			r = -EFAULT;
	uint64_t a[8] = { 0 };
	for (unsigned i = 0, j = first; i < nargs && j < MAXWORDS; i++) {
		if (wide >> i & 1) {
			j = (j + 1) & ~1u;
			a[i] = w[j] | (uint64_t)w[j + 1] << 32;
			j += 2;
		} else {
			a[i] = w[j++];
		}
	}
	if (r == 0)
		r = fbsd_syscall(p, nr, a);
	/* sigreturn and setcontext/swapcontext restored every register. */
	if (fbsd_sc_justreturn(nr) && r == 0) {
		arm_deliver(p, cpu, 0, orig_r0, arm_interrupted);
		return;
	}
	if (r < 0 && r >= -4095 && !linux_is_restart(r)) {
		cpu->r[0] = (uint32_t)-fbsd_errno(r);
		cpu->c = 1;
	} else if (!linux_is_restart(r)) {
		cpu->r[0] = (uint32_t)r;
		if (fbsd_sc_ret_wide(nr))
			cpu->r[1] = (uint32_t)((uint64_t)r >> 32);
		cpu->c = 0;
	}
	arm_deliver(p, cpu, r, orig_r0, arm_interrupted);
}

/* Fault si_code values: FreeBSD's signal.h has the host's. */
#define FBSD_SIGILL 4
#define FBSD_SIGTRAP 5
#define FBSD_SIGBUS 10
#define FBSD_SIGSEGV 11

static void fault(struct linux_proc *p, struct arm_cpu *cpu)
{
	uint64_t addr = p->mem.fault_addr;
	cpu->r[15] = cpu->stop_pc;
	p->fault_address = addr;
	switch (p->mem.fault) {
	case GF_ALIGN:
		linux_signal_fault(p, FBSD_SIGBUS, BUS_ADRALN, addr);
		break;
	case GF_ACCERR:
		if (linux_past_eof(p, addr))
			linux_signal_fault(p, FBSD_SIGBUS, BUS_ADRERR, addr);
		else
			linux_signal_fault(p, FBSD_SIGSEGV, SEGV_ACCERR, addr);
		break;
	default:
		linux_signal_fault(p, FBSD_SIGSEGV, SEGV_MAPERR, addr);
		break;
	}
}

void fbsd_arm_run(struct linux_proc *p)
{
	struct arm_cpu *cpu = arm_cpu_of_fbsd(p);
	for (;;) {
		int stop = arm_run(cpu);
		switch (stop) {
		case ARM_STOP_SVC:
			svc(p, cpu);
			continue;
		case ARM_STOP_UNDEF:
			cpu->r[15] = cpu->stop_pc;
			/* FreeBSD's breakpoint (udf #0xfffff) traps. */
			if (!cpu->t && (cpu->insn & 0x0fffffffu) == 0x07ffffffu)
				linux_signal_fault(p, FBSD_SIGTRAP, TRAP_BRKPT, cpu->stop_pc);
			else
				linux_signal_fault(p, FBSD_SIGILL, ILL_ILLOPC, cpu->stop_pc);
			break;
		case ARM_STOP_FAULT:
			fault(p, cpu);
			break;
		case ARM_STOP_BKPT:
			cpu->r[15] = cpu->stop_pc;
			linux_signal_fault(p, FBSD_SIGTRAP, TRAP_BRKPT, cpu->stop_pc);
			break;
		case ARM_STOP_INTERRUPT:
			break;
		default:
			fprintf(stderr, "mimic: CPU stopped for an unknown reason %d at 0x%08x\n", stop, cpu->stop_pc);
			linux_die(p, FBSD_SIGSEGV);
		}
		arm_deliver(p, cpu, 0, cpu->r[0], arm_interrupted);
	}
}
