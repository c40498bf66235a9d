// Why this file exists: soft affinity is a preference — a waking vCPU goes to an idle CPU it prefers when one
// exists, and still runs elsewhere (inside its hard affinity) when none of its preferred CPUs is free.
using Xen.Sched.Topology;

namespace Xen.Sched.Tests;

public sealed class SoftAffinityTests
{
    [Theory]
    [InlineData(SchedulerKind.Credit)]
    [InlineData(SchedulerKind.Credit2)]
    [InlineData(SchedulerKind.Rtds)]
    public void IdlePreferredCpuIsChosen(SchedulerKind kind)
    {
        SchedulerOptions o = SchedulerOptions.Default;
        o.Credit2Runqueue = TopologyLevel.All;
        IScheduler s = TestRig.Create(kind, CpuTopology.Flat(4), o);
        RecordingHost host = new RecordingHost();
        s.AttachHost(host);
        SchedDomain d = new SchedDomain(1, 1, 4);
        s.InsertDomain(d);
        s.InsertVcpu(d.Vcpu(0), 0);
        s.SetAffinity(d.Vcpu(0), TestRig.Mask(4, 0, 1, 2, 3), TestRig.Mask(4, 2), 0);
        s.Wake(d.Vcpu(0), 0);
        Assert.Equal(2, d.Vcpu(0).Processor);
        Assert.Contains(2, host.Tickles);
        Assert.Same(d.Vcpu(0), s.DoSchedule(2, 0).Next);
    }

    [Theory]
    [InlineData(SchedulerKind.Credit)]
    [InlineData(SchedulerKind.Credit2)]
    [InlineData(SchedulerKind.Rtds)]
    public void BusyPreferredCpuDoesNotStopTheVcpu(SchedulerKind kind)
    {
        SchedulerOptions o = SchedulerOptions.Default;
        o.Credit2Runqueue = TopologyLevel.All;
        IScheduler s = TestRig.Create(kind, CpuTopology.Flat(2), o);
        s.AttachHost(new RecordingHost());
        SchedDomain hog = new SchedDomain(1, 1, 2);
        SchedDomain d = new SchedDomain(2, 1, 2);
        s.InsertDomain(hog);
        s.InsertDomain(d);
        s.InsertVcpu(hog.Vcpu(0), 0);
        s.InsertVcpu(d.Vcpu(0), 0);
        s.SetAffinity(hog.Vcpu(0), TestRig.Mask(2, 0), TestRig.Mask(2, 0), 0);
        s.SetAffinity(d.Vcpu(0), TestRig.Mask(2, 0, 1), TestRig.Mask(2, 0), 0);
        s.Wake(hog.Vcpu(0), 0);
        Assert.Same(hog.Vcpu(0), s.DoSchedule(0, 0).Next);
        s.Wake(d.Vcpu(0), 10);
        Assert.Same(d.Vcpu(0), s.DoSchedule(1, 20).Next);
    }
}
