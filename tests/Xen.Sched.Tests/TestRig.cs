// Why this file exists: small helpers shared by the tests — building a scheduler, a recording host that
// collects tickles, and one-call simulation runs.
using Xen.Sched.Simulation;
using Xen.Sched.Topology;

namespace Xen.Sched.Tests;

internal sealed class RecordingHost : ISchedulerHost
{
    public List<int> Tickles { get; } = new();

    public void Tickle(int cpu) => Tickles.Add(cpu);
}

internal sealed class TextDump : ISchedDumpWriter
{
    private readonly System.Text.StringBuilder _sb = new();

    public void Text(string text) => _sb.Append(text);

    public void Number(long value) => _sb.Append(value);

    public void EndLine() => _sb.Append('\n');

    public override string ToString() => _sb.ToString();
}

internal static class TestRig
{
    public static IScheduler Create(SchedulerKind kind, CpuTopology topo, SchedulerOptions? options = null)
    {
        SchedError rc = SchedulerFactory.Create(kind, topo, options ?? SchedulerOptions.Default, out IScheduler? s);
        Assert.Equal(SchedError.None, rc);
        return s!;
    }

    public static CpuMask Mask(int cpus, params int[] set)
    {
        CpuMask m = new CpuMask(cpus);
        foreach (int c in set)
        {
            m.Set(c);
        }

        return m;
    }
}
