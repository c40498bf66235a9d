// The GTDT (ACPI 6.5 §5.2.25, Generic Timer Description Table): header (36), CntControlBase u64 @36,
// reserved u32 @44, then {GSIV u32, flags u32} for the secure EL1 @48, non-secure EL1 @56, virtual EL1 @64
// and non-secure EL2 @72 timers, CntReadBase u64 @80, platform timer count/offset @88/@92 (96 bytes at
// revision 2); revision 3 (ACPI 6.3) adds the virtual EL2 timer {GSIV, flags} @96 (104 bytes).
// Flags: bit 0 = edge-triggered, bit 1 = active-low, bit 2 = always-on capability.
using System;

namespace Xen.Arch.Arm.Acpi;

internal static class GtdtReader
{
    private const int Revision2Length = 96;
    private const int Revision3Length = 104;

    internal static AcpiStatus Read(ReadOnlySpan<byte> table, ref AcpiPlatform platform)
    {
        if (table.Length < Revision2Length) return AcpiStatus.BadLength;
        platform.SecureEl1TimerGsiv = AcpiBytes.U32(table, 48);
        platform.SecureEl1TimerFlags = AcpiBytes.U32(table, 52);
        platform.El1TimerGsiv = AcpiBytes.U32(table, 56);
        platform.El1TimerFlags = AcpiBytes.U32(table, 60);
        platform.VirtualTimerGsiv = AcpiBytes.U32(table, 64);
        platform.VirtualTimerFlags = AcpiBytes.U32(table, 68);
        platform.El2TimerGsiv = AcpiBytes.U32(table, 72);
        platform.El2TimerFlags = AcpiBytes.U32(table, 76);
        if (table[8] >= 3 && table.Length >= Revision3Length) platform.VirtualEl2TimerGsiv = AcpiBytes.U32(table, 96);
        platform.HasGtdt = true;
        return AcpiStatus.Ok;
    }
}
