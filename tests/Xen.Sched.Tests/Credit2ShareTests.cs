// Why this file exists: enforces promise (a) of issue 5 — credit2 shares within 2% of weights 256/512/1024
// on 4 CPU-bound cores, for every credit2_runqueue arrangement.
using Xen.Sched.Simulation;
using Xen.Sched.Topology;

namespace Xen.Sched.Tests;

public sealed class Credit2ShareTests
{
    [Theory]
    [InlineData(TopologyLevel.Cpu, 4)]
    [InlineData(TopologyLevel.Core, 4)]
    [InlineData(TopologyLevel.Socket, 2)]
    [InlineData(TopologyLevel.Node, 2)]
    [InlineData(TopologyLevel.All, 1)]
    public void SharesFollowWeightsWithinTwoPercent(TopologyLevel arrangement, int runqueues)
    {
        ShareResult? r = ShareExperiment.Run(SchedulerKind.Credit2, arrangement, 42, 10 * SchedTime.Second, 4);
        Assert.NotNull(r);
        Assert.Equal(runqueues, r!.Runqueues);
        Assert.True(r.MaxRelativeError <= 0.02, $"max relative error {r.MaxRelativeError:P2}: {r.Share[0]:F4} {r.Share[1]:F4} {r.Share[2]:F4}");
        Assert.True(r.Utilisation > 0.999, $"not work conserving: {r.Utilisation:F4}");
    }
}
