// BootBundle: lone kernels with defaults, cpio bundles of xl.cfg files in name order, the command line rules,
// and every validation error reported per file while the other domains stay.
using Xen.Core.Boot.Bundle;

namespace Xen.Core.Tests.Boot.Bundle;

public sealed class BootBundleTests
{
    private static readonly byte[] s_kernel = BundleSamples.Elf(300);

    private static BootBundle Bundle(params (string Name, string Text)[] cfgs)
    {
        var w = new CpioNewcWriter().AddDirectory("boot").AddFile("boot/vmlinuz", s_kernel).AddFile("boot/initrd", BundleSamples.Ascii("INITRD"));
        foreach ((string name, string text) in cfgs) w.AddFile(name, BundleSamples.Ascii(text));
        return BootBundle.Parse(w.Finish(), default);
    }

    private static string Issues(BootBundle b) => string.Join("; ", b.Issues.Select(i => i.File + ":" + i.Line + " " + i.Message));

    [Fact]
    public void A_lone_elf_is_d1_with_defaults_and_the_module_command_line()
    {
        byte[] elf = BundleSamples.Elf(1000);
        BootBundle b = BootBundle.Parse(elf, BundleSamples.Ascii("console=hvc0 quiet"));
        Assert.True(b.IsValid);
        Assert.Equal(BundleKind.Elf, b.Kind);
        DomainSpec d = Assert.Single(b.Domains);
        Assert.Equal("d1", d.Name);
        Assert.Equal(128UL, d.MemoryMiB);
        Assert.Equal(1, d.Vcpus);
        Assert.Equal(GuestType.Pvh, d.Type);
        Assert.Equal(KernelFormat.Elf, d.KernelFormat);
        Assert.Equal(elf, d.KernelIn(elf).ToArray());
        Assert.True(d.Ramdisk.IsEmpty);
        Assert.Equal(0, d.RamdiskIn(elf).Length);
        Assert.Equal("console=hvc0 quiet", BundleSamples.Text(d.CommandLine));
        Assert.Null(d.Config);
        Assert.True(d.AffinityOf(0).Contains(5));
    }

    [Fact]
    public void A_lone_arm64_image_is_one_domain_and_garbage_is_refused()
    {
        BootBundle arm = BootBundle.Parse(BundleSamples.Arm64Image(), default);
        Assert.Equal(BundleKind.Arm64Image, arm.Kind);
        Assert.Equal(KernelFormat.Arm64Image, Assert.Single(arm.Domains).KernelFormat);
        BootBundle junk = BootBundle.Parse(new byte[] { 1, 2, 3 }, default);
        Assert.False(junk.IsValid);
        Assert.Equal(BundleKind.Unknown, junk.Kind);
        Assert.Empty(junk.Domains);
        Assert.Single(junk.Issues);
        Assert.False(BootBundle.Parse(default, default).IsValid);
    }

    [Fact]
    public void Domains_come_in_cfg_name_order_with_their_settings()
    {
        BootBundle b = Bundle(
            ("web.cfg", "name = 'web'\nkernel = '/boot/vmlinuz'\nramdisk = 'boot/initrd'\nmemory = 256\nmaxmem = 512\nvcpus = 2\nmaxvcpus = 4\n" +
                        "type = 'pvh'\ncmdline = 'console=hvc0'\nroot = '/dev/xvda1'\non_poweroff = 'preserve'\non_reboot = 'destroy'\n" +
                        "on_crash = 'coredump-restart'\ncpus = '0-1'\nvif = ['bridge=xenbr0']\n"),
            ("app.cfg", "name = \"app\"\nkernel = \"./boot/vmlinuz\"\nroot = '/dev/xvda1 ro'\nextra = 'quiet'\ncpus = ['2', '3-4,^4']\n"),
            ("zz/x.cfg", "name='x'\nkernel='boot/vmlinuz'\nextra='only'\nbuilder='hvm'"),
            ("boot/readme.txt", "not a cfg"));
        Assert.True(b.IsValid, Issues(b));
        Assert.Equal(new[] { "app", "web", "x" }, b.Domains.Select(d => d.Name));
        DomainSpec app = b.Domains[0], web = b.Domains[1], x = b.Domains[2];
        Assert.Equal("app.cfg", app.ConfigFile);
        Assert.Equal("root=/dev/xvda1 ro quiet", BundleSamples.Text(app.CommandLine));
        Assert.True(app.AffinityIsPerVcpu);
        Assert.True(app.AffinityOf(0).Contains(2) && !app.AffinityOf(0).Contains(3));
        Assert.Equal(new[] { 3 }, Enumerable.Range(0, 128).Where(app.AffinityOf(1).Contains));
        Assert.Equal(128, app.AffinityOf(2).Count);
        Assert.Equal(DomainAction.Destroy, app.OnPoweroff);
        Assert.Equal(DomainAction.Restart, app.OnReboot);

        Assert.Equal(256UL, web.MemoryMiB);
        Assert.Equal(512UL, web.MaxMemoryMiB);
        Assert.Equal(2, web.Vcpus);
        Assert.Equal(4, web.MaximumVcpus);
        Assert.Equal("console=hvc0", BundleSamples.Text(web.CommandLine)); // cmdline= wins over root=
        Assert.Equal(DomainAction.Preserve, web.OnPoweroff);
        Assert.Equal(DomainAction.Destroy, web.OnReboot);
        Assert.Equal(DomainAction.CoredumpRestart, web.OnCrash);
        Assert.False(web.AffinityIsPerVcpu);
        Assert.True(web.AffinityOf(1).Contains(1) && !web.AffinityOf(1).Contains(2));
        Assert.Equal(XlValueKind.List, web.Config!.Find("vif")!.Kind); // unknown keys kept
        Assert.Equal("only", BundleSamples.Text(x.CommandLine));
        Assert.Equal(GuestType.Hvm, x.Type);
        Assert.Equal(128UL, x.MemoryMiB);
        Assert.Equal(128UL, x.MaxMemoryMiB);
        Assert.Equal(1, x.MaximumVcpus);
    }

    [Fact]
    public void Kernel_and_ramdisk_are_ranges_of_the_module()
    {
        var w = new CpioNewcWriter().AddFile("k", s_kernel).AddFile("r", BundleSamples.Ascii("RAMDISK")).AddFile("a.cfg", BundleSamples.Ascii("name='a'\nkernel='k'\nramdisk='r'"));
        byte[] module = w.Finish();
        DomainSpec d = Assert.Single(BootBundle.Parse(module, default).Domains);
        Assert.Equal(s_kernel, d.KernelIn(module).ToArray());
        Assert.Equal("RAMDISK", BundleSamples.Text(d.RamdiskIn(module).ToArray()));
        Assert.Equal(0, d.Kernel.Offset % 4);
    }

