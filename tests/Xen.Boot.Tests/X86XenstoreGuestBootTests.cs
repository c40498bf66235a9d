// Boots xen.elf with Xen.Guest.Xenstore as the single domain (d1): the hypervisor serves the guest's xenstore
// ring (HVM params 1/2) from its own store. The guest reads its domid and name, writes and reads back a node,
// lists its home, is refused dom0's and another domain's nodes, and measures the READ round trip.
using System.Text.RegularExpressions;
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class X86XenstoreGuestBootTests(ITestOutputHelper output)
{
    [QemuFact("qemu-system-x86_64")]
    public async Task Xenstore_guest_talks_to_the_hypervisor_store_over_its_ring()
    {
        await using QemuSession qemu = Machines.StartX86PvhWithGuest(Repository.Guest("Xen.Guest.Xenstore"));
        await qemu.WaitForLineAsync(@"^domain d1 \(d1\): 128 MiB, 1 vCPU", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) xenstore: ring at gfn 0x[0-9a-f]+, port \d+$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) xenstore: domid 1, name d1$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) xenstore: data/test written and read back, home lists domid name data$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) xenstore: /local/domain/0/name -> EACCES$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) xenstore: /local/domain/2/name -> (EACCES|ENOENT)$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) xenstore: dom0's and other domains' nodes refused$", BootExpectations.Timeout);
        ConsoleLine roundTrip = await qemu.WaitForLineAsync(@"^\(d1\) xenstore: READ round trip \d+ cycles", BootExpectations.Timeout);
        ConsoleLine result = await qemu.WaitForLineAsync(@"^\(d1\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout);
        Assert.True(result.Text == "(d1) Test result: SUCCESS", qemu.Failure(result.Text).Message);
        await qemu.WaitForLineAsync(@"^domain d1: shut down, reason poweroff$", BootExpectations.Timeout);
        Assert.Equal(0, await qemu.WaitForExitAsync(BootExpectations.Timeout));
        Assert.DoesNotContain(qemu.Lines, l => l.Text.Contains("panic") || l.Text.Contains("crashed"));
        BootReport.Record(output, $"x64 xenstore guest: {Regex.Match(roundTrip.Text, @"\d+ cycles").Value} READ round trip over the " +
            $"hypervisor-served ring (guest RDTSC); result at {result.At.TotalMilliseconds:F0} ms");
    }
}
