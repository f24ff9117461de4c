/* Thumb fetch and dispatch: one table indexed by the top byte of the
 * instruction selects the handler (ARMv6 Thumb-1 has no 32-bit encodings
 * besides the BL/BLX prefix and suffix pair, see arm_thumb_branch.c).
 * Inside an IT block the handler runs through arm_thumb_in_it. */
#include "cpu/arm/arm_internal.h"
#include "cpu/arm/arm_thumb.h"
#include "cpu/icache.h"

#define UND arm_undef
#define SHI arm_thumb_shift_imm
#define AS3 arm_thumb_addsub3
#define MVI arm_thumb_mov_imm
#define CMI arm_thumb_cmp_imm
#define ADI arm_thumb_add_imm
#define SBI arm_thumb_sub_imm
#define DP_ arm_thumb_dp
#define ADH arm_thumb_add_hi
#define CMH arm_thumb_cmp_hi
#define MVH arm_thumb_mov_hi
#define BX_ arm_thumb_bx
#define LDL arm_thumb_ldr_lit
#define LSR_ arm_thumb_ldst_reg
#define STW arm_thumb_str_imm
#define LDW arm_thumb_ldr_imm
#define STB arm_thumb_strb_imm
#define LDB arm_thumb_ldrb_imm
#define STH arm_thumb_strh_imm
#define LDH arm_thumb_ldrh_imm
#define STS arm_thumb_str_sp
#define LDS arm_thumb_ldr_sp
#define ADR arm_thumb_adr
#define ASP arm_thumb_add_sp_rel
#define JSP arm_thumb_adjust_sp
#define EXT arm_thumb_extend
#define PSH arm_thumb_push
#define CPS arm_thumb_cps_setend
#define REV arm_thumb_rev
#define POP arm_thumb_pop
#define BKP arm_thumb_bkpt
#define STM arm_thumb_stmia
#define LDM arm_thumb_ldmia
#define BCC arm_thumb_bcond
#define SVC arm_thumb_svc
#define B__ arm_thumb_b
#define BXS arm_thumb_blx_suffix
#define BLP arm_thumb_bl_prefix
#define BLS arm_thumb_bl_suffix
#define CBZ arm_thumb_cbz
#define ITH arm_thumb_it_hint

/* Rows: bits[15:12]; columns: bits[11:8]. */
static const arm_thumb_fn thumb_ops[256] = {
	/* 0 */ SHI, SHI, SHI, SHI, SHI, SHI, SHI, SHI, SHI, SHI, SHI, SHI, SHI, SHI, SHI, SHI,
	/* 1 */ SHI, SHI, SHI, SHI, SHI, SHI, SHI, SHI, AS3, AS3, AS3, AS3, AS3, AS3, AS3, AS3,
	/* 2 */ MVI, MVI, MVI, MVI, MVI, MVI, MVI, MVI, CMI, CMI, CMI, CMI, CMI, CMI, CMI, CMI,
	/* 3 */ ADI, ADI, ADI, ADI, ADI, ADI, ADI, ADI, SBI, SBI, SBI, SBI, SBI, SBI, SBI, SBI,
	/* 4 */ DP_, DP_, DP_, DP_, ADH, CMH, MVH, BX_, LDL, LDL, LDL, LDL, LDL, LDL, LDL, LDL,
	/* 5 */ LSR_, LSR_, LSR_, LSR_, LSR_, LSR_, LSR_, LSR_, LSR_, LSR_, LSR_, LSR_, LSR_, LSR_, LSR_, LSR_,
	/* 6 */ STW, STW, STW, STW, STW, STW, STW, STW, LDW, LDW, LDW, LDW, LDW, LDW, LDW, LDW,
	/* 7 */ STB, STB, STB, STB, STB, STB, STB, STB, LDB, LDB, LDB, LDB, LDB, LDB, LDB, LDB,
	/* 8 */ STH, STH, STH, STH, STH, STH, STH, STH, LDH, LDH, LDH, LDH, LDH, LDH, LDH, LDH,
	/* 9 */ STS, STS, STS, STS, STS, STS, STS, STS, LDS, LDS, LDS, LDS, LDS, LDS, LDS, LDS,
	/* A */ ADR, ADR, ADR, ADR, ADR, ADR, ADR, ADR, ASP, ASP, ASP, ASP, ASP, ASP, ASP, ASP,
	/* B: CBZ/CBNZ, IT and hints are Thumb-2, run as the reference does */
	/* B */ JSP, CBZ, EXT, CBZ, PSH, PSH, CPS, UND, UND, CBZ, REV, CBZ, POP, POP, BKP, ITH,
	/* C */ STM, STM, STM, STM, STM, STM, STM, STM, LDM, LDM, LDM, LDM, LDM, LDM, LDM, LDM,
	/* D: 0xDE is the permanently undefined space, 0xDF SVC */
	/* D */ BCC, BCC, BCC, BCC, BCC, BCC, BCC, BCC, BCC, BCC, BCC, BCC, BCC, BCC, UND, SVC,
	/* E */ B__, B__, B__, B__, B__, B__, B__, B__, BXS, BXS, BXS, BXS, BXS, BXS, BXS, BXS,
	/* F */ BLP, BLP, BLP, BLP, BLP, BLP, BLP, BLP, BLS, BLS, BLS, BLS, BLS, BLS, BLS, BLS,
};

/* Fetches the halfword at r[15]. An even pc never crosses a page, so one
 * permission byte decides; anything else takes the general check. False
 * (fault stop filled in) on a fault. */
static inline bool fetch(struct arm_cpu *cpu, struct gmem *m, bool big_endian, uint16_t *insn)
{
	uint32_t pc = cpu->r[15];

	if (__builtin_expect(pc >= m->size || (pc & 1) || !(gmem_perm(m, pc >> GPAGE_SHIFT) & GP_X), 0) &&
	    !gmem_check(m, pc, 2, GP_X)) {
		cpu->stop_pc = pc;
		cpu->insn = 0;
		return false;
	}
	*insn = gmem_raw_ld16(m->host + pc);
	if (big_endian)
		*insn = gmem_swap16(*insn);
	return true;
}

static inline int dispatch(struct arm_cpu *cpu, uint16_t insn)
{
	if (__builtin_expect(cpu->itstate != 0, 0))
		return arm_thumb_in_it(cpu, insn, thumb_ops[insn >> 8]);
	return thumb_ops[insn >> 8](cpu, insn);
}

int arm_thumb_step(struct arm_cpu *cpu)
{
	uint16_t insn;

	if (!fetch(cpu, cpu->mem, cpu->mem->big_endian, &insn))
		return ARM_STOP_FAULT;
	return dispatch(cpu, insn);
}

int arm_thumb_run(struct arm_cpu *cpu)
{
	struct gmem *m = cpu->mem;
	bool big_endian = m->big_endian;
	uint16_t insn;
	int rc;

	do {
		if (!fetch(cpu, m, big_endian, &insn))
			return ARM_STOP_FAULT;
		ICACHE_COUNT(1);
		rc = dispatch(cpu, insn);
	} while (!rc && cpu->t && cpu->itstate && !__atomic_load_n(&cpu->interrupt_request, __ATOMIC_RELAXED));
	return rc;
}

arm_thumb_fn arm_thumb_handler(uint32_t insn)
{
	return thumb_ops[(insn >> 8) & 0xff];
}
