// What every healthy boot prints, asserted the same way for all four images.
using System.Text.RegularExpressions;

namespace Xen.Boot.Tests.Harness;

/// <summary>Shared assertions over a boot's console.</summary>
public static class BootExpectations
{
    /// <summary>Generous: QEMU runs in software (TCG) on a 2-core CI machine; OVMF alone takes seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Asserts banner, memory map, paging, self-tests, halt line and exit status 0; returns the time to
    /// the banner.</summary>
    public static async Task<TimeSpan> AssertHealthySelfTestBootAsync(QemuSession qemu, string arch, string protocol)
    {
        ConsoleLine banner = await qemu.WaitForLineAsync($@"^Xen# \d+\.\d+\.\d+ \({arch}, {protocol}\) build \S+$", Timeout);
        await qemu.WaitForLineAsync(@"^memmap: \[0x[0-9a-f]{16}-0x[0-9a-f]{16}\] usable$", Timeout);
        await qemu.WaitForLineAsync(@"^memmap: [1-9]\d* MiB usable$", Timeout);
        await qemu.WaitForLineAsync(@"^runtime: \d+ static bases initialised$", Timeout);
        await qemu.WaitForLineAsync(@"^paging: .*page 0 unmapped$", Timeout);
        ConsoleLine summary = await qemu.WaitForLineAsync(@"^selftest: \d+ passed, \d+ failed$", Timeout);
        var counts = Regex.Match(summary.Text, @"(\d+) passed, (\d+) failed");
        if (counts.Groups[2].Value != "0" || int.Parse(counts.Groups[1].Value) < 15)
            throw qemu.Failure($"self-tests did not all pass: {summary.Text}");
        foreach (ConsoleLine line in qemu.Lines)
            if (line.Text.StartsWith("selftest: ") && line.Text.EndsWith(" FAILED")) throw qemu.Failure(line.Text);
        await qemu.WaitForLineAsync(@"^Xen# halting$", Timeout);
        int status = await qemu.WaitForExitAsync(Timeout);
        if (status != 0) throw qemu.Failure($"expected a clean power-off (exit status 0), got {status}");
        return banner.At;
    }

    /// <summary>Asserts a panic line naming the reason, and a non-zero exit status.</summary>
    public static async Task AssertPanicAsync(QemuSession qemu, string reasonPattern)
    {
        ConsoleLine panic = await qemu.WaitForLineAsync(@"^\*\*\* Xen# panic: " + reasonPattern, Timeout);
        await qemu.WaitForLineAsync(@"^    at 0x[0-9a-f]{16} \S+\+0x[0-9a-f]+$", Timeout);
        int status = await qemu.WaitForExitAsync(Timeout);
        if (status == 0) throw qemu.Failure($"a panic must end with a non-zero exit status ({panic.Text})");
    }
}
