/* Groups of the armv6 target (one function per group). */
#ifndef ISA_ARMV6_H
#define ISA_ARMV6_H

#include "gen.h"

void g_dp_imm(struct out *o);
void g_dp_shimm(struct out *o);
void g_dp_shreg(struct out *o);

#endif
