// Bindings to GuestCpu.s for test guests.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Xen.Guest.Kit;

/// <summary>Privileged instructions and the hypercall trampoline.</summary>
internal static unsafe class GuestCpu
{
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_cpuid")] internal static extern void CpuId(uint leaf, uint subleaf, uint* registers);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_wrmsr")] internal static extern void WriteMsr(uint msr, ulong value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_outb")] internal static extern void OutByte(ushort port, byte value);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_rdtsc")] internal static extern ulong ReadTsc();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_hypercall_page")] internal static extern byte* HypercallPage();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_hypercall")] internal static extern long Hypercall(ulong number, ulong a0, ulong a1, ulong a2);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_vmmcall")] internal static extern long RawHypercall(ulong number, ulong a0, ulong a1, ulong a2);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_image_base")] internal static extern ulong ImageBase();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_modules_start")] internal static extern nint* ModulesStart();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_modules_end")] internal static extern nint* ModulesEnd();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_halt")] internal static extern void Halt();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_upcall_install")] internal static extern void InstallUpcallVector(uint vector);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_upcall_count_get")] internal static extern ulong UpcallCount();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_upcall_tsc_get")] internal static extern ulong UpcallTsc();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_sti")] internal static extern void EnableInterrupts();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_cli")] internal static extern void DisableInterrupts();
}
