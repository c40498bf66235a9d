// Why: the 24-octet libxc image header — marker, "XENF" id, version, options — always big-endian
// regardless of the endianness bit it carries (libxc-migration-stream.pandoc "Image Header").
using System;
using System.Buffers.Binary;
using Xen.Migration.Validation;

namespace Xen.Migration.Libxc;

/// <summary>The libxc image header.</summary>
/// <param name="Version">Stream version: 2 (Xen 4.6-4.13) or 3 (adds STATIC_DATA_END).</param>
/// <param name="BigEndian">Options bit 0: records are big-endian.</param>
public sealed record ImageHeader(uint Version, bool BigEndian)
{
    /// <summary>Encoded size in octets.</summary>
    public const int Size = 24;

    /// <summary>IHDR_MARKER: all ones, so legacy images (which have zero bits here) are told apart.</summary>
    public const ulong Marker = 0xFFFF_FFFF_FFFF_FFFFUL;

    /// <summary>IHDR_ID: "XENF" in ASCII.</summary>
    public const uint Id = 0x5845_4E46u;

    /// <summary>The newest version this library writes.</summary>
    public const uint CurrentVersion = 3;

    /// <summary>Writes the header (big-endian fields, reserved zero).</summary>
    public void Write(Span<byte> dest)
    {
        dest[..Size].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(dest, Marker);
        BinaryPrimitives.WriteUInt32BigEndian(dest[8..], Id);
        BinaryPrimitives.WriteUInt32BigEndian(dest[12..], Version);
        BinaryPrimitives.WriteUInt16BigEndian(dest[16..], (ushort)(BigEndian ? 1 : 0));
    }

    /// <summary>Parses and validates a header.</summary>
    /// <param name="src">Exactly <see cref="Size"/> octets.</param>
    /// <param name="offset">Stream offset of the header, for errors.</param>
    /// <param name="limits">Strictness switches.</param>
    public static ImageHeader Parse(ReadOnlySpan<byte> src, long offset, MigrationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ulong marker = BinaryPrimitives.ReadUInt64BigEndian(src);
        if (marker != Marker)
            throw Error(MigrationRule.BadMarker, offset, $"marker 0x{marker:x16} is not 0xffffffffffffffff (legacy images are not supported)");
        uint id = BinaryPrimitives.ReadUInt32BigEndian(src[8..]);
        if (id != Id)
            throw Error(MigrationRule.BadImageId, offset, $"id 0x{id:x8} is not 0x58454e46 (\"XENF\")");
        uint version = BinaryPrimitives.ReadUInt32BigEndian(src[12..]);
        if (version is not (2 or 3))
            throw Error(MigrationRule.UnsupportedVersion, offset, $"version {version} is not 2 or 3");
        ushort options = BinaryPrimitives.ReadUInt16BigEndian(src[16..]);
        if (limits.RejectNonZeroReserved && ((options & ~1) != 0 || BinaryPrimitives.ReadUInt16BigEndian(src[18..]) != 0
            || BinaryPrimitives.ReadUInt32BigEndian(src[20..]) != 0))
            throw Error(MigrationRule.NonZeroReserved, offset, $"reserved option bits or fields set (options 0x{options:x4})");
        return new ImageHeader(version, (options & 1) != 0);
    }

    private static MigrationFormatException Error(MigrationRule rule, long offset, string detail) =>
        new(rule, offset, -1, "libxc", detail);
}
