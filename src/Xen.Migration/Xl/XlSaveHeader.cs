// Why: `xl save` writes a 48-octet header before the libxl stream: a 32-octet magic, then four
// uint32s in the saving host's byte order — byteorder (0x01020304), mandatory_flags, optional_flags,
// optional_data_len — followed by optional data: a uint32 config length and the domain config
// (JSON text with a trailing NUL when XL_MANDATORY_FLAG_JSON is set). Facts from tools/xl/xl.h
// (struct save_file_header) and tools/xl/xl_saverestore.c (save_domain_core_writeconfig).
using System;
using System.Buffers;
using System.Text;
using Xen.Migration.Validation;
using Xen.Migration.Wire;

namespace Xen.Migration.Xl;

/// <summary>The xl save-file header with its optional data.</summary>
public sealed record XlSaveHeader
{
    /// <summary>Size of the fixed part.</summary>
    public const int FixedSize = 48;

    /// <summary>XL_MANDATORY_FLAG_JSON: the config is JSON.</summary>
    public const uint FlagJson = 1u << 0;

    /// <summary>XL_MANDATORY_FLAG_STREAMv2: the libxl/libxc stream is migration v2.</summary>
    public const uint FlagStreamV2 = 1u << 1;

    /// <summary>SAVEFILE_BYTEORDER_VALUE.</summary>
    public const uint ByteOrderValue = 0x0102_0304u;

    /// <summary>The 32-octet magic "Xen saved domain, xl format\n \0 \r" (savefileheader_magic).</summary>
    public static ReadOnlySpan<byte> Magic => "Xen saved domain, xl format\n \0 \r"u8;

    /// <summary>Byte order of the four header integers and the config length.</summary>
    public bool BigEndian { get; init; }

    /// <summary>Mandatory flags; unknown flags reject the restore.</summary>
    public uint MandatoryFlags { get; init; } = FlagStreamV2;

    /// <summary>Optional flags; none are defined, and unknown flags reject the restore.</summary>
    public uint OptionalFlags { get; init; }

    /// <summary>The config bytes as stored (with xl's trailing NUL), or null when the optional data has none.</summary>
    public ReadOnlyMemory<byte>? Config { get; init; }

    /// <summary>Optional data after the config that this version does not understand (kept for round trips).</summary>
    public ReadOnlyMemory<byte> OptionalTail { get; init; }

    /// <summary>Total optional-data length.</summary>
    public long OptionalDataLength => Config is { } c ? 4 + c.Length + OptionalTail.Length : OptionalTail.Length;

    /// <summary>The config as text, without the trailing NUL.</summary>
    public string? ConfigText => Config is { } c ? Encoding.UTF8.GetString(c.Span.TrimEnd((byte)0)) : null;

    /// <summary>Creates a header carrying a JSON config the way xl does (text plus a NUL).</summary>
    public static XlSaveHeader WithJsonConfig(string json, bool bigEndian = false) => new()
    {
        BigEndian = bigEndian,
        MandatoryFlags = FlagStreamV2 | FlagJson,
        Config = Encoding.UTF8.GetBytes(json + "\0"),
    };

    /// <summary>Writes the header and optional data.</summary>
    public void Write(IBufferWriter<byte> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (Config is null && !OptionalTail.IsEmpty)
            throw new InvalidOperationException("optional data without a config length cannot be represented");
        Span<byte> h = w.GetSpan(FixedSize);
        Magic.CopyTo(h);
        Endian.Put32(h[32..], ByteOrderValue, BigEndian);
        Endian.Put32(h[36..], MandatoryFlags, BigEndian);
        Endian.Put32(h[40..], OptionalFlags, BigEndian);
        Endian.Put32(h[44..], checked((uint)OptionalDataLength), BigEndian);
        w.Advance(FixedSize);
        if (Config is { } c)
        {
            Span<byte> l = w.GetSpan(4);
            Endian.Put32(l, (uint)c.Length, BigEndian);
            w.Advance(4);
            RecordFraming.CopyChunked(w, c.Span);
        }
        RecordFraming.CopyChunked(w, OptionalTail.Span);
    }

    /// <summary>Parses the fixed part; returns the header without optional data and the optional-data length.</summary>
    public static (XlSaveHeader Header, uint OptionalDataLength) ParseFixed(ReadOnlySpan<byte> src, MigrationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!src[..32].SequenceEqual(Magic)) throw Error(MigrationRule.BadXlMagic, "magic is not \"Xen saved domain, xl format\\n \\0 \\r\"");
        bool be;
        if (Endian.U32(src[32..], false) == ByteOrderValue) be = false;
        else if (Endian.U32(src[32..], true) == ByteOrderValue) be = true;
        else throw Error(MigrationRule.BadByteOrder, $"byteorder field 0x{Endian.U32(src[32..], false):x8} is not 0x01020304 in either byte order");
        uint mandatory = Endian.U32(src[36..], be), optional = Endian.U32(src[40..], be), optLen = Endian.U32(src[44..], be);
        if ((mandatory & ~(FlagJson | FlagStreamV2)) != 0) throw Error(MigrationRule.UnknownXlFlags, $"unknown mandatory flags 0x{mandatory:x}");
        if (optional != 0) throw Error(MigrationRule.UnknownXlFlags, $"unknown optional flags 0x{optional:x}");
        if ((mandatory & FlagStreamV2) == 0) throw Error(MigrationRule.LegacyStreamUnsupported, "XL_MANDATORY_FLAG_STREAMv2 is clear: legacy (pre-4.6) stream");
        if (optLen > limits.MaxXlOptionalData) throw Error(MigrationRule.RecordTooLong, $"optional_data_len {optLen} exceeds the limit {limits.MaxXlOptionalData}");
        return (new XlSaveHeader { BigEndian = be, MandatoryFlags = mandatory, OptionalFlags = optional }, optLen);
    }

    /// <summary>Attaches parsed optional data (config length, config, tail) to a fixed header.</summary>
    public static XlSaveHeader WithOptionalData(XlSaveHeader fixedPart, ReadOnlySpan<byte> optional)
    {
        ArgumentNullException.ThrowIfNull(fixedPart);
        if (optional.Length == 0) return fixedPart;
        if (optional.Length < 4) throw Error(MigrationRule.BadRecordLength, $"optional data of {optional.Length} octets cannot hold the 4-octet config length");
        uint configLen = Endian.U32(optional, fixedPart.BigEndian);
        if (configLen > optional.Length - 4)
            throw Error(MigrationRule.BadRecordLength, $"config length {configLen} exceeds the {optional.Length - 4} octets of optional data after it");
        return fixedPart with
        {
            Config = optional.Slice(4, (int)configLen).ToArray(),
            OptionalTail = optional[(4 + (int)configLen)..].ToArray(),
        };
    }

    private static MigrationFormatException Error(MigrationRule rule, string detail) => new(rule, 0, -1, "xl", detail);
}
