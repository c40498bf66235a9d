// System-register, barrier and MMIO routines for C# (bound with [RuntimeImport] in SystemRegisters.Image.cs).
// AAPCS64: argument in x0 (x0-x3 for the SMC), result in x0. Every system-register write is followed by an
// ISB so its effect is visible to the next instruction (Arm ARM DDI 0487, "Synchronization requirements for AArch64 System registers").
	.text

	.macro SYSREG_READ name, reg
	.globl xen_read_\name
	.type xen_read_\name, %function
	.p2align 2
xen_read_\name:
	mrs	x0, \reg
	ret
	.endm

	.macro SYSREG_WRITE name, reg
	.globl xen_write_\name
	.type xen_write_\name, %function
	.p2align 2
xen_write_\name:
	msr	\reg, x0
	isb
	ret
	.endm

	SYSREG_READ current_el, CurrentEL
	SYSREG_READ midr_el1, midr_el1
	SYSREG_READ id_aa64mmfr0_el1, id_aa64mmfr0_el1
	SYSREG_READ cntpct_el0, cntpct_el0
	SYSREG_READ cntfrq_el0, cntfrq_el0
	SYSREG_READ hcr_el2, hcr_el2
	SYSREG_READ vbar_el2, vbar_el2
	SYSREG_READ esr_el2, esr_el2
	SYSREG_READ far_el2, far_el2
	SYSREG_READ elr_el2, elr_el2
	SYSREG_READ spsr_el2, spsr_el2
	SYSREG_READ sctlr_el2, sctlr_el2
	SYSREG_READ tcr_el2, tcr_el2
	SYSREG_READ mair_el2, mair_el2
	SYSREG_READ ttbr0_el2, ttbr0_el2

	SYSREG_WRITE sctlr_el2, sctlr_el2
	SYSREG_WRITE tcr_el2, tcr_el2
	SYSREG_WRITE mair_el2, mair_el2
	SYSREG_WRITE ttbr0_el2, ttbr0_el2

// Invalidate every EL2 stage-1 TLB entry after page-table writes: DSB makes the table stores visible to
// the table walker before the invalidation, the second DSB waits for it, ISB resynchronises the pipeline.
	.globl xen_tlbi_alle2
	.type xen_tlbi_alle2, %function
xen_tlbi_alle2:
	dsb	ishst
	tlbi	alle2
	dsb	ish
	isb
	ret

	.globl xen_dsb_sy
	.type xen_dsb_sy, %function
xen_dsb_sy:
	dsb	sy
	isb
	ret

// 32-bit device register access: a single aligned ldr/str the compiler cannot merge, hoist or elide.
	.globl xen_mmio_read32
	.type xen_mmio_read32, %function
xen_mmio_read32:
	ldr	w0, [x0]
	ret

	.globl xen_mmio_write32
	.type xen_mmio_write32, %function
xen_mmio_write32:
	str	w1, [x0]
	ret

// SMC Calling Convention (Arm DEN 0028): function id in w0, arguments x1-x3, result x0. Used for PSCI.
	.globl xen_smc
	.type xen_smc, %function
xen_smc:
	smc	#0
	ret

// Semihosting call (Arm IHI 0073 "Semihosting for AArch32 and AArch64"): operation in w0, parameter in x1,
// trap instruction HLT #0xF000 on AArch64; result in x0. Faults unless the debugger/QEMU enables it.
	.globl xen_semihost
	.type xen_semihost, %function
xen_semihost:
	hlt	#0xf000
	ret

	.globl xen_wait_for_event
	.type xen_wait_for_event, %function
xen_wait_for_event:
	wfe
	ret

	.globl xen_disable_interrupts
	.type xen_disable_interrupts, %function
xen_disable_interrupts:
	msr	daifset, #0xf
	ret

// bool xen_zero_pages(ulong address, ulong bytes): zeroes whole 4 KiB pages with DC ZVA (Arm ARM DDI 0487,
// "DC ZVA, Data Cache Zero by VA"; the block size is 4 << DCZID_EL0.BS bytes, and DCZID_EL0.DZP = bit 4 set
// means the instruction is prohibited). Returns 0 (nothing done) when prohibited, so the caller falls back.
// Under QEMU TCG one DC ZVA clears a whole block in a single helper call: several times faster than stores.
	.globl xen_zero_pages
	.type xen_zero_pages, %function
	.p2align 2
xen_zero_pages:
	mrs	x2, dczid_el0
	tbnz	x2, #4, 2f
	and	x2, x2, #0xf
	mov	x3, #4
	lsl	x3, x3, x2		// block size in bytes
	add	x1, x0, x1
1:	dc	zva, x0
	add	x0, x0, x3
	cmp	x0, x1
	b.lo	1b
	dsb	ish
	mov	x0, #1
	ret
2:	mov	x0, #0
	ret

// Addresses the linker script defines, for C#: the image bounds, the symbol-table area, ilc's module list
// and the vector table. `adrp/add` is PC-relative, so the answers are right wherever the image runs.
	.macro ADDRESS_OF name, symbol
	.globl \name
	.type \name, %function
	.p2align 2
