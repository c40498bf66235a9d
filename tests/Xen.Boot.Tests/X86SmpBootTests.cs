// The x86 image on two physical CPUs (QEMU -smp 2): the AP must come up through the INIT-SIPI-SIPI
// trampoline, both CPUs must run vCPUs of several domains, and the run must end on both with every domain
// powered off.
using System.Text.RegularExpressions;
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class X86SmpBootTests(ITestOutputHelper output)
{
    [QemuFact("qemu-system-x86_64")]
    public async Task Three_domains_with_two_vcpus_each_run_on_two_cpus()
    {
        await using QemuSession qemu = Machines.StartX86PvhWithGuest(Repository.Guest("Xen.Guest.Hello"), "guests guests=3 vcpus=2",
            cpus: 2, memoryMiB: 1024);
        await qemu.WaitForLineAsync(@"^smp: 2 CPU\(s\) online, host tick \d+ ms = \d+ APIC timer ticks$", BootExpectations.Timeout);
        for (int d = 1; d <= 3; d++)
            await qemu.WaitForLineAsync($@"^domain d{d} \(d{d}\): 128 MiB, 2 vCPU\(s\)", BootExpectations.Timeout);
        var results = new List<ConsoleLine>();
        for (int d = 1; d <= 3; d++)
            results.Add(await qemu.WaitForLineAsync($@"^\(d{d}\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout));
        Assert.All(results, r => Assert.EndsWith("SUCCESS", r.Text));
        ConsoleLine cpu0 = await qemu.WaitForLineAsync(@"^cpu0: \d+ exits handled", BootExpectations.Timeout);
        ConsoleLine cpu1 = await qemu.WaitForLineAsync(@"^cpu1: \d+ exits handled", BootExpectations.Timeout);
        Assert.DoesNotMatch(@"^cpu1: 0 exits", cpu1.Text); // the AP really ran guests
        for (int d = 1; d <= 3; d++)
            await qemu.WaitForLineAsync($@"^domain d{d} \(d{d}\): shut down, reason poweroff$", BootExpectations.Timeout);
        int status = await qemu.WaitForExitAsync(BootExpectations.Timeout);
        if (status != 0) throw qemu.Failure($"expected exit status 0, got {status}");
        var first = results.MinBy(r => r.At)!;
        BootReport.Record(output, $"x64 smp: 3 domains x 2 vCPUs on 2 CPUs; first result {first.At.TotalMilliseconds:F0} ms, last " +
            $"{results.Max(r => r.At).TotalMilliseconds:F0} ms after QEMU start; {cpu0.Text}; {cpu1.Text}; " +
            string.Join("; ", qemu.Lines.Where(l => Regex.IsMatch(l.Text, @"hypercall round trip")).Select(l => l.Text)));
    }
}
