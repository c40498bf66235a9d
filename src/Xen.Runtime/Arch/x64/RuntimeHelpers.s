# Runtime helpers ilc-generated code calls with non-C# calling conventions or that must know their caller.
# Microsoft x64 ABI (the image is compiled with --targetos:windows so the same objects link as UEFI PE and
# as the PVH image): arguments rcx, rdx, r8, r9; result rax; rcx/rdx/r8-r11 volatile.
	.intel_syntax noprefix
	.text

# Write barriers. Images have no generational collector, so a barrier is a plain store.
	.globl RhpAssignRef
RhpAssignRef:
	mov	qword ptr [rcx], rdx
	ret

	.globl RhpCheckedAssignRef
RhpCheckedAssignRef:
	mov	qword ptr [rcx], rdx
	ret

# RhpByRefAssignRef: copy one reference from [rsi] to [rdi] and advance both (ilc's struct-copy contract).
	.globl RhpByRefAssignRef
RhpByRefAssignRef:
	movsq
	ret

	.globl RhpCheckedLockCmpXchg
RhpCheckedLockCmpXchg:
	mov	rax, r8
	lock cmpxchg qword ptr [rcx], rdx
	ret

	.globl RhpCheckedXchg
RhpCheckedXchg:
	xchg	qword ptr [rcx], rdx
	mov	rax, rdx
	ret

# throw: pass the exception and the throw site (our return address) to the managed panic path.
	.globl RhpThrowEx
RhpThrowEx:
	mov	rdx, qword ptr [rsp]
	jmp	XenUnhandledException

	.globl RhpRethrow
RhpRethrow:
	xor	ecx, ecx
	mov	rdx, qword ptr [rsp]
	jmp	XenUnhandledException

# Stack-cookie failures and other fail-fasts arrive here.
	.globl RhpFallbackFailFast
RhpFallbackFailFast:
	mov	rcx, qword ptr [rsp]
	jmp	XenFailFast

	.globl xen_return_address
xen_return_address:
	mov	rax, qword ptr [rsp]
	ret

# The JIT's stack-protection cookie (win-x64 GS). A fixed value is enough to catch linear overruns.
	.data
	.p2align 3
	.globl __security_cookie
__security_cookie:
	.quad	0x2B992DDFA232E6C1

# Space the image tool fills with the symbol table (see Xen.Runtime.Diagnostics.SymbolTable).
	.section .xsym,"dw"
	.p2align 4
	.globl xen_symtab
xen_symtab:
	.zero	131072
	.globl xen_symtab_end
xen_symtab_end:

	.text
# Interface call through a dispatch cell (r11 = cell, rcx = this, rdx/r8/r9 + xmm0-3 = arguments).
# Save every argument register, resolve the target in C#, restore, and jump to it as if called directly.
	.globl RhpInitialDynamicInterfaceDispatch
RhpInitialDynamicInterfaceDispatch:
	push	rcx
	push	rdx
	push	r8
	push	r9
	sub	rsp, 104		# 4 xmm saves (64) + shadow space (32) + 8 to realign to 16
	movdqu	xmmword ptr [rsp + 32], xmm0
	movdqu	xmmword ptr [rsp + 48], xmm1
	movdqu	xmmword ptr [rsp + 64], xmm2
	movdqu	xmmword ptr [rsp + 80], xmm3
	mov	rdx, r11
	call	XenResolveInterfaceDispatch
	movdqu	xmm0, xmmword ptr [rsp + 32]
	movdqu	xmm1, xmmword ptr [rsp + 48]
	movdqu	xmm2, xmmword ptr [rsp + 64]
	movdqu	xmm3, xmmword ptr [rsp + 80]
	add	rsp, 104
	pop	r9
	pop	r8
	pop	rdx
	pop	rcx
	jmp	rax

# Full memory fence for System.Threading.Interlocked.MemoryBarrier.
	.globl xen_memory_barrier
xen_memory_barrier:
	mfence
	ret

# Interlocked (Corelib/System/Threading/Interlocked.cs): rcx = location, rdx = value, r8 = comparand.
# Every lock-prefixed instruction is a full barrier on x86 (SDM vol. 3 §8.2.2). Results are original values.
	.globl xen_cmpxchg32
xen_cmpxchg32:
	mov	eax, r8d
	lock cmpxchg dword ptr [rcx], edx
	ret

	.globl xen_cmpxchg64
xen_cmpxchg64:
	mov	rax, r8
	lock cmpxchg qword ptr [rcx], rdx
	ret

	.globl xen_xchg32
xen_xchg32:
	mov	eax, edx
	xchg	dword ptr [rcx], eax
	ret

	.globl xen_xchg64
xen_xchg64:
	mov	rax, rdx
	xchg	qword ptr [rcx], rax
	ret

	.globl xen_xadd32
xen_xadd32:
	mov	eax, edx
	lock xadd dword ptr [rcx], eax
	ret

	.globl xen_xadd64
xen_xadd64:
	mov	rax, rdx
	lock xadd qword ptr [rcx], rax
	ret

# OR/AND have no fetching form: retry a compare-exchange until no other CPU changed the word between.
	.globl xen_or32
xen_or32:
	mov	eax, dword ptr [rcx]
1:	mov	r8d, eax
	or	r8d, edx
	lock cmpxchg dword ptr [rcx], r8d
	jnz	1b
	ret

	.globl xen_and32
xen_and32:
	mov	eax, dword ptr [rcx]
1:	mov	r8d, eax
	and	r8d, edx
	lock cmpxchg dword ptr [rcx], r8d
	jnz	1b
	ret

	.globl xen_or64
xen_or64:
	mov	rax, qword ptr [rcx]
1:	mov	r8, rax
	or	r8, rdx
	lock cmpxchg qword ptr [rcx], r8
	jnz	1b
	ret

	.globl xen_and64
xen_and64:
	mov	rax, qword ptr [rcx]
1:	mov	r8, rax
	and	r8, rdx
	lock cmpxchg qword ptr [rcx], r8
	jnz	1b
	ret

	.globl xen_cpu_relax
xen_cpu_relax:
	pause
	ret

# Monomorphic interface call (see InterfaceDispatch.cs): r11 = cell, whose cache word points at
# {type, target, interface, slot}. Same type as last time: jump to the target; otherwise resolve.
# r10 is volatile and carries no argument. A null `this` faults on the load: a NullReferenceException.
	.globl RhpMonomorphicInterfaceDispatch
RhpMonomorphicInterfaceDispatch:
	mov	rax, qword ptr [r11 + 8]
	mov	r10, qword ptr [rcx]
	cmp	r10, qword ptr [rax]
	jne	RhpInitialDynamicInterfaceDispatch
	jmp	qword ptr [rax + 8]

	.globl xen_monomorphic_dispatch_stub
xen_monomorphic_dispatch_stub:
	lea	rax, [rip + RhpMonomorphicInterfaceDispatch]
	ret
