/* The operating system an ELF file names (elf_os.c), for elf_identify. */
#ifndef MIMIC_ELF_OS_H
#define MIMIC_ELF_OS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when EI_OSABI names a system other than Linux; its description
 * ("FreeBSD (ELF OS/ABI 9)") goes to out. */
bool elf_os_of_osabi(unsigned osabi, char *out, size_t n);
/* The same for the notes of one PT_NOTE segment (size bytes in the file's
 * byte order, align its p_align): an ABI note of another system. */
bool elf_os_of_notes(const uint8_t *notes, size_t size, bool be, unsigned align, char *out, size_t n);

#endif
