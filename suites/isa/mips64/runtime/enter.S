# Entering and leaving a mips64 vector (n64). isa_enter(v) saves the C
# caller's callee-saved state and FCSR, loads HI, LO, the FPRs, FCSR and
# $2-$31 from the descriptor and jumps to the stub's entry (gpr[0]) with $1
# pointing at the descriptor: the jump reads $31 before its delay slot
# loads $31's input. The stub loads $1 itself and comes back to isa_exit
# with $1 = &isa_save (its own $1 already stored there), which saves
# everything and returns to isa_enter's caller. Not PIC: the stubs reach
# isa_exit with J, and a PIC isa_exit would get a linker stub setting $25.
	.option pic0
	.set noreorder
	.set noat
	.text

# Absolute address of a symbol, without $gp (it is a test input here).
	.macro la64 reg, sym
	lui \reg, %highest(\sym)
	daddiu \reg, \reg, %higher(\sym)
	dsll \reg, \reg, 16
	daddiu \reg, \reg, %hi(\sym)
	dsll \reg, \reg, 16
	daddiu \reg, \reg, %lo(\sym)
	.endm

	.macro gprs op, base
	.irp r, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	\op $\r, 8*\r(\base)
	.endr
	.endm

	.macro fprs op, base
	.irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	\op $f\r, 256+8*\r(\base)
	.endr
	.endm

	.macro host op, fop
	\op $16, 0($12)
	\op $17, 8($12)
	\op $18, 16($12)
	\op $19, 24($12)
	\op $20, 32($12)
	\op $21, 40($12)
	\op $22, 48($12)
	\op $23, 56($12)
	\op $28, 64($12)
	\op $29, 72($12)
	\op $30, 80($12)
	\op $31, 88($12)
	\fop $f24, 96($12)
	\fop $f25, 104($12)
	\fop $f26, 112($12)
	\fop $f27, 120($12)
	\fop $f28, 128($12)
	\fop $f29, 136($12)
	\fop $f30, 144($12)
	\fop $f31, 152($12)
	.endm

	.globl isa_enter
	.type isa_enter, @function
	.ent isa_enter
isa_enter:
	la64 $12, isa_host
	host sd, sdc1
	cfc1 $13, $31
	sw $13, 160($12)
	ld $13, 512($4)
	mthi $13
	ld $13, 520($4)
	mtlo $13
	fprs ldc1, $4
	lw $13, 552($4)
	ctc1 $13, $31
	or $1, $4, $0
	gprs ld, $1
	ld $31, 0($1)
	jr $31
	ld $31, 248($1)
	.end isa_enter
	.size isa_enter, . - isa_enter

	.globl isa_exit
	.type isa_exit, @function
	.ent isa_exit
isa_exit:
	gprs sd, $1
	sd $31, 248($1)
	mfhi $2
	sd $2, 512($1)
	mflo $2
	sd $2, 520($1)
	cfc1 $2, $31
	sw $2, 528($1)
	fprs sdc1, $1
	la64 $12, isa_host
	lw $2, 160($12)
	ctc1 $2, $31
	host ld, ldc1
	jr $31
	nop
	.end isa_exit
	.size isa_exit, . - isa_exit

	.bss
	.balign 8
isa_host:
	.space 168
	.section .note.GNU-stack,"",@progbits
