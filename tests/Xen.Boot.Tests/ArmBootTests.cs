// Boots artifacts/images/arm64/xen.elf and Image at EL2 on QEMU virt (GICv3, virtualization=on).
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class ArmBootTests(ITestOutputHelper output)
{
    [QemuTheory("qemu-system-aarch64")]
    [InlineData("xen.elf")]
    [InlineData("Image")]
    public async Task Selftest_boot_prints_banner_memory_map_and_passes_every_runtime_test(string image)
    {
        await using QemuSession qemu = Machines.StartArm(image, "selftest");
        TimeSpan toBanner = await BootExpectations.AssertHealthySelfTestBootAsync(qemu, "aarch64", "dtb");
        BootReport.Record(output, $"arm64 {image}: QEMU start to banner {toBanner.TotalMilliseconds:F0} ms (target <= 500 ms); " +
            $"to halt {qemu.Lines[^1].At.TotalMilliseconds:F0} ms; {image} {new FileInfo(Repository.Image("arm64", image)).Length:N0} bytes");
    }

    [QemuTheory("qemu-system-aarch64")]
    [InlineData("xen.elf")]
    [InlineData("Image")]
    public async Task Fault_on_page_zero_prints_syndrome_address_and_method(string image)
    {
        await using QemuSession qemu = Machines.StartArm(image, "fault");
        await qemu.WaitForLineAsync(@"^\*\*\* Xen# crash: .*data abort, same EL$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^    ESR_EL2 0x[0-9a-f]+ EC 0x25 .*translation fault", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^    FAR_EL2 0x0000000000000010 \(null dereference\)$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^    ELR_EL2 0x[0-9a-f]{16} \S*BootActions__Run\+0x[0-9a-f]+$", BootExpectations.Timeout);
        await BootExpectations.AssertPanicAsync(qemu, "CPU exception: data abort: NullReferenceException");
    }

    [QemuTheory("qemu-system-aarch64")]
    [InlineData("throw", "unhandled exception: deliberate throw from the panic=throw boot action")]
    [InlineData("bounds", "unhandled exception: Index was outside the bounds of the array.")]
    [InlineData("overflow", "unhandled exception: Arithmetic operation resulted in an overflow.")]
    [InlineData("null", "CPU exception: data abort: NullReferenceException")]
    [InlineData("cookie", "fail-fast: fail-fast \\(stack cookie")]
    public async Task Managed_failures_end_in_a_panic_with_a_non_zero_status(string kind, string message)
    {
        await using QemuSession qemu = Machines.StartArm("xen.elf", $"panic={kind}");
        await BootExpectations.AssertPanicAsync(qemu, message);
    }
}
