using System.Diagnostics;
using System.Text;
using Xen.Arch.Arm.Boot;
using Xen.Arch.Arm.Virtualization.DeviceTree;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Tests.Virtualization;

public sealed class GuestDeviceTreeTests
{
    private static byte[] Blob(int vcpus = 2, string args = "console=hvc0 root=/dev/xvda")
    {
        var buffer = new byte[16384];
        int size = GuestDeviceTree.Write(buffer, 64UL << 20, vcpus, Encoding.ASCII.GetBytes(args));
        Assert.True(size > 0);
        return buffer[..size];
    }

    [Fact]
    public void The_boot_parser_reads_memory_and_bootargs_back()
    {
        byte[] blob = Blob();
        Assert.Equal(DeviceTreeStatus.Ok, DeviceTree.Open(blob, out DeviceTree tree));
        MemoryMap map = default;
        Assert.Equal(DeviceTreeStatus.Ok, tree.Read(ref map, out DeviceTreeInfo info));
        Assert.Equal(1, info.MemoryRanges);
        Assert.Equal(0x40000000UL, map[0].Base);
        Assert.Equal(64UL << 20, map[0].Length);
        Assert.Equal("console=hvc0 root=/dev/xvda", Encoding.ASCII.GetString(info.BootArgs));
        Assert.Equal(0UL, info.InitrdStart);
    }

    [Fact]
    public void A_ramdisk_appears_in_chosen_for_the_boot_parser()
    {
        var buffer = new byte[16384];
        int size = GuestDeviceTree.Write(buffer, 256UL << 20, 2, "console=ttyAMA0"u8, 0x48000000, 0x48123456);
        Assert.Equal(DeviceTreeStatus.Ok, DeviceTree.Open(buffer.AsSpan(0, size), out DeviceTree tree));
        MemoryMap map = default;
        Assert.Equal(DeviceTreeStatus.Ok, tree.Read(ref map, out DeviceTreeInfo info));
        Assert.Equal(0x48000000UL, info.InitrdStart);
        Assert.Equal(0x48123456UL, info.InitrdEnd);
        Assert.Equal(256UL << 20, map[0].Length);
    }

    [Fact]
    public void The_tree_names_xen_the_gic_the_timer_psci_and_each_cpu()
    {
        string text = Encoding.ASCII.GetString(Blob(3));
        foreach (string s in new[] { "xen,xen-4.7\0xen,xen\0", "arm,gic-v3", "arm,armv8-timer", "arm,psci-1.0\0arm,psci-0.2\0",
                     "hvc\0", "arm,sbsa-uart", "cpu@0\0", "cpu@1\0", "cpu@2\0", "interrupt-controller@3001000", "hypervisor\0", "#interrupt-cells" })
            Assert.Contains(s, text);
        Assert.DoesNotContain("cpu@3", text);
    }

    [Fact]
    public void An_unbalanced_or_oversized_tree_is_refused()
    {
        var w = new FdtWriter(64);
        w.BeginNode("");
        Assert.Equal(-1, w.Finish(new byte[4096]));
        w.EndNode();
        w.Strings("compatible", new string('x', 100));
        Assert.Equal(-1, w.Finish(new byte[4096]));
    }

    [DtcFact]
    public void Dtc_decompiles_the_tree()
    {
        string dtc = DtcFactAttribute.Find()!;
        string path = Path.GetTempFileName();
        File.WriteAllBytes(path, Blob());
        var psi = new ProcessStartInfo(dtc, ["-I", "dtb", "-O", "dts", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process p = Process.Start(psi)!;
        string dts = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        File.Delete(path);
        Assert.Equal(0, p.ExitCode);
        // dtc prints a string list as "a", "b" or, in Debian 12's dtc 1.6.1, as "a\0b": both mean the same bytes.
        Assert.Matches("compatible = \"xen,xen-4\\.7(\", \"|\\\\0)xen,xen\";", dts);
        Assert.Contains("interrupts = <0x01 0x0f 0xf08>;", dts);
        Assert.Contains("reg = <0x00 0x3001000 0x00 0x10000 0x00 0x3020000 0x00 0x1000000>;", dts);
    }
}
