// Leaving UEFI firmware for the hypervisor's own boot (ArmEfiEntry.Image.cs drives it).
// UEFI (2.x §2.3.6, AArch64 platforms) enters an application with the MMU on (identity map), caches on,
// the firmware's exception vectors and stack, at the firmware's exception level. The firmware enters the
// image at ArmEfiEntry's XenArmEfiMain (the PE AddressOfEntryPoint in Start.s), which runs on the firmware's
// stack until ExitBootServices. Then xen_efi_leave_firmware puts the CPU in the state the raw-Image path
// starts from (booting.rst: MMU off, our vectors and stack), so everything after is the shared boot:
//   1. mask DAIF (the firmware's timer must not reach our vectors, or its own once we replace VBAR);
//   2. clean + invalidate the image (code, data, statics written so far, the boot stack) to the point of
//      coherency by VA (DC CIVAC, line size from CTR_EL0.DminLine; Arm ARM DDI 0487 D7.5), so that nothing
//      the firmware-phase code wrote is lost when data accesses become non-cacheable;
//   3. SCTLR_EL2 to the RES1-only value (M, C, I off), then invalidate the I-cache and EL2 TLBs;
//   4. HCR_EL2 = 0 (what a -kernel boot starts with), our boot stack, FP/SIMD untrapped, our vectors;
//   5. XenArmEfiContinue() in C#, which never returns.
	.text
	.p2align 2
	.globl xen_efi_leave_firmware
	.type xen_efi_leave_firmware, %function
xen_efi_leave_firmware:
	msr	daifset, #0xf
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4		// DminLine: log2(words per line)
	mov	x4, #4
	lsl	x4, x4, x3		// line size in bytes
	sub	x5, x4, #1
	adrp	x1, __image_start
	add	x1, x1, :lo12:__image_start
	bic	x1, x1, x5
	adrp	x2, __image_end
	add	x2, x2, :lo12:__image_end
1:	dc	civac, x1
	add	x1, x1, x4
	cmp	x1, x2
	b.lo	1b
	dsb	sy

	ldr	x1, =0x30C50830
	msr	sctlr_el2, x1
	isb
	ic	iallu
	tlbi	alle2
	dsb	sy
	isb

	msr	hcr_el2, xzr
	adrp	x1, xen_boot_stack_top
	add	x1, x1, :lo12:xen_boot_stack_top
	mov	sp, x1
	mov	x1, #0x33ff
	msr	cptr_el2, x1
	mov	x1, #(3 << 20)
	msr	cpacr_el1, x1
	adrp	x1, xen_el2_vectors
	add	x1, x1, :lo12:xen_el2_vectors
	msr	vbar_el2, x1
	isb

	mov	x29, xzr
	mov	x30, xzr
	bl	XenArmEfiContinue
2:	wfe
	b	2b

	.ltorg

// Byte-wide MMIO for QEMU's fw_cfg (QemuFwCfg.Image.cs): x0 = address (→ w0 = byte); x0 = address, w1 = value.
	.globl xen_efi_mmio_read8
	.type xen_efi_mmio_read8, %function
xen_efi_mmio_read8:
	ldrb	w0, [x0]
	ret

	.globl xen_efi_mmio_write16
	.type xen_efi_mmio_write16, %function
xen_efi_mmio_write16:
	strh	w1, [x0]
	ret
