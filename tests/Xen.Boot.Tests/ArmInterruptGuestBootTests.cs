// Boots the arm64 hypervisor with the C# guest Xen.Guest.ArmTimers (tests/guests): a domain with two vCPUs
// under the vGICv3 — PSCI CPU_ON/CPU_OFF/AFFINITY_INFO/CPU_SUSPEND, ≥ 10 virtual timer interrupts (PPI 27) per
// vCPU, an event-channel upcall (PPI 31) each way, SGIs from vCPU 0 to vCPU 1 — then the same Image as two
// domains (`guests=2 vcpus=2`) scheduled round-robin with EL2-timer time slices. Records the guest-measured
// timer injection latency, SGI latency and hypercall round trip (CNTVCT ticks: 62.5 MHz on QEMU virt, 16 ns).
using System.Text.RegularExpressions;
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class ArmInterruptGuestBootTests(ITestOutputHelper output)
{
    [QemuFact("qemu-system-aarch64")]
    public async Task Two_vcpus_take_virtual_timer_interrupts_upcalls_and_sgis_under_the_vgic()
    {
        await using QemuSession qemu = Machines.StartArmWithGuests("Image", Repository.ArmGuest("Xen.Guest.ArmTimers"), "guests vcpus=2");
        await qemu.WaitForLineAsync(@"^gic: GICv3 distributor 0x08000000, redistributor 0x[0-9a-f]+, \d+ list registers", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain d1: 64 MiB at 0x40000000, 2 vCPUs, entry 0x40000000, VMID 1, \d+ stage-2 table pages, DTB at 0x43e00000$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) armtimers: device tree at 0x43e00000, \d+ bytes$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) armtimers: PSCI CPU_ON started vCPU 1$", BootExpectations.Timeout);
        ConsoleLine result = await qemu.WaitForLineAsync(@"^\(d1\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout);
        Assert.True(result.Text == "(d1) Test result: SUCCESS", qemu.Failure(result.Text).Message);
        await qemu.WaitForLineAsync(@"^\(d1\) armtimers: vCPU 1 turned itself off \(CPU_OFF\), AFFINITY_INFO says OFF$", BootExpectations.Timeout);
        ConsoleLine timer0 = await qemu.WaitForLineAsync(@"^\(d1\) armtimers: vCPU0 took \d+ timer interrupts", BootExpectations.Timeout);
        ConsoleLine timer1 = await qemu.WaitForLineAsync(@"^\(d1\) armtimers: vCPU1 took \d+ timer interrupts", BootExpectations.Timeout);
        ConsoleLine upcalls = await qemu.WaitForLineAsync(@"^\(d1\) armtimers: event upcalls vCPU0 [1-9]\d*, vCPU1 [1-9]\d*;", BootExpectations.Timeout);
        ConsoleLine sgi = await qemu.WaitForLineAsync(@"^\(d1\) armtimers: SGI vCPU0 -> vCPU1 x10, latency", BootExpectations.Timeout);
        ConsoleLine roundTrip = await qemu.WaitForLineAsync(@"^\(d1\) armtimers: hypercall round trip \d+ CNTVCT ticks", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain d1: shut down, reason poweroff$", BootExpectations.Timeout);
        ConsoleLine irqs = await qemu.WaitForLineAsync(@"^arm: \d+ virtual interrupts injected; host IRQs:", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^Xen# halting$", BootExpectations.Timeout);
        int status = await qemu.WaitForExitAsync(BootExpectations.Timeout);
        if (status != 0) throw qemu.Failure($"expected exit status 0 after the domain powered off, got {status}");
        Assert.DoesNotContain(qemu.Lines, l => l.Text.Contains("crashed") || l.Text.Contains("spurious"));
        Assert.True(TimerCount(timer0) >= 10 && TimerCount(timer1) >= 10, qemu.Failure("too few timer interrupts").Message);
        BootReport.Record(output, $"arm64 vGIC guest (Xen.Guest.ArmTimers, 1 domain x 2 vCPUs): QEMU start to result {result.At.TotalMilliseconds:F0} ms; " +
            $"{After(timer0, "vCPU0")}; {After(timer1, "vCPU1")}; {After(upcalls, "event")}; {After(sgi, "SGI")}; {After(roundTrip, "hypercall")}; {irqs.Text}");
    }

    [QemuFact("qemu-system-aarch64")]
    public async Task Two_domains_with_two_vcpus_each_run_round_robin_and_both_power_off()
    {
        await using QemuSession qemu = Machines.StartArmWithGuests("Image", Repository.ArmGuest("Xen.Guest.ArmTimers"), "guests=2 vcpus=2");
        await qemu.WaitForLineAsync(@"^domain d1: 64 MiB at 0x40000000, 2 vCPUs, .* VMID 1,", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain d2: 64 MiB at 0x40000000, 2 vCPUs, .* VMID 2,", BootExpectations.Timeout);
        ConsoleLine r1 = await qemu.WaitForLineAsync(@"^\(d1\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout);
        ConsoleLine r2 = await qemu.WaitForLineAsync(@"^\(d2\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout);
        Assert.True(r1.Text == "(d1) Test result: SUCCESS", qemu.Failure(r1.Text).Message);
        Assert.True(r2.Text == "(d2) Test result: SUCCESS", qemu.Failure(r2.Text).Message);
        await qemu.WaitForLineAsync(@"^domain d1 \(d1\): shut down, reason poweroff$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain d2 \(d2\): shut down, reason poweroff$", BootExpectations.Timeout);
        ConsoleLine timer = await qemu.WaitForLineAsync(@"^\(d2\) armtimers: vCPU0 took \d+ timer interrupts", BootExpectations.Timeout);
        int status = await qemu.WaitForExitAsync(BootExpectations.Timeout);
        if (status != 0) throw qemu.Failure($"expected exit status 0 after both domains powered off, got {status}");
        Assert.DoesNotContain(qemu.Lines, l => l.Text.Contains("crashed"));
        BootReport.Record(output, $"arm64 two domains x 2 vCPUs (Xen.Guest.ArmTimers twice): d1 result {r1.At.TotalMilliseconds:F0} ms, " +
            $"d2 result {r2.At.TotalMilliseconds:F0} ms; d2 {After(timer, "vCPU0")}");
    }

    private static ulong TimerCount(ConsoleLine line) => ulong.Parse(Regex.Match(line.Text, @"took (\d+)").Groups[1].Value);

    private static string After(ConsoleLine line, string from)
    {
        int at = line.Text.IndexOf(from, StringComparison.Ordinal);
        return at < 0 ? line.Text : line.Text[at..];
    }
}
