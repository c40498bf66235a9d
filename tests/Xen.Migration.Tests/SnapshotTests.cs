// Why: the text and JSON dumps are a user-facing format; snapshots catch any unintended change in
// what `xen-stream dump` prints for PV, HVM and PVH-like images and for a malformed one.
using Snapshooter;
using Snapshooter.Xunit;
using Xen.Migration.Streaming;
using Xen.Migration.Tests.Generation;
using Xen.Stream.Cli.Commands;
using Xen.Stream.Cli.Output;

namespace Xen.Migration.Tests;

public sealed class SnapshotTests
{
    private static async Task<string[]> HumanAsync(byte[] bytes)
    {
        var text = new StringWriter { NewLine = "\n" };
        await DumpCommand.RunAsync(TestStreams.Pipe(bytes), "image", new HumanDump(text), null, CancellationToken.None);
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<string[]> JsonAsync(byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var sink = new JsonDump(ms))
            await DumpCommand.RunAsync(TestStreams.Pipe(bytes), "image", sink, null, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray()).Replace("\r", "").TrimEnd('\n').Split('\n');
    }

    [Fact]
    public async Task PvXlSaveFileDump() =>
        Snapshot.Match(await HumanAsync(TestStreams.Encode(new DomainSpec(DomainKind.Pv, StreamFraming.Xl, false, 3, 1, 4, 1, 100, Extras: true))));

    [Fact]
    public async Task HvmLibxlBigEndianV2Dump() =>
        Snapshot.Match(await HumanAsync(TestStreams.Encode(new DomainSpec(DomainKind.Hvm, StreamFraming.Libxl, true, 2, 2, 5, 1, 101))));

    [Fact]
    public async Task PvhLibxcJsonDump() =>
        Snapshot.Match(await JsonAsync(TestStreams.Encode(new DomainSpec(DomainKind.Pvh, StreamFraming.Libxc, false, 3, 1, 3, 0, 102))));

    [Fact]
    public async Task MalformedStreamDump()
    {
        byte[] bytes = TestStreams.Encode(new DomainSpec(DomainKind.Hvm, StreamFraming.Libxc, false, 3, 1, 3, 0, 103));
        Snapshot.Match(await HumanAsync(bytes[..^4]));
    }
}
