// Runtime helpers ilc-generated arm64 code calls with non-standard conventions or that must know their caller.
// AAPCS64 (the image is compiled with --targetos:linux): arguments x0-x7 (+ x8 indirect result), q0-q7;
// result x0; x9-x17 are caller-saved scratch; x29 = frame pointer, x30 = link register.
// Plain GNU syntax for llvm-mc (no C preprocessor): repetition uses .macro.
	.text

// Write barriers. Images have no generational collector, so a barrier is a plain store. The JIT calls these
// with a private contract (not AAPCS64) and assumes only the listed registers change, so they touch nothing
// else (NativeAOT's arm64 WriteBarriers.S documents the contract):
//   RhpAssignRefArm64 / RhpCheckedAssignRefArm64: x14 = destination, x15 = reference; x14 += 8 on exit.
//   RhpByRefAssignRefArm64: x13 = source, x14 = destination; both += 8; x15 trashed (holds the reference).
	.p2align 2
	.globl RhpAssignRefArm64
	.type RhpAssignRefArm64, %function
RhpAssignRefArm64:
	str	x15, [x14], #8
	ret

	.globl RhpCheckedAssignRefArm64
	.type RhpCheckedAssignRefArm64, %function
RhpCheckedAssignRefArm64:
	str	x15, [x14], #8
	ret

	.globl RhpByRefAssignRefArm64
	.type RhpByRefAssignRefArm64, %function
RhpByRefAssignRefArm64:
	ldr	x15, [x13], #8
	str	x15, [x14], #8
	ret

// Interlocked reference exchange (AAPCS64): x0 = location, x1 = value, x2 = comparand; returns the old value.
// Armv8.0 exclusives (cortex-a57 has no LSE atomics); acquire/release to give full-barrier semantics.
	.globl RhpCheckedLockCmpXchg
	.type RhpCheckedLockCmpXchg, %function
RhpCheckedLockCmpXchg:
1:	ldaxr	x9, [x0]
	cmp	x9, x2
	b.ne	2f
	stlxr	w10, x1, [x0]
	cbnz	w10, 1b
	mov	x0, x9
	ret
2:	clrex
	mov	x0, x9
	ret

	.globl RhpCheckedXchg
	.type RhpCheckedXchg, %function
RhpCheckedXchg:
1:	ldaxr	x9, [x0]
	stlxr	w10, x1, [x0]
	cbnz	w10, 1b
	mov	x0, x9
	ret

// throw: x0 = the exception. Pass it and the throw site (our return address, in the throwing method) to
// the managed panic path: XenUnhandledException(object exception, nuint throwAddress).
	.globl RhpThrowEx
	.type RhpThrowEx, %function
RhpThrowEx:
	mov	x1, x30
	b	XenUnhandledException

	.globl RhpRethrow
	.type RhpRethrow, %function
RhpRethrow:
	mov	x0, xzr
	mov	x1, x30
	b	XenUnhandledException

// Stack-cookie failures and other fail-fasts arrive here: XenFailFast(nuint address).
	.globl RhpFallbackFailFast
	.type RhpFallbackFailFast, %function
RhpFallbackFailFast:
	mov	x0, x30
	b	XenFailFast

	.globl xen_return_address
	.type xen_return_address, %function
xen_return_address:
	mov	x0, x30
	ret

// Full memory fence for System.Threading.Interlocked.MemoryBarrier (inner shareable: all CPUs).
	.globl xen_memory_barrier
	.type xen_memory_barrier, %function
xen_memory_barrier:
	dmb	ish
	ret

// Interlocked (Corelib/System/Threading/Interlocked.cs): x0 = location, x1 = value, x2 = comparand;
// x0 = original value. Load-acquire/store-release exclusive loops (no v8.1 LSE needed) followed by a
// dmb ish give .NET's full-barrier semantics. A failed compare clears the monitor (clrex).
	.globl xen_cmpxchg32
	.type xen_cmpxchg32, %function
xen_cmpxchg32:
1:	ldaxr	w3, [x0]
	cmp	w3, w2
	b.ne	2f
	stlxr	w4, w1, [x0]
	cbnz	w4, 1b
	dmb	ish
	mov	w0, w3
	ret
2:	clrex
	dmb	ish
	mov	w0, w3
	ret
	.globl xen_cmpxchg64
	.type xen_cmpxchg64, %function
xen_cmpxchg64:
1:	ldaxr	x3, [x0]
	cmp	x3, x2
	b.ne	2f
	stlxr	w4, x1, [x0]
	cbnz	w4, 1b
	dmb	ish
	mov	x0, x3
	ret
2:	clrex
	dmb	ish
	mov	x0, x3
	ret
	.globl xen_xchg32
	.type xen_xchg32, %function
xen_xchg32:
1:	ldaxr	w3, [x0]
	stlxr	w4, w1, [x0]
	cbnz	w4, 1b
	dmb	ish
	mov	w0, w3
	ret
	.globl xen_xchg64
	.type xen_xchg64, %function
xen_xchg64:
1:	ldaxr	x3, [x0]
	stlxr	w4, x1, [x0]
	cbnz	w4, 1b
	dmb	ish
	mov	x0, x3
	ret
	.globl xen_xadd32
	.type xen_xadd32, %function
xen_xadd32:
1:	ldaxr	w3, [x0]
	add	w5, w3, w1
	stlxr	w4, w5, [x0]
	cbnz	w4, 1b
	dmb	ish
	mov	w0, w3
	ret
	.globl xen_xadd64
	.type xen_xadd64, %function
xen_xadd64:
1:	ldaxr	x3, [x0]
	add	x5, x3, x1
	stlxr	w4, x5, [x0]
	cbnz	w4, 1b
	dmb	ish
	mov	x0, x3
	ret
	.globl xen_or32
	.type xen_or32, %function
xen_or32:
1:	ldaxr	w3, [x0]
	orr	w5, w3, w1
	stlxr	w4, w5, [x0]
	cbnz	w4, 1b
	dmb	ish
	mov	w0, w3
	ret
	.globl xen_or64
	.type xen_or64, %function
xen_or64:
1:	ldaxr	x3, [x0]
	orr	x5, x3, x1
	stlxr	w4, x5, [x0]
	cbnz	w4, 1b
	dmb	ish
	mov	x0, x3
	ret
	.globl xen_and32
	.type xen_and32, %function
xen_and32:
1:	ldaxr	w3, [x0]
	and	w5, w3, w1
	stlxr	w4, w5, [x0]
	cbnz	w4, 1b
	dmb	ish
	mov	w0, w3
	ret
	.globl xen_and64
	.type xen_and64, %function
xen_and64:
1:	ldaxr	x3, [x0]
	and	x5, x3, x1
	stlxr	w4, x5, [x0]
	cbnz	w4, 1b
	dmb	ish
	mov	x0, x3
	ret
	.globl xen_cpu_relax
	.type xen_cpu_relax, %function
xen_cpu_relax:
	yield
	ret
// Interface call through a dispatch cell: x11 = cell, x0 = this, x1-x7/x8 and q0-q7 = the call's other
// arguments. Save every argument register, resolve the target in C# with
// XenResolveInterfaceDispatch(this, cell), restore, and branch to the target as if it had been called
// directly (x30 still holds the original caller's return address). x16/x17 are the intra-procedure-call
// scratch registers (AAPCS64 6.4.1), free to use between a call and the callee's entry.
	.globl RhpInitialDynamicInterfaceDispatch
	.type RhpInitialDynamicInterfaceDispatch, %function
RhpInitialDynamicInterfaceDispatch:
	stp	x29, x30, [sp, #-224]!
	mov	x29, sp
	stp	x0, x1, [sp, #16]
	stp	x2, x3, [sp, #32]
	stp	x4, x5, [sp, #48]
	stp	x6, x7, [sp, #64]
	str	x8, [sp, #80]
	stp	q0, q1, [sp, #96]
	stp	q2, q3, [sp, #128]
	stp	q4, q5, [sp, #160]
	stp	q6, q7, [sp, #192]
	mov	x1, x11
	bl	XenResolveInterfaceDispatch
	mov	x16, x0
	ldp	q6, q7, [sp, #192]
	ldp	q4, q5, [sp, #160]
	ldp	q2, q3, [sp, #128]
	ldp	q0, q1, [sp, #96]
	ldr	x8, [sp, #80]
	ldp	x6, x7, [sp, #64]
	ldp	x4, x5, [sp, #48]
	ldp	x2, x3, [sp, #32]
	ldp	x0, x1, [sp, #16]
	ldp	x29, x30, [sp], #224
	br	x16

// The JIT's stack-protection cookie (GS check for methods with stackalloc). A fixed value is enough to catch
// linear overruns; a failed check calls RhpFallbackFailFast.
	.data
	.p2align 3
	.globl __security_cookie
__security_cookie:
	.quad	0x5E7D1C3B2A994F86

// Space the image tool fills with the symbol table after linking (see Xen.Runtime.Diagnostics.SymbolTable).
// Writable progbits so the linker script can place it before .bss and `objcopy -O binary` keeps it.
	.section .xsym,"aw",@progbits
	.p2align 4
	.globl xen_symtab
xen_symtab:
	.zero	131072
	.globl xen_symtab_end
xen_symtab_end:

// Monomorphic interface call (see InterfaceDispatch.cs): x11 = cell, whose cache word points at
// {type, target, interface, slot}. Same type as last time: branch to the target; otherwise resolve.
// x16/x17 (IP0/IP1) and x9 are scratch at a call boundary and carry no argument.
	.globl RhpMonomorphicInterfaceDispatch
	.type RhpMonomorphicInterfaceDispatch, %function
RhpMonomorphicInterfaceDispatch:
	ldr	x16, [x11, #8]
	ldr	x17, [x0]
	ldr	x9, [x16]
	cmp	x17, x9
	b.ne	RhpInitialDynamicInterfaceDispatch
	ldr	x16, [x16, #8]
	br	x16

	.globl xen_monomorphic_dispatch_stub
	.type xen_monomorphic_dispatch_stub, %function
xen_monomorphic_dispatch_stub:
	adr	x0, RhpMonomorphicInterfaceDispatch
	ret
