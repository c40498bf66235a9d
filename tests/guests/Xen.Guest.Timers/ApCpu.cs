// Bindings to ApEntry.s: the secondary vCPU's entry point and the BSP's own mode registers.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Xen.Guest;

internal static class ApCpu
{
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_ap_entry_address")] internal static extern ulong EntryAddress();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_ap_arrivals_get")] internal static extern ulong Arrivals();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_read_cr0")] internal static extern ulong ReadCr0();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_read_cr3")] internal static extern ulong ReadCr3();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_read_cr4")] internal static extern ulong ReadCr4();
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "guest_rdmsr")] internal static extern ulong ReadMsr(uint msr);
}
