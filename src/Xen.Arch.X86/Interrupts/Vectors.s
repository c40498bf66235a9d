# Exception entry stubs for vectors 0-31. Each pushes a uniform frame (a dummy error code where the CPU
# pushes none: vectors 8, 10-14, 17, 21, 29, 30 push one, Intel SDM vol. 3 table 6-1 / AMD APM vol. 2 8.2)
# then the common path saves all GPRs and calls XenTrap(TrapFrame*). If the handler returns, we resume.
	.intel_syntax noprefix
	.text

	.macro VECTOR n, has_error
	.p2align 4
xen_vector_\n:
	.if \has_error == 0
	push	0
	.endif
	push	\n
	jmp	xen_trap_common
	.endm

	VECTOR 0, 0
	VECTOR 1, 0
	VECTOR 2, 0
	VECTOR 3, 0
	VECTOR 4, 0
	VECTOR 5, 0
	VECTOR 6, 0
	VECTOR 7, 0
	VECTOR 8, 1
	VECTOR 9, 0
	VECTOR 10, 1
	VECTOR 11, 1
	VECTOR 12, 1
	VECTOR 13, 1
	VECTOR 14, 1
	VECTOR 15, 0
	VECTOR 16, 0
	VECTOR 17, 1
	VECTOR 18, 0
	VECTOR 19, 0
	VECTOR 20, 0
	VECTOR 21, 1
	VECTOR 22, 0
	VECTOR 23, 0
	VECTOR 24, 0
	VECTOR 25, 0
	VECTOR 26, 0
	VECTOR 27, 0
	VECTOR 28, 0
	VECTOR 29, 1
	VECTOR 30, 1
	VECTOR 31, 0

xen_trap_common:
	push	rax
	push	rbx
	push	rcx
	push	rdx
	push	rsi
	push	rdi
	push	rbp
	push	r8
	push	r9
	push	r10
	push	r11
	push	r12
	push	r13
	push	r14
	push	r15
	mov	rcx, rsp
	mov	rbx, rsp
	and	rsp, -16
	sub	rsp, 32
	call	XenTrap
	mov	rsp, rbx
	pop	r15
	pop	r14
	pop	r13
	pop	r12
	pop	r11
	pop	r10
	pop	r9
	pop	r8
	pop	rbp
	pop	rdi
	pop	rsi
	pop	rdx
	pop	rcx
	pop	rbx
	pop	rax
	add	rsp, 16
	iretq

	.globl xen_vector_table
xen_vector_table:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad	xen_vector_\n
	.endr

	.globl xen_vector_table_address
xen_vector_table_address:
	lea	rax, [rip + xen_vector_table]
	ret
