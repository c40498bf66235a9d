// A minimal built-in EL1 guest (arm64 Image format) the hypervisor runs with `guests` when no boot module is
// given. It exists so the EL2 vCPU path (stage 2, entry/exit, hypercalls, PSCI, vpl011) is tested end to end
// before the C# arm64 guest kit exists; it is position independent and uses only x0-x3, x16, x19-x23, sp.
// It (1) prints through the vpl011 at GUEST_PL011_BASE 0x22000000, (2) calls xen_version (hvc #0xEA1,
// x16 = 17; xen/include/public/arch-arm.h) and expects 4.7, (3) prints through console_io (x16 = 18,
// CONSOLEIO_write = 0), (4) checks PSCI_VERSION = 1.0 over HVC and PSCI_FEATURES(SYSTEM_OFF) = 0 over SMC
// (DEN 0022D), (5) times 64 xen_version round trips with CNTVCT_EL0, prints its result line and ends with
// PSCI SYSTEM_OFF (a failure ends with SYSTEM_RESET, so the domain's shutdown reason shows it).
	.section .rodata.xen_smoke_guest, "a"
	.p2align 12
	.globl xen_smoke_guest_start
xen_smoke_guest_start:
	b	guest_start				// code0: the entry is the image's first byte
	.word	0					// code1
	.quad	0					// text_offset
	.quad	xen_smoke_guest_end - xen_smoke_guest_start	// image_size
	.quad	2					// flags: little endian, 4 KiB pages
	.quad	0, 0, 0					// reserved
	.word	0x644d5241				// magic "ARM\x64"
	.word	0

guest_start:
	adr	x19, xen_smoke_guest_start
	add	sp, x19, #0x100, lsl #12		// stack: top of the image's first MiB
	adr	x0, msg_uart
	bl	uart_puts

	mov	x16, #17				// __HYPERVISOR_xen_version
	mov	x0, #0					// XENVER_version
	mov	x1, #0
	hvc	#0xea1
	movz	x1, #0x4, lsl #16
	movk	x1, #0x7
	cmp	x0, x1
	b.ne	fail
	adr	x0, msg_console
	bl	console_puts

	movz	x0, #0x8400, lsl #16			// PSCI_VERSION
	hvc	#0
	mov	x1, #0x10000
	cmp	x0, x1
	b.ne	fail
	movz	x0, #0x8400, lsl #16
	movk	x0, #0xa				// PSCI_FEATURES
	movz	x1, #0x8400, lsl #16
	movk	x1, #0x8				// ... of SYSTEM_OFF
	smc	#0
	cbnz	x0, fail
	movz	x0, #0x8400, lsl #16
	movk	x0, #0x6				// MIGRATE_INFO_TYPE: 2
	hvc	#0
	cmp	x0, #2
	b.ne	fail
	adr	x0, msg_psci
	bl	uart_puts

	isb
	mrs	x21, cntvct_el0
	mov	x22, #64
1:	mov	x16, #17
	mov	x0, #0
	mov	x1, #0
	hvc	#0xea1
	subs	x22, x22, #1
	b.ne	1b
	isb
	mrs	x0, cntvct_el0
	sub	x0, x0, x21
	lsr	x23, x0, #6				// mean of 64
	adr	x0, msg_round_trip
	bl	uart_puts
	mov	x0, x23
	bl	uart_hex
	adr	x0, msg_ticks
	bl	uart_puts

	adr	x0, msg_success
	bl	console_puts
	movz	x0, #0x8400, lsl #16
	movk	x0, #0x8				// SYSTEM_OFF
	smc	#0
	b	.

fail:
	adr	x0, msg_failure
	bl	console_puts
	movz	x0, #0x8400, lsl #16
	movk	x0, #0x9				// SYSTEM_RESET
	smc	#0
	b	.

uart_puts:						// x0 = NUL-terminated string → vpl011 UARTDR
	movz	x1, #0x2200, lsl #16
2:	ldrb	w2, [x0], #1
	cbz	w2, 3f
	str	w2, [x1]
	b	2b
3:	ret

uart_hex:						// x0 → "0x" + 16 hex digits on the vpl011
	movz	x1, #0x2200, lsl #16
	mov	w2, #'0'
	str	w2, [x1]
	mov	w2, #'x'
	str	w2, [x1]
	mov	x3, #60
4:	lsr	x2, x0, x3
	and	x2, x2, #0xf
	cmp	x2, #10
	b.lo	5f
	add	x2, x2, #('a' - 10 - '0')
5:	add	x2, x2, #'0'
	str	w2, [x1]
	subs	x3, x3, #4
	b.pl	4b
	ret

console_puts:						// x0 = NUL-terminated string → console_io(CONSOLEIO_write, len, buf)
	mov	x2, x0
	mov	x1, #0
6:	ldrb	w3, [x2, x1]
	cbz	w3, 7f
	add	x1, x1, #1
	b	6b
7:	mov	x16, #18
	mov	x0, #0
	hvc	#0xea1
	ret

msg_uart:	.asciz "smoke: EL1 guest up, writing to the vpl011\n"
msg_console:	.asciz "smoke: xen_version 4.7 over hvc #0xEA1, this line via console_io\n"
msg_psci:	.asciz "smoke: PSCI 1.0 over HVC and SMC\n"
msg_round_trip:	.asciz "smoke: hypercall round trip "
msg_ticks:	.asciz " CNTVCT ticks (xen_version, mean of 64)\n"
msg_success:	.asciz "Test result: SUCCESS\n"
msg_failure:	.asciz "Test result: FAILURE\n"
	.p2align 3
	.globl xen_smoke_guest_end
xen_smoke_guest_end:

	// Addresses for C# ([RuntimeImport] functions: data symbols cannot be imported directly).
	.text
	.globl xen_smoke_guest_image_start
	.type xen_smoke_guest_image_start, %function
	.p2align 2
xen_smoke_guest_image_start:
	ldr	x0, =xen_smoke_guest_start
	ret
	.globl xen_smoke_guest_image_end
	.type xen_smoke_guest_image_end, %function
	.p2align 2
xen_smoke_guest_image_end:
	ldr	x0, =xen_smoke_guest_end
	ret
	.ltorg
