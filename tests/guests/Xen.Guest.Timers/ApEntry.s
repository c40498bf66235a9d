# Where vCPU 1 starts after VCPUOP_initialise (64-bit mode, the BSP's page tables, interrupts off): count the
# arrival and halt for good. Plus the control-register and MSR reads the BSP needs to describe its own mode.
# Microsoft x64 ABI (rcx = first argument, rax = result), as the rest of the guest kit.
	.intel_syntax noprefix
	.text

	.globl guest_ap_entry
guest_ap_entry:
	lock inc qword ptr [rip + guest_ap_arrivals]
1:	hlt
	jmp	1b

	.globl guest_ap_entry_address
guest_ap_entry_address:
	lea	rax, [rip + guest_ap_entry]
	ret

	.globl guest_ap_arrivals_get
guest_ap_arrivals_get:
	mov	rax, qword ptr [rip + guest_ap_arrivals]
	ret

	.globl guest_read_cr0
guest_read_cr0:
	mov	rax, cr0
	ret

	.globl guest_read_cr3
guest_read_cr3:
	mov	rax, cr3
	ret

	.globl guest_read_cr4
guest_read_cr4:
	mov	rax, cr4
	ret

# ulong guest_rdmsr(uint msr /* ecx */)
	.globl guest_rdmsr
guest_rdmsr:
	rdmsr
	shl	rdx, 32
	or	rax, rdx
	ret

	.data
	.p2align 3
guest_ap_arrivals:	.quad 0
