// Why: the 16-octet libxc domain header — type, page_shift, Xen version — in the stream's byte order
// (libxc-migration-stream.pandoc "Domain Header"; struct xc_sr_dhdr).
using System;
using Xen.Migration.Validation;
using Xen.Migration.Wire;

namespace Xen.Migration.Libxc;

/// <summary>The libxc domain header.</summary>
/// <param name="Type">Domain type.</param>
/// <param name="PageShift">log2 of the guest page size (12 on x86).</param>
/// <param name="XenMajor">Xen major version at save time.</param>
/// <param name="XenMinor">Xen minor version at save time.</param>
public sealed record DomainHeader(DomainType Type, ushort PageShift, uint XenMajor, uint XenMinor)
{
    /// <summary>Encoded size in octets.</summary>
    public const int Size = 16;

    /// <summary>Guest page size in octets.</summary>
    public int PageSize => 1 << PageShift;

    /// <summary>True for the x86 domain types.</summary>
    public bool IsX86 => Type is DomainType.X86Pv or DomainType.X86Hvm or DomainType.X86Pvh;

    /// <summary>Writes the header in the given byte order.</summary>
    public void Write(Span<byte> dest, bool bigEndian)
    {
        dest[..Size].Clear();
        Endian.Put32(dest, (uint)Type, bigEndian);
        Endian.Put16(dest[4..], PageShift, bigEndian);
        Endian.Put32(dest[8..], XenMajor, bigEndian);
        Endian.Put32(dest[12..], XenMinor, bigEndian);
    }

    /// <summary>Parses and validates a header.</summary>
    public static DomainHeader Parse(ReadOnlySpan<byte> src, bool bigEndian, long offset, MigrationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        uint type = Endian.U32(src, bigEndian);
        if (type is < 1 or > 4)
            throw new MigrationFormatException(MigrationRule.UnknownDomainType, offset, -1, "libxc", $"domain type 0x{type:x} is reserved");
        ushort shift = Endian.U16(src[4..], bigEndian);
        var header = new DomainHeader((DomainType)type, shift, Endian.U32(src[8..], bigEndian), Endian.U32(src[12..], bigEndian));
        // x86 guests use 4 KiB pages; ARM allows 4, 16 and 64 KiB granules.
        bool shiftOk = header.IsX86 ? shift == 12 : shift is 12 or 14 or 16;
        if (!shiftOk)
            throw new MigrationFormatException(MigrationRule.BadPageShift, offset, -1, "libxc", $"page_shift {shift} is not valid for {header.Type}");
        if (limits.RejectNonZeroReserved && Endian.U16(src[6..], bigEndian) != 0)
            throw new MigrationFormatException(MigrationRule.NonZeroReserved, offset, -1, "libxc", "domain header reserved field is not zero");
        return header;
    }
}
