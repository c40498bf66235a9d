// Why: libxc and libxl records share one framing — a (type, body_length) header of two 32-bit
// integers, the body, and 0-7 zero octets so that every record ends on an 8-octet boundary
// (libxc-migration-stream.pandoc "Records", libxl-migration-stream.pandoc "Record Overview").
using System;
using System.Buffers;

namespace Xen.Migration.Wire;

/// <summary>Record header layout, padding arithmetic and raw record emission.</summary>
public static class RecordFraming
{
    /// <summary>Size of a record header: type (u32) and body_length (u32).</summary>
    public const int HeaderSize = 8;

    /// <summary>Records are aligned to 8 octets (REC_ALIGN).</summary>
    public const int Alignment = 8;

    /// <summary>Bit 31 of the record type marks an optional record.</summary>
    public const uint OptionalBit = 0x8000_0000u;

    /// <summary>Number of zero octets that follow a body of <paramref name="bodyLength"/> octets.</summary>
    public static int PaddingFor(long bodyLength) => (int)((Alignment - (bodyLength & (Alignment - 1))) & (Alignment - 1));

    /// <summary>Writes a record header, copies <paramref name="body"/> and appends the padding.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="type">Record type.</param>
    /// <param name="body">Record body (copied once into the writer's buffers).</param>
    /// <param name="bigEndian">Byte order of the record header.</param>
    public static void WriteRaw(IBufferWriter<byte> writer, uint type, in ReadOnlySequence<byte> body, bool bigEndian)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (body.Length > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(body), "record body longer than 2^32-1 octets");
        WriteHeader(writer, type, (uint)body.Length, bigEndian);
        foreach (ReadOnlyMemory<byte> segment in body)
            CopyChunked(writer, segment.Span);
        WritePadding(writer, body.Length);
    }

    /// <summary>Writes a record header only; the caller writes the body and then <see cref="WritePadding"/>.</summary>
    public static void WriteHeader(IBufferWriter<byte> writer, uint type, uint bodyLength, bool bigEndian)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> h = writer.GetSpan(HeaderSize);
        Endian.Put32(h, type, bigEndian);
        Endian.Put32(h[4..], bodyLength, bigEndian);
        writer.Advance(HeaderSize);
    }

    /// <summary>Writes the zero padding that follows a body of <paramref name="bodyLength"/> octets.</summary>
    public static void WritePadding(IBufferWriter<byte> writer, long bodyLength)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int pad = PaddingFor(bodyLength);
        if (pad == 0) return;
        Span<byte> p = writer.GetSpan(pad);
        p[..pad].Clear();
        writer.Advance(pad);
    }

    /// <summary>Copies <paramref name="source"/> into the writer in chunks no larger than 64 KiB, so
    /// a large body never forces one huge buffer allocation.</summary>
    public static void CopyChunked(IBufferWriter<byte> writer, ReadOnlySpan<byte> source)
    {
        ArgumentNullException.ThrowIfNull(writer);
        while (!source.IsEmpty)
        {
            Span<byte> dest = writer.GetSpan(Math.Min(source.Length, 64 * 1024));
            int n = Math.Min(dest.Length, source.Length);
            source[..n].CopyTo(dest);
            writer.Advance(n);
            source = source[n..];
        }
    }
}
