// Entry of an arm64 test guest: the arm64 Image header (Linux Documentation/arch/arm64/booting.rst), then at
// EL1h with the MMU off (how the hypervisor starts a domain): stack, .bss zeroed, FP/SIMD enabled
// (CPACR_EL1.FPEN = 0b11: ilc's code uses SIMD registers), and an identity map with the MMU on — with the MMU
// off every data access is Device memory, where the unaligned and exclusive accesses compiled C# makes fault.
// The map is one L1 table of 1 GiB blocks (4 KiB granule, TCR_EL1.T0SZ = 25 → walks start at level 1):
// [0, 1 GiB) Device-nGnRnE + execute-never (the vpl011 at 0x22000000), [1, 2 GiB) Normal write-back (RAM at
// 0x40000000). Values as the hypervisor's EL2 map (shared/notes/toolchain-arm64.md), for EL1 (Arm ARM DDI 0487,
// TCR_EL1, MAIR_EL1, SCTLR_EL1, "VMSAv8-64 block descriptors").
	.section .text.boot,"ax"
	.p2align 12
	.globl _start
_start:
	b	guest_entry		// code0
	.long	0			// code1
	.quad	0			// text_offset: loaded at the RAM base itself
	.quad	_image_size		// image_size, .bss included
	.quad	0x2			// flags: little endian, 4 KiB pages
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0

guest_entry:
	mov	x19, x0			// device tree (0: none yet)
	adrp	x1, guest_stack_top
	add	x1, x1, :lo12:guest_stack_top
	mov	sp, x1
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8		// 8-byte stores: Device memory (MMU off) faults on nothing aligned
	b	1b
