// Entry point of the arm64 image, for the three boot forms firmware and loaders use:
//   - raw Image: the arm64 Linux boot protocol (Linux Documentation/arch/arm64/booting.rst): a 64-byte
//     header, loaded at RAM base + text_offset, entered at its first byte with x0 = physical DTB address,
//     MMU off, at EL2 when the hypervisor is to own the machine;
//   - ELF (`-kernel xen.elf`): QEMU loads the segments at their addresses and jumps to e_entry (the same
//     first byte) at EL2 with x0 = 0; the DTB then sits at the start of RAM (shared/notes/toolchain-arm64.md);
//   - UEFI (xen.efi, a byte-for-byte copy of Image): the same header doubles as a PE/COFF image, as Linux's
//     EFI stub does it — code0 starts with "MZ", res5 (offset 0x3C) is the DOS header's e_lfanew, and the PE
//     headers follow in the first page. The firmware enters EfiEntry.s's xen_efi_entry instead (see there).
// One link at 0x40200000 (QEMU virt RAM base 0x40000000 + text_offset 0x200000) serves all forms; the
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
	// code0 = `add x13, x18, #0x16` (0x91005a4d): harmless, and its low half is the DOS magic "MZ".
	.inst	0x91005a4d
	b	xen_arm_entry		// code1: branches over the header
	.quad	0x200000		// text_offset: load offset from a 2 MiB aligned RAM base
	.quad	_image_size		// image_size: bytes from the image start to the end of .bss
	.quad	0x2			// flags: bit 0 = 0 little-endian, bits 1-2 = 1 4 KiB pages, bit 3 = 0 near RAM base
	.quad	0			// res2
	.quad	0			// res3
	.quad	0			// res4
	.ascii	"ARM\x64"		// magic 0x644d5241 at offset 56
	.long	xen_pe_header - _start	// res5 = e_lfanew: offset of the PE signature

// PE32+ headers (Microsoft PE/COFF specification, "Optional Header (Image Only)"; UEFI 2.x §2.1.1 for the
// EFI subsystem and machine types). ImageBase is the link address and relocations are marked stripped:
// EDK2's loader then allocates exactly [ImageBase, ImageBase + SizeOfImage) (DxeCore CoreLoadPeImage) and
// never relocates, so the image runs where it was linked. One section covers everything after the header
// page; VirtualSize > SizeOfRawData makes the loader zero .bss.
xen_pe_header:
	.ascii	"PE\0\0"
	.short	0xaa64			// Machine: IMAGE_FILE_MACHINE_ARM64
	.short	1			// NumberOfSections
	.long	0			// TimeDateStamp
	.long	0			// PointerToSymbolTable
	.long	0			// NumberOfSymbols
	.short	xen_pe_sections - xen_pe_optional	// SizeOfOptionalHeader
	.short	0x0207			// EXECUTABLE_IMAGE | RELOCS_STRIPPED | LINE_NUMS_STRIPPED | DEBUG_STRIPPED
xen_pe_optional:
	.short	0x20b			// PE32+
	.byte	0, 0			// linker version
	.long	__file_end - _start - 0x1000	// SizeOfCode
	.long	0			// SizeOfInitializedData
	.long	0			// SizeOfUninitializedData
	.long	XenArmEfiMain - _start	// AddressOfEntryPoint (RVA): ArmEfiEntry.Image.cs
	.long	0x1000			// BaseOfCode
	.quad	_start			// ImageBase: the link address
	.long	0x1000			// SectionAlignment
	.long	0x1000			// FileAlignment
	.short	0, 0, 0, 0, 0, 0	// OS, image and subsystem versions
	.long	0			// Win32VersionValue
	.long	_image_size		// SizeOfImage
	.long	0x1000			// SizeOfHeaders: the whole first page
	.long	0			// CheckSum
	.short	10			// Subsystem: IMAGE_SUBSYSTEM_EFI_APPLICATION
	.short	0			// DllCharacteristics
	.quad	0, 0, 0, 0		// stack and heap reserve/commit (unused by UEFI)
	.long	0			// LoaderFlags
	.long	16			// NumberOfRvaAndSizes
	.fill	16, 8, 0		// data directories: no exports, imports, relocations or debug data
xen_pe_sections:
	.ascii	".text\0\0\0"
	.long	_image_size - 0x1000	// VirtualSize: code, data and .bss
	.long	0x1000			// VirtualAddress
	.long	__file_end - _start - 0x1000	// SizeOfRawData: what the file holds (link.ld pads it to a page)
	.long	0x1000			// PointerToRawData
	.long	0, 0			// relocations, line numbers
	.short	0, 0
	.long	0xe0000020		// CNT_CODE | MEM_EXECUTE | MEM_READ | MEM_WRITE

	// The raw-Image code starts on the next page, outside the PE headers (SizeOfHeaders).
	.p2align 12
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
