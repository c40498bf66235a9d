# The UEFI image has no AP start-up yet: the trampoline's absolute 32-bit relocations need the fixed-base PVH
# link. These stand-ins report an empty trampoline, and SecondaryCpus then keeps the machine uniprocessor.
	.intel_syntax noprefix
	.text
	.globl xen_ap_trampoline_address
xen_ap_trampoline_address:
	xor	eax, eax
	ret

	.globl xen_ap_trampoline_size
xen_ap_trampoline_size:
	xor	eax, eax
	ret

	.globl xen_ap_boot_address
xen_ap_boot_address:
	lea	rax, [rip + xen_ap_boot_unused]
	ret

	.data
	.p2align 3
xen_ap_boot_unused:
	.zero	24
