// Why: writes a materialised image in its framing: xl header, libxl header, libxl records, and the
// libxc headers right after LIBXC_CONTEXT (or first, for a bare libxc stream).
using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using Xen.Migration.Libxc;
using Xen.Migration.Libxl;

namespace Xen.Migration.Streaming;

/// <summary>Writes a <see cref="MigrationImage"/>.</summary>
public static class MigrationImageWriter
{
    /// <summary>Writes the image to a buffer writer.</summary>
    public static void Write(IBufferWriter<byte> output, MigrationImage image)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(image);
        foreach (object _ in Steps(output, image)) { }
    }

    /// <summary>Writes the image to a pipe, flushing after every record so memory stays bounded.</summary>
    public static async Task WriteAsync(PipeWriter output, MigrationImage image, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(image);
        foreach (object _ in Steps(output, image))
            await output.FlushAsync(ct).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Encodes an image to a byte array.</summary>
    public static byte[] ToArray(MigrationImage image)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, image);
        return buffer.WrittenSpan.ToArray();
    }

    // Yields after each header or record so the async variant can flush in between.
    private static System.Collections.Generic.IEnumerable<object> Steps(IBufferWriter<byte> output, MigrationImage image)
    {
        var libxc = new LibxcWriter(output);
        var libxl = new LibxlWriter(output);
        if (image.Framing == StreamFraming.Xl)
        {
            (image.XlHeader ?? throw new ArgumentException("xl framing needs an xl header", nameof(image))).Write(output);
            yield return image.XlHeader;
        }
        if (image.Framing != StreamFraming.Libxc)
        {
            LibxlHeader h = image.LibxlHeader ?? throw new ArgumentException("libxl framing needs a libxl header", nameof(image));
            libxl.WriteHeader(h);
            yield return h;
        }
        else
        {
            libxc.WriteHeaders(image.ImageHeader, image.DomainHeader);
        }
        foreach (MigrationRecord r in image.Records)
        {
            switch (r)
            {
                case LibxcRecord x:
                    libxc.WriteRecord(x);
                    break;
                case LibxlRecord l:
                    libxl.WriteRecord(l);
                    if (l.Type == LibxlRecordType.LibxcContext) libxc.WriteHeaders(image.ImageHeader, image.DomainHeader);
                    break;
                default:
                    throw new ArgumentException($"unsupported record class {r.GetType().Name}", nameof(image));
            }
            yield return r;
        }
    }
}
