// The walk from the RSDP to the tables boot needs (ACPI 6.5 §5.2.5 RSDP, §5.2.6 table header, §5.2.8 XSDT):
//   RSDP (36 bytes, ACPI 2.0+): "RSD PTR " @0, checksum over bytes 0-19 @8, OEM ID @9, revision @15,
//     length @20, XSDT address @24, extended checksum over the whole length @32;
//   every table: signature @0, length @4, revision @8, checksum @9 (all bytes sum to 0), OEM ID @10 ...
//     (36-byte header);
//   XSDT: header + 64-bit physical table addresses (unaligned).
// Only the tables read in full — MADT, GTDT, SPCR — have their checksum and length checked; the others only
// need a readable header to be skipped. Lengths are bounded before any table is mapped, every map goes
// through IAcpiMemory (so a wild pointer is Unreadable, not a fault), and every defect ends the walk with a
// status and the table's signature/address in the platform for the message.
using System;

namespace Xen.Arch.Arm.Acpi;

/// <summary>Reads the SBBR platform description from the ACPI tables.</summary>
public static class AcpiTables
{
    /// <summary>Size of the ACPI 2.0+ RSDP.</summary>
    public const int RsdpSize = 36;

    /// <summary>Size of the common table header.</summary>
    public const int HeaderSize = 36;

    /// <summary>Longest table or XSDT accepted (bounds what a garbled length can make the reader touch).</summary>
    public const uint MaxTableLength = 1 << 20;

    /// <summary>"APIC" (the MADT) as the little-endian u32 in the header.</summary>
    public const uint MadtSignature = 0x43495041;

    /// <summary>"GTDT".</summary>
    public const uint GtdtSignature = 0x54445447;

    /// <summary>"SPCR".</summary>
    public const uint SpcrSignature = 0x52435053;

    private const uint XsdtSignature = 0x54445358;

    /// <summary>Follows <paramref name="rsdpAddress"/> to the XSDT and reads the MADT, GTDT and SPCR into
    /// <paramref name="platform"/> (which is reset first). MADT and GTDT are required, SPCR is optional.</summary>
    public static AcpiStatus Read<TMemory>(ref TMemory memory, ulong rsdpAddress, ref AcpiPlatform platform)
        where TMemory : struct, IAcpiMemory
    {
        platform = default;
        platform.FailedAddress = rsdpAddress;
        if (!memory.TryMap(rsdpAddress, 20, out ReadOnlySpan<byte> rsdp)) return AcpiStatus.Unreadable;
        if (!IsRsdpSignature(rsdp)) return AcpiStatus.BadRsdpSignature;
        if (!AcpiBytes.ChecksumOk(rsdp)) return AcpiStatus.BadRsdpChecksum;
        platform.OemId = AcpiBytes.U32(rsdp, 9) | (ulong)AcpiBytes.U16(rsdp, 13) << 32;
        platform.RsdpRevision = rsdp[15];
        if (platform.RsdpRevision < 2) return AcpiStatus.NoXsdt;
        if (!memory.TryMap(rsdpAddress, RsdpSize, out rsdp)) return AcpiStatus.Unreadable;
        uint rsdpLength = AcpiBytes.U32(rsdp, 20);
        if (rsdpLength < RsdpSize || rsdpLength > 4096) return AcpiStatus.BadLength;
        if (!memory.TryMap(rsdpAddress, rsdpLength, out rsdp)) return AcpiStatus.Unreadable;
        if (!AcpiBytes.ChecksumOk(rsdp)) return AcpiStatus.BadRsdpChecksum;
        ulong xsdtAddress = AcpiBytes.U64(rsdp, 24);
        if (xsdtAddress == 0) return AcpiStatus.NoXsdt;
        platform.Xsdt = xsdtAddress;

        AcpiStatus status = MapTable(ref memory, xsdtAddress, ref platform, out ReadOnlySpan<byte> xsdt);
        if (status != AcpiStatus.Ok) return status;
        if (AcpiBytes.U32(xsdt, 0) != XsdtSignature) return AcpiStatus.BadXsdtSignature;
        int entries = (xsdt.Length - HeaderSize) / 8;
        platform.TableCount = entries;
        bool madt = false;
        for (int i = 0; i < entries; i++)
        {
            ulong address = AcpiBytes.U64(xsdt, HeaderSize + i * 8);
            platform.FailedAddress = address;
            platform.FailedSignature = 0;
            if (!memory.TryMap(address, HeaderSize, out ReadOnlySpan<byte> header)) return AcpiStatus.Unreadable;
            uint signature = AcpiBytes.U32(header, 0);
            bool wanted = signature == MadtSignature || signature == GtdtSignature || signature == SpcrSignature;
            // The first of each wanted table counts (firmware may list duplicates; Linux also takes the first).
            if (!wanted || (signature == MadtSignature && madt) || (signature == GtdtSignature && platform.HasGtdt)
                || (signature == SpcrSignature && platform.HasSpcr))
                continue;
            status = MapTable(ref memory, address, ref platform, out ReadOnlySpan<byte> table);
            if (status != AcpiStatus.Ok) return status;
            if (signature == MadtSignature)
            {
                status = MadtReader.Read(table, ref platform);
                madt = true;
            }
            else if (signature == GtdtSignature) status = GtdtReader.Read(table, ref platform);
            else status = SpcrReader.Read(table, ref platform);
            if (status != AcpiStatus.Ok) return status;
        }
        platform.FailedSignature = 0;
        platform.FailedAddress = 0;
        if (!madt) return AcpiStatus.NoMadt;
        if (!platform.HasGtdt) return AcpiStatus.NoGtdt;
        return AcpiStatus.Ok;
    }

    /// <summary>Maps a whole table after bounding its length, and checks its checksum.</summary>
    private static AcpiStatus MapTable<TMemory>(ref TMemory memory, ulong address, ref AcpiPlatform platform, out ReadOnlySpan<byte> table)
        where TMemory : struct, IAcpiMemory
    {
        table = default;
        platform.FailedAddress = address;
        if (!memory.TryMap(address, HeaderSize, out ReadOnlySpan<byte> header)) return AcpiStatus.Unreadable;
        platform.FailedSignature = AcpiBytes.U32(header, 0);
        uint length = AcpiBytes.U32(header, 4);
        if (length < HeaderSize || length > MaxTableLength) return AcpiStatus.BadLength;
        if (!memory.TryMap(address, length, out table)) return AcpiStatus.Unreadable;
        if (!AcpiBytes.ChecksumOk(table)) return AcpiStatus.BadChecksum;
        return AcpiStatus.Ok;
    }

    private static bool IsRsdpSignature(ReadOnlySpan<byte> b) =>
        b[0] == 'R' && b[1] == 'S' && b[2] == 'D' && b[3] == ' ' && b[4] == 'P' && b[5] == 'T' && b[6] == 'R' && b[7] == ' ';
}
