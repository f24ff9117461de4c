/* /proc/cpuinfo of the ARM guest: what Linux 6.1's c_show
 * (arch/arm/kernel/setup.c) prints on the reference machine, a raspi0
 * (BCM2835, one ARM1176 with MIDR 0x410fb767, no SMP), with the Features
 * taken from the HWCAP mimic gives programs. */
#include "os/linux/arm_linux.h"

#define MIDR 0x410fb767u
/* c_show's proc_arch[cpu_architecture()]: the ARM1176's MMFR0 reports
 * VMSAv7, so the kernel calls it architecture 7. */
#define ARCH_NAME "7"
/* loops_per_jiffy is calibrated at each boot; this is the BogoMIPS the
 * reference guest showed once (881.45), in hundredths. */
#define BOGOMIPS_X100 88145u

static const char *const hwcap_str[] = {
	"swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt", "crunch",
	"thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt", "vfpd32", "lpae", "evtstrm",
};
static const char *const hwcap2_str[] = { "aes", "pmull", "sha1", "sha2", "crc32" };

void arm_cpuinfo(const struct linux_arch *a, FILE *f)
{
	fprintf(f, "processor\t: 0\n");
	fprintf(f, "model name\t: ARMv6-compatible processor rev %u (%s)\n", MIDR & 15, a->platform);
	fprintf(f, "BogoMIPS\t: %u.%02u\n", BOGOMIPS_X100 / 100, BOGOMIPS_X100 % 100);
	fputs("Features\t: ", f);
	for (unsigned j = 0; j < sizeof hwcap_str / sizeof hwcap_str[0]; j++)
		if (a->hwcap & (1u << j))
			fprintf(f, "%s ", hwcap_str[j]);
	for (unsigned j = 0; j < sizeof hwcap2_str / sizeof hwcap2_str[0]; j++)
		if (a->hwcap2 & (1u << j))
			fprintf(f, "%s ", hwcap2_str[j]);
	fprintf(f, "\nCPU implementer\t: 0x%02x\n", MIDR >> 24);
	fprintf(f, "CPU architecture: %s\n", ARCH_NAME);
	/* A post-ARM7 part number. */
	fprintf(f, "CPU variant\t: 0x%x\n", (MIDR >> 20) & 15);
	fprintf(f, "CPU part\t: 0x%03x\n", (MIDR >> 4) & 0xfff);
	fprintf(f, "CPU revision\t: %u\n\n", MIDR & 15);
	/* The device tree's machine; system_rev and the serial number are
	 * zero when the boot loader gives none. */
	fprintf(f, "Hardware\t: BCM2835\n");
	fprintf(f, "Revision\t: 0000\n");
	fprintf(f, "Serial\t\t: 0000000000000000\n");
}
