// Why: the libxc/libxl headers are always big-endian while records follow the endianness bit of the
// header, so every field access goes through one helper that takes the byte order explicitly.
using System;
using System.Buffers.Binary;

namespace Xen.Migration.Wire;

/// <summary>Integer reads and writes in an explicit byte order.</summary>
internal static class Endian
{
    public static ushort U16(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    public static uint U32(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    public static ulong U64(ReadOnlySpan<byte> s, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s);

    public static void Put16(Span<byte> d, ushort v, bool bigEndian)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(d, v);
        else BinaryPrimitives.WriteUInt16LittleEndian(d, v);
    }

    public static void Put32(Span<byte> d, uint v, bool bigEndian)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(d, v);
        else BinaryPrimitives.WriteUInt32LittleEndian(d, v);
    }

    public static void Put64(Span<byte> d, ulong v, bool bigEndian)
    {
        if (bigEndian) BinaryPrimitives.WriteUInt64BigEndian(d, v);
        else BinaryPrimitives.WriteUInt64LittleEndian(d, v);
    }
}
