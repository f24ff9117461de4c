/* Groups of the armv6 target (one function per group). */
#ifndef ISA_ARMV6_H
#define ISA_ARMV6_H

#include "gen.h"

void g_dp_imm(struct out *o);
void g_dp_shimm(struct out *o);
void g_dp_shreg(struct out *o);
void g_mul(struct out *o);
void g_mul_dsp(struct out *o);
void g_mul_media(struct out *o);
void g_ldst_word(struct out *o);
void g_ldst_half(struct out *o);
void g_ldst_multi(struct out *o);
void g_ldst_excl(struct out *o);
void g_ldst_misc(struct out *o);
void g_media_par(struct out *o);
void g_media_sat(struct out *o);
void g_media_pack(struct out *o);
void g_psr(struct out *o);
void g_cond(struct out *o);
void g_branch(struct out *o);
void g_bkpt(struct out *o);
void g_setend(struct out *o);
void g_undef_arm(struct out *o);
void g_undef_thumb(struct out *o);
void g_unpred(struct out *o);
void g_thumb_imm(struct out *o);
void g_thumb_alu(struct out *o);
void g_thumb_hireg(struct out *o);
void g_thumb_ldst(struct out *o);
void g_thumb_multi(struct out *o);
void g_thumb_branch(struct out *o);
void g_thumb_cond(struct out *o);
void g_vfp_align(struct out *o);
void g_vectors(struct out *o);
void g_vfp_arith(struct out *o);
void g_vfp_mac(struct out *o);
void g_vfp_cmp(struct out *o);
void g_vfp_cvt(struct out *o);
void g_vfp_mov(struct out *o);
void g_vfp_ldst(struct out *o);
void g_vfp_fpscr(struct out *o);
void g_vfp_nan(struct out *o);
void g_vfp_vec(struct out *o);
void g_random_arm(struct out *o);
void g_random_thumb(struct out *o);
void g_probe_arm(struct out *o);
void g_probe_thumb(struct out *o);

/* The random group's rules (armv6_random.c): whether word w may run as a
 * vector in a probe group (1; 0: it may leave the stub; -1: it uses every
 * register), and one vector of it (the same codes; 1: emitted; exact: the
 * probe groups' reading of the rules). */
int arm_random_ok(uint32_t w, int thumb);
int arm_random_vector(struct out *o, uint32_t w, int thumb, int exact);

#endif
