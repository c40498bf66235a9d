// Boots artifacts/images/x64/xen.efi under OVMF (UEFI), the path real machines take.
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class X86EfiBootTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("xen-efi-").FullName;

    [QemuFact("qemu-system-x86_64")]
    public async Task Uefi_selftest_boot_prints_banner_memory_map_and_passes_every_runtime_test()
    {
        await using QemuSession qemu = Machines.StartX86Efi("selftest", _scratch);
        TimeSpan toBanner = await BootExpectations.AssertHealthySelfTestBootAsync(qemu, "x86_64", "uefi");
        BootReport.Record(output, $"x64 uefi (OVMF): QEMU start to banner {toBanner.TotalMilliseconds:F0} ms (firmware dominates); " +
            $"xen.efi {new FileInfo(Repository.Image("x64", "xen.efi")).Length:N0} bytes");
    }

    [QemuFact("qemu-system-x86_64")]
    public async Task Uefi_fault_is_reported_with_vector_address_and_method_despite_relocation()
    {
        await using QemuSession qemu = Machines.StartX86Efi("fault", _scratch);
        await qemu.WaitForLineAsync(@"^\*\*\* Xen# crash: vector 14 \(#PF page fault\) error 0x0 cr2 0x0000000000000010", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^    rip 0x[0-9a-f]{16} \S*BootActions__Run\+0x[0-9a-f]+$", BootExpectations.Timeout);
        await BootExpectations.AssertPanicAsync(qemu, @"CPU exception: #PF page fault");
    }

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }
}
