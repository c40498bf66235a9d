// Why this file exists: enforces promise (c) of issue 5 — RTDS meets every deadline of 100 random schedulable
// task sets and degrades predictably (misses, but budgets enforced) on oversubscribed ones.
using Xen.Sched.Simulation;

namespace Xen.Sched.Tests;

public sealed class RtdsDeadlineTests
{
    [Fact]
    public void HundredSchedulableSetsMissNothing()
    {
        RtdsResult r = RtdsExperiment.Run(100, 4, 2.0, 4.0, true, 11, 400 * SchedTime.Millisecond);
        Assert.Equal(100, r.Sets);
        Assert.True(r.Jobs > 10_000, $"too few jobs: {r.Jobs}");
        Assert.Equal(0, r.Misses);
        Assert.Equal(0, r.BudgetOverruns);
        Assert.Equal(0, r.AffinityViolations);
    }

    [Fact]
    public void OversubscribedSetsMissButBudgetsHold()
    {
        RtdsResult r = RtdsExperiment.Run(30, 4, 4.4, 6.0, false, 13, 400 * SchedTime.Millisecond);
        Assert.Equal(30, r.Sets);
        Assert.True(r.MissRate > 0.01, $"oversubscribed sets should miss: {r.MissRate:P2}");
        Assert.Equal(0, r.BudgetOverruns);
    }
}
