/* ARM media space (bits[27:25] == 011, bit[4] == 1): one table indexed by
 * op1 (bits[24:20]) and op2 (bits[7:5]) picks the family handler, following
 * the media instruction tables of the ARM ARM as the ARM1176 (ARMv6K, no
 * Thumb-2 additions: no BFC/BFI/SBFX/UBFX/RBIT/SDIV/UDIV) implements them. */
#include "cpu/arm/arm_internal.h"
#include "cpu/arm/arm_media.h"

typedef int (*media_fn)(struct arm_cpu *cpu, uint32_t insn);

#define U_ arm_undef
#define PA arm_media_parallel
#define ST arm_sat
#define S6 arm_sat16
#define PK arm_pack_pkh
#define SL arm_pack_sel
#define EX arm_extend
#define RV arm_rev
#define DM arm_dualmul
#define MM arm_dualmul_smmul
#define SD arm_media_usad8

/* Rows: op1; columns: op2 = 000 .. 111. */
static const media_fn media_ops[32 * 8] = {
	/* 00000 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 00001 S */ PA, PA, PA, PA, PA, U_, U_, PA,
	/* 00010 Q */ PA, PA, PA, PA, PA, U_, U_, PA,
	/* 00011 SH */ PA, PA, PA, PA, PA, U_, U_, PA,
	/* 00100 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 00101 U */ PA, PA, PA, PA, PA, U_, U_, PA,
	/* 00110 UQ */ PA, PA, PA, PA, PA, U_, U_, PA,
	/* 00111 UH */ PA, PA, PA, PA, PA, U_, U_, PA,
	/* 01000 PKH SXTAB16 SEL */ PK, U_, PK, EX, PK, SL, PK, U_,
	/* 01001 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 01010 SSAT SSAT16 SXTAB */ ST, S6, ST, EX, ST, U_, ST, U_,
	/* 01011 SSAT REV SXTAH REV16 */ ST, RV, ST, EX, ST, RV, ST, U_,
	/* 01100 UXTAB16 */ U_, U_, U_, EX, U_, U_, U_, U_,
	/* 01101 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 01110 USAT USAT16 UXTAB */ ST, S6, ST, EX, ST, U_, ST, U_,
	/* 01111 USAT UXTAH REVSH (RBIT is v6T2) */ ST, U_, ST, EX, ST, RV, ST, U_,
	/* 10000 SMLAD SMLSD */ DM, DM, DM, DM, U_, U_, U_, U_,
	/* 10001 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 10010 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 10011 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 10100 SMLALD SMLSLD */ DM, DM, DM, DM, U_, U_, U_, U_,
	/* 10101 SMMLA SMMLS */ MM, MM, U_, U_, U_, U_, MM, MM,
	/* 10110 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 10111 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 11000 USAD8 */ SD, U_, U_, U_, U_, U_, U_, U_,
	/* 11001 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 11010 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 11011 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 11100 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 11101 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 11110 */ U_, U_, U_, U_, U_, U_, U_, U_,
	/* 11111 */ U_, U_, U_, U_, U_, U_, U_, U_,
};

int arm_exec_media(struct arm_cpu *cpu, uint32_t insn)
{
	return media_ops[((insn >> 17) & 0xf8) | ((insn >> 5) & 7)](cpu, insn);
}
