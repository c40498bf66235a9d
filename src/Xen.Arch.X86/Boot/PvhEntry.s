# PVH entry (docs/misc/pvh.pandoc): QEMU/Xen start us in 32-bit protected mode, paging off, flat segments,
# EBX = physical address of hvm_start_info. We build a temporary identity map of the first 4 GiB with
# 2 MiB pages, enable long mode (PAE + EFER.LME + paging), load a 64-bit GDT and call the managed entry
# XenPvhMain(startInfo). The managed code replaces these tables with its own (page 0 unmapped).
# Linked only into the fixed-base PVH image (absolute 32-bit relocations).
	.intel_syntax noprefix
	.text
	.code32
	.globl xen_pvh_entry32
xen_pvh_entry32:
	cli
	cld
	mov	esi, ebx
	lea	esp, [xen_boot_stack_top]

	# PML4[0] -> PDPT; PDPT[0..3] -> PD0..PD3; each PD maps 1 GiB with 2 MiB pages (P|RW|PS).
	lea	edi, [xen_boot_pml4]
	lea	eax, [xen_boot_pdpt]
	or	eax, 3
	mov	dword ptr [edi], eax
	lea	edi, [xen_boot_pdpt]
	lea	eax, [xen_boot_pd]
	or	eax, 3
	mov	ecx, 4
1:	mov	dword ptr [edi], eax
	add	eax, 4096
	add	edi, 8
	dec	ecx
	jnz	1b
	lea	edi, [xen_boot_pd]
	mov	eax, 0x83
	xor	edx, edx
	mov	ecx, 2048
2:	mov	dword ptr [edi], eax
	mov	dword ptr [edi + 4], edx
	add	eax, 0x200000
	adc	edx, 0
	add	edi, 8
	dec	ecx
	jnz	2b

	mov	eax, cr4
	or	eax, 0x620		# PAE | OSFXSR | OSXMMEXCPT (the JIT emits SSE)
	mov	cr4, eax
	lea	eax, [xen_boot_pml4]
	mov	cr3, eax
	mov	ecx, 0xC0000080		# EFER
	rdmsr
	or	eax, 0x900		# LME | NXE
	wrmsr
	mov	eax, cr0
	and	eax, 0xFFFFFFFB		# clear EM
	or	eax, 0x80010022		# PG | WP | NE | MP
	mov	cr0, eax
	lgdt	[xen_gdt_descriptor]
	ljmp	0x08, offset xen_pvh_entry64

	.code64
xen_pvh_entry64:
	mov	ax, 0x10
	mov	ds, ax
	mov	es, ax
	mov	ss, ax
	xor	eax, eax
	mov	fs, ax
	mov	gs, ax
	mov	esp, offset xen_boot_stack_top
	mov	ecx, esi		# rcx = hvm_start_info (Microsoft x64 ABI)
	sub	rsp, 32			# shadow space; rsp stays 16-byte aligned at the call (ABI)
	call	XenPvhMain
3:	hlt
	jmp	3b

	.bss
	.p2align 12
xen_boot_pml4:	.zero 4096
xen_boot_pdpt:	.zero 4096
xen_boot_pd:	.zero 16384
