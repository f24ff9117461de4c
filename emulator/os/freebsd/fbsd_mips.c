/* A FreeBSD/mips64 process (n64, either byte order): the architecture
 * description, start-up registers, thread CPUs, sysarch and the run loop
 * (FreeBSD's sys/mips/mips/trap.c, vm_machdep.c). A system call is
 * `syscall` with its number in v0 and its arguments in a0-a7; it returns
 * v0 (and v1) with a3 = 0, or the errno in v0 with a3 = 1. The thread
 * pointer is UserLocal, read by `rdhwr $29`: the TLS base set by sysarch
 * plus TLS_TP_OFFSET + TLS_TCB_SIZE (tls.h, FBSD_MIPS_TLS_BIAS). Signal
 * frames: fbsd_mips_frame.c. */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "os/freebsd/fbsd_mips.h"
#include "cpu/mips/mips_cpu.h"
#include "os/common/mips_start.h"
#include "os/freebsd/fbsd_sys.h"
#include "os/linux/proc_signal.h"

/* mimic keeps the Linux guest's user space limit (1 TiB); the shared page
 * is its top page, the stack below it. FreeBSD 13/mips copies its signal
 * trampoline just below PS_STRINGS instead (ra = PS_STRINGS - szsigcode);
 * mimic keeps the same four instructions in the shared page, as armv6
 * has it, out of the stack's layout. */
#define FBSD_MIPS_TOP 0x10000000000ull
#define FBSD_MIPS_SHAREDPAGE (FBSD_MIPS_TOP - 0x1000u)
#define FBSD_MIPS_USRSTACK FBSD_MIPS_SHAREDPAGE
#define FBSD_MIPS_PS_STRINGS (FBSD_MIPS_USRSTACK - 32u)

#define SYS_syscall 0
#define SYS___syscall 198

static struct mips_cpu *cpu_of(struct linux_proc *p) { return mips_cpu_of_fbsd(p); }

/* The signal trampoline (sys/mips/mips/sigcode.S): sigreturn of the
 * ucontext in the frame at sp; a breakpoint if it returns. */
static const uint32_t sigcode[] = {
	0x67a40000u | FBSD_MIPS_SIGF_UC,           /* daddiu a0, sp, SIGF_UC */
	0x24020000u | FBSD_MIPS_SYS_sigreturn,     /* li v0, SYS_sigreturn */
	0x0000000cu,                               /* syscall */
	0x0000000du,                               /* break 0 */
};

static uint64_t mips_get_sp(struct linux_proc *p) { return cpu_of(p)->r[29]; }
static void mips_set_sp(struct linux_proc *p, uint64_t sp) { cpu_of(p)->r[29] = sp; }

/* thr_new's start: pc and t9 the function, a0 its argument, the stack
 * 16-byte aligned; the thread pointer from tls_base. */
static int mips_cpu_clone(struct linux_proc *p, struct linux_proc *c, uint64_t sp, bool settls, uint64_t tls)
{
	if (fbsd_thread_start.set)
		sp &= ~(uint64_t)15;
	struct mips_cpu *cpu = mips_fork_cpu(cpu_of(p), &c->mem, sp);
	if (!cpu)
		return -1;
	cpu->in_delay = false;
	if (fbsd_thread_start.set) {
		cpu->pc = cpu->r[25] = fbsd_thread_start.pc;
		cpu->r[4] = fbsd_thread_start.arg;
		cpu->r[31] = 0;
	}
	if (settls)
		cpu->ulr = tls + FBSD_MIPS_TLS_BIAS;
	c->cpu = cpu;
	c->interrupt = &cpu->interrupt_request;
	return 0;
}

