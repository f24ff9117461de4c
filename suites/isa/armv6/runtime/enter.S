@ Entering and leaving a vector. isa_enter(v) sets the input flags, loads
@ r0-r14 and the entry address from the descriptor with one LDM (loading
@ PC interworks, so Thumb stubs are entered with bit 0 set). The stub saves
@ every register into isa_save through a register it does not use, then
@ branches to isa_back, which restores the C caller's state.
	.syntax unified
	.arch armv6k
	.arm
	.text

	.global isa_enter
	.type isa_enter, %function
isa_enter:
	push {r4-r11, lr}
	ldr r1, =isa_host_sp
	str sp, [r1]
	ldr r1, [r0, #64]
	msr CPSR_fs, r1
	.inst 0xe890ffff		@ ldm r0, {r0-r15}
	.size isa_enter, . - isa_enter

	.global isa_back
	.type isa_back, %function
isa_back:
	ldr r0, =isa_host_sp
	ldr sp, [r0]
	pop {r4-r11, pc}
	.size isa_back, . - isa_back
	.ltorg

	.bss
	.balign 4
isa_host_sp:
	.space 4
	.section .note.GNU-stack,"",%progbits
