/* ARM media space (bits[27:25] == 011, bit[4] == 1): one table indexed by
 * op1 (bits[24:20]) and op2 (bits[7:5]) picks the family handler, following
 * the media instruction tables of the ARM ARM as the ARM1176 (ARMv6K, no
 * Thumb-2 additions: no BFC/BFI/SBFX/UBFX/RBIT/SDIV/UDIV) implements them;
 * the armv7 model adds BFC/BFI/SBFX/UBFX/RBIT (V7 entries: arm_v7.c,
 * undefined on the ARM1176). */
#include "cpu/arm/arm_internal.h"
#include "cpu/arm/arm_media.h"
#include "cpu/arm/arm_v7.h"

/* Handler and the should-be-one/zero fields of the encoding. Breaking those
 * is UNPREDICTABLE; the reference guest's CPU model makes it UNDEFINED, and
 * so does mimic. */
struct media_op {
	int (*fn)(struct arm_cpu *cpu, uint32_t insn);
	uint32_t fixed_mask, fixed_val;
};

#define U_ { arm_undef, 0, 0 }
#define PA { arm_media_parallel, 0xf00, 0xf00 }
#define ST { arm_sat, 0, 0 }
#define S6 { arm_sat16, 0xf00, 0xf00 }
#define PK { arm_pack_pkh, 0, 0 }
#define SL { arm_pack_sel, 0xf00, 0xf00 }
#define EX { arm_extend, 0x300, 0 }
#define RV { arm_rev, 0xf0f00, 0xf0f00 }
#define DM { arm_dualmul, 0, 0 }
#define MM { arm_dualmul_smmul, 0, 0 }
#define SD { arm_media_usad8, 0, 0 }
#define BF { arm_v7_bitfield, 0, 0 }
#define RB { arm_v7_rbit, 0xf0f00, 0xf0f00 }

/* Rows: op1; columns: op2 = 000 .. 111. */
static const struct media_op media_ops[32 * 8] = {
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
	/* 01111 USAT RBIT UXTAH REVSH */ ST, RB, ST, EX, ST, RV, ST, U_,
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
	/* 11010 SBFX */ U_, U_, BF, U_, U_, U_, BF, U_,
	/* 11011 SBFX */ U_, U_, BF, U_, U_, U_, BF, U_,
	/* 11100 BFC BFI */ BF, U_, U_, U_, BF, U_, U_, U_,
	/* 11101 BFC BFI */ BF, U_, U_, U_, BF, U_, U_, U_,
	/* 11110 UBFX */ U_, U_, BF, U_, U_, U_, BF, U_,
	/* 11111 UBFX */ U_, U_, BF, U_, U_, U_, BF, U_,
};

int arm_exec_media(struct arm_cpu *cpu, uint32_t insn)
{
	const struct media_op *op = &media_ops[((insn >> 17) & 0xf8) | ((insn >> 5) & 7)];

	if ((insn & op->fixed_mask) != op->fixed_val)
		return arm_undef(cpu, insn);
	return op->fn(cpu, insn);
}
