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

// ---- GICv3 CPU interface at EL1 (Arm IHI 0069 §12.2; under a hypervisor with HCR_EL2.IMO these are the
// virtual ICV_* registers, except ICC_SGI1R_EL1, whose writes trap to the hypervisor), the virtual timer
// (Arm ARM D11.2) and interrupt masking.
	// void guest_gic_cpu_init(): SRE on (RAO under a hypervisor), PMR 0xFF (all priorities), BPR1 0, group 1 on.
FUNC guest_gic_cpu_init
	mrs	x0, icc_sre_el1
	orr	x0, x0, #1
	msr	icc_sre_el1, x0
	isb
	mov	x0, #0xff
	msr	icc_pmr_el1, x0
	msr	icc_bpr1_el1, xzr
	mov	x0, #1
	msr	icc_igrpen1_el1, x0
	isb
	ret
FUNC guest_icc_iar1
	mrs	x0, icc_iar1_el1
	ret
FUNC guest_icc_eoir1
	msr	icc_eoir1_el1, x0
	isb
	ret
FUNC guest_icc_sgi1r
	msr	icc_sgi1r_el1, x0
	isb
	ret
	// void guest_timer_set(cval, ctl): CNTV_CVAL_EL0 then CNTV_CTL_EL0 (bit 0 ENABLE, bit 1 IMASK).
FUNC guest_timer_set
	msr	cntv_cval_el0, x0
	msr	cntv_ctl_el0, x1
	isb
	ret
FUNC guest_timer_ctl
	mrs	x0, cntv_ctl_el0
	ret
FUNC guest_irq_enable
	msr	daifclr, #2
	ret
FUNC guest_irq_disable
	msr	daifset, #2
	ret
	// void guest_wait(): WFI (returns when an interrupt is pending, even while masked).
FUNC guest_wait
	dsb	sy
	wfi
	ret
FUNC guest_mpidr
	mrs	x0, mpidr_el1
	ret
FUNC guest_secondary_entry_address
	ldr	x0, =guest_secondary_entry
	ret
	.ltorg
FUNC guest_timer_cval
	mrs	x0, cntv_cval_el0
	ret
