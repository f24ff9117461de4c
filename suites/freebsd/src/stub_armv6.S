@ System call stubs of the freestanding FreeBSD/armv6 test programs
@ (FreeBSD's ABI: swi 0, number in r7, arguments in r0-r3 then on the
@ stack, carry set on failure with the errno in r0).
	.syntax unified
	.text
	.globl _start
@ The kernel starts the program with sp at argc (exec_setregs).
_start:
	mov r0, sp
	bic sp, sp, #7
	bl fbsd_main
	mov r7, #1          @ SYS_exit
	swi 0
	b .

@ long sys6(long a0, long a1, long a2, long a3, long a4, long a5, long nr):
@ a4 and a5 are already on the stack where the kernel reads them; returns
@ the result or -errno.
	.globl sys6
sys6:
	mov ip, r7
	ldr r7, [sp, #8]
	swi 0
	mov r7, ip
	rsbcs r0, r0, #0
	bx lr
