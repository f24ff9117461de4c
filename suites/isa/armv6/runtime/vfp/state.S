@ VFP state of a vector: isa_vfp_load sets D0-D15 and FPSCR before
@ isa_enter; a VFP stub ends in isa_vfp_back instead of isa_back (the
@ core registers are saved already), which saves them into isa_vfp_save,
@ clears FPSCR (no short vectors, traps or odd rounding in the C code that
@ follows) and goes on to isa_back. Offsets: struct isa_vfp (vfp.h).
	.syntax unified
	.arch armv6k
	.fpu vfpv2
	.arm
	.text

	.global isa_vfp_load
	.type isa_vfp_load, %function
isa_vfp_load:
	vldmia r0, {d0-d15}
	ldr r1, [r0, #128]
	vmsr fpscr, r1
	bx lr
	.size isa_vfp_load, . - isa_vfp_load

	.global isa_vfp_back
	.type isa_vfp_back, %function
isa_vfp_back:
	ldr r0, =isa_vfp_save
	vstmia r0, {d0-d15}
	vmrs r1, fpscr
	str r1, [r0, #128]
	mov r1, #0
	vmsr fpscr, r1
	b isa_back
	.size isa_vfp_back, . - isa_vfp_back
	.ltorg

	.bss
	.balign 8
	.global isa_vfp_save
isa_vfp_save:
	.space 136
	.section .note.GNU-stack,"",%progbits
