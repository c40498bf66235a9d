// Why: the streaming writer of the libxl layer — header and records — so a saver can interleave
// libxl records with a LibxcWriter on the same output (LIBXC_CONTEXT, then the libxc stream;
// emulator records and CHECKPOINT_END after each libxc CHECKPOINT; END last).
using System;
using System.Buffers;
using Xen.Migration.Wire;

namespace Xen.Migration.Libxl;

/// <summary>Writes a libxl stream to an <see cref="IBufferWriter{T}"/>.</summary>
public sealed class LibxlWriter
{
    private readonly IBufferWriter<byte> _out;
    private bool _be;

    /// <summary>Creates a writer.</summary>
    public LibxlWriter(IBufferWriter<byte> output) => _out = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>Writes the header; later records use its byte order.</summary>
    public void WriteHeader(LibxlHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        header.Write(_out.GetSpan(LibxlHeader.Size));
        _out.Advance(LibxlHeader.Size);
        _be = header.BigEndian;
    }

    /// <summary>Writes one record.</summary>
    public void WriteRecord(LibxlRecord record) => LibxlRecordCodec.Write(_out, record, _be);

    /// <summary>Writes a body-less record (END, LIBXC_CONTEXT, CHECKPOINT_END).</summary>
    public void WriteMarker(LibxlRecordType type) => WriteRecord(new LibxlEmptyRecord(type));

    /// <summary>Writes a record from a raw type and body (used by converters).</summary>
    public void WriteRaw(uint type, in ReadOnlySequence<byte> body) => RecordFraming.WriteRaw(_out, type, body, _be);
}
