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

	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	bl	XenGuestMain
3:	wfi
	b	3b
	.ltorg

	.bss
	.p2align 12
guest_l1:
	.zero	4096
	.p2align 4
guest_stack:
	.zero	65536
guest_stack_top:
