// Why: zero-copy access to a PAGE_DATA body that is still in the pipe's buffer: PFN entries are
// decoded on demand and the pages are a slice of the same buffer, so a restorer can copy each page
// straight into guest memory — the only copy of the data on the receive path.
using System;
using System.Buffers;
using Xen.Migration.Wire;

namespace Xen.Migration.Libxc;

/// <summary>A view of a validated PAGE_DATA body.</summary>
public readonly struct PageDataView
{
    private readonly ReadOnlySequence<byte> _body;
    private readonly bool _be;

    /// <summary>Creates a view over a body that passed validation.</summary>
    public PageDataView(in ReadOnlySequence<byte> body, bool bigEndian, int pageSize = 4096)
    {
        if (body.Length < 8) throw new ArgumentException("not a PAGE_DATA body", nameof(body));
        _body = body;
        _be = bigEndian;
        Span<byte> h = stackalloc byte[4];
        body.Slice(0, 4).CopyTo(h);
        Count = (int)Endian.U32(h, bigEndian);
        if (body.Length < 8 + 8L * Count) throw new ArgumentException("PAGE_DATA body shorter than its PFN array", nameof(body));
        PageSize = pageSize;
    }

    /// <summary>Number of PFN entries.</summary>
    public int Count { get; }

    /// <summary>Guest page size.</summary>
    public int PageSize { get; }

    /// <summary>The page data of all entries with data, in entry order.</summary>
    public ReadOnlySequence<byte> Pages => _body.Slice(8 + 8L * Count);

    /// <summary>Decodes the packed PFN entries into <paramref name="destination"/> (length ≥ <see cref="Count"/>).</summary>
    public void CopyEntriesTo(Span<ulong> destination)
    {
        ReadOnlySequence<byte> raw = _body.Slice(8, 8L * Count);
        if (raw.IsSingleSegment)
        {
            ReadOnlySpan<byte> s = raw.FirstSpan;
            for (int i = 0; i < Count; i++) destination[i] = Endian.U64(s.Slice(i * 8, 8), _be);
            return;
        }
        var reader = new SequenceReader<byte>(raw);
        for (int i = 0; i < Count; i++)
        {
            long v;
            _ = _be ? reader.TryReadBigEndian(out v) : reader.TryReadLittleEndian(out v);
            destination[i] = (ulong)v;
        }
    }
}
