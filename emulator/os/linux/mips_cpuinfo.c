/* /proc/cpuinfo of the MIPS guests: what Linux 6.1's show_cpuinfo
 * (arch/mips/kernel/proc.c) prints on the reference machine, QEMU's malta
 * with one MIPS64R2-generic CPU (PRId 0: "MIPS GENERIC QEMU"), whose
 * Config registers give the TLB size, watch registers, ISA levels, ASEs
 * and options below (as the reference guests showed them). */
#include <elf.h>

#include "loader/loader.h"
#include "os/linux/mips_linux.h"

/* udelay_val is calibrated at each boot; this is the BogoMIPS the
 * reference guest showed once (2246.65), in hundredths. */
#define BOGOMIPS_X100 224665u

static const char *const before_bogomips[] = {
	"system type\t\t: MIPS Malta",
	"machine\t\t\t: mti,malta",
	"processor\t\t: 0",
	"cpu model\t\t: MIPS GENERIC QEMU V0.0  FPU V0.0",
};

static const char *const after_bogomips[] = {
	"wait instruction\t: yes",
	"microsecond timers\t: yes",
	"tlb_entries\t\t: 64",
	"extra interrupt vector\t: yes",
	NULL, /* the watch registers' line */
	"isa\t\t\t: mips1 mips2 mips3 mips4 mips5 mips32r1 mips32r2 mips64r1 mips64r2",
	"ASEs implemented\t: mips3d",
	"Options implemented\t: tlb 4kex 4k_cache fpu 32fpr prefetch mcheck ejtag llsc lpa dc_aliases "
	"perf_cntr_intr_bit nan_legacy ebase_wg perf",
	"shadow register sets\t: 1",
	"kscratch registers\t: 0",
	"package\t\t\t: 0",
	"core\t\t\t: 0",
	"VCED exceptions\t\t: not available",
	"VCEI exceptions\t\t: not available",
	"",
};

/* The masks the kernel's probe of the watch registers finds: the last
 * two swap places with the byte order (so every boot of either guest). */
static const char watch_be[] = "hardware watchpoint\t: yes, count: 8, address/irw mask: "
			       "[0x0ff8, 0x0ff8, 0x0ff8, 0x0ff8, 0x0000, 0x0000, 0x0000, 0x0800]";
static const char watch_le[] = "hardware watchpoint\t: yes, count: 8, address/irw mask: "
			       "[0x0ff8, 0x0ff8, 0x0ff8, 0x0ff8, 0x0000, 0x0000, 0x0800, 0x0000]";

void mips_cpuinfo(const struct linux_arch *a, FILE *f)
{
	for (unsigned i = 0; i < sizeof before_bogomips / sizeof before_bogomips[0]; i++)
		fprintf(f, "%s\n", before_bogomips[i]);
	fprintf(f, "BogoMIPS\t\t: %u.%02u\n", BOGOMIPS_X100 / 100, BOGOMIPS_X100 % 100);
	for (unsigned i = 0; i < sizeof after_bogomips / sizeof after_bogomips[0]; i++)
		fprintf(f, "%s\n", after_bogomips[i] ? after_bogomips[i]
				     : a->elf->data == ELFDATA2MSB ? watch_be : watch_le);
}
