// Why this file exists: a vCPU that blocks while running and is woken before its CPU reschedules must keep
// running there and must not also be queued (which would let a second CPU pick it: a double run).
using Xen.Sched.Topology;

namespace Xen.Sched.Tests;

public sealed class WakeWhileCurrentTests
{
    [Theory]
    [InlineData(SchedulerKind.Credit)]
    [InlineData(SchedulerKind.Credit2)]
    [InlineData(SchedulerKind.Rtds)]
    [InlineData(SchedulerKind.Null)]
    [InlineData(SchedulerKind.Arinc653)]
    public void SleepThenWakeBeforeRescheduleKeepsRunning(SchedulerKind kind)
    {
        IScheduler s = TestRig.Create(kind, CpuTopology.Flat(2));
        s.AttachHost(new RecordingHost());
        SchedDomain d = new SchedDomain(1, 1, 2);
        s.InsertDomain(d);
        s.InsertVcpu(d.Vcpu(0), 0);
        s.Wake(d.Vcpu(0), 0);
        ScheduleDecision first = s.DoSchedule(0, 0);
        Assert.Same(d.Vcpu(0), first.Next);
        s.Sleep(d.Vcpu(0), 100);
        s.Wake(d.Vcpu(0), 200);
        Assert.Equal(VcpuRunState.Running, d.Vcpu(0).State);
        Assert.Null(s.DoSchedule(1, 300).Next); // the other CPU must not find it queued
        Assert.Same(d.Vcpu(0), s.DoSchedule(0, 400).Next);
    }
}
