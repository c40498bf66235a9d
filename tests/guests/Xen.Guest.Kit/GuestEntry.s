# PVH entry of a test guest (docs/misc/pvh.pandoc): the hypervisor starts us in 32-bit protected mode, paging
# off, EBX = hvm_start_info. We identity-map the first 4 GiB with 2 MiB pages, enable long mode (CR4.PAE,
# EFER.LME through WRMSR — which the hypervisor intercepts and emulates — then CR0.PG), load our own GDT and
# call the managed XenGuestMain(startInfo) with the Microsoft x64 ABI (rcx). The symbol is named
# xen_pvh_entry32 because Xen.ImageTool's pvh-elf puts that symbol into XEN_ELFNOTE_PHYS32_ENTRY.
	.intel_syntax noprefix
	.text
	.code32
	.globl xen_pvh_entry32
xen_pvh_entry32:
	cli
	cld
	mov	esi, ebx
	lea	esp, [guest_stack_top]
	lea	edi, [guest_pml4]
	lea	eax, [guest_pdpt]
	or	eax, 3
	mov	dword ptr [edi], eax
	lea	edi, [guest_pdpt]
	lea	eax, [guest_pd]
	or	eax, 3
	mov	ecx, 4
1:	mov	dword ptr [edi], eax
	add	eax, 4096
	add	edi, 8
	dec	ecx
	jnz	1b
	lea	edi, [guest_pd]
	mov	eax, 0x83		# P | RW | PS
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
	or	eax, 0x620		# PAE | OSFXSR | OSXMMEXCPT (managed code uses SSE)
	mov	cr4, eax
	lea	eax, [guest_pml4]
	mov	cr3, eax
	mov	ecx, 0xC0000080		# EFER
	rdmsr
	or	eax, 0x900		# LME | NXE
	wrmsr
	mov	eax, cr0
	and	eax, 0xFFFFFFFB		# clear EM
	or	eax, 0x80010022		# PG | WP | NE | MP
	mov	cr0, eax
	lgdt	[guest_gdt_descriptor]
	ljmp	0x08, offset guest_entry64

	.code64
guest_entry64:
	mov	ax, 0x10
	mov	ds, ax
	mov	es, ax
	mov	ss, ax
	xor	eax, eax
	mov	fs, ax
	mov	gs, ax
	mov	esp, offset guest_stack_top
	mov	ecx, esi
	sub	rsp, 32
	call	XenGuestMain
3:	hlt
	jmp	3b

	.data
	.p2align 4
guest_gdt:
	.quad	0
	.quad	0x00AF9A000000FFFF	# 64-bit code
	.quad	0x00CF92000000FFFF	# data
guest_gdt_end:
guest_gdt_descriptor:
	.word	guest_gdt_end - guest_gdt - 1
	.quad	guest_gdt

	.bss
	.p2align 12
guest_pml4:	.zero 4096
guest_pdpt:	.zero 4096
guest_pd:	.zero 16384
	.globl xen_hypercall_page
xen_hypercall_page:	.zero 4096
guest_stack:	.zero 65536
guest_stack_top:
