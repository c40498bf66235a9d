// cpus= CPULIST strings from the xl.cfg(5) examples.
using Xen.Core.Boot.Bundle;

namespace Xen.Core.Tests.Boot.Bundle;

public sealed class CpuListParserTests
{
    private static int[] Cpus(string list)
    {
        Assert.Null(CpuListParser.Parse(BundleSamples.Ascii(list), out CpuMask m));
        return Enumerable.Range(0, CpuMask.Capacity).Where(m.Contains).ToArray();
    }

    [Fact]
    public void Man_page_examples()
    {
        Assert.Equal(new[] { 0, 2, 3, 5 }, Cpus("0-3,5,^1"));
        Assert.Equal(127, Cpus("all,^7").Length);
        Assert.DoesNotContain(7, Cpus("all,^7"));
        Assert.Equal(new[] { 2 }, Cpus("2"));
        Assert.Equal(new[] { 3, 4, 6, 7, 8 }, Cpus("3-8,^5"));
        Assert.Equal(new[] { 64, 65, 127 }, Cpus("64-65, 127"));
        Assert.Equal(124, Cpus("all,^5-8").Length);
    }

    [Theory]
    [InlineData("", "empty CPULIST")]
    [InlineData("1,,2", "empty item in CPULIST")]
    [InlineData("node:0", "NUMA node affinity (node:/nodes:) is not supported")]
    [InlineData("nodes:0-3,^node:2", "NUMA node affinity (node:/nodes:) is not supported")]
    [InlineData("x", "CPULIST item is not N or N-M")]
    [InlineData("1-", "CPULIST item is not N or N-M")]
    [InlineData("5-2", "CPULIST range runs backwards")]
    [InlineData("128", "CPU number above 127 in CPULIST")]
    [InlineData("99999999", "CPULIST item is not N or N-M")]
    [InlineData("all,^all", "CPULIST selects no CPU")]
    public void Bad_lists_are_refused(string list, string message)
    {
        Assert.Equal(message, CpuListParser.Parse(BundleSamples.Ascii(list), out _));
    }
}
