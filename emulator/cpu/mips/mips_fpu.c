/* placeholder */
#include "cpu/mips/mips_internal.h"
void mips_fpu_init(mips_handler *t) { (void)t; }
