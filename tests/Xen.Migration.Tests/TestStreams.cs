// Why: helpers shared by the tests: encode images, read them back, and locate records by offset.
using System.Buffers;
using System.IO.Pipelines;
using Xen.Migration.Streaming;
using Xen.Migration.Tests.Generation;
using Xen.Migration.Validation;

namespace Xen.Migration.Tests;

public static class TestStreams
{
    public static byte[] Encode(MigrationImage image) => MigrationImageWriter.ToArray(image);

    public static byte[] Encode(DomainSpec spec) => Encode(DomainImageBuilder.Build(spec));

    public static PipeReader Pipe(byte[] bytes) => PipeReader.Create(new ReadOnlySequence<byte>(bytes));

    /// <summary>Reads every item; returns (offset, kind, type, length) of each.</summary>
    public static async Task<List<(long Offset, MigrationItemKind Kind, uint Type, long Length)>> ItemsAsync(byte[] bytes)
    {
        var reader = new MigrationStreamReader(Pipe(bytes));
        var list = new List<(long, MigrationItemKind, uint, long)>();
        while (await reader.MoveNextAsync()) list.Add((reader.Current.Offset, reader.Current.Kind, reader.Current.RecordType, reader.Current.Length));
        return list;
    }

    /// <summary>Reads the whole stream and returns the error it raises (or null when valid).</summary>
    public static async Task<MigrationFormatException?> ErrorOfAsync(byte[] bytes, MigrationLimits? limits = null)
    {
        try
        {
            var reader = new MigrationStreamReader(Pipe(bytes), limits);
            while (await reader.MoveNextAsync()) { }
            return null;
        }
        catch (MigrationFormatException e)
        {
            return e;
        }
    }
}
