// CPU helpers for arm64 test guests (AAPCS64: arguments x0-x5, result x0), bound with [RuntimeImport] in
// GuestCpu.cs.
	.text
	.macro FUNC name
	.globl \name
	.type \name, %function
	.p2align 2
\name:
	.endm

	// long guest_hypercall(number, a0, a1, a2, a3, a4): Xen's Arm ABI (xen/include/public/arch-arm.h):
	// hvc #0xEA1 with x16 = number, x0-x4 = arguments, result in x0.
FUNC guest_hypercall
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	mov	x4, x5
	hvc	#0xea1
	ret

	// ulong guest_psci_hvc(function, a1, a2, a3) / guest_psci_smc: SMCCC calls (DEN 0028), result in x0.
FUNC guest_psci_hvc
	hvc	#0
	ret
FUNC guest_psci_smc
	smc	#0
	ret

	// void guest_mmio_write32(address, value)
FUNC guest_mmio_write32
	str	w1, [x0]
	ret

	// uint guest_mmio_read32(address)
FUNC guest_mmio_read32
	ldr	w0, [x0]
	ret

	// ulong guest_counter(): CNTVCT_EL0, ordered after earlier instructions (ISB).
FUNC guest_counter
	isb
	mrs	x0, cntvct_el0
	ret

FUNC guest_counter_frequency
	mrs	x0, cntfrq_el0
	ret

FUNC guest_current_el
	mrs	x0, CurrentEL
	ret

FUNC guest_image_end
	ldr	x0, =__image_end
	ret
FUNC guest_modules_start
	ldr	x0, =__modules_start
	ret
FUNC guest_modules_end
	ldr	x0, =__modules_end
	ret
FUNC guest_halt
	wfi
	b	guest_halt
	.ltorg
