# Instructions the guest kit needs from C# (Microsoft x64 ABI: rcx, rdx, r8, r9; result rax).
	.intel_syntax noprefix
	.text

# void guest_cpuid(uint leaf, uint subleaf, uint* regs /* eax ebx ecx edx */)
	.globl guest_cpuid
guest_cpuid:
	push	rbx
	mov	eax, ecx
	mov	ecx, edx
	cpuid
	mov	dword ptr [r8], eax
	mov	dword ptr [r8 + 4], ebx
	mov	dword ptr [r8 + 8], ecx
	mov	dword ptr [r8 + 12], edx
	pop	rbx
	ret

	.globl guest_wrmsr
guest_wrmsr:
	mov	rax, rdx
	shr	rdx, 32
	wrmsr
	ret

	.globl guest_outb
guest_outb:
	mov	eax, edx
	mov	edx, ecx
	out	dx, al
	ret

	.globl guest_rdtsc
guest_rdtsc:
	rdtsc
	shl	rdx, 32
	or	rax, rdx
	ret

	.globl guest_hypercall_page
guest_hypercall_page:
	lea	rax, [rip + xen_hypercall_page]
	ret

# long guest_hypercall(ulong nr /* rcx */, ulong a0 /* rdx */, ulong a1 /* r8 */, ulong a2 /* r9 */)
# Calls hypercall_page + nr * 32 with Xen's 64-bit convention (rdi, rsi, rdx, r10, r8; result rax).
	.globl guest_hypercall
guest_hypercall:
	push	rdi
	push	rsi
	mov	rdi, rdx
	mov	rsi, r8
	mov	rdx, r9
	shl	rcx, 5
	lea	rax, [rip + xen_hypercall_page]
	add	rax, rcx
	call	rax
	pop	rsi
	pop	rdi
	ret

# long guest_vmmcall(ulong nr, a0, a1, a2): VMMCALL without the page, for numbers the page has no stub for.
	.globl guest_vmmcall
guest_vmmcall:
	push	rdi
	push	rsi
	mov	rax, rcx
	mov	rdi, rdx
	mov	rsi, r8
	mov	rdx, r9
	vmmcall
	pop	rsi
	pop	rdi
	ret

	.globl guest_image_base
guest_image_base:
	lea	rax, [rip + __ImageBase]
	ret

	.globl guest_modules_start
guest_modules_start:
	lea	rax, [rip + __modules_a]
	ret

	.globl guest_modules_end
guest_modules_end:
	lea	rax, [rip + __modules_z]
	ret

	.globl guest_halt
guest_halt:
	hlt
	ret

# ilc's module header pointers sit in `.modules$I`; the linker sorts `$` groups, so these bracket them.
	.section .modules$A,"dr"
	.p2align 3
__modules_a:
	.section .modules$Z,"dr"
	.p2align 3
__modules_z:

# Event upcalls (the hypervisor injects the vector registered with HVMOP_set_evtchn_upcall_vector as an
# external interrupt). guest_upcall_install(uint vector /* ecx */) builds an IDT whose only present gate is
# that vector: a 64-bit interrupt gate (type 0xE, P, DPL 0) to guest_upcall_isr in code segment 0x08, and
# loads it. The handler stamps the TSC, counts, and returns; there is no local APIC to acknowledge.
	.text
	.globl guest_upcall_install
guest_upcall_install:
	lea	rax, [rip + guest_upcall_isr]
	lea	rdx, [rip + guest_idt]
	movzx	ecx, cl
	shl	rcx, 4
	add	rdx, rcx
	mov	word ptr [rdx], ax
	mov	word ptr [rdx + 2], 0x08
	mov	word ptr [rdx + 4], 0x8E00
	shr	rax, 16
	mov	word ptr [rdx + 6], ax
	shr	rax, 16
	mov	dword ptr [rdx + 8], eax
	mov	dword ptr [rdx + 12], 0
	lidt	[rip + guest_idt_descriptor]
	ret

guest_upcall_isr:
	push	rax
	push	rdx
	rdtsc
	shl	rdx, 32
	or	rax, rdx
	mov	qword ptr [rip + guest_upcall_tsc], rax
	lock inc qword ptr [rip + guest_upcall_count]
	pop	rdx
	pop	rax
	iretq

	.globl guest_upcall_count_get
guest_upcall_count_get:
	mov	rax, qword ptr [rip + guest_upcall_count]
	ret

	.globl guest_upcall_tsc_get
guest_upcall_tsc_get:
	mov	rax, qword ptr [rip + guest_upcall_tsc]
	ret

	.globl guest_sti
guest_sti:
	sti
	ret

	.globl guest_cli
guest_cli:
	cli
	ret

	.data
	.p2align 4
guest_idt_descriptor:
	.word	4095
	.quad	guest_idt
	.p2align 3
guest_upcall_tsc:	.quad 0
guest_upcall_count:	.quad 0

	.bss
	.p2align 12
guest_idt:	.zero 4096
