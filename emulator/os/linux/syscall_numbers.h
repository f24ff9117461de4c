/* System call number tables generated from the kernel's syscall.tbl files
 * by gen-syscall-numbers.sh (one syscall_numbers_<arch>.c per ABI). */
#ifndef MIMIC_SYSCALL_NUMBERS_H
#define MIMIC_SYSCALL_NUMBERS_H

#include "os/linux/linux.h"

extern const struct sc_number linux_sc_numbers_arm[];
extern const unsigned linux_sc_nnumbers_arm;
extern const unsigned linux_sc_base_arm;

extern const struct sc_number linux_sc_numbers_mips_n64[];
extern const unsigned linux_sc_nnumbers_mips_n64;
extern const unsigned linux_sc_base_mips_n64;

#endif
