// Why: converting between framings keeps the libxc stream byte for byte, identity conversions are
// byte-exact, and a full cycle xl → libxc → libxl → xl keeps the domain.
using System.IO.Pipelines;
using Xen.Migration.Libxc;
using Xen.Migration.Streaming;
using Xen.Migration.Tests.Generation;
using Xen.Migration.Validation;
using Xen.Migration.Xl;

namespace Xen.Migration.Tests;

public sealed class ConverterTests
{
    private static async Task<(byte[] Bytes, ConversionResult Result)> ConvertAsync(byte[] input, StreamFraming to, ConversionOptions? options = null)
    {
        var pipe = new Pipe();
        Task<ConversionResult> run = Task.Run(async () =>
        {
            try { return await MigrationConverter.ConvertAsync(TestStreams.Pipe(input), pipe.Writer, to, options); }
            finally { await pipe.Writer.CompleteAsync(); }
        });
        using var ms = new MemoryStream();
        await pipe.Reader.CopyToAsync(ms);
        return (ms.ToArray(), await run);
    }

    [Theory]
    [InlineData(DomainKind.Pv, StreamFraming.Xl)]
    [InlineData(DomainKind.Hvm, StreamFraming.Libxl)]
    [InlineData(DomainKind.Pvh, StreamFraming.Libxc)]
    public async Task IdentityConversionIsByteExact(DomainKind kind, StreamFraming framing)
    {
        byte[] input = TestStreams.Encode(new DomainSpec(kind, framing, true, 3, 2, 20, 2, 9, Extras: true));
        (byte[] output, _) = await ConvertAsync(input, framing);
        Assert.Equal(input, output);
    }

    [Theory]
    [InlineData(DomainKind.Pv, 0)]
    [InlineData(DomainKind.Hvm, 2)]
    [InlineData(DomainKind.Pvh, 1)]
    public async Task FramingCycleKeepsTheDomain(DomainKind kind, int checkpoints)
    {
        var spec = new DomainSpec(kind, StreamFraming.Xl, false, 3, 2, 20, checkpoints, 11);
        MigrationImage original = DomainImageBuilder.Build(spec);
        byte[] xl = TestStreams.Encode(original);

        (byte[] libxc, ConversionResult r1) = await ConvertAsync(xl, StreamFraming.Libxc);
        MigrationImage bare = await MigrationImageReader.ReadAsync(libxc);
        Assert.Equal(StreamFraming.Libxc, bare.Framing);
        Assert.Equal(original.Records.OfType<LibxcRecord>().Count(), bare.Records.Count);
        Assert.Equal(kind == DomainKind.Hvm ? 2 + checkpoints : 0, r1.DroppedLibxlRecords);

        (byte[] libxl, _) = await ConvertAsync(libxc, StreamFraming.Libxl);
        MigrationImage wrapped = await MigrationImageReader.ReadAsync(libxl);
        Assert.Equal(StreamFraming.Libxl, wrapped.Framing);
        Assert.Equal(bare.Records.Count + 2 + checkpoints, wrapped.Records.Count);

        var header = XlSaveHeader.WithJsonConfig("{\"c_info\":{\"name\":\"restored\"}}");
        (byte[] xl2, _) = await ConvertAsync(libxl, StreamFraming.Xl, new ConversionOptions { XlHeader = header });
        MigrationImage back = await MigrationImageReader.ReadAsync(xl2);
        Assert.Equal("{\"c_info\":{\"name\":\"restored\"}}", back.XlHeader?.ConfigText);
        RoundTripTests.AssertSameImage(
            new MigrationImage { Framing = StreamFraming.Libxc, ImageHeader = bare.ImageHeader, DomainHeader = bare.DomainHeader, Records = bare.Records },
            new MigrationImage { Framing = StreamFraming.Libxc, ImageHeader = back.ImageHeader, DomainHeader = back.DomainHeader, Records = back.Records.OfType<LibxcRecord>().ToList() });
    }

    [Fact]
    public async Task MalformedInputFailsConversion()
    {
        byte[] input = TestStreams.Encode(new DomainSpec(DomainKind.Hvm, StreamFraming.Libxl, false, 3, 1, 5, 0, 3));
        await Assert.ThrowsAsync<MigrationFormatException>(() => ConvertAsync(input[..^3], StreamFraming.Libxc));
    }
}
