// Why: the 16-octet libxl stream header — ident "LibxlFmt", version 2, options (bit 0 big-endian,
// bit 1 legacy-converted) — always big-endian (libxl-migration-stream.pandoc "Header").
using System;
using System.Buffers.Binary;
using Xen.Migration.Validation;

namespace Xen.Migration.Libxl;

/// <summary>The libxl stream header.</summary>
/// <param name="BigEndian">Options bit 0: records are big-endian.</param>
/// <param name="Legacy">Options bit 1: produced by the legacy conversion tool.</param>
public sealed record LibxlHeader(bool BigEndian = false, bool Legacy = false)
{
    /// <summary>Encoded size.</summary>
    public const int Size = 16;

    /// <summary>RESTORE_STREAM_IDENT: "LibxlFmt".</summary>
    public const ulong Ident = 0x4c69_6278_6c46_6d74UL;

    /// <summary>RESTORE_STREAM_VERSION.</summary>
    public const uint Version = 2;

    /// <summary>Writes the header.</summary>
    public void Write(Span<byte> dest)
    {
        BinaryPrimitives.WriteUInt64BigEndian(dest, Ident);
        BinaryPrimitives.WriteUInt32BigEndian(dest[8..], Version);
        BinaryPrimitives.WriteUInt32BigEndian(dest[12..], (BigEndian ? 1u : 0u) | (Legacy ? 2u : 0u));
    }

    /// <summary>Parses and validates a header.</summary>
    public static LibxlHeader Parse(ReadOnlySpan<byte> src, long offset, MigrationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ulong ident = BinaryPrimitives.ReadUInt64BigEndian(src);
        if (ident != Ident) throw new MigrationFormatException(MigrationRule.BadLibxlIdent, offset, -1, "libxl", $"ident 0x{ident:x16} is not \"LibxlFmt\"");
        uint version = BinaryPrimitives.ReadUInt32BigEndian(src[8..]);
        if (version != Version) throw new MigrationFormatException(MigrationRule.UnsupportedVersion, offset, -1, "libxl", $"version {version} is not 2");
        uint options = BinaryPrimitives.ReadUInt32BigEndian(src[12..]);
        if (limits.RejectNonZeroReserved && (options & ~3u) != 0)
            throw new MigrationFormatException(MigrationRule.NonZeroReserved, offset, -1, "libxl", $"reserved option bits set (options 0x{options:x8})");
        return new LibxlHeader((options & 1) != 0, (options & 2) != 0);
    }
}
