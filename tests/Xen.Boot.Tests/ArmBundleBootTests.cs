// The arm64 image started from a boot bundle, the same format as on x86: a cpio of xl.cfg files, the guest
// Images and a ramdisk. Two domains with two vCPUs each take timer, event-channel and SGI interrupts (the
// ArmTimers guest), a hostile domain attacks the vGIC and PSCI and leaves its memory, and a third well-behaved
// domain gets a ramdisk named in its device tree.
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class ArmBundleBootTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestBundle _bundle = new();

    public void Dispose() => _bundle.Dispose();

    [QemuFact("qemu-system-aarch64")]
    public async Task Bundle_domains_with_two_vcpus_take_interrupts_while_the_hostile_one_crashes_alone()
    {
        string path = _bundle
            .Config("1-timers.cfg", "name = \"timers-a\"\nkernel = \"timers.img\"\nmemory = 64\nvcpus = 2\n")
            .Config("2-timers.cfg", "name = \"timers-b\"\nkernel = \"timers.img\"\nmemory = 64\nvcpus = 2\n")
            .Config("3-hello.cfg", "name = \"hello\"\nkernel = \"hello.img\"\nramdisk = \"disk.img\"\nmemory = 64\nvcpus = 1\n")
            .Config("4-hostile.cfg", "name = \"hostile\"\nkernel = \"hostile.img\"\nmemory = 64\nvcpus = 2\n")
            .File("timers.img", Repository.ArmGuest("Xen.Guest.ArmTimers"))
            .File("hello.img", Repository.ArmGuest("Xen.Guest.ArmHello"))
            .File("hostile.img", Repository.ArmGuest("Xen.Guest.ArmHostile"))
            .Bytes("disk.img", new byte[300_000])
            .Write();

        await using QemuSession qemu = QemuSession.Start("qemu-system-aarch64",
            [.. Machines.ArmBase(1024), "-kernel", Repository.Image("arm64", "Image"), "-initrd", path, "-append", "guests semihosting"]);
        await qemu.WaitForLineAsync(@"^bundle: cpio archive, 4 domain\(s\)$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain timers-a: 64 MiB at 0x40000000, 2 vCPUs", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain timers-b: 64 MiB at 0x40000000, 2 vCPUs", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain hello: 64 MiB at 0x40000000, 1 vCPU", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain hostile: 64 MiB at 0x40000000, 2 vCPUs", BootExpectations.Timeout);
        var results = new List<ConsoleLine>();
        foreach (int d in new[] { 1, 2, 3 })
            results.Add(await qemu.WaitForLineAsync($@"^\(d{d}\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout));
        foreach (ConsoleLine r in results) Assert.True(r.Text.EndsWith("SUCCESS"), qemu.Failure(r.Text).Message);
        await qemu.WaitForLineAsync(@"^domain d4 crashed: ", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain d4 \(hostile\): crashed, reason crash$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^Xen# halting$", BootExpectations.Timeout);
        Assert.NotEqual(0, await qemu.WaitForExitAsync(BootExpectations.Timeout)); // a domain crashed
        Assert.DoesNotContain(qemu.Lines, l => l.Text.Contains("panic") || l.Text.Contains("blocked forever"));
        BootReport.Record(output, $"arm64 bundle (2 x 2-vCPU timer domains, hello with ramdisk, hostile): results after " +
            string.Join(", ", results.Select(r => $"{r.At.TotalMilliseconds:F0} ms")));
    }
}
