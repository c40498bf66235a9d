// Boots artifacts/images/arm64/xen.efi under EDK2 (QEMU_EFI.fd) on QEMU virt with GICv3 at EL2: the UEFI +
// ACPI (SBBR) path. The firmware must enter the image at EL2; the image reads the memory map and the RSDP,
// exits boot services, reads MADT/GTDT/SPCR and then runs the boot shared with the DTB path.
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class ArmEfiBootTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("xen-arm-efi-").FullName;

    [ArmUefiFact]
    public async Task Uefi_acpi_selftest_boot_describes_gic_timer_console_and_passes_every_runtime_test()
    {
        await using QemuSession qemu = ArmUefi.Start("selftest semihosting", _scratch, cpus: 2);
        TimeSpan toBanner = await BootExpectations.AssertHealthySelfTestBootAsync(qemu, "aarch64", "uefi");
        TimeSpan timeout = BootExpectations.Timeout;
        await qemu.WaitForLineAsync(@"^uefi: entered at EL2, image at 0x0000000040200000, ACPI 2\.0 RSDP at 0x[0-9a-f]{16}$", timeout);
        await qemu.WaitForLineAsync(@"^uefi: left boot services; \d+ memory descriptors, MMU off, own vectors and stack$", timeout);
        await qemu.WaitForLineAsync(@"^acpi: RSDP rev 2, OEM BOCHS, XSDT 0x[0-9a-f]+ with \d+ tables$", timeout);
        await qemu.WaitForLineAsync(@"^acpi: MADT: GICv3, GICD 0x0000000008000000, GICR 0x00000000080a0000\+0xf60000, ITS 0x0000000008080000, 2 CPUs \(MPIDR 0x0 0x1\)$", timeout);
        await qemu.WaitForLineAsync(@"^acpi: GTDT: timer GSIVs EL1 30, virtual 27, EL2 26, secure EL1 29", timeout);
        await qemu.WaitForLineAsync(@"^acpi: SPCR: PL011 at 0x0000000009000000, GSIV 33", timeout);
        await qemu.WaitForLineAsync(@"^memmap: \[0x[0-9a-f]{16}-0x[0-9a-f]{16}\] ACPI", timeout);
        ConsoleLine halt = await qemu.WaitForLineAsync(@"^Xen# halting$", timeout);
        BootReport.Record(output, $"arm64 uefi (EDK2 QEMU_EFI.fd, 2 CPUs): QEMU start to banner {toBanner.TotalMilliseconds:F0} ms (firmware dominates); " +
            $"to halt {halt.At.TotalMilliseconds:F0} ms; xen.efi {new FileInfo(Repository.Image("arm64", "xen.efi")).Length:N0} bytes");
    }

    [ArmUefiFact]
    public async Task Uefi_boot_runs_the_smoke_guest_on_the_gic_the_madt_described()
    {
        // Everything after the tables is the boot the DTB path runs: the host GIC from the MADT's GICD/GICR,
        // stage 2, the built-in EL1 smoke guest, its vpl011 lines and its PSCI power-off.
        await using QemuSession qemu = ArmUefi.Start("guests semihosting", _scratch);
        await qemu.WaitForLineAsync(@"^acpi: MADT: GICv3, GICD 0x0000000008000000", BootExpectations.Timeout);
        ConsoleLine result = await qemu.WaitForLineAsync(@"^\(d1\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout);
        Assert.True(result.Text == "(d1) Test result: SUCCESS", qemu.Failure(result.Text).Message);
        await qemu.WaitForLineAsync(@"^domain d1: shut down, reason poweroff$", BootExpectations.Timeout);
        int status = await qemu.WaitForExitAsync(BootExpectations.Timeout);
        if (status != 0) throw qemu.Failure($"expected exit status 0 after the domain powered off, got {status}");
    }

    [ArmUefiFact]
    public async Task Firmware_running_at_el1_gets_a_clear_refusal_instead_of_a_hang()
    {
        // Without virtualization=on QEMU has no EL2: the firmware and so the application run at EL1.
        await using QemuSession qemu = ArmUefi.Start("selftest", _scratch, el2: false);
        await qemu.WaitForLineAsync(@"^Xen# \d+\.\d+\.\d+ \(aarch64, uefi\) build \S+$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^uefi: the firmware started us at EL1; the hypervisor needs EL2 \(QEMU: -M virt,virtualization=on\)\. Returning to the firmware\.$", BootExpectations.Timeout);
        Assert.DoesNotContain(qemu.Lines, l => l.Text.StartsWith("acpi: ") || l.Text.StartsWith("memmap: "));
    }

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }
}
