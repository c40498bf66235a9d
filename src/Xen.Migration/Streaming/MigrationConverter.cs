// Why: converts between the xl, libxl and libxc framings while streaming: the input is validated
// item by item and re-emitted, libxc records byte-for-byte. Wrapping a bare libxc stream adds the
// libxl header, LIBXC_CONTEXT, a CHECKPOINT_END after each libxc CHECKPOINT and a final libxl END;
// unwrapping drops the libxl layer (emulator records are counted as dropped, since a bare libxc
// stream has no place for them).
using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using Xen.Migration.Libxc;
using Xen.Migration.Libxl;
using Xen.Migration.Validation;
using Xen.Migration.Xl;

namespace Xen.Migration.Streaming;

/// <summary>Options for <see cref="MigrationConverter"/>.</summary>
public sealed record ConversionOptions
{
    /// <summary>xl header to use when the input has none and the target is xl (default: no config).</summary>
    public XlSaveHeader? XlHeader { get; init; }

    /// <summary>Limits for reading the input.</summary>
    public MigrationLimits? Limits { get; init; }

    /// <summary>Receives the number of input octets consumed, after each item.</summary>
    public IProgress<long>? Progress { get; init; }
}

/// <summary>Result of a conversion.</summary>
/// <param name="Items">Headers and records read.</param>
/// <param name="DroppedLibxlRecords">libxl records with content that the target framing cannot carry.</param>
/// <param name="BytesRead">Input octets.</param>
public sealed record ConversionResult(long Items, long DroppedLibxlRecords, long BytesRead);

/// <summary>Streaming framing conversion.</summary>
public static class MigrationConverter
{
    /// <summary>Converts <paramref name="input"/> to <paramref name="target"/> framing.</summary>
    /// <exception cref="MigrationFormatException">The input is malformed (output is then incomplete).</exception>
    public static async Task<ConversionResult> ConvertAsync(PipeReader input, PipeWriter output, StreamFraming target,
        ConversionOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= new ConversionOptions();
        var reader = new MigrationStreamReader(input, options.Limits);
        var libxc = new LibxcWriter(output);
        var libxl = new LibxlWriter(output);
        bool xlWritten = false;
        long items = 0, dropped = 0;
        ImageHeader? image = null;
        while (await reader.MoveNextAsync(ct).ConfigureAwait(false))
        {
            MigrationItem item = reader.Current;
            items++;
            bool wrap = reader.Framing == StreamFraming.Libxc && target != StreamFraming.Libxc;
            switch (item.Kind)
            {
                case MigrationItemKind.XlHeader:
                    if (target == StreamFraming.Xl)
                    {
                        item.XlHeader!.Write(output);
                        xlWritten = true;
                    }
                    break;
                case MigrationItemKind.LibxlHeader:
                    if (target != StreamFraming.Libxc)
                    {
                        if (target == StreamFraming.Xl && !xlWritten) WriteDefaultXl(output, options, item.LibxlHeader!.BigEndian);
                        libxl.WriteHeader(item.LibxlHeader!);
                    }
                    break;
                case MigrationItemKind.LibxlRecord:
                    if (target != StreamFraming.Libxc) libxl.WriteRaw(item.RecordType, item.Body);
                    else if (item.RecordType is not ((uint)LibxlRecordType.End or (uint)LibxlRecordType.LibxcContext or (uint)LibxlRecordType.CheckpointEnd))
                        dropped++;
                    break;
                case MigrationItemKind.LibxcImageHeader:
                    image = item.ImageHeader!;
                    if (wrap)
                    {
                        if (target == StreamFraming.Xl) WriteDefaultXl(output, options, image.BigEndian);
                        libxl.WriteHeader(new LibxlHeader(image.BigEndian));
                        libxl.WriteMarker(LibxlRecordType.LibxcContext);
                    }
                    break;
                case MigrationItemKind.LibxcDomainHeader:
                    libxc.WriteHeaders(image!, item.DomainHeader!);
                    break;
                case MigrationItemKind.LibxcRecord:
                    libxc.WriteRaw(item.RecordType, item.Body);
                    if (wrap && item.RecordType == (uint)LibxcRecordType.Checkpoint)
                        libxl.WriteMarker(LibxlRecordType.CheckpointEnd);
                    if (wrap && item.RecordType == (uint)LibxcRecordType.End)
                        libxl.WriteMarker(LibxlRecordType.End);
                    break;
            }
            await output.FlushAsync(ct).ConfigureAwait(false);
            options.Progress?.Report(reader.BytesConsumed);
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
        return new ConversionResult(items, dropped, reader.BytesConsumed);
    }

    private static void WriteDefaultXl(IBufferWriter<byte> output, ConversionOptions options, bool bigEndian) =>
        (options.XlHeader ?? new XlSaveHeader { BigEndian = bigEndian }).Write(output);
}
