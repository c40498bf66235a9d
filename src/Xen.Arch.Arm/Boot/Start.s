// Entry point of the arm64 image, for both boot forms QEMU (and firmware/bootloaders) use:
//   - raw Image: the arm64 Linux boot protocol (Linux Documentation/arch/arm64/booting.rst): a 64-byte
//     header, loaded at RAM base + text_offset, entered at its first byte with x0 = physical DTB address,
//     MMU off, at EL2 when the hypervisor is to own the machine;
//   - ELF (`-kernel xen.elf`): QEMU loads the segments at their addresses and jumps to e_entry (the same
//     first byte) at EL2 with x0 = 0; the DTB then sits at the start of RAM (shared/notes/toolchain-arm64.md).
// One link at 0x40200000 (QEMU virt RAM base 0x40000000 + text_offset 0x200000) serves both forms; the
// 2 MiB below it leave room for the 1 MiB DTB QEMU places at the start of RAM for ELF boots (link.ld).
// The stub checks the exception level, gives itself a stack, zeroes .bss (a raw Image carries none),
// enables FP/SIMD (ilc's code uses the vector registers), installs the EL2 vectors and calls
// XenArmMain(ulong dtb) in C#.
	.section .text.boot,"ax"
	.p2align 12
	.globl _start
	.type _start, %function
_start:
	// Image header (booting.rst "Call the kernel image"): code0/code1, then little-endian fields.
	b	xen_arm_entry		// code0: executable; branches over the header
	.long	0			// code1
	.quad	0x200000		// text_offset: load offset from a 2 MiB aligned RAM base
	.quad	_image_size		// image_size: bytes from the image start to the end of .bss
	.quad	0x2			// flags: bit 0 = 0 little-endian, bits 1-2 = 1 4 KiB pages, bit 3 = 0 near RAM base
	.quad	0			// res2
	.quad	0			// res3
	.quad	0			// res4
	.ascii	"ARM\x64"		// magic 0x644d5241 at offset 56
	.long	0			// res5 (PE/COFF header offset for EFI stubs: none)

xen_arm_entry:
	mov	x19, x0			// DTB pointer (0 for ELF boots): kept in a callee-saved register
	// The image is linked at a fixed address (not position-independent): a loader that placed it
	// elsewhere (another RAM base or text_offset) gets a parked CPU instead of wild jumps.
	adr	x1, _start
	ldr	x2, =_start
	cmp	x1, x2
	b.ne	xen_arm_wrong_place
	// CurrentEL bits [3:2] hold the exception level (Arm ARM DDI 0487, CurrentEL): we require EL2.
	mrs	x1, CurrentEL
	lsr	x1, x1, #2
	cmp	x1, #2
	b.ne	xen_arm_wrong_el

	// Mask interrupts (DAIF) until the hypervisor installs its own handling.
	msr	daifset, #0xf

	// SCTLR_EL2 to a known state: MMU and caches off, little-endian, only the RES1 bits set
	// (bits 4, 5, 11, 16, 18, 22, 23, 28, 29 when HCR_EL2.E2H = 0: Arm ARM DDI 0487, SCTLR_EL2). C# enables the MMU.
	ldr	x1, =0x30C50830
	msr	sctlr_el2, x1
	isb

	// Boot stack (in .bss, 16-byte aligned; SP_EL2 since we run in EL2h).
	adrp	x1, xen_boot_stack_top
	add	x1, x1, :lo12:xen_boot_stack_top
	mov	sp, x1

	// Zero .bss: the linker script aligns both bounds to 16 bytes.
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b
2:
	// FP/SIMD: CPTR_EL2.TFP (bit 10) = 0 stops trapping them at EL2; the other low bits are RES1 (0x33FF,
	// Arm ARM DDI 0487, CPTR_EL2 with E2H = 0). CPACR_EL1.FPEN = 0b11 for the EL1 side (later guests).
	mov	x1, #0x33ff
	msr	cptr_el2, x1
	mov	x1, #(3 << 20)
	msr	cpacr_el1, x1
	isb

	// Exception vectors before any C#: a fault in early boot is reported, not a silent hang.
	adrp	x1, xen_el2_vectors
	add	x1, x1, :lo12:xen_el2_vectors
	msr	vbar_el2, x1
	isb

	mov	x29, xzr		// terminate frame-pointer chains
	mov	x30, xzr
	mov	x0, x19
	bl	XenArmMain
xen_arm_park:
	wfe
	b	xen_arm_park

// Entered at EL1 or EL3 (a hypervisor cannot run there), or loaded away from the link address. Nothing
// is set up yet (no console, no vectors): park.
xen_arm_wrong_el:
xen_arm_wrong_place:
	wfe
	b	xen_arm_wrong_place

	.ltorg

	.bss
	.p2align 4
xen_boot_stack:
	.zero	65536
	.globl xen_boot_stack_top
xen_boot_stack_top:
