// Hostile boot modules: random bytes, random mutations of a valid bundle and random cfg text must never throw
// (an exception is a hypervisor panic in the image) and never read out of bounds (every span access is
// checked, so an out-of-range read would surface as an exception here); every range a domain names lies
// inside the module.
using CsCheck;
using Xen.Core.Boot.Bundle;

namespace Xen.Core.Tests.Boot.Bundle;

public sealed class BundleFuzzTests
{
    private static readonly byte[] s_valid = new CpioNewcWriter()
        .AddDirectory("boot")
        .AddFile("boot/vmlinuz", BundleSamples.Elf(200))
        .AddFile("boot/initrd", BundleSamples.Ascii("RD"))
        .AddFile("a.cfg", BundleSamples.Ascii("name = 'a'\nkernel = 'boot/vmlinuz'\nramdisk='boot/initrd'\nmemory = 64\nvcpus = 2\ncpus = ['0-1', '2']\n"))
        .AddFile("b.cfg", BundleSamples.Ascii("name = \"b\"; kernel = \"/boot/vmlinuz\"; root = '/dev/xvda'; extra = \"quiet\\n\"\non_crash = 'preserve'\n"))
        .Finish();

    private static void Check(byte[] module)
    {
        BootBundle b = BootBundle.Parse(module, BundleSamples.Ascii("cmd"));
        foreach (DomainSpec d in b.Domains)
        {
            Assert.InRange(d.Kernel.Offset, 0, module.Length);
            Assert.InRange((long)d.Kernel.Offset + d.Kernel.Length, 0, module.Length);
            Assert.InRange((long)d.Ramdisk.Offset + d.Ramdisk.Length, 0, module.Length);
            _ = d.KernelIn(module).Length + d.RamdiskIn(module).Length;
            Assert.InRange(d.Vcpus, 1, 128);
            Assert.True(d.MemoryMiB > 0);
        }
        Assert.InRange(b.CpioErrorOffset, 0, module.Length);
        var r = new CpioNewcReader(module);
        while (r.Next(out CpioEntry e))
        {
            Assert.InRange((long)e.DataOffset + e.DataLength, 0, module.Length);
            Assert.InRange((long)e.NameOffset + e.NameLength, 0, module.Length);
        }
    }

    [Fact]
    public void The_valid_bundle_is_valid()
    {
        BootBundle b = BootBundle.Parse(s_valid, default);
        Assert.True(b.IsValid);
        Assert.Equal(2, b.Domains.Length);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 600].Sample(Check, iter: 3000);
        // Random bytes behind a valid magic reach the header parser.
        Gen.Byte.Array[0, 600].Select(b => BundleSamples.Ascii("070701").Concat(b).ToArray()).Sample(Check, iter: 3000);
    }

    [Fact]
    public void Mutations_of_a_valid_bundle_never_throw()
    {
        Gen.Select(Gen.Int[0, s_valid.Length - 1].Array[1, 8], Gen.Byte.Array[8], Gen.Int[0, s_valid.Length])
            .Sample((positions, values, cut) =>
            {
                byte[] m = (byte[])s_valid.Clone();
                for (int i = 0; i < positions.Length; i++) m[positions[i]] = values[i];
                Check(m);
                Check(m[..cut]);
            }, iter: 5000);
    }

    [Fact]
    public void Hex_field_mutations_never_throw()
    {
        // Header fields replaced by random hex: sizes anywhere in 0..0xFFFFFFFF.
        Gen.Select(Gen.Int[0, 12], Gen.UInt).Sample((field, value) =>
        {
            byte[] m = (byte[])s_valid.Clone();
            BundleSamples.Ascii(value.ToString("X8")).CopyTo(m, 6 + field * 8);
            Check(m);
        }, iter: 3000);
    }

    [Fact]
    public void Random_cfg_text_never_throws()
    {
        string alphabet = "name=kernel'\"[],;#\n\\x0123456789abcdef memory vcpus cpus^-+\t\r";
        Gen.Char[alphabet].Array[0, 200].Select(c => new string(c)).Sample(text =>
        {
            XlConfig c = XlConfigParser.Parse(BundleSamples.Ascii(text));
            Assert.True(c.IsValid || (c.ErrorLine >= 1 && c.ErrorMessage is not null));
            byte[] module = new CpioNewcWriter().AddFile("k", BundleSamples.Elf(64)).AddFile("x.cfg", BundleSamples.Ascii(text)).Finish();
            Check(module);
        }, iter: 5000);
    }
}
