// Why: one header or record as the streaming reader sees it. Record bodies are slices of the
// pipe's buffer (no copy) and stay valid only until the next MoveNextAsync call.
using System.Buffers;
using Xen.Migration.Libxc;
using Xen.Migration.Libxl;
using Xen.Migration.Xl;

namespace Xen.Migration.Streaming;

/// <summary>A validated header or record.</summary>
public readonly struct MigrationItem
{
    internal MigrationItem(MigrationItemKind kind, long offset, long length, long index = -1, uint type = 0,
        ReadOnlySequence<byte> body = default, bool bigEndian = false, object? header = null)
    {
        Kind = kind;
        Offset = offset;
        Length = length;
        RecordIndex = index;
        RecordType = type;
        Body = body;
        BigEndian = bigEndian;
        _header = header;
    }

    private readonly object? _header;

    /// <summary>What this item is.</summary>
    public MigrationItemKind Kind { get; }

    /// <summary>Offset of the item's first octet in the input.</summary>
    public long Offset { get; }

    /// <summary>Encoded length of the item, including record header and padding.</summary>
    public long Length { get; }

    /// <summary>Index of the record in its layer (0-based), or -1 for headers.</summary>
    public long RecordIndex { get; }

    /// <summary>Raw record type (records only).</summary>
    public uint RecordType { get; }

    /// <summary>Record body without padding (records only). Valid until the next read.</summary>
    public ReadOnlySequence<byte> Body { get; }

    /// <summary>Byte order of the record's layer.</summary>
    public bool BigEndian { get; }

    /// <summary>The xl header, for <see cref="MigrationItemKind.XlHeader"/>.</summary>
    public XlSaveHeader? XlHeader => _header as XlSaveHeader;

    /// <summary>The libxl header, for <see cref="MigrationItemKind.LibxlHeader"/>.</summary>
    public LibxlHeader? LibxlHeader => _header as LibxlHeader;

    /// <summary>The image header, for <see cref="MigrationItemKind.LibxcImageHeader"/>.</summary>
    public ImageHeader? ImageHeader => _header as ImageHeader;

    /// <summary>The domain header, for <see cref="MigrationItemKind.LibxcDomainHeader"/>.</summary>
    public DomainHeader? DomainHeader => _header as DomainHeader;

    /// <summary>Spec name of the record type ("PAGE_DATA", "LIBXC_CONTEXT", ...), or the header kind.</summary>
    public string Name => Kind switch
    {
        MigrationItemKind.LibxcRecord => LibxcNames.Of(RecordType),
        MigrationItemKind.LibxlRecord => LibxlNames.Of(RecordType),
        _ => Kind.ToString(),
    };
}
