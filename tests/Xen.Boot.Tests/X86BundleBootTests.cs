// The x86 issue's acceptance run: one boot bundle (a cpio of xl.cfg files and the kernels they name, built
// here with Xen.Core's writer) starts four domains with two vCPUs each on two physical CPUs. d1 and d2 share a
// page through a grant and ping-pong over an interdomain event channel, d3 takes timer interrupts and brings up
// its second vCPU, d4 is hostile and must crash alone while the others finish.
using System.Text.RegularExpressions;
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class X86BundleBootTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestBundle _bundle = new TestBundle()
        .Config("a-granter.cfg", "name = \"granter\"\ntype = \"pvh\"\nkernel = \"grantshare.elf\"\nmemory = 128\nvcpus = 2\ncmdline = \"granter peer=2\"\n")
        .Config("b-mapper.cfg", "name = \"mapper\"\ntype = \"pvh\"\nkernel = \"grantshare.elf\"\nmemory = 128\nvcpus = 2\ncmdline = \"mapper peer=1\"\n")
        .Config("c-timers.cfg", "name = \"timers\"\nkernel = \"timers.elf\"\nmemory = 64\nvcpus = 2\ncmdline = \"smp\"\n")
        .Config("d-hostile.cfg", "# a guest that attacks the hypervisor\nname = \"hostile\"\nkernel = \"hostile.elf\"\nmemory = 32\nvcpus = 2\n")
        .File("grantshare.elf", Repository.Guest("Xen.Guest.GrantShare"))
        .File("timers.elf", Repository.Guest("Xen.Guest.Timers"))
        .File("hostile.elf", Repository.Guest("Xen.Guest.Hostile"));

    public void Dispose() => _bundle.Dispose();

    private string WriteBundle() => _bundle.Write();

    [QemuFact("qemu-system-x86_64")]
    public async Task Four_domains_with_two_vcpus_share_grants_and_events_on_two_cpus_and_the_hostile_one_crashes_alone()
    {
        await using QemuSession qemu = Machines.StartX86PvhWithGuest(WriteBundle(), "guests", cpus: 2, memoryMiB: 1024);
        await qemu.WaitForLineAsync(@"^smp: 2 CPU\(s\) online", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^bundle: cpio archive, 4 domain\(s\)$", BootExpectations.Timeout);
        string[] names = ["granter", "mapper", "timers", "hostile"];
        for (int d = 0; d < names.Length; d++)
            await qemu.WaitForLineAsync($@"^domain d{d + 1} \({names[d]}\): \d+ MiB, 2 vCPU\(s\)$", BootExpectations.Timeout);

        var results = new List<ConsoleLine>();
        foreach (int d in new[] { 1, 2, 3 })
            results.Add(await qemu.WaitForLineAsync($@"^\(d{d}\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout));
        foreach (ConsoleLine r in results) Assert.True(r.Text.EndsWith("SUCCESS"), qemu.Failure(r.Text).Message);
        Assert.Contains(qemu.Lines, l => l.Text == "(d2) grantshare: mapper: d1 ref 8 mapped, pattern seen");
        Assert.Contains(qemu.Lines, l => l.Text == "(d1) grantshare: granter: answer found in the granted page");
        Assert.Contains(qemu.Lines, l => l.Text == "(d1) grantshare: granter: 100 pings echoed, grant revoked");
        Assert.Contains(qemu.Lines, l => l.Text == "(d3) timers: vCPU 1 up via VCPUOP_initialise (64-bit) + VCPUOP_up");
        Assert.Contains(qemu.Lines, l => l.Text == "(d4) hostile: 14 hostile hypercalls answered with errno");
        Assert.Contains(qemu.Lines, l => l.Text == "domain d4 crashed: access outside the P2M (nested page fault)");

        ConsoleLine vmmcall = await qemu.WaitForLineAsync(@"^exit VMMCALL: \d+ exits, mean \d+ cycles$", BootExpectations.Timeout);
        ConsoleLine cpu1 = await qemu.WaitForLineAsync(@"^cpu1: \d+ exits handled", BootExpectations.Timeout);
        Assert.DoesNotMatch(@"^cpu1: 0 exits", cpu1.Text);
        await qemu.WaitForLineAsync(@"^domain d4 \(hostile\): crashed, reason crash$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^Xen# halting$", BootExpectations.Timeout);
        Assert.Equal(3, await qemu.WaitForExitAsync(BootExpectations.Timeout)); // one domain crashed; no panic
        Assert.DoesNotContain(qemu.Lines, l => l.Text.Contains("panic") || l.Text.Contains("blocked forever"));

        string pingPong = qemu.Lines.Select(l => Regex.Match(l.Text, @"event round trip \d+ cycles")).First(m => m.Success).Value;
        var exits = qemu.Lines.Where(l => l.Text.StartsWith("exit ")).Select(l => l.Text);
        BootReport.Record(output, $"x64 bundle (4 domains x 2 vCPUs, 2 CPUs): first result {results.Min(r => r.At).TotalMilliseconds:F0} ms after " +
            $"QEMU start (target < 600 ms), last {results.Max(r => r.At).TotalMilliseconds:F0} ms; grant ping-pong {pingPong}; {string.Join("; ", exits)}");
    }
}