    [Theory]
    [InlineData("kernel='boot/vmlinuz'", 0, "name= is missing (it is mandatory)")]
    [InlineData("name=1\nkernel='boot/vmlinuz'", 1, "name= must be a string")]
    [InlineData("name=''\nkernel='boot/vmlinuz'", 1, "name= is empty")]
    [InlineData("name='a'", 0, "kernel= is missing (the bundle boots kernels directly)")]
    [InlineData("name='a'\nkernel='boot/nothere'", 2, "kernel= names a file that is not in the bundle")]
    [InlineData("name='a'\nkernel=['boot/vmlinuz']", 2, "kernel= must be a string")]
    [InlineData("name='a'\nkernel='boot/initrd'", 2, "kernel= is neither an ELF file nor an arm64 Image")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nramdisk='gone'", 3, "ramdisk= names a file that is not in the bundle")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nmemory=0", 3, "memory= must not be 0")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nmemory='128'", 3, "memory= must be a number (MiB)")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nmemory=99999999999", 3, "memory= is above 16 TiB")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nmemory=256\nmaxmem=128", 4, "maxmem= is less than memory=")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nvcpus=0", 3, "vcpus= must not be 0")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nvcpus=129", 3, "vcpus= is above 128")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nvcpus=4\nmaxvcpus=2", 4, "maxvcpus= is less than vcpus=")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nmaxvcpus=200", 3, "maxvcpus= is above 128")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\ntype='xen'", 3, "type= must be \"pv\", \"pvh\" or \"hvm\"")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nbuilder='x'", 3, "builder= must be \"generic\" or \"hvm\"")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\non_crash='explode'", 3, "unknown ACTION (destroy, restart, rename-restart, preserve, coredump-destroy, coredump-restart, soft-reset)")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\ncpus='nodes:1'", 3, "NUMA node affinity (node:/nodes:) is not supported")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\ncpus=3", 3, "cpus= must be a CPULIST string or a non-empty list of them")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\ncpus=['1', 2]", 3, "cpus= list items must be CPULIST strings")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\ncmdline=1", 3, "cmdline= must be a string")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nroot=1", 3, "root= must be a string")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nextra=[]", 3, "extra= must be a string")]
    [InlineData("name='a'\nkernel='boot/vmlinuz'\nmemory = [", 3, "unterminated list (missing ']')")]
    public void Each_validation_error_names_file_and_line_and_keeps_the_other_domains(string cfg, int line, string message)
    {
        BootBundle b = Bundle(("bad.cfg", cfg), ("good.cfg", "name='good'\nkernel='boot/vmlinuz'"));
        Assert.False(b.IsValid);
        BundleIssue issue = Assert.Single(b.Issues);
        Assert.Equal("bad.cfg", issue.File);
        Assert.Equal(message, issue.Message);
        Assert.Equal(line, issue.Line);
        Assert.Equal("good", Assert.Single(b.Domains).Name);
    }

    [Fact]
    public void Duplicate_names_keep_the_first_cfg_in_order()
    {
        BootBundle b = Bundle(("b.cfg", "name='same'\nkernel='boot/vmlinuz'"), ("a.cfg", "name='same'\nkernel='boot/vmlinuz'\nmemory=64"));
        BundleIssue issue = Assert.Single(b.Issues);
        Assert.Equal("b.cfg", issue.File);
        Assert.Equal(1, issue.Line);
        Assert.Equal("name= is already used by another cfg of the bundle", issue.Message);
        Assert.Equal(64UL, Assert.Single(b.Domains).MemoryMiB);
    }

    [Fact]
    public void Archive_problems_are_reported_with_offset()
    {
        byte[] good = BundleSamples.Archive(("a.cfg", "name='a'"));
        byte[] cut = good[..(good.Length - 20)];
        BootBundle b = BootBundle.Parse(cut, default);
        Assert.Equal(BundleKind.Cpio, b.Kind);
        Assert.NotEqual(CpioError.None, b.CpioError);
        Assert.False(b.IsValid);
        Assert.Equal(BootBundle.Describe(b.CpioError), Assert.Single(b.Issues).Message);
        BootBundle none = BootBundle.Parse(BundleSamples.Archive(("boot/k", "x")), default);
        Assert.Equal("the archive holds no *.cfg file", Assert.Single(none.Issues).Message);
        foreach (CpioError e in Enum.GetValues<CpioError>()) Assert.False(string.IsNullOrEmpty(BootBundle.Describe(e)));
    }

    [Fact]
    public void A_cfg_given_twice_in_the_archive_counts_once_the_later_wins()
    {
        var w = new CpioNewcWriter().AddFile("k", s_kernel).AddFile("a.cfg", BundleSamples.Ascii("name='old'\nkernel='k'"))
            .AddFile("./a.cfg", BundleSamples.Ascii("name='new'\nkernel='k'"));
        BootBundle b = BootBundle.Parse(w.Finish(), default);
        Assert.True(b.IsValid, Issues(b));
        Assert.Equal("new", Assert.Single(b.Domains).Name);
    }
}
