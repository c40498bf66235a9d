# Privileged-instruction routines for C# (bound with [RuntimeImport]). Microsoft x64 ABI: rcx, rdx, r8, r9.
	.intel_syntax noprefix
	.text

	.globl xen_outb
xen_outb:
	mov	eax, edx
	mov	edx, ecx
	out	dx, al
	ret

	.globl xen_outw
xen_outw:
	mov	eax, edx
	mov	edx, ecx
	out	dx, ax
	ret

	.globl xen_outl
xen_outl:
	mov	eax, edx
	mov	edx, ecx
	out	dx, eax
	ret

	.globl xen_inb
xen_inb:
	mov	edx, ecx
	xor	eax, eax
	in	al, dx
	ret

	.globl xen_inl
xen_inl:
	mov	edx, ecx
	in	eax, dx
	ret

	.globl xen_rdmsr
xen_rdmsr:
	rdmsr
	shl	rdx, 32
	or	rax, rdx
	ret

	.globl xen_wrmsr
xen_wrmsr:
	mov	rax, rdx
	shr	rdx, 32
	wrmsr
	ret

# void xen_cpuid(uint leaf, uint subleaf, uint* regs /* eax, ebx, ecx, edx */)
	.globl xen_cpuid
xen_cpuid:
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

	.globl xen_read_cr0
xen_read_cr0:
	mov	rax, cr0
	ret

	.globl xen_read_cr2
xen_read_cr2:
	mov	rax, cr2
	ret

	.globl xen_read_cr3
xen_read_cr3:
	mov	rax, cr3
	ret

	.globl xen_read_cr4
xen_read_cr4:
	mov	rax, cr4
	ret

	.globl xen_write_cr3
xen_write_cr3:
	mov	cr3, rcx
	ret

	.globl xen_write_cr4
xen_write_cr4:
	mov	cr4, rcx
	ret

	.globl xen_rdtsc
xen_rdtsc:
	rdtsc
	shl	rdx, 32
	or	rax, rdx
	ret

	.globl xen_halt
xen_halt:
	hlt
	ret

	.globl xen_disable_interrupts
xen_disable_interrupts:
	cli
	ret

	.globl xen_pause
xen_pause:
	pause
	ret

	.globl xen_lidt
xen_lidt:
	lidt	[rcx]
	ret

# Load our GDT and reload every segment register (CS through a far return).
	.globl xen_load_gdt
xen_load_gdt:
	lgdt	[rip + xen_gdt_descriptor]
	mov	ax, 0x10
	mov	ds, ax
	mov	es, ax
	mov	ss, ax
	xor	eax, eax
	mov	fs, ax
	mov	gs, ax
	pop	rax
	push	0x08
	push	rax
	retfq

	.globl xen_image_base
xen_image_base:
	lea	rax, [rip + __ImageBase]
	ret

	.globl xen_symtab_start
xen_symtab_start:
	lea	rax, [rip + xen_symtab]
	ret

	.globl xen_symtab_limit
xen_symtab_limit:
	lea	rax, [rip + xen_symtab_end]
	ret

	.globl xen_modules_start
xen_modules_start:
	lea	rax, [rip + __modules_a]
	ret

	.globl xen_modules_end
xen_modules_end:
	lea	rax, [rip + __modules_z]
	ret

# ilc (COFF) puts each module's header pointer in `.modules$I`; the linker sorts `$` groups by suffix, so
# these markers bracket the list.
	.section .modules$A,"dr"
	.p2align 3
__modules_a:
	.section .modules$Z,"dr"
	.p2align 3
__modules_z:
