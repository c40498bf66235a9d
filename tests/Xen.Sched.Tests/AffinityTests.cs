// Why this file exists: enforces promise (b) of issue 5 — 100 random hard-affinity pinnings (plus a re-pin
// half way through each run) are never violated, for every policy that honours affinity.
using Xen.Sched.Simulation;

namespace Xen.Sched.Tests;

public sealed class AffinityTests
{
    public static TheoryData<SchedulerKind> Policies => new()
    {
        SchedulerKind.Credit, SchedulerKind.Credit2, SchedulerKind.Rtds, SchedulerKind.Null, SchedulerKind.Arinc653,
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void HundredRandomPinningsNeverViolated(SchedulerKind kind)
    {
        AffinityResult r = AffinityExperiment.Run(kind, 100, 7, 200 * SchedTime.Millisecond);
        Assert.Equal(100, r.Trials);
        // ARINC653 decides only on its frame boundaries on one CPU; the others decide on every slice and wake.
        Assert.True(r.Decisions > (kind == SchedulerKind.Arinc653 ? 2_000 : 10_000), $"too few decisions to mean anything: {r.Decisions}");
        Assert.Equal(0, r.Violations);
        Assert.Equal(0, r.DoubleRuns);
    }
}
