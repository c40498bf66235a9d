// Why this file exists: parameter validation must reject out-of-range values with EINVAL and leave the old
// values in place, accept everything inside Xen's ranges, and report unknown objects with ESRCH.
using CsCheck;
using Xen.Sched.Policies.Arinc653;
using Xen.Sched.Topology;

namespace Xen.Sched.Tests;

public sealed class ParameterValidationTests
{
    private static readonly CpuTopology Topo = CpuTopology.Flat(4);

    [Theory]
    [InlineData(SchedulerKind.Credit)]
    [InlineData(SchedulerKind.Credit2)]
    public void WeightAndCapFollowXenRanges(SchedulerKind kind)
    {
        // One scheduler is mutated by every sample, so the property runs on one thread.
        IScheduler s = TestRig.Create(kind, Topo);
        SchedDomain d = new SchedDomain(1, 3, 4);
        Assert.Equal(SchedError.None, s.InsertDomain(d));
        Assert.Equal(SchedError.None, s.GetDomainParams(d, out SchedParams defaults));
        Assert.Equal(256, defaults.Weight);
        Assert.Equal(0, defaults.Cap);
        Gen.Select(Gen.Int[-10, 70000], Gen.Int[-10, 400]).Sample((weight, cap) =>
        {
            s.GetDomainParams(d, out SchedParams before);
            SchedParams p = SchedParams.Default;
            p.Weight = weight;
            p.Cap = cap;
            bool valid = weight >= 1 && weight <= 65535 && cap >= 0 && cap <= 300;
            SchedError rc = s.SetDomainParams(d, p);
            s.GetDomainParams(d, out SchedParams after);
            if (valid)
            {
                return rc == SchedError.None && after.Weight == weight && after.Cap == cap;
            }

            return rc == SchedError.InvalidArgument && after.Weight == before.Weight && after.Cap == before.Cap;
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void RtdsPeriodAndBudgetFollowXenRanges()
    {
        IScheduler s = TestRig.Create(SchedulerKind.Rtds, Topo);
        SchedDomain d = new SchedDomain(1, 2, 4);
        s.InsertDomain(d);
        s.InsertVcpu(d.Vcpu(0), 0);
        s.GetVcpuParams(d.Vcpu(0), out SchedParams defaults);
        Assert.Equal(10 * SchedTime.Millisecond, defaults.Period);
        Assert.Equal(4 * SchedTime.Millisecond, defaults.Budget);
        Gen.Select(Gen.Long[0, 50_000_000], Gen.Long[0, 50_000_000]).Sample((period, budget) =>
        {
            SchedParams p = SchedParams.Default;
            p.Period = period;
            p.Budget = budget;
            bool valid = period >= 10_000 && budget >= 10_000 && budget <= period;
            SchedError rc = s.SetVcpuParams(d.Vcpu(0), p);
            s.GetVcpuParams(d.Vcpu(0), out SchedParams after);
            return valid
                ? rc == SchedError.None && after.Period == period && after.Budget == budget
                : rc == SchedError.InvalidArgument;
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void OptionsFollowXenRanges()
    {
        Gen.Select(Gen.Long[0, 600_000], Gen.Long[0, 1100]).Sample((ratelimitUs, tsliceMs) =>
        {
            SchedulerOptions o = SchedulerOptions.Default;
            o.Ratelimit = ratelimitUs * SchedTime.Microsecond;
            o.CreditTimeslice = tsliceMs * SchedTime.Millisecond;
            bool valid = (ratelimitUs == 0 || (ratelimitUs >= 100 && ratelimitUs <= 500_000))
                && tsliceMs >= 1 && tsliceMs <= 1000 && ratelimitUs * 1000 <= tsliceMs * 1_000_000;
            return (o.Validate() == SchedError.None) == valid;
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void FactoryRejectsBadOptionsAndEmptyPools()
    {
        SchedulerOptions o = SchedulerOptions.Default;
        o.Ratelimit = 50 * SchedTime.Microsecond;
        Assert.Equal(SchedError.InvalidArgument, SchedulerFactory.Create(SchedulerKind.Credit2, Topo, o, out IScheduler? s1));
        Assert.Null(s1);
        Assert.Equal(SchedError.InvalidArgument, SchedulerFactory.Create(SchedulerKind.Credit, Topo, new CpuMask(4), SchedulerOptions.Default, out _));
    }

    [Theory]
    [InlineData(SchedulerKind.Credit)]
    [InlineData(SchedulerKind.Credit2)]
    [InlineData(SchedulerKind.Rtds)]
    [InlineData(SchedulerKind.Null)]
    [InlineData(SchedulerKind.Arinc653)]
    public void UnknownObjectsAreNotFoundAndDoubleInsertIsRejected(SchedulerKind kind)
    {
        IScheduler s = TestRig.Create(kind, Topo);
        SchedDomain d = new SchedDomain(7, 1, 4);
        Assert.Equal(SchedError.NotFound, s.GetDomainParams(d, out _));
        Assert.Equal(SchedError.NotFound, s.InsertVcpu(d.Vcpu(0), 0));
        Assert.Equal(SchedError.None, s.InsertDomain(d));
        Assert.Equal(SchedError.AlreadyExists, s.InsertDomain(d));
        Assert.Equal(SchedError.None, s.InsertVcpu(d.Vcpu(0), 0));
        Assert.Equal(SchedError.AlreadyExists, s.InsertVcpu(d.Vcpu(0), 0));
        Assert.Equal(SchedError.Busy, s.RemoveDomain(d));
        Assert.Equal(SchedError.InvalidArgument, s.SetAffinity(d.Vcpu(0), new CpuMask(4), TestRig.Mask(4, 0), 0));
        Assert.Equal(SchedError.None, s.RemoveVcpu(d.Vcpu(0), 0));
        Assert.Equal(SchedError.None, s.RemoveDomain(d));
        Assert.Equal(SchedError.NotFound, s.RemoveVcpu(d.Vcpu(0), 0));
    }

    [Fact]
    public void Arinc653ScheduleValidation()
    {
        IArinc653Scheduler s = (IArinc653Scheduler)TestRig.Create(SchedulerKind.Arinc653, Topo);
        Arinc653Entry[] many = new Arinc653Entry[65];
        for (int i = 0; i < many.Length; i++)
        {
            many[i] = new Arinc653Entry(1, 0, SchedTime.Millisecond);
        }

        Assert.Equal(SchedError.InvalidArgument, s.SetSchedule(100 * SchedTime.Millisecond, many, 65));
        Assert.Equal(SchedError.None, s.SetSchedule(100 * SchedTime.Millisecond, many, 64));
        Assert.Equal(SchedError.InvalidArgument, s.SetSchedule(10 * SchedTime.Millisecond, many, 11));
        Assert.Equal(SchedError.InvalidArgument, s.SetSchedule(10 * SchedTime.Millisecond, new[] { new Arinc653Entry(1, 0, 0) }, 1));
        Assert.Equal(SchedError.InvalidArgument, s.SetSchedule(10 * SchedTime.Millisecond, many, 0));
        Assert.Equal(100 * SchedTime.Millisecond, s.MajorFrame);
    }
}
