// Why: materialises a whole image from a pipe by running the streaming reader and decoding each
// validated record into the typed model.
using System;
using System.Collections.Generic;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using Xen.Migration.Libxc;
using Xen.Migration.Libxl;
using Xen.Migration.Validation;
using Xen.Migration.Xl;

namespace Xen.Migration.Streaming;

/// <summary>Reads a whole image into a <see cref="MigrationImage"/>.</summary>
public static class MigrationImageReader
{
    /// <summary>Reads and validates an image.</summary>
    /// <exception cref="MigrationFormatException">The input is malformed.</exception>
    public static async Task<MigrationImage> ReadAsync(PipeReader input, MigrationLimits? limits = null, CancellationToken ct = default)
    {
        var reader = new MigrationStreamReader(input, limits);
        var records = new List<MigrationRecord>();
        XlSaveHeader? xl = null;
        LibxlHeader? libxl = null;
        while (await reader.MoveNextAsync(ct).ConfigureAwait(false))
        {
            MigrationItem item = reader.Current;
            switch (item.Kind)
            {
                case MigrationItemKind.XlHeader: xl = item.XlHeader; break;
                case MigrationItemKind.LibxlHeader: libxl = item.LibxlHeader; break;
                case MigrationItemKind.LibxlRecord: records.Add(LibxlRecordCodec.Decode(item.RecordType, item.Body, item.BigEndian)); break;
                case MigrationItemKind.LibxcRecord: records.Add(LibxcRecordCodec.Decode(item.RecordType, item.Body, item.BigEndian)); break;
            }
        }
        return new MigrationImage
        {
            Framing = reader.Framing,
            XlHeader = xl,
            LibxlHeader = libxl,
            ImageHeader = reader.ImageHeader ?? throw new InvalidOperationException("validated stream without an image header"),
            DomainHeader = reader.DomainHeader ?? throw new InvalidOperationException("validated stream without a domain header"),
            Records = records,
        };
    }

    /// <summary>Reads an image from bytes in memory.</summary>
    public static Task<MigrationImage> ReadAsync(ReadOnlyMemory<byte> bytes, MigrationLimits? limits = null, CancellationToken ct = default) =>
        ReadAsync(PipeReader.Create(new System.Buffers.ReadOnlySequence<byte>(bytes)), limits, ct);
}
