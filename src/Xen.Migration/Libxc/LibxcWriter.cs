// Why: the streaming writer of a libxc stream. PAGE_DATA is written straight from the caller's
// guest-memory span into the output's buffers (one copy, no intermediate record object), so a saver
// runs in constant memory whatever the domain size.
using System;
using System.Buffers;
using Xen.Migration.Wire;

namespace Xen.Migration.Libxc;

/// <summary>Writes a libxc stream to an <see cref="IBufferWriter{T}"/> (e.g. a PipeWriter).</summary>
public sealed class LibxcWriter
{
    private readonly IBufferWriter<byte> _out;
    private int _pageSize = 4096;
    private bool _be;

    /// <summary>Creates a writer.</summary>
    public LibxcWriter(IBufferWriter<byte> output) => _out = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>Writes the image header and domain header; records then use their byte order and page size.</summary>
    public void WriteHeaders(ImageHeader image, DomainHeader domain)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(domain);
        Span<byte> s = _out.GetSpan(ImageHeader.Size + DomainHeader.Size);
        image.Write(s);
        domain.Write(s[ImageHeader.Size..], image.BigEndian);
        _out.Advance(ImageHeader.Size + DomainHeader.Size);
        _be = image.BigEndian;
        _pageSize = domain.PageSize;
    }

    /// <summary>Writes one record.</summary>
    public void WriteRecord(LibxcRecord record) => LibxcRecordCodec.Write(_out, record, _be, _pageSize);

    /// <summary>Writes a PAGE_DATA record from packed entries and the pages of the entries with data.</summary>
    /// <param name="entries">Packed PFN entries (<see cref="PfnEntry.Create"/>).</param>
    /// <param name="pages">One page per entry whose type has data, in entry order.</param>
    public void WritePageData(ReadOnlySpan<ulong> entries, ReadOnlySpan<byte> pages)
    {
        LibxcRecordCodec.CheckPageData(entries, pages.Length, _pageSize);
        long length = 8 + 8L * entries.Length + pages.Length;
        if (length > MigrationLimitsMax) throw new ArgumentException($"PAGE_DATA body of {length} octets exceeds Xen's 128 MiB record limit");
        RecordFraming.WriteHeader(_out, (uint)LibxcRecordType.PageData, (uint)length, _be);
        LibxcRecordCodec.WriteCountHeader(_out, (uint)entries.Length, _be);
        LibxcRecordCodec.WriteU64s(_out, entries, _be);
        Span<byte> dest = _out.GetSpan(pages.Length);
        if (dest.Length >= pages.Length)
        {
            pages.CopyTo(dest);
            _out.Advance(pages.Length);
        }
        else
        {
            RecordFraming.CopyChunked(_out, pages);
        }
        // Body is 8 + 8n + k*page_size: always a multiple of 8, so no padding.
    }

    /// <summary>Writes a record from a raw type and body (used by converters).</summary>
    public void WriteRaw(uint type, in ReadOnlySequence<byte> body) => RecordFraming.WriteRaw(_out, type, body, _be);

    private const long MigrationLimitsMax = Validation.MigrationLimits.XenRecordLengthMax;
}
