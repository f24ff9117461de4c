/* The operating system an ELF file is for. Linux's binfmt_elf reads
 * neither EI_OSABI nor ABI notes, but other systems brand their programs
 * with them (FreeBSD's image activator requires one), and a program of
 * another system runs on Linux syscall numbers only by accident: such a
 * file is refused by name, as a foreign CPU is. Linux programs carry
 * OS/ABI 0 (System V; every Debian armel and mips64 binary and Go's
 * linux ports) or 3 (GNU, set by the linker for IFUNC or unique
 * symbols), and glibc's crt1 adds a GNU ABI tag naming Linux. */
#include "loader/elf_os.h"

#include <stdio.h>
#include <string.h>

/* EI_OSABI values of other systems (elf.h's ELFOSABI_*). */
static const struct {
	unsigned char osabi;
	const char *os;
} osabis[] = {
	{ 1, "HP-UX" }, { 2, "NetBSD" }, { 6, "Solaris" }, { 7, "AIX" }, { 8, "IRIX" },
	{ 9, "FreeBSD" }, { 10, "Tru64" }, { 11, "Novell Modesto" }, { 12, "OpenBSD" },
	{ 13, "OpenVMS" }, { 14, "NonStop Kernel" }, { 15, "AROS" }, { 16, "FenixOS" },
	{ 17, "CloudABI" }, { 18, "OpenVOS" }, { 64, "bare-metal ARM EABI" },
	{ 97, "the old ARM ABI" }, { 255, "a standalone (embedded) system" },
};

bool elf_os_of_osabi(unsigned osabi, char *out, size_t n)
{
	if (osabi == 0 || osabi == 3)
		return false;
	const char *os = "an unknown system";
	for (unsigned i = 0; i < sizeof osabis / sizeof osabis[0]; i++)
		if (osabis[i].osabi == osabi)
			os = osabis[i].os;
	snprintf(out, n, "%s (ELF OS/ABI %u)", os, osabi);
	return true;
}

/* Notes that brand a program for a system: owner name and type (each
 * system's ABI tag; FreeBSD's NT_FREEBSD_ABI_TAG is 1). */
static const char *const brand_owners[] = { "FreeBSD", "NetBSD", "OpenBSD", "DragonFly" };
#define NT_ABI_TAG 1

/* The GNU ABI tag's first word names the kernel (glibc's abi-tags). */
static const char *const gnu_abi_os[] = { NULL /* Linux */, "GNU/Hurd", "Solaris", "FreeBSD", "NetBSD",
					  "Syllable", "NaCl" };

static uint32_t word(const uint8_t *b, bool be)
{
	return be ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
		  : (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
}

static bool note_names_os(const char *owner, size_t namesz, uint32_t type, const uint8_t *desc,
			  uint32_t descsz, bool be, char *out, size_t n)
{
	if (type != NT_ABI_TAG || namesz == 0 || owner[namesz - 1] != '\0')
		return false;
	for (unsigned i = 0; i < sizeof brand_owners / sizeof brand_owners[0]; i++)
		if (strcmp(owner, brand_owners[i]) == 0) {
			snprintf(out, n, "%s (its ABI note)", brand_owners[i]);
			return true;
		}
	if (strcmp(owner, "GNU") != 0 || descsz < 4)
		return false;
	uint32_t os = word(desc, be);
	if (os == 0)
		return false;
	if (os < sizeof gnu_abi_os / sizeof gnu_abi_os[0])
		snprintf(out, n, "%s (its GNU ABI tag)", gnu_abi_os[os]);
	else
		snprintf(out, n, "an unknown system (GNU ABI tag naming OS %u)", (unsigned)os);
	return true;
}

bool elf_os_of_notes(const uint8_t *notes, size_t size, bool be, unsigned align, char *out, size_t n)
{
	/* Each note: namesz, descsz, type, then the name and the descriptor,
	 * each padded to the segment's alignment (4, or 8 in ELF64 files
	 * whose notes say so). */
	size_t a = align == 8 ? 8 : 4;
	for (size_t off = 0; size - off >= 12;) {
		uint32_t namesz = word(notes + off, be), descsz = word(notes + off + 4, be);
		uint32_t type = word(notes + off + 8, be);
		size_t name = off + 12;
		if (namesz > size - name)
			return false;
		size_t desc = (name + namesz + a - 1) & ~(a - 1);
		if (desc > size || descsz > size - desc)
			return false;
		if (note_names_os((const char *)notes + name, namesz, type, notes + desc, descsz, be, out, n))
			return true;
		off = (desc + descsz + a - 1) & ~(a - 1);
		if (off > size)
			return false;
	}
	return false;
}
