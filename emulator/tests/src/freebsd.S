@ A freestanding FreeBSD/armv6 program from clang (--target
@ armv6-unknown-freebsd13): FreeBSD's ABI tag note, as its crt1 brands
@ every program, and FreeBSD system call numbers (write 4, exit 1). mimic
@ must know it by its EI_OSABI, and by the note alone when that is 0.
	.section .note.tag, "a", %note
	.p2align 2
	.long 8          @ namesz
	.long 4          @ descsz
	.long 1          @ NT_FREEBSD_ABI_TAG
	.asciz "FreeBSD"
	.long 1300139    @ __FreeBSD_version
	.text
	.globl _start
_start:
	mov r0, #1
	adr r1, msg
	mov r2, #18
	mov r7, #4
	svc 0
	mov r0, #0
	mov r7, #1
	svc 0
msg:	.ascii "a FreeBSD program\n"
