// Boots artifacts/images/x64/xen.elf by PVH (QEMU -kernel) and checks the runtime end to end.
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class X86PvhBootTests(ITestOutputHelper output)
{
    [QemuFact("qemu-system-x86_64")]
    public async Task Selftest_boot_prints_banner_memory_map_and_passes_every_runtime_test()
    {
        await using QemuSession qemu = Machines.StartX86Pvh("selftest");
        TimeSpan toBanner = await BootExpectations.AssertHealthySelfTestBootAsync(qemu, "x86_64", "pvh");
        BootReport.Record(output, $"x64 pvh: QEMU start to banner {toBanner.TotalMilliseconds:F0} ms (target <= 1000 ms); " +
            $"to halt {qemu.Lines[^1].At.TotalMilliseconds:F0} ms; xen.elf {new FileInfo(Repository.Image("x64", "xen.elf")).Length:N0} bytes");
    }

    [QemuFact("qemu-system-x86_64")]
    public async Task Fault_on_page_zero_prints_a_crash_dump_with_vector_address_and_method()
    {
        await using QemuSession qemu = Machines.StartX86Pvh("fault");
        await qemu.WaitForLineAsync(@"^\*\*\* Xen# crash: vector 14 \(#PF page fault\) error 0x0 cr2 0x0000000000000010 \(null dereference\)$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^    rip 0x[0-9a-f]{16} \S*BootActions__Run\+0x[0-9a-f]+$", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^    rax 0x[0-9a-f]{16}    rbx", BootExpectations.Timeout);
        await BootExpectations.AssertPanicAsync(qemu, @"CPU exception: #PF page fault: NullReferenceException");
    }

    [QemuTheory("qemu-system-x86_64")]
    [InlineData("throw", "unhandled exception: deliberate throw from the panic=throw boot action", "BootActions__Provoke")]
    [InlineData("bounds", "unhandled exception: Index was outside the bounds of the array.", "ThrowIndexOutOfRangeException")]
    [InlineData("overflow", "unhandled exception: Arithmetic operation resulted in an overflow.", "ThrowOverflowException")]
    [InlineData("null", "CPU exception: #PF page fault: NullReferenceException", "BootActions__Provoke")]
    [InlineData("cookie", "fail-fast: fail-fast \\(stack cookie", "BootActions__SmashStack")]
    public async Task Managed_failures_end_in_a_panic_naming_the_failure_and_the_method(string kind, string message, string method)
    {
        await using QemuSession qemu = Machines.StartX86Pvh($"panic={kind}");
        await qemu.WaitForLineAsync(@"^\*\*\* Xen# panic: " + message, BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^    at 0x[0-9a-f]{16} \S*" + method + @"\+0x[0-9a-f]+$", BootExpectations.Timeout);
        int status = await qemu.WaitForExitAsync(BootExpectations.Timeout);
        Assert.Equal(7, status); // isa-debug-exit: (PanicExitCode 3 << 1) | 1
    }
}
