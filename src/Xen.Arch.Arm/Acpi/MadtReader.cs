// The MADT ("APIC", ACPI 6.5 §5.2.12): header (36) + local interrupt controller address u32 @36 + flags u32
// @40, then interrupt controller structures {type u8, length u8, ...} from offset 44. On Arm (GIC) systems:
//   0xB GICC (CPU interface, ≥ 76 bytes in ACPI 6.0): flags u32 @12 (bit 0 enabled, bit 3 online capable
//       from 6.5), physical base u64 @32 (GICv2 CPU interface), GICV @40, GICH @48, VGIC maintenance GSIV
//       u32 @56, GICR base u64 @60 (per-CPU redistributor when no GICR structure), MPIDR u64 @68;
//   0xC GICD (distributor, 24 bytes): physical base u64 @8, GIC version u8 @20 (0 = discover, 1-4);
//   0xE GICR (redistributor range, 16 bytes): base u64 @4, length u32 @12;
//   0xF GIC ITS (20 bytes): physical base u64 @8.
// A structure shorter than 2 bytes or than its type's fixed part, or one running past the table, is an error
// (walking on would misread everything after it); unknown types are skipped by their length.
using System;

namespace Xen.Arch.Arm.Acpi;

internal static unsafe class MadtReader
{
    private const int FirstEntry = 44;
    private const byte Gicc = 0xB, Gicd = 0xC, Gicr = 0xE, GicIts = 0xF;

    /// <summary>MPIDR_EL1 affinity fields Aff3 [39:32], Aff2-Aff0 [23:0] (Arm ARM DDI 0487, MPIDR_EL1).</summary>
    internal const ulong MpidrAffinityMask = 0xFF00FFFFFFUL;

    internal static AcpiStatus Read(ReadOnlySpan<byte> table, ref AcpiPlatform platform)
    {
        if (table.Length < FirstEntry) return AcpiStatus.BadLength;
        bool distributor = false;
        int offset = FirstEntry;
        while (offset < table.Length)
        {
            if (table.Length - offset < 2) return AcpiStatus.BadMadtEntry;
            byte type = table[offset];
            int length = table[offset + 1];
            if (length < 2 || length > table.Length - offset || length < MinimumLength(type)) return AcpiStatus.BadMadtEntry;
            ReadOnlySpan<byte> e = table.Slice(offset, length);
            switch (type)
            {
                case Gicc:
                {
                    uint flags = AcpiBytes.U32(e, 12);
                    if ((flags & 0x9) == 0) break; // neither enabled nor online capable
                    if (platform.CpuCount == 0)
                    {
                        platform.GiccCpuInterfaceBase = AcpiBytes.U64(e, 32);
                        platform.GiccVirtualBase = AcpiBytes.U64(e, 40);
                        platform.GiccHypervisorBase = AcpiBytes.U64(e, 48);
                        platform.VgicMaintenanceGsiv = AcpiBytes.U32(e, 56);
                        platform.GiccRedistributorBase = AcpiBytes.U64(e, 60);
                    }
                    if (platform.CpuCount < AcpiPlatform.MaxCpus)
                        platform.Mpidr[platform.CpuCount] = AcpiBytes.U64(e, 68) & MpidrAffinityMask;
                    platform.CpuCount++;
                    break;
                }
                case Gicd:
                    if (distributor) return AcpiStatus.BadMadtEntry; // the spec allows exactly one
                    distributor = true;
                    platform.GicdBase = AcpiBytes.U64(e, 8);
                    platform.GicVersion = e[20];
                    break;
                case Gicr:
                    if (platform.GicrRanges < AcpiPlatform.MaxRedistributorRanges)
                    {
                        platform.GicrBase[platform.GicrRanges] = AcpiBytes.U64(e, 4);
                        platform.GicrLength[platform.GicrRanges] = AcpiBytes.U32(e, 12);
                        platform.GicrRanges++;
                    }
                    break;
                case GicIts:
                    if (platform.GicItsBase == 0) platform.GicItsBase = AcpiBytes.U64(e, 8);
                    break;
            }
            offset += length;
        }
        if (!distributor || platform.GicdBase == 0) return AcpiStatus.NoGic;
        if (platform.CpuCount == 0) return AcpiStatus.NoCpus;
        // GICv3/v4 needs redistributors: GICR ranges, or each GICC's own GICR base.
        if ((platform.GicVersion >= 3 || platform.GicVersion == 0) && platform.GicrRanges == 0 && platform.GiccRedistributorBase == 0
            && platform.GiccCpuInterfaceBase == 0)
            return AcpiStatus.NoGic;
        return AcpiStatus.Ok;
    }

    private static int MinimumLength(byte type) => type switch
    {
        Gicc => 76,
        Gicd => 24,
        Gicr => 16,
        GicIts => 20,
        _ => 2,
    };
}
