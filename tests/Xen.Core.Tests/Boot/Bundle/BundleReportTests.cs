using Xen.Core.Boot.Bundle;
using Xen.Core.Tests.Domains;

namespace Xen.Core.Tests.Boot.Bundle;

public sealed class BundleReportTests
{
    [Fact]
    public void Good_domains_are_counted_and_each_bad_cfg_is_named_with_its_line()
    {
        byte[] archive = BundleSamples.Archive(
            ("a.cfg", BundleSamples.Ascii("name = \"good\"\nkernel = \"k.elf\"\n")),
            ("b.cfg", BundleSamples.Ascii("name = \"bad\"\nmemory = \n")),
            ("k.elf", BundleSamples.Elf()));
        var console = new CapturingConsole();
        Assert.True(BundleReport.Write(console, BootBundle.Parse(archive, default)));
        Assert.Equal("bundle: cpio archive, 1 domain(s)", console.Lines[0]);
        Assert.Matches(@"^bundle: b\.cfg: line 2: ", console.Lines[1]);
    }

    [Fact]
    public void A_module_that_is_nothing_known_reports_no_domain()
    {
        var console = new CapturingConsole();
        Assert.False(BundleReport.Write(console, BootBundle.Parse(BundleSamples.Ascii("not a kernel at all"), default)));
        Assert.Equal("bundle: unrecognised module, 0 domain(s)", console.Lines[0]);
        Assert.Contains(console.Lines, l => l.Contains("neither a cpio newc archive"));
    }
}
