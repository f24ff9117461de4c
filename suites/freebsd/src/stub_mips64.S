# System call stubs of the freestanding FreeBSD/mips64 test programs
# (FreeBSD's n64 ABI: syscall, number in v0, arguments in a0-a7, a3 set
# on failure with the errno in v0).
	.set noreorder
	.text
	.globl __start
	.globl _start
# The kernel starts the program with sp and a0 at argc (exec_setregs).
__start:
_start:
	dla $gp, _gp         # small data is addressed from $gp
	daddiu $sp, $sp, -16
	dla $t9, fbsd_main
	jalr $t9
	daddiu $a0, $sp, 16
	move $a0, $v0
	li $v0, 1            # SYS_exit
	syscall
1:	b 1b
	nop

# long sys6(long a0, long a1, long a2, long a3, long a4, long a5, long nr):
# the result or -errno.
	.globl sys6
	.ent sys6
sys6:
	move $v0, $a6
	syscall
	beqz $a3, 1f
	nop
	dsubu $v0, $zero, $v0
1:	jr $ra
	nop
	.end sys6
