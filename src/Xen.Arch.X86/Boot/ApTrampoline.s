# Application-processor start-up (Intel SDM vol. 3 §9.4 "MP initialization"; AMD APM vol. 2 §15.27.8 for
# INIT under SVM). A Start-up IPI starts an AP in real mode at CS = page << 8, IP = 0, so the first part
# (xen_ap_trampoline .. xen_ap_trampoline_end) is copied by SecondaryCpus to a page below 1 MiB and must be
# position-independent: it only uses CS-relative data and absolute addresses of the image (fixed-base PVH
# image, so linker relocations are final). It loads the hypervisor's GDT, enters 32-bit protected mode and
# jumps into the image, which then mirrors PvhEntry.s: PAE, the BSP's CR3, EFER.LME|NXE, paging, 64-bit
# code segment, the stack the BSP prepared in xen_ap_boot, and finally XenApMain(cpuIndex).
# The BSP starts one AP at a time and waits for it to check in, so one xen_ap_boot block suffices.
	.intel_syntax noprefix
	.text
	.code16
	.globl xen_ap_trampoline
xen_ap_trampoline:
	cli
	cld
	mov	ax, cs
	mov	ds, ax
	# lgdt with an operand-size prefix (32-bit base); DS-relative offset of the descriptor below.
	.byte	0x66, 0x0F, 0x01, 0x16
	.word	xen_ap_gdtr - xen_ap_trampoline
	mov	eax, cr0
	or	eax, 1				# PE
	mov	cr0, eax
	# ljmp 0x18:xen_ap_entry32 (0x66 EA: far jump with a 32-bit offset from 16-bit code)
	.byte	0x66, 0xEA
	.long	xen_ap_entry32
	.word	0x18
	.p2align 2
xen_ap_gdtr:
	.word	31				# four 8-byte descriptors (Gdt.s)
	.long	xen_gdt
	.globl xen_ap_trampoline_end
xen_ap_trampoline_end:

	.code32
xen_ap_entry32:
	mov	ax, 0x10
	mov	ds, ax
	mov	es, ax
	mov	ss, ax
	mov	eax, cr4
	or	eax, 0x620			# PAE | OSFXSR | OSXMMEXCPT, as the BSP
	mov	cr4, eax
	mov	eax, dword ptr [xen_ap_boot]	# the BSP's CR3 (below 4 GiB: checked by SecondaryCpus)
	mov	cr3, eax
	mov	ecx, 0xC0000080			# EFER
	rdmsr
	or	eax, 0x900			# LME | NXE
	wrmsr
	mov	eax, cr0
	and	eax, 0xFFFFFFFB			# clear EM
	or	eax, 0x80010022			# PG | WP | NE | MP
	mov	cr0, eax
	ljmp	0x08, offset xen_ap_entry64

	.code64
xen_ap_entry64:
	mov	ax, 0x10
	mov	ds, ax
	mov	es, ax
	mov	ss, ax
	xor	eax, eax
	mov	fs, ax
	mov	gs, ax
	mov	rsp, qword ptr [rip + xen_ap_boot + 8]
	mov	ecx, dword ptr [rip + xen_ap_boot + 16]
	sub	rsp, 32				# shadow space (Microsoft x64 ABI)
	call	XenApMain
1:	cli
	hlt
	jmp	1b

	.globl xen_ap_trampoline_address
xen_ap_trampoline_address:
	lea	rax, [rip + xen_ap_trampoline]
	ret

	.globl xen_ap_trampoline_size
xen_ap_trampoline_size:
	mov	eax, dword ptr [rip + xen_ap_trampoline_length]
	ret

	.globl xen_ap_boot_address
xen_ap_boot_address:
	lea	rax, [rip + xen_ap_boot]
	ret

	.data
	.p2align 2
xen_ap_trampoline_length:
	.long	xen_ap_trampoline_end - xen_ap_trampoline
	.p2align 3
# +0 CR3, +8 stack top, +16 CPU index, +20 check-in flag (the AP's managed entry sets it).
xen_ap_boot:
	.quad	0
	.quad	0
	.long	0
	.long	0
