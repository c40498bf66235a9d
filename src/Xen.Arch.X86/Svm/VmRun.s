# VMRUN with a full host/guest switch (AMD APM vol. 2 §15.5 "VMRUN", §15.5.2 "VMSAVE and VMLOAD").
#   void xen_svm_run(SvmRunBlock* block /* rcx, Microsoft x64 ABI */)
# Block layout (SvmRunBlock.cs): +0 rbx, +8 rcx, +16 rdx, +24 rsi, +32 rdi, +40 rbp, +48..+104 r8-r15,
# +112 guest VMCB pa, +120 host VMSAVE area pa, +128 guest FXSAVE image, +640 host FXSAVE image.
# VMRUN saves/restores only RAX, RSP, RIP, RFLAGS, CR0/3/4, EFER, GDTR/IDTR, CS/SS/DS/ES (through the
# VM_HSAVE_PA area); every other GPR holds guest values after #VMEXIT, so the host's callee-saved registers
# (rbx, rbp, rdi, rsi, r12-r15; xmm6-15 via FXSAVE) are kept here. FS, GS, TR, LDTR, KernelGsBase and the
# SYSCALL/SYSENTER MSRs are switched with VMSAVE/VMLOAD, with GIF clear so nothing interrupts the switch.
	.intel_syntax noprefix
	.text
	.globl xen_svm_run
xen_svm_run:
	push	rbx
	push	rbp
	push	rdi
	push	rsi
	push	r12
	push	r13
	push	r14
	push	r15
	push	rcx				# the block, found again at [rsp] after #VMEXIT
	fxsave	[rcx + 640]
	fxrstor	[rcx + 128]
	clgi
	sti				# GIF=0 still holds interrupts off; IF=1 lets one pending during the guest exit it (INTR)
	mov	rax, qword ptr [rcx + 120]
	vmsave	rax				# host FS/GS/TR/LDTR/syscall MSRs
	mov	rax, qword ptr [rcx + 112]
	vmload	rax				# guest's
	mov	rbx, qword ptr [rcx + 0]
	mov	rdx, qword ptr [rcx + 16]
	mov	rsi, qword ptr [rcx + 24]
	mov	rdi, qword ptr [rcx + 32]
	mov	rbp, qword ptr [rcx + 40]
	mov	r8, qword ptr [rcx + 48]
	mov	r9, qword ptr [rcx + 56]
	mov	r10, qword ptr [rcx + 64]
	mov	r11, qword ptr [rcx + 72]
	mov	r12, qword ptr [rcx + 80]
	mov	r13, qword ptr [rcx + 88]
	mov	r14, qword ptr [rcx + 96]
	mov	r15, qword ptr [rcx + 104]
	mov	rcx, qword ptr [rcx + 8]
	vmrun	rax
	# #VMEXIT: rax = guest VMCB pa again (host RAX restored), rsp = host stack.
	vmsave	rax				# guest's hidden state back into its VMCB
	mov	rax, qword ptr [rsp]
	mov	qword ptr [rax + 0], rbx
	mov	qword ptr [rax + 8], rcx
	mov	qword ptr [rax + 16], rdx
	mov	qword ptr [rax + 24], rsi
	mov	qword ptr [rax + 32], rdi
	mov	qword ptr [rax + 40], rbp
	mov	qword ptr [rax + 48], r8
	mov	qword ptr [rax + 56], r9
	mov	qword ptr [rax + 64], r10
	mov	qword ptr [rax + 72], r11
	mov	qword ptr [rax + 80], r12
	mov	qword ptr [rax + 88], r13
	mov	qword ptr [rax + 96], r14
	mov	qword ptr [rax + 104], r15
	mov	rcx, rax
	mov	rax, qword ptr [rcx + 120]
	vmload	rax				# host FS/GS/TR/LDTR back
	cli				# the host runs with IF=0: pending interrupts wait for xen_take_interrupts
	stgi
	fxsave	[rcx + 128]
	fxrstor	[rcx + 640]
	pop	rcx
	pop	r15
	pop	r14
	pop	r13
	pop	r12
	pop	rsi
	pop	rdi
	pop	rbp
	pop	rbx
	ret

# Enabling SVM on this CPU (APM vol. 2 §15.4): EFER.SVME (bit 12) and the host save area in VM_HSAVE_PA.
#   void xen_svm_enable(ulong hsavePa /* rcx */)
	.globl xen_svm_enable
xen_svm_enable:
	mov	r8, rcx
	mov	ecx, 0xC0000080			# EFER
	rdmsr
	or	eax, 0x1000			# SVME
	wrmsr
	mov	ecx, 0xC0010117			# VM_HSAVE_PA
	mov	rax, r8
	mov	rdx, r8
	shr	rdx, 32
	wrmsr
	ret
