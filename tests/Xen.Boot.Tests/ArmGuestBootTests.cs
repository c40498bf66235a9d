// Boots the arm64 hypervisor with `guests`: it must run domain 1 at EL1 under stage 2 (the built-in smoke
// guest, or the C# guest Xen.Guest.ArmHello given as -initrd), show the guest's vpl011 and console_io lines with the (d1)
// prefix, answer xen_version through the shared hypercall table and PSCI over HVC and SMC, and power off
// with status 0 once the guest called PSCI SYSTEM_OFF. Records QEMU start → the guest's result line and the
// guest-measured hypercall round trip.
using System.Globalization;
using System.Text.RegularExpressions;
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class ArmGuestBootTests(ITestOutputHelper output)
{
    [QemuTheory("qemu-system-aarch64")]
    [InlineData("xen.elf")]
    [InlineData("Image")]
    public async Task Smoke_guest_runs_at_el1_talks_through_vpl011_hypercalls_and_psci_and_powers_off(string image)
    {
        await using QemuSession qemu = Machines.StartArmWithGuests(image);
        await qemu.WaitForLineAsync(@"^domain d1: 64 MiB at 0x40000000, 1 vCPU, entry 0x40000000, VMID 1", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) smoke: EL1 guest up, writing to the vpl011$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) smoke: xen_version 4\.7 over hvc #0xEA1, this line via console_io$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) smoke: PSCI 1\.0 over HVC and SMC$", BootExpectations.Timeout);
        ConsoleLine roundTrip = await qemu.WaitForLineAsync(@"^\(d1\) smoke: hypercall round trip 0x[0-9a-f]{16} CNTVCT ticks", BootExpectations.Timeout);
        ConsoleLine result = await qemu.WaitForLineAsync(@"^\(d1\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout);
        Assert.True(result.Text == "(d1) Test result: SUCCESS", qemu.Failure(result.Text).Message);
        await qemu.WaitForLineAsync(@"^domain d1: shut down, reason poweroff$", BootExpectations.Timeout);
        ConsoleLine exits = await qemu.WaitForLineAsync(@"^arm: \d+ guest exits, \d+ bytes through the vpl011$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^hypercall 17: 65 calls$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^Xen# halting$", BootExpectations.Timeout);
        int status = await qemu.WaitForExitAsync(BootExpectations.Timeout);
        if (status != 0) throw qemu.Failure($"expected exit status 0 after the domain powered off, got {status}");
        Assert.DoesNotContain(qemu.Lines, l => l.Text.Contains("crashed"));

        ulong ticks = ulong.Parse(Regex.Match(roundTrip.Text, "0x([0-9a-f]{16})").Groups[1].Value, NumberStyles.HexNumber);
        // QEMU virt's generic timer runs at 62.5 MHz (CNTFRQ_EL0; 16 ns per tick).
        BootReport.Record(output, $"arm64 {image} guest: QEMU start to '(d1) Test result' {result.At.TotalMilliseconds:F0} ms; " +
            $"HVC hypercall round trip {ticks} CNTVCT ticks ({ticks * 16 / 1000.0:F1} us, xen_version, guest-measured under TCG); {exits.Text}");
        Assert.True(result.At < TimeSpan.FromSeconds(5), $"guest result after {result.At.TotalMilliseconds:F0} ms");
    }

    [QemuFact("qemu-system-aarch64")]
    public async Task CSharp_arm64_guest_from_the_initrd_runs_at_el1_and_powers_off()
    {
        // The hypervisor's raw Image: QEMU passes -initrd only to Image boots (in the DTB's /chosen).
        await using QemuSession qemu = Machines.StartArmWithGuests("Image", Repository.ArmGuest("Xen.Guest.ArmHello"));
        await qemu.WaitForLineAsync(@"^guests: boot module at 0x[0-9a-f]+, \d+ bytes$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain d1: 64 MiB at 0x40000000, 1 vCPU, entry 0x40000000", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) armhello: EL1, runtime up, printing through the vpl011$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) armhello: Xen 4\.7\.0 via hvc #0xEA1, this line via console_io$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) armhello: PSCI 1\.0 over HVC and SMC$", BootExpectations.Timeout);
        ConsoleLine roundTrip = await qemu.WaitForLineAsync(@"^\(d1\) armhello: hypercall round trip \d+ CNTVCT ticks", BootExpectations.Timeout);
        ConsoleLine result = await qemu.WaitForLineAsync(@"^\(d1\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout);
        Assert.True(result.Text == "(d1) Test result: SUCCESS", qemu.Failure(result.Text).Message);
        await qemu.WaitForLineAsync(@"^domain d1: shut down, reason poweroff$", BootExpectations.Timeout);
        ConsoleLine exits = await qemu.WaitForLineAsync(@"^arm: \d+ guest exits, \d+ bytes through the vpl011$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^Xen# halting$", BootExpectations.Timeout);
        int status = await qemu.WaitForExitAsync(BootExpectations.Timeout);
        if (status != 0) throw qemu.Failure($"expected exit status 0 after the domain powered off, got {status}");
        Assert.DoesNotContain(qemu.Lines, l => l.Text.Contains("crashed"));
        BootReport.Record(output, $"arm64 C# guest (Xen.Guest.ArmHello): QEMU start to '(d1) Test result' {result.At.TotalMilliseconds:F0} ms; " +
            $"{Regex.Match(roundTrip.Text, @"round trip .*").Value}; {exits.Text}");
        Assert.True(result.At < TimeSpan.FromSeconds(5), $"guest result after {result.At.TotalMilliseconds:F0} ms");
    }

    [QemuFact("qemu-system-aarch64")]
    public async Task Hostile_arm64_guest_gets_errors_and_crashes_alone_when_it_leaves_its_memory()
    {
        await using QemuSession qemu = Machines.StartArmWithGuests("Image", Repository.ArmGuest("Xen.Guest.ArmHostile"));
        await qemu.WaitForLineAsync(@"^\(d1\) armhostile: 10 hostile calls answered with errors$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^\(d1\) armhostile: vGIC and PSCI abuse contained, \d+ storm SGIs taken$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain d1 crashed: access outside the P2M and every emulated device$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^    x0  0x0000000030000000 ", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^    pc 0x[0-9a-f]{16}    pstate 0x[0-9a-f]{16}    esr 0x0000000093800005$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^    far 0x0000000030000000    ipa 0x0000000030000000 ", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^domain d1 \(d1\): crashed, reason crash$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^Xen# halting$", BootExpectations.Timeout); // the hypervisor carries on
        int status = await qemu.WaitForExitAsync(BootExpectations.Timeout);
        Assert.Equal(1, status);
        Assert.DoesNotContain(qemu.Lines, l => l.Text.Contains("Test result"));
    }
}
