# The hypervisor's GDT: null, 64-bit code (0x08), data (0x10), 32-bit code (0x18). Shared by the PVH and
# UEFI entries; also the boot stack (64 KiB) until per-CPU stacks exist.
	.intel_syntax noprefix
	.data
	.p2align 4
	.globl xen_gdt
xen_gdt:
	.quad	0
	.quad	0x00AF9A000000FFFF
	.quad	0x00CF92000000FFFF
	.quad	0x00CF9A000000FFFF
xen_gdt_end:
	.globl xen_gdt_descriptor
xen_gdt_descriptor:
	.word	xen_gdt_end - xen_gdt - 1
	.quad	xen_gdt

	.bss
	.p2align 12
	.globl xen_boot_stack
xen_boot_stack:
	.zero	65536
	.globl xen_boot_stack_top
xen_boot_stack_top:
