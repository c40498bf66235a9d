// Why this file exists: migrate moves a non-running vCPU inside its hard affinity, refuses running vCPUs and
// CPUs it may not use, and the vCPU then runs where it was sent.
using Xen.Sched.Topology;

namespace Xen.Sched.Tests;

public sealed class MigrateTests
{
    [Theory]
    [InlineData(SchedulerKind.Credit)]
    [InlineData(SchedulerKind.Credit2)]
    [InlineData(SchedulerKind.Rtds)]
    public void QueuedVcpuRunsWhereItWasMigrated(SchedulerKind kind)
    {
        SchedulerOptions o = SchedulerOptions.Default;
        o.Credit2Runqueue = TopologyLevel.Cpu;
        IScheduler s = TestRig.Create(kind, CpuTopology.Flat(4), o);
        s.AttachHost(new RecordingHost());
        SchedDomain d = new SchedDomain(1, 2, 4);
        s.InsertDomain(d);
        s.InsertVcpu(d.Vcpu(0), 0);
        s.InsertVcpu(d.Vcpu(1), 0);
        s.SetAffinity(d.Vcpu(1), TestRig.Mask(4, 0, 3), TestRig.Mask(4, 0, 3), 0);
        s.Wake(d.Vcpu(0), 0);
        Assert.Same(d.Vcpu(0), s.DoSchedule(d.Vcpu(0).Processor, 0).Next);
        Assert.Equal(SchedError.Busy, s.Migrate(d.Vcpu(0), 1, 10));
        Assert.Equal(SchedError.InvalidArgument, s.Migrate(d.Vcpu(1), 2, 10)); // outside hard affinity
        Assert.Equal(SchedError.None, s.Migrate(d.Vcpu(1), 3, 10));
        s.Wake(d.Vcpu(1), 20);
        Assert.Equal(3, d.Vcpu(1).Processor);
        Assert.Same(d.Vcpu(1), s.DoSchedule(3, 30).Next);
    }

    [Fact]
    public void NullRefusesATakenCpu()
    {
        IScheduler s = TestRig.Create(SchedulerKind.Null, CpuTopology.Flat(2));
        s.AttachHost(new RecordingHost());
        SchedDomain d = new SchedDomain(1, 2, 2);
        s.InsertDomain(d);
        s.InsertVcpu(d.Vcpu(0), 0);
        s.InsertVcpu(d.Vcpu(1), 0);
        int other = 1 - d.Vcpu(0).Processor;
        Assert.Equal(SchedError.Busy, s.Migrate(d.Vcpu(0), other, 0));
        s.RemoveVcpu(d.Vcpu(1), 0);
        Assert.Equal(SchedError.None, s.Migrate(d.Vcpu(0), other, 0));
        s.Wake(d.Vcpu(0), 0);
        Assert.Same(d.Vcpu(0), s.DoSchedule(other, 0).Next);
    }
}
