// Boots xen.elf with Xen.Guest.Timers as the lone domain: VIRQ_TIMER through the upcall vector while the guest
// blocks (single-shot and 10 ms periodic), Xen's errnos for bad timer arguments, monotonic pvclock; and with
// `vcpus=2` vCPU 1 brought up by VCPUOP_initialise + VCPUOP_up. Needs the run loop to drive TimerQueue
// (FireExpired before each entry and while idle, OnScheduled before a vCPU runs).
using System.Text.RegularExpressions;
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class X86TimerGuestBootTests(ITestOutputHelper output)
{
    [QemuFact("qemu-system-x86_64")]
    public async Task Timers_guest_blocks_and_is_woken_by_singleshot_and_periodic_VIRQ_TIMER()
    {
        await using QemuSession qemu = Machines.StartX86PvhWithGuest(Repository.Guest("Xen.Guest.Timers"));
        await qemu.WaitForLineAsync(@"^\(d1\) timers: VIRQ_TIMER on port \d+, upcall vector 0xf3$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) timers: -ETIME for a past deadline, -EINVAL for a 0\.5 ms period, -ENOENT for vCPU 7$", BootExpectations.Timeout);
        ConsoleLine single = await qemu.WaitForLineAsync(@"^\(d1\) timers: single-shot fired \d+ us after arming", BootExpectations.Timeout);
        ConsoleLine periodic = await qemu.WaitForLineAsync(@"^\(d1\) timers: \d+ periodic upcalls in \d+ ms of pvclock time, monotonic$", BootExpectations.Timeout);
        ConsoleLine result = await qemu.WaitForLineAsync(@"^\(d1\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout);
        Assert.True(result.Text == "(d1) Test result: SUCCESS", qemu.Failure(result.Text).Message);
        await qemu.WaitForLineAsync(@"^domain d1: shut down, reason poweroff$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^hypercall 24: \d+ calls$", BootExpectations.Timeout);
        Assert.Equal(0, await qemu.WaitForExitAsync(BootExpectations.Timeout));
        BootReport.Record(output, $"x64 timers guest: {Regex.Match(single.Text, @"fired \d+ us").Value} for a 5 ms single-shot; " +
            $"{Regex.Match(periodic.Text, @"\d+ periodic upcalls in \d+ ms").Value}");
    }

    [QemuFact("qemu-system-x86_64")]
    public async Task Timers_guest_brings_up_vcpu1_with_VCPUOP_initialise_and_up()
    {
        await using QemuSession qemu = Machines.StartX86PvhWithGuest(Repository.Guest("Xen.Guest.Timers"), "guests vcpus=2");
        await qemu.WaitForLineAsync(@"^\(d1\) timers: vCPU 1 up via VCPUOP_initialise \(64-bit\) \+ VCPUOP_up$", BootExpectations.Timeout);
        ConsoleLine result = await qemu.WaitForLineAsync(@"^\(d1\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout);
        Assert.True(result.Text == "(d1) Test result: SUCCESS", qemu.Failure(result.Text).Message);
        await qemu.WaitForLineAsync(@"^domain d1: shut down, reason poweroff$", BootExpectations.Timeout);
        Assert.Equal(0, await qemu.WaitForExitAsync(BootExpectations.Timeout));
    }
}
