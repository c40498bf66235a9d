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
