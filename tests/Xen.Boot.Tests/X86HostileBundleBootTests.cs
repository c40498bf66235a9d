// The x86 hostile acceptance run: one boot bundle with Xen.Guest.Hostile2 (bad pointers and lengths in every
// hypercall, out-of-range numbers, garbage in its own grant table, event and hypercall storms, then a read outside
// its P2M) next to two well-behaved guests, Hello and Timers, each with two vCPUs on two physical CPUs. The hostile
// domain must get Xen's answer for every attack and crash alone; the others must finish and power off; no panic.
using System.Text.RegularExpressions;
using Xen.Boot.Tests.Harness;

namespace Xen.Boot.Tests;

public sealed class X86HostileBundleBootTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestBundle _bundle = new();

    // The bundle's configs start in name order: hello is d1, timers d2, the hostile guest d3.
    private static readonly string[] Groups =
    [
        "bad pointers in every hypercall",
        "huge counts, ports, refs, vCPU ids, params, frames",
        "garbage in our own grant table",
        "event and hypercall storms",
    ];

    // The storms take tens of seconds under TCG on a loaded host.
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);

    public void Dispose() => _bundle.Dispose();

    private string WriteBundle() => _bundle
        .Config("a-hello.cfg", "name = \"hello\"\nkernel = \"hello.elf\"\nmemory = 64\nvcpus = 2\n")
        .Config("b-timers.cfg", "name = \"timers\"\nkernel = \"timers.elf\"\nmemory = 64\nvcpus = 2\ncmdline = \"smp\"\n")
        .Config("c-hostile.cfg", "# attacks the hypervisor, then reads outside its memory\nname = \"hostile\"\nkernel = \"hostile2.elf\"\n" +
            "memory = 32\nvcpus = 2\ncmdline = \"self=3 peer=1\"\n")
        .File("hello.elf", Repository.Guest("Xen.Guest.Hello"))
        .File("timers.elf", Repository.Guest("Xen.Guest.Timers"))
        .File("hostile2.elf", Repository.Guest("Xen.Guest.Hostile2"))
        .Write();

    [QemuFact("qemu-system-x86_64")]
    public async Task Hostile_guest_gets_xen_errnos_survives_storms_and_crashes_alone_next_to_two_good_guests()
    {
        await using QemuSession qemu = Machines.StartX86PvhWithGuest(WriteBundle(), "guests", cpus: 2, memoryMiB: 1024);
        await qemu.WaitForLineAsync(@"^smp: 2 CPU\(s\) online", BootExpectations.Timeout);
        await qemu.WaitForLineAsync(@"^bundle: cpio archive, 3 domain\(s\)$", BootExpectations.Timeout);
        string[] names = ["hello", "timers", "hostile"];
        for (int d = 0; d < names.Length; d++)
            await qemu.WaitForLineAsync($@"^domain d{d + 1} \({names[d]}\): \d+ MiB, 2 vCPU\(s\)$", BootExpectations.Timeout);

        var groupLines = new List<string>();
        foreach (string group in Groups)
        {
            ConsoleLine line = await qemu.WaitForLineAsync($@"^\(d3\) hostile2: {Regex.Escape(group)}: ", Slow);
            groupLines.Add(line.Text);
        }
        ConsoleLine hostileResult = await qemu.WaitForLineAsync(@"^\(d3\) Test result: (SUCCESS|FAILURE.*)$", Slow);
        var results = new List<ConsoleLine>();
        foreach (int d in new[] { 1, 2 })
            results.Add(await qemu.WaitForLineAsync($@"^\(d{d}\) Test result: (SUCCESS|FAILURE.*)$", BootExpectations.Timeout));
        await qemu.WaitForLineAsync(@"^Xen# halting$", Slow);
        int status = await qemu.WaitForExitAsync(Slow);

        output.WriteLine(qemu.Transcript);
        string[] deviations = qemu.Lines.Where(l => l.Text.StartsWith("(d3) hostile2: deviation: ")).Select(l => l.Text[26..]).ToArray();
        string Report() => string.Join(Environment.NewLine, qemu.Lines.Where(l => l.Text.StartsWith("(d3)")).Select(l => l.Text));
        foreach (string line in groupLines) Assert.True(line.EndsWith(" checks passed"), line + Environment.NewLine + Report());
        Assert.True(hostileResult.Text.EndsWith("SUCCESS"), qemu.Failure(hostileResult.Text).Message);
        foreach (ConsoleLine r in results) Assert.True(r.Text.EndsWith("SUCCESS"), qemu.Failure(r.Text).Message);

        Assert.Contains(qemu.Lines, l => l.Text == "(d3) hostile2: second attack: reading guest-physical 0x20000000, outside the P2M");
        Assert.Contains(qemu.Lines, l => l.Text == "domain d3 crashed: access outside the P2M (nested page fault)");
        Assert.DoesNotContain(qemu.Lines, l => l.Text.Contains("ISOLATION FAILURE"));
        Assert.Contains(qemu.Lines, l => l.Text == "domain d1 (hello): shut down, reason poweroff");
        Assert.Contains(qemu.Lines, l => l.Text == "domain d2 (timers): shut down, reason poweroff");
        Assert.Contains(qemu.Lines, l => l.Text == "domain d3 (hostile): crashed, reason crash");
        Assert.DoesNotContain(qemu.Lines, l => l.Text.Contains("panic") || l.Text.Contains("blocked forever"));
        Assert.Equal(3, status); // one domain crashed, the hypervisor halted normally

        Match storm = qemu.Lines.Select(l => Regex.Match(l.Text, @"^\(d3\) hostile2: event storm: (\d+) sends, (\d+) upcalls, (\d+) cycles per send$")).First(m => m.Success);
        Match calls = qemu.Lines.Select(l => Regex.Match(l.Text, @"^\(d3\) hostile2: hypercall storm: (\d+) xen_version calls, (\d+) cycles per call$")).First(m => m.Success);
        Assert.True(long.Parse(storm.Groups[2].Value) > 0, storm.Value);
        // Wall-clock rates from the console timestamps: the event storm runs between the grant group's line and its
        // own line (plus 100 sends to the offline vCPU), the hypercall storm between the two storm lines.
        TimeSpan garbageAt = qemu.Lines.First(l => l.Text.StartsWith($"(d3) hostile2: {Groups[2]}:")).At;
        TimeSpan stormAt = qemu.Lines.First(l => l.Text.StartsWith("(d3) hostile2: event storm:")).At;
        TimeSpan callsAt = qemu.Lines.First(l => l.Text.StartsWith("(d3) hostile2: hypercall storm:")).At;
        double sendRate = long.Parse(storm.Groups[1].Value) / Math.Max((stormAt - garbageAt).TotalSeconds, 0.001);
        double callRate = long.Parse(calls.Groups[1].Value) / Math.Max((callsAt - stormAt).TotalSeconds, 0.001);
        BootReport.Record(output, $"x64 hostile bundle (3 domains x 2 vCPUs, 2 CPUs): {string.Join("; ", groupLines.Select(g => g[15..]))}; " +
            $"event storm {storm.Groups[1].Value} sends -> {storm.Groups[2].Value} upcalls, {storm.Groups[3].Value} cycles/send, ~{sendRate:F0} sends/s; " +
            $"hypercall storm {calls.Groups[1].Value} xen_version, {calls.Groups[2].Value} cycles/call, ~{callRate:F0} calls/s; " +
            $"hostile crash at {qemu.Lines.First(l => l.Text.StartsWith("domain d3 crashed")).At.TotalMilliseconds:F0} ms; " +
            $"deviations from Xen 4.7: {(deviations.Length == 0 ? "none" : string.Join(" | ", deviations))}");
    }
}
