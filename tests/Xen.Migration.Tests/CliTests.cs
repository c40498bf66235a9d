// Why: the xen-stream commands end to end through the real command line parser: exit codes,
// verify's verdicts, and convert producing files that verify and decode to the same domain.
using Xen.Migration.Streaming;
using Xen.Migration.Tests.Generation;
using Xen.Migration.Validation;
using Xen.Stream.Cli;
using Xen.Stream.Cli.Commands;

namespace Xen.Migration.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("xen-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task VerifyReportsValidAndInvalidImages()
    {
        byte[] bytes = TestStreams.Encode(new DomainSpec(DomainKind.Hvm, StreamFraming.Xl, false, 3, 2, 10, 2, 5));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, await VerifyCommand.RunAsync(TestStreams.Pipe(bytes), MigrationLimits.Default, stdout, stderr, null, CancellationToken.None));
        Assert.StartsWith("OK: Xl framing, libxc v3 X86Hvm", stdout.ToString());
        Assert.Contains("2 checkpoints", stdout.ToString());

        bytes[^8] ^= 0xFF; // the type of the final libxl END record
        Assert.Equal(1, await VerifyCommand.RunAsync(TestStreams.Pipe(bytes), MigrationLimits.Default, stdout, stderr, null, CancellationToken.None));
        Assert.StartsWith("INVALID: offset 0x", stderr.ToString());
    }

    [Fact]
    public async Task ConvertCommandRewrapsAFile()
    {
        MigrationImage original = DomainImageBuilder.Build(new DomainSpec(DomainKind.Pv, StreamFraming.Libxc, false, 3, 1, 6, 1, 8));
        string input = Path.Combine(_dir, "domain.libxc"), output = Path.Combine(_dir, "domain.xl"), config = Path.Combine(_dir, "cfg.json");
        await File.WriteAllBytesAsync(input, TestStreams.Encode(original));
        await File.WriteAllTextAsync(config, "{\"c_info\":{\"name\":\"pv\"}}");

        int rc = await Program.BuildRoot().Parse(["convert", input, output, "--to", "xl", "--config", config, "--progress", "false"]).InvokeAsync();

        Assert.Equal(0, rc);
        MigrationImage converted = await MigrationImageReader.ReadAsync(await File.ReadAllBytesAsync(output));
        Assert.Equal(StreamFraming.Xl, converted.Framing);
        Assert.Equal("{\"c_info\":{\"name\":\"pv\"}}", converted.XlHeader?.ConfigText);
        Assert.Equal(original.Records.Count + 3, converted.Records.Count); // LIBXC_CONTEXT, CHECKPOINT_END, END
    }

    [Fact]
    public async Task ConvertRejectsMalformedInputAndLeavesNoFile()
    {
        string input = Path.Combine(_dir, "bad"), output = Path.Combine(_dir, "out");
        await File.WriteAllBytesAsync(input, TestStreams.Encode(new DomainSpec(DomainKind.Hvm, StreamFraming.Libxc, false, 3, 1, 3, 0, 2))[..^8]);
        int rc = await Program.BuildRoot().Parse(["convert", input, output, "--to", "libxl"]).InvokeAsync();
        Assert.Equal(1, rc);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task UnknownTargetFramingIsAUsageError()
    {
        int rc = await Program.BuildRoot().Parse(["convert", "a", "b", "--to", "qcow2"]).InvokeAsync();
        Assert.NotEqual(0, rc);
    }
}
