// The EL2 exception vector table (Arm ARM DDI 0487, "Exception vectors" and VBAR_EL2): 2 KiB aligned (VBAR_EL2 bits
// [10:0] are RES0), 16 entries of 0x80 bytes in four groups of four (synchronous, IRQ, FIQ, SError):
//   0-3   current EL with SP_EL0     4-7   current EL with SP_ELx (the hypervisor itself: EL2h)
//   8-11  lower EL, AArch64          12-15 lower EL, AArch32
// Entries 8-15 (a guest at EL1, or its AArch32 EL0, took an exception to EL2) are guest exits: GUEST_VECTOR hands them to
// Virtualization/GuestEntry.s, which saves the guest and returns to the C# run loop. The others are the
// hypervisor's own exceptions:
// each entry makes room for a TrapFrame (Exceptions/TrapFrame.cs), saves x0/x1, puts its index in x0 and
// joins the common path, which saves the rest plus SP, ELR/SPSR/ESR/FAR_EL2 and calls XenArmTrap(frame*).
// If the handler returns, the (possibly modified) state is restored and ERET resumes at ELR_EL2.
// SIMD registers are not saved: the handler stops the machine for every exception today. Handlers that
// return (interrupts, guest exits) will have to save q0-q7 and q16-q31, which AAPCS64 code may clobber.
	.text

	.equ	FRAME_SIZE, 304		// 31 GPRs + sp, elr, spsr, esr, far, vector, pad: 38 * 8, 16-byte multiple
	.equ	FRAME_SP, 248
	.equ	FRAME_ELR, 256
	.equ	FRAME_ESR, 272
	.equ	FRAME_VECTOR, 288

	.macro VECTOR index
	.p2align 7
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\index
	b	xen_trap_common
	.endm

	// Exceptions from a guest (lower EL, AArch64) leave the guest: push its x0/x1 on the EL2 stack and let
	// Virtualization/GuestEntry.s store the rest in the running vCPU's block (TPIDR_EL2).
	.macro GUEST_VECTOR index
	.p2align 7
	stp	x0, x1, [sp, #-16]!
	mov	x0, #\index
	b	xen_guest_exit
	.endm

	.p2align 11
	.globl xen_el2_vectors
xen_el2_vectors:
	VECTOR 0
	VECTOR 1
	VECTOR 2
	VECTOR 3
	VECTOR 4
	VECTOR 5
	VECTOR 6
	VECTOR 7
	GUEST_VECTOR 8
	GUEST_VECTOR 9
	GUEST_VECTOR 10
	GUEST_VECTOR 11
	GUEST_VECTOR 12
	GUEST_VECTOR 13
	GUEST_VECTOR 14
	GUEST_VECTOR 15

	.p2align 7
xen_trap_common:
	str	x0, [sp, #FRAME_VECTOR]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	add	x1, sp, #FRAME_SIZE	// SP before the exception (for traps taken from EL2h)
	stp	x30, x1, [sp, #240]
	mrs	x1, elr_el2
	mrs	x2, spsr_el2
	stp	x1, x2, [sp, #FRAME_ELR]
	mrs	x1, esr_el2
	mrs	x2, far_el2
	stp	x1, x2, [sp, #FRAME_ESR]
	mov	x29, xzr		// the handler's frame chain ends here
	mov	x0, sp
	bl	XenArmTrap
	ldp	x1, x2, [sp, #FRAME_ELR]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret
