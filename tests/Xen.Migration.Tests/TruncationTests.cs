// Why: a stream cut anywhere — inside a header, a record header, a body or the padding, or exactly
// between records — is reported as truncated, with an offset inside the input, and never hangs.
using Xen.Migration.Streaming;
using Xen.Migration.Tests.Generation;
using Xen.Migration.Validation;

namespace Xen.Migration.Tests;

public sealed class TruncationTests
{
    [Theory]
    [InlineData(DomainKind.Pv, StreamFraming.Xl)]
    [InlineData(DomainKind.Hvm, StreamFraming.Libxl)]
    [InlineData(DomainKind.Pvh, StreamFraming.Libxc)]
    public async Task EveryPrefixIsTruncated(DomainKind kind, StreamFraming framing)
    {
        byte[] full = TestStreams.Encode(new DomainSpec(kind, framing, false, 3, 1, 3, 1, 5));
        Assert.Null(await TestStreams.ErrorOfAsync(full));
        // Every cut in the first 2 KiB and around every item boundary, plus a stride through the rest.
        var items = await TestStreams.ItemsAsync(full);
        var cuts = new SortedSet<int>(Enumerable.Range(0, Math.Min(2048, full.Length)));
        foreach (var i in items)
            for (int d = -9; d <= 9; d++)
                if (i.Offset + d is > 0 and var c && c < full.Length) cuts.Add((int)c);
        for (int c = 0; c < full.Length; c += 97) cuts.Add(c);
        foreach (int cut in cuts)
        {
            MigrationFormatException? e = await TestStreams.ErrorOfAsync(full[..cut]);
            Assert.True(e is not null, $"prefix of {cut} octets was accepted");
            Assert.True(e.Rule == MigrationRule.Truncated, $"prefix of {cut} octets: {e.Message}");
            Assert.InRange(e.Offset, 0, cut);
        }
    }
}