\name:
	adrp	x0, \symbol
	add	x0, x0, :lo12:\symbol
	ret
	.endm

	ADDRESS_OF xen_image_base, __image_start
	ADDRESS_OF xen_image_end, __image_end
	ADDRESS_OF xen_symtab_start, xen_symtab
	ADDRESS_OF xen_symtab_limit, xen_symtab_end
	ADDRESS_OF xen_modules_start, __modules_start
	ADDRESS_OF xen_modules_end, __modules_end
	ADDRESS_OF xen_vector_table_address, xen_el2_vectors

// ---- GICv3 CPU interface, its virtualization controls and the EL2 timers (Arm IHI 0069 "GICv3 and GICv4
// Architecture Specification" chapter 12 "System registers": ICC_* at EL2 drive the physical CPU interface,
// ICH_* control the virtual one that EL1 sees as ICV_*; Arm ARM DDI 0487 D11 "The Generic Timer").
	SYSREG_READ mpidr_el1, mpidr_el1
	SYSREG_READ ich_vtr_el2, ich_vtr_el2
	SYSREG_READ ich_vmcr_el2, ich_vmcr_el2
	SYSREG_READ ich_elrsr_el2, ich_elrsr_el2
	SYSREG_READ ich_misr_el2, ich_misr_el2
	SYSREG_READ ich_ap1r0_el2, ich_ap1r0_el2
	SYSREG_READ ich_ap0r0_el2, ich_ap0r0_el2
	SYSREG_READ icc_iar1_el1, icc_iar1_el1
	SYSREG_READ cntvoff_el2, cntvoff_el2
	SYSREG_READ cntv_ctl_el0, cntv_ctl_el0
	SYSREG_WRITE icc_sre_el2, icc_sre_el2
	SYSREG_WRITE icc_pmr_el1, icc_pmr_el1
	SYSREG_WRITE icc_bpr1_el1, icc_bpr1_el1
	SYSREG_WRITE icc_ctlr_el1, icc_ctlr_el1
	SYSREG_WRITE icc_igrpen1_el1, icc_igrpen1_el1
	SYSREG_WRITE icc_eoir1_el1, icc_eoir1_el1
	SYSREG_WRITE ich_hcr_el2, ich_hcr_el2
	SYSREG_WRITE ich_vmcr_el2, ich_vmcr_el2
	SYSREG_WRITE ich_ap1r0_el2, ich_ap1r0_el2
	SYSREG_WRITE ich_ap0r0_el2, ich_ap0r0_el2
	SYSREG_WRITE cnthp_ctl_el2, cnthp_ctl_el2
	SYSREG_WRITE cnthp_cval_el2, cnthp_cval_el2
	SYSREG_WRITE cntv_ctl_el0, cntv_ctl_el0

// ulong xen_ich_lr_read(int n) / void xen_ich_lr_write(int n, ulong value): ICH_LR<n>_EL2, n = 0-15. The
// register number is part of the instruction encoding, so a computed branch selects one of 16 two-instruction
// stubs (8 bytes each). n is masked to 0-15; callers pass n < ICH_VTR_EL2.ListRegs + 1.
	.macro LR_READ n
	mrs	x0, ich_lr\n\()_el2
	ret
	.endm
	.macro LR_WRITE n
	msr	ich_lr\n\()_el2, x1
	b	1f
	.endm

	.globl xen_ich_lr_read
	.type xen_ich_lr_read, %function
	.p2align 3
xen_ich_lr_read:
	and	x0, x0, #15
	adr	x1, 2f
	add	x1, x1, x0, lsl #3
	br	x1
	.p2align 3
2:	LR_READ 0
	LR_READ 1
	LR_READ 2
	LR_READ 3
	LR_READ 4
	LR_READ 5
	LR_READ 6
	LR_READ 7
	LR_READ 8
	LR_READ 9
	LR_READ 10
	LR_READ 11
	LR_READ 12
	LR_READ 13
	LR_READ 14
	LR_READ 15

	.globl xen_ich_lr_write
	.type xen_ich_lr_write, %function
	.p2align 3
xen_ich_lr_write:
	and	x0, x0, #15
	adr	x2, 2f
	add	x2, x2, x0, lsl #3
	br	x2
	.p2align 3
2:	LR_WRITE 0
	LR_WRITE 1
	LR_WRITE 2
	LR_WRITE 3
	LR_WRITE 4
	LR_WRITE 5
	LR_WRITE 6
	LR_WRITE 7
	LR_WRITE 8
	LR_WRITE 9
	LR_WRITE 10
	LR_WRITE 11
	LR_WRITE 12
	LR_WRITE 13
	LR_WRITE 14
	LR_WRITE 15
1:	isb
	ret

// void xen_wait_for_interrupt(): WFI with interrupts still masked at EL2 — a pending physical interrupt wakes
// the core without being taken (Arm ARM DDI 0487, "Wait for Interrupt"); the caller acknowledges it through
// ICC_IAR1_EL1.
	.globl xen_wait_for_interrupt
	.type xen_wait_for_interrupt, %function
xen_wait_for_interrupt:
	dsb	sy
	wfi
	ret
