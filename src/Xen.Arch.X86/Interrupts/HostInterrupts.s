# Host interrupt stubs. The hypervisor takes device-style interrupts only for their side effect: a LAPIC
# timer tick or a cross-CPU kick arriving while a guest runs forces a #VMEXIT (INTR intercept), and one
# arriving while the CPU halts in the idle loop wakes it. So the handlers only acknowledge the LAPIC (EOI)
# and return; the run loop looks at the world again after `xen_take_interrupts` / `xen_idle_wait`.
# The spurious vector needs no EOI (Intel SDM vol. 3 §11.9; AMD APM vol. 2 §16.4.9).
	.intel_syntax noprefix
	.text

	.p2align 4
	.globl xen_host_irq
xen_host_irq:
	push	rax
	mov	eax, 0xFEE000B0			# LAPIC EOI register (xAPIC MMIO, identity-mapped)
	mov	dword ptr [rax], 0
	pop	rax
	iretq

	.p2align 4
	.globl xen_spurious_irq
xen_spurious_irq:
	iretq

	.globl xen_host_irq_address
xen_host_irq_address:
	lea	rax, [rip + xen_host_irq]
	ret

	.globl xen_spurious_irq_address
xen_spurious_irq_address:
	lea	rax, [rip + xen_spurious_irq]
	ret

# Lets interrupts that became pending while IF was clear run now. STI takes effect after the next
# instruction (the interrupt shadow), so the NOP is the window; CLI closes it.
	.globl xen_take_interrupts
xen_take_interrupts:
	sti
	nop
	cli
	ret

# Idle until an interrupt: `sti; hlt` is atomic with respect to interrupts (the STI shadow covers HLT), so an
# interrupt that arrives after the caller decided to idle still wakes us.
	.globl xen_idle_wait
xen_idle_wait:
	sti
	hlt
	cli
	ret

# This CPU's index: the first word of the per-CPU block IA32_GS_BASE points at (set during bring-up).
	.globl xen_cpu_index
xen_cpu_index:
	mov	eax, dword ptr gs:[0]
	ret