2:	mov	x1, #(3 << 20)
	msr	cpacr_el1, x1

	adrp	x1, guest_l1
	add	x1, x1, :lo12:guest_l1
	ldr	x2, =0x0060000000000401	// [0, 1 GiB): AttrIndx 0 (device), AF, UXN|PXN, block
	str	x2, [x1, #0]
	ldr	x2, =0x0000000040000705	// [1, 2 GiB): AttrIndx 1 (normal), SH inner, AF, block
	str	x2, [x1, #8]
	dsb	sy
	msr	ttbr0_el1, x1
	ldr	x1, =0xFF00		// MAIR: Attr0 Device-nGnRnE, Attr1 Normal WB RW-allocate
	msr	mair_el1, x1
	ldr	x1, =0x803519		// TCR: T0SZ 25, IRGN0/ORGN0 WB, SH0 inner, TG0 4K, EPD1
	msr	tcr_el1, x1
	isb
	tlbi	vmalle1
	dsb	sy
	isb
	ldr	x1, =0x30D01805		// SCTLR: RES1 bits | M | C | I
	msr	sctlr_el1, x1
	isb

	adrp	x1, guest_vectors
	add	x1, x1, :lo12:guest_vectors
	msr	vbar_el1, x1
	isb

	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	bl	XenGuestMain
3:	wfi
	b	3b
	.ltorg

// Secondary vCPUs (PSCI CPU_ON entry point, DEN 0022D §6.4.3: EL1, MMU off, x0 = the context id): the kit
// passes the top of a stack it allocated as the context id. Same CPU set-up as the boot vCPU (the L1 table
// is already filled), then XenGuestSecondary(stack top) in C#.
	.text
	.globl guest_secondary_entry
	.p2align 2
guest_secondary_entry:
	mov	sp, x0
	mov	x19, x0
	mov	x1, #(3 << 20)
	msr	cpacr_el1, x1
	adrp	x1, guest_l1
	add	x1, x1, :lo12:guest_l1
	msr	ttbr0_el1, x1
	ldr	x1, =0xFF00
	msr	mair_el1, x1
	ldr	x1, =0x803519
	msr	tcr_el1, x1
	isb
	tlbi	vmalle1
	dsb	sy
	isb
	ldr	x1, =0x30D01805
	msr	sctlr_el1, x1
	isb
	adrp	x1, guest_vectors
	add	x1, x1, :lo12:guest_vectors
	msr	vbar_el1, x1
	isb
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	bl	XenGuestSecondary
4:	wfi
	b	4b
	.ltorg

// The EL1 vector table (Arm ARM DDI 0487, "Exception vectors": VBAR_EL1 2 KiB aligned, 16 entries of 0x80
// bytes: current EL with SP0, current EL with SPx, lower EL AArch64, lower EL AArch32; each group sync, IRQ,
// FIQ, SError). Every entry saves the caller-saved state the AAPCS64 lets a C# handler clobber — x0-x18,
// x29, x30 and all of q0-q31 (only the low halves of v8-v15 are callee-saved) — plus ELR/SPSR_EL1, calls
// GuestException(index, ESR_EL1, ELR_EL1) and returns with ERET. Entry 5 (IRQ at EL1 with SP_EL1) is the
// interrupt path; the kit treats the others as fatal.
	.equ	FRAME, 704		// 21 * 8 (x0-x18, x29, x30) + ELR, SPSR, pad (24) + 32 * 16 (q0-q31 at 192)
	.macro VECTOR index
	.p2align 7
	sub	sp, sp, #FRAME
	stp	x0, x1, [sp, #0]
	mov	x0, #\index
	b	guest_exception_common
	.endm

	.p2align 11
	.globl guest_vectors
guest_vectors:
	VECTOR 0
	VECTOR 1
	VECTOR 2
	VECTOR 3
	VECTOR 4
	VECTOR 5
	VECTOR 6
	VECTOR 7
	VECTOR 8
	VECTOR 9
	VECTOR 10
	VECTOR 11
	VECTOR 12
	VECTOR 13
	VECTOR 14
	VECTOR 15

	.p2align 7
guest_exception_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	str	x30, [sp, #160]
	add	x1, sp, #192
	stp	q0, q1, [x1, #0]
	stp	q2, q3, [x1, #32]
	stp	q4, q5, [x1, #64]
	stp	q6, q7, [x1, #96]
	stp	q8, q9, [x1, #128]
	stp	q10, q11, [x1, #160]
	stp	q12, q13, [x1, #192]
	stp	q14, q15, [x1, #224]
	stp	q16, q17, [x1, #256]
	stp	q18, q19, [x1, #288]
	stp	q20, q21, [x1, #320]
	stp	q22, q23, [x1, #352]
	stp	q24, q25, [x1, #384]
	stp	q26, q27, [x1, #416]
	stp	q28, q29, [x1, #448]
	stp	q30, q31, [x1, #480]
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	str	x1, [sp, #168]
	str	x2, [sp, #176]
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mov	x29, xzr
	bl	GuestException
	ldr	x1, [sp, #168]
	ldr	x2, [sp, #176]
	msr	elr_el1, x1
	msr	spsr_el1, x2
	add	x1, sp, #192
	ldp	q0, q1, [x1, #0]
	ldp	q2, q3, [x1, #32]
	ldp	q4, q5, [x1, #64]
	ldp	q6, q7, [x1, #96]
	ldp	q8, q9, [x1, #128]
	ldp	q10, q11, [x1, #160]
	ldp	q12, q13, [x1, #192]
	ldp	q14, q15, [x1, #224]
	ldp	q16, q17, [x1, #256]
	ldp	q18, q19, [x1, #288]
	ldp	q20, q21, [x1, #320]
	ldp	q22, q23, [x1, #352]
	ldp	q24, q25, [x1, #384]
	ldp	q26, q27, [x1, #416]
	ldp	q28, q29, [x1, #448]
	ldp	q30, q31, [x1, #480]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	ldr	x30, [sp, #160]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME
	eret

	.bss
	.p2align 12
guest_l1:
	.zero	4096
	.p2align 4
guest_stack:
	.zero	65536
guest_stack_top:
