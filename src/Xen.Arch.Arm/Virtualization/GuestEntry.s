// Entering and leaving an EL1 guest (Arm ARM DDI 0487, D1 "The AArch64 Exception Model": ERET to a lower EL,
// and exceptions taken to EL2 from a lower EL). The register block layout is VcpuContext.cs (offsets below).
//
//   ulong xen_guest_run(VcpuContext* ctx)
//     Saves the host's AAPCS64 callee-saved state (x19-x30, sp, d8-d15) in ctx, loads the guest's EL1 system
//     registers, FP/SIMD state, VTTBR/HCR/VMPIDR_EL2, ELR/SPSR_EL2 and x0-x30, and ERETs. TPIDR_EL2 = ctx.
//     It "returns" from xen_guest_exit with the exit's vector index in x0.
//   xen_guest_exit (reached from the lower-EL vectors with the vector index in x0 and the guest's x0/x1
//     pushed on the EL2 stack): stores the guest's registers, syndrome and EL1/FP state in ctx, restores the
//     host state and returns to xen_guest_run's caller.
// The hypervisor itself never uses EL1 registers or the virtual timer: they are saved on every exit (so the
// block is always current for dumps and C# readers) but reloaded on entry only when another vCPU ran since.
	.text

	.equ	CTX_PC, 248
	.equ	CTX_ESR, 264
	.equ	CTX_VECTOR, 288
	.equ	CTX_HOST, 304
	.equ	CTX_HOST_SP, 400
	.equ	CTX_HOST_FP, 416
	.equ	CTX_FP, 480
	.equ	CTX_FPSR, 992
	.equ	CTX_EL1, 1008
	.equ	CTX_VTTBR, 1216

	// High part of the block, addressed from x3 = ctx + CTX_EL1 (LDP/STP offsets reach only ±512 bytes).
	.equ	HI_FPSR, CTX_FPSR - CTX_EL1
	.equ	HI_VTTBR, CTX_VTTBR - CTX_EL1

	// EL1/EL0 registers in El1Register.cs order, two per macro use (x3 = ctx + CTX_EL1).
	.macro EL1_PAIR_LOAD off, r1, r2
	ldp	x1, x2, [x3, #\off]
	msr	\r1, x1
	msr	\r2, x2
	.endm
	// One register, written only when it differs from what the CPU holds: under QEMU TCG a write to a
	// translation control register flushes the whole software TLB even when the value is the same (and
	// vCPUs of one guest often share SCTLR/TCR/MAIR/TTBR values).
	.macro EL1_LOAD_IF_CHANGED off, r
	ldr	x1, [x3, #\off]
	mrs	x2, \r
	cmp	x1, x2
	b.eq	1f
	msr	\r, x1
1:
	.endm
	.macro EL1_PAIR_SAVE off, r1, r2
	mrs	x1, \r1
	mrs	x2, \r2
	stp	x1, x2, [x3, #\off]
	.endm

	.globl xen_guest_run
	.type xen_guest_run, %function
	.p2align 2
xen_guest_run:
	stp	x19, x20, [x0, #(CTX_HOST + 0)]
	stp	x21, x22, [x0, #(CTX_HOST + 16)]
	stp	x23, x24, [x0, #(CTX_HOST + 32)]
	stp	x25, x26, [x0, #(CTX_HOST + 48)]
	stp	x27, x28, [x0, #(CTX_HOST + 64)]
	stp	x29, x30, [x0, #(CTX_HOST + 80)]
	mov	x1, sp
	str	x1, [x0, #CTX_HOST_SP]
	stp	d8, d9, [x0, #(CTX_HOST_FP + 0)]
	stp	d10, d11, [x0, #(CTX_HOST_FP + 16)]
	stp	d12, d13, [x0, #(CTX_HOST_FP + 32)]
	stp	d14, d15, [x0, #(CTX_HOST_FP + 48)]
	msr	tpidr_el2, x0

	add	x3, x0, #CTX_EL1
	// Lazy EL1 load: the hypervisor never touches EL1 registers, so when this vCPU was the last one in,
	// they still hold its values. Skipping the writes matters under QEMU TCG, where every SCTLR_EL1/TCR_EL1
	// write flushes the whole software TLB (target/arm/helper.c sctlr_write, vmsa_tcr_el12_write).
	adrp	x1, xen_el1_owner
	ldr	x2, [x1, :lo12:xen_el1_owner]
	cmp	x2, x0
	b.eq	.Lel1_loaded
	str	x0, [x1, :lo12:xen_el1_owner]
	ldr	x1, [x3, #(HI_VTTBR + 24)]	// CNTVOFF_EL2 first (per domain): the timer registers below then never
	msr	cntvoff_el2, x1			// meet their condition against another domain's virtual count
	EL1_LOAD_IF_CHANGED 0, sctlr_el1
	EL1_LOAD_IF_CHANGED 8, ttbr0_el1
	EL1_LOAD_IF_CHANGED 16, ttbr1_el1
	EL1_LOAD_IF_CHANGED 24, tcr_el1
	EL1_LOAD_IF_CHANGED 32, mair_el1
	EL1_LOAD_IF_CHANGED 40, amair_el1
	EL1_PAIR_LOAD 48, vbar_el1, sp_el1
	EL1_PAIR_LOAD 64, elr_el1, spsr_el1
	EL1_PAIR_LOAD 80, esr_el1, far_el1
	EL1_PAIR_LOAD 96, afsr0_el1, afsr1_el1
	EL1_PAIR_LOAD 112, contextidr_el1, tpidr_el1
	EL1_PAIR_LOAD 128, tpidr_el0, tpidrro_el0
	EL1_PAIR_LOAD 144, cpacr_el1, cntkctl_el1
	EL1_PAIR_LOAD 160, par_el1, sp_el0
	EL1_PAIR_LOAD 176, csselr_el1, cntv_ctl_el0
	ldr	x1, [x3, #192]
	msr	cntv_cval_el0, x1
.Lel1_loaded:

	ldp	x1, x2, [x3, #HI_VTTBR]
	msr	vttbr_el2, x1
	msr	hcr_el2, x2
	ldr	x1, [x3, #(HI_VTTBR + 16)]
	msr	vmpidr_el2, x1

	add	x1, x0, #CTX_FP
	ldp	q0, q1, [x1, #0]
	ldp	q2, q3, [x1, #32]
	ldp	q4, q5, [x1, #64]
	ldp	q6, q7, [x1, #96]
	ldp	q8, q9, [x1, #128]
	ldp	q10, q11, [x1, #160]
	ldp	q12, q13, [x1, #192]
	ldp	q14, q15, [x1, #224]
	ldp	q16, q17, [x1, #256]
	ldp	q18, q19, [x1, #288]
	ldp	q20, q21, [x1, #320]
	ldp	q22, q23, [x1, #352]
	ldp	q24, q25, [x1, #384]
	ldp	q26, q27, [x1, #416]
	ldp	q28, q29, [x1, #448]
	ldp	q30, q31, [x1, #480]
	ldp	x1, x2, [x3, #HI_FPSR]
	msr	fpsr, x1
	msr	fpcr, x2

	ldp	x1, x2, [x0, #CTX_PC]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	isb

	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0, #0]
	eret
	.size xen_guest_run, . - xen_guest_run

	.globl xen_guest_exit
	.type xen_guest_exit, %function
	.p2align 2
xen_guest_exit:
	mrs	x1, tpidr_el2
	str	x0, [x1, #CTX_VECTOR]
	stp	x2, x3, [x1, #16]
	stp	x4, x5, [x1, #32]
	stp	x6, x7, [x1, #48]
	stp	x8, x9, [x1, #64]
	stp	x10, x11, [x1, #80]
	stp	x12, x13, [x1, #96]
	stp	x14, x15, [x1, #112]
	stp	x16, x17, [x1, #128]
	stp	x18, x19, [x1, #144]
	stp	x20, x21, [x1, #160]
	stp	x22, x23, [x1, #176]
	stp	x24, x25, [x1, #192]
	stp	x26, x27, [x1, #208]
	stp	x28, x29, [x1, #224]
	str	x30, [x1, #240]
	ldp	x2, x3, [sp], #16		// the guest's x0/x1, pushed by the vector
	stp	x2, x3, [x1, #0]
	mov	x0, x1

	mrs	x1, elr_el2
	mrs	x2, spsr_el2
	stp	x1, x2, [x0, #CTX_PC]
	mrs	x1, esr_el2
	mrs	x2, far_el2
	stp	x1, x2, [x0, #CTX_ESR]
	mrs	x1, hpfar_el2
	str	x1, [x0, #(CTX_ESR + 16)]

	add	x1, x0, #CTX_FP
	stp	q0, q1, [x1, #0]
	stp	q2, q3, [x1, #32]
	stp	q4, q5, [x1, #64]
	stp	q6, q7, [x1, #96]
	stp	q8, q9, [x1, #128]
	stp	q10, q11, [x1, #160]
	stp	q12, q13, [x1, #192]
	stp	q14, q15, [x1, #224]
	stp	q16, q17, [x1, #256]
	stp	q18, q19, [x1, #288]
	stp	q20, q21, [x1, #320]
	stp	q22, q23, [x1, #352]
	stp	q24, q25, [x1, #384]
	stp	q26, q27, [x1, #416]
	stp	q28, q29, [x1, #448]
	stp	q30, q31, [x1, #480]
	mrs	x1, fpsr
	mrs	x2, fpcr
	add	x3, x0, #CTX_EL1
	stp	x1, x2, [x3, #HI_FPSR]

	EL1_PAIR_SAVE 0, sctlr_el1, ttbr0_el1
	EL1_PAIR_SAVE 16, ttbr1_el1, tcr_el1
	EL1_PAIR_SAVE 32, mair_el1, amair_el1
	EL1_PAIR_SAVE 48, vbar_el1, sp_el1
	EL1_PAIR_SAVE 64, elr_el1, spsr_el1
	EL1_PAIR_SAVE 80, esr_el1, far_el1
	EL1_PAIR_SAVE 96, afsr0_el1, afsr1_el1
	EL1_PAIR_SAVE 112, contextidr_el1, tpidr_el1
	EL1_PAIR_SAVE 128, tpidr_el0, tpidrro_el0
	EL1_PAIR_SAVE 144, cpacr_el1, cntkctl_el1
	EL1_PAIR_SAVE 160, par_el1, sp_el0
	EL1_PAIR_SAVE 176, csselr_el1, cntv_ctl_el0
	mrs	x1, cntv_cval_el0
	str	x1, [x3, #192]

	ldp	x19, x20, [x0, #(CTX_HOST + 0)]
	ldp	x21, x22, [x0, #(CTX_HOST + 16)]
	ldp	x23, x24, [x0, #(CTX_HOST + 32)]
	ldp	x25, x26, [x0, #(CTX_HOST + 48)]
	ldp	x27, x28, [x0, #(CTX_HOST + 64)]
	ldp	x29, x30, [x0, #(CTX_HOST + 80)]
	ldr	x1, [x0, #CTX_HOST_SP]
	mov	sp, x1
	ldp	d8, d9, [x0, #(CTX_HOST_FP + 0)]
	ldp	d10, d11, [x0, #(CTX_HOST_FP + 16)]
	ldp	d12, d13, [x0, #(CTX_HOST_FP + 32)]
	ldp	d14, d15, [x0, #(CTX_HOST_FP + 48)]
	ldr	x0, [x0, #CTX_VECTOR]
	ret
	.size xen_guest_exit, . - xen_guest_exit

	// void xen_stage2_activate(ulong vttbr): installs a new VMID's tables and drops any stale stage-1+2 TLB
	// entries for that VMID (TLBI VMALLS12E1IS acts on the current VTTBR_EL2.VMID), then the VTCR_EL2 layout.
	.globl xen_stage2_activate
	.type xen_stage2_activate, %function
	.p2align 2
xen_stage2_activate:
	msr	vttbr_el2, x0
	isb
	tlbi	vmalls12e1is
	dsb	ish
	isb
	ret

	// void xen_guest_el2_setup(ulong vtcr): VTCR_EL2, and CNTHCTL_EL2.EL1PCTEN|EL1PCEN (bits 0-1: guests may
	// read the physical counter and use the physical timer without trapping), CNTVOFF_EL2 = 0 (Arm ARM, CNTHCTL_EL2).
	.globl xen_guest_el2_setup
	.type xen_guest_el2_setup, %function
	.p2align 2
xen_guest_el2_setup:
	msr	vtcr_el2, x0
	mov	x1, #3
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	isb
	ret

	// ulong xen_at_s1e1r(ulong va): guest stage-1 walk of the currently loaded EL1 context; returns PAR_EL1
	// (bit 0 F = fault, else PA[47:12] = the IPA) and restores PAR_EL1's guest value is the caller's business.
	.globl xen_at_s1e1r
	.type xen_at_s1e1r, %function
	.p2align 2
xen_at_s1e1r:
	at	s1e1r, x0
	isb
	mrs	x0, par_el1
	ret

	// void xen_el1_forget(): the next entry reloads the EL1 registers (a vCPU's block was rewritten from C#).
	.globl xen_el1_forget
	.type xen_el1_forget, %function
	.p2align 2
xen_el1_forget:
	adrp	x1, xen_el1_owner
	str	xzr, [x1, :lo12:xen_el1_owner]
	ret

	.data
	.p2align 3
	// The VcpuContext whose EL1 registers are loaded in the CPU (one physical CPU today).
xen_el1_owner:
	.quad	0