/* exec_setregs: sp, a0 the stack, a3 PS_STRINGS, t9 the entry. */
static int mips_start(struct linux_proc *p, uint64_t entry, uint64_t sp)
{
	struct mips_cpu *cpu = mips_start_cpu(&p->mem, entry, sp);
	if (!cpu)
		return -1;
	p->cpu = cpu;
	p->interrupt = &cpu->interrupt_request;
	if (gmem_map(&p->mem, FBSD_MIPS_SHAREDPAGE, GPAGE_SIZE, GP_R | GP_W) != 0)
		return -1;
	for (unsigned i = 0; i < sizeof sigcode / sizeof sigcode[0]; i++)
		gmem_st32(&p->mem, FBSD_MIPS_SHAREDPAGE + 4 * i, sigcode[i]);
	gmem_protect(&p->mem, FBSD_MIPS_SHAREDPAGE, GPAGE_SIZE, GP_R | GP_X);
	cpu->r[4] = sp;
	cpu->r[7] = FBSD_MIPS_PS_STRINGS;
	cpu->r[25] = entry;
	return 0;
}

/* sysarch(2) (sys/mips/include/sysarch.h): MIPS_SET_TLS 1, MIPS_GET_TLS 2. */
static long mips_sysarch(struct linux_proc *p, const uint64_t a[6])
{
	struct mips_cpu *cpu = cpu_of(p);
	switch (sc_int(a[0])) {
	case 1:
		cpu->ulr = a[1] + FBSD_MIPS_TLS_BIAS;
		return 0;
	case 2:
		return sc_putlong(p, a[1], cpu->ulr - FBSD_MIPS_TLS_BIAS) < 0 ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

static const struct sc_impl mips_impls[] = {
	{ "sysarch", mips_sysarch, { A_INT, A_PTR } },
};

static void fbsd_mips_run(struct linux_proc *p) __attribute__((noreturn));

#define FBSD_MIPS_ARCH(arch_name, order, abi_layout)                                             \
	{                                                                                         \
		.base = {                                                                         \
			.name = arch_name, .uname_machine = "mips", .impls = mips_impls,          \
			.nimpls = sizeof mips_impls / sizeof mips_impls[0], .word_bits = 64,       \
			.abi = &abi_layout, .set_sp = mips_set_sp, .get_sp = mips_get_sp,         \
			.cpu_clone = mips_cpu_clone, .elf = &elf_##order,                         \
			.stack_top = FBSD_MIPS_USRSTACK, .mmap_base = 0x5555556000ull,           \
			.start = mips_start, .run = fbsd_mips_run, .signal_frame = fbsd_mips_signal_frame,\
			.sigreturn = fbsd_mips_sigreturn, .sig_to_host = fbsd_sig_to_host,              \
			.sig_from_host = fbsd_sig_from_host,                                     \
			.freebsd = true,                                                         \
			.exec_option = fbsd_exec_option,                                         \
		},                                                                                \
		.machine = "mips", .machine_arch = arch_name, .model = "MIPS64R2",               \
		.maxcpu = 32, .ncpu = 0, .ps_strings = FBSD_MIPS_PS_STRINGS, .sigcode = FBSD_MIPS_SHAREDPAGE,\
		.get_context = fbsd_mips_get_context, .set_context = fbsd_mips_set_context,      \
	}

#define ELF_TARGET(order, data_)                                                                 \
	static const struct loader_target elf_##order = {                                         \
		.elf_class = ELFCLASS64, .data = data_, .machine = EM_MIPS,                       \
		.flags_reject = EF_MIPS_ABI2, .prot_implied = GP_R | GP_X,                        \
		.task_size = FBSD_MIPS_TOP, .dyn_base = 0x120000000ull,                           \
		.interp_base = 0x5555556000ull,                                                   \
	};
ELF_TARGET(be, ELFDATA2MSB)
ELF_TARGET(le, ELFDATA2LSB)

static struct fbsd_arch mips64 = FBSD_MIPS_ARCH("mips64", be, fbsd_abi_mips64);
static struct fbsd_arch mips64el = FBSD_MIPS_ARCH("mips64el", le, fbsd_abi_mips64el);

const struct linux_arch *freebsd_arch_mips64(void) { return &mips64.base; }
const struct linux_arch *freebsd_arch_mips64el(void) { return &mips64el.base; }

static void mips_interrupted(struct linux_proc *p, void *ctx)
{
	struct mips_cpu *cpu = cpu_of(p);
	cpu->r[2] = 4; /* EINTR */
	cpu->r[7] = 1;
	cpu->pc = *(const uint64_t *)ctx;
}

/* After a restart code the syscall runs again (v0 the number, a3 its
 * first value, pc back on the instruction). */
static void deliver(struct linux_proc *p, struct mips_cpu *cpu, long result, uint64_t nr, uint64_t orig_a3)
{
	uint64_t continue_pc = cpu->pc;
	if (linux_is_restart(result)) {
		cpu->r[2] = nr;
		cpu->r[7] = orig_a3;
		cpu->pc = continue_pc - 4;
	}
	linux_signal_deliver(p, result, mips_interrupted, &continue_pc);
}

static void syscall_stop(struct linux_proc *p, struct mips_cpu *cpu)
{
	uint64_t nr = cpu->r[2], orig_v0 = cpu->r[2], orig_a3 = cpu->r[7];
	const uint64_t *w = &cpu->r[4];
	unsigned first = 0;
	if (nr == SYS_syscall || nr == SYS___syscall) {
		nr = w[0];
		first = 1;
	}
	uint64_t a[8] = { 0 };
	for (unsigned i = 0; first + i < 8; i++)
		a[i] = w[first + i];
	cpu->pc += 4;
	long r = fbsd_syscall(p, nr > UINT32_MAX ? UINT32_MAX : (unsigned)nr, a);
	if (fbsd_sc_justreturn((unsigned)nr) && r == 0) {
		deliver(p, cpu, 0, 0, 0);
		return;
	}
	if (r < 0 && r >= -4095 && !linux_is_restart(r)) {
		cpu->r[2] = (uint64_t)-fbsd_errno(r);
		cpu->r[7] = 1;
	} else if (!linux_is_restart(r)) {
		cpu->r[2] = (uint64_t)r;
		cpu->r[7] = 0;
	}
	deliver(p, cpu, r, orig_v0, orig_a3);
}

#define FBSD_SIGILL 4
#define FBSD_SIGTRAP 5
#define FBSD_SIGFPE 8
#define FBSD_SIGBUS 10
#define FBSD_SIGSEGV 11

static void fbsd_mips_run(struct linux_proc *p)
{
	struct mips_cpu *cpu = cpu_of(p);
	for (;;) {
		int stop = mips_run(cpu);
		switch (stop) {
		case MIPS_STOP_SYSCALL:
			syscall_stop(p, cpu);
			continue;
		case MIPS_STOP_RI:
			linux_signal_fault(p, FBSD_SIGILL, ILL_ILLOPC, cpu->stop_pc);
			break;
		case MIPS_STOP_FAULT:
			p->fault_address = p->mem.fault_addr;
			if (p->mem.fault == GF_ALIGN)
				linux_signal_fault(p, FBSD_SIGBUS, BUS_ADRALN, p->mem.fault_addr);
			else
				linux_signal_fault(p, FBSD_SIGSEGV,
						   p->mem.fault == GF_ACCERR ? SEGV_ACCERR : SEGV_MAPERR,
						   p->mem.fault_addr);
			break;
		case MIPS_STOP_OVERFLOW:
			linux_signal_fault(p, FBSD_SIGFPE, FPE_INTOVF, cpu->stop_pc);
			break;
		case MIPS_STOP_TRAP:
		case MIPS_STOP_BREAK:
			linux_signal_fault(p, FBSD_SIGTRAP, TRAP_BRKPT, cpu->stop_pc);
			break;
		case MIPS_STOP_FPE:
			linux_signal_fault(p, FBSD_SIGFPE, 0, cpu->stop_pc);
			break;
		case MIPS_STOP_INTERRUPT:
			break;
		default:
			fprintf(stderr, "mimic: CPU stopped for an unknown reason %d at 0x%016llx\n", stop,
				(unsigned long long)cpu->stop_pc);
			linux_die(p, FBSD_SIGSEGV);
		}
		deliver(p, cpu, 0, 0, 0);
	}
}
