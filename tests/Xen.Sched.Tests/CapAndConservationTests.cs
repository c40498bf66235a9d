// Why this file exists: caps are never exceeded beyond a stated tolerance (2% of one CPU plus one slice per
// accounting period, measured over 1 s), and credit/credit2 are work conserving: with at least as many
// CPU-bound vCPUs as CPUs and no cap, no CPU idles.
using CsCheck;
using Xen.Sched.Simulation;
using Xen.Sched.Topology;

namespace Xen.Sched.Tests;

public sealed class CapAndConservationTests
{
    [Theory]
    [InlineData(SchedulerKind.Credit)]
    [InlineData(SchedulerKind.Credit2)]
    public void CapsHoldWithinTolerance(SchedulerKind kind)
    {
        Gen.Select(Gen.Int[10, 300], Gen.Int[1, 4], Gen.UInt).Sample((cap, vcpus, seed) =>
        {
            CpuTopology topo = CpuTopology.Flat(4);
            IScheduler s = TestRig.Create(kind, topo);
            long duration = SchedTime.Second;
            SchedulerSimulator sim = new SchedulerSimulator(s, topo, seed, duration, 1);
            SchedDomain capped = new SchedDomain(1, vcpus, 4);
            SchedDomain hog = new SchedDomain(2, 4, 4);
            sim.AddDomain(capped, Workload.CpuBound());
            sim.AddDomain(hog, Workload.CpuBound());
            SchedParams p = SchedParams.Default;
            p.Cap = Math.Min(cap, 100 * vcpus);
            Assert.Equal(SchedError.None, s.SetDomainParams(capped, p));
            sim.Run();
            double used = (double)sim.Domain(0).RunTime / duration * 100; // percent of one CPU
            double allowed = Math.Min(p.Cap, 100.0 * vcpus);
            Assert.True(used <= allowed + 2.0, $"cap {p.Cap}% with {vcpus} vCPUs: used {used:F2}%");
            // Work conservation: the hog takes whatever the capped domain may not use.
            long total = sim.Domain(0).RunTime + sim.Domain(1).RunTime;
            Assert.True(total >= 0.99 * duration * 4, $"idle time with runnable work: {total}");
        }, iter: 10);
    }

    [Theory]
    [InlineData(SchedulerKind.Credit)]
    [InlineData(SchedulerKind.Credit2)]
    public void WorkConservingWithRandomWeightsAndIo(SchedulerKind kind)
    {
        Gen.Select(Gen.Int[1, 65535], Gen.Int[1, 65535], Gen.Int[0, 4], Gen.UInt).Sample((w1, w2, level, seed) =>
        {
            CpuTopology topo = new CpuTopology(2, 1, 2, 1);
            SchedulerOptions o = SchedulerOptions.Default;
            o.Credit2Runqueue = (TopologyLevel)level;
            IScheduler s = TestRig.Create(kind, topo, o);
            long duration = SchedTime.Second;
            SchedulerSimulator sim = new SchedulerSimulator(s, topo, seed, duration, 1);
            SchedDomain a = new SchedDomain(1, 3, 4);
            SchedDomain b = new SchedDomain(2, 2, 4);
            SchedDomain io = new SchedDomain(3, 2, 4);
            sim.AddDomain(a, Workload.CpuBound());
            sim.AddDomain(b, Workload.CpuBound());
            sim.AddDomain(io, Workload.Io(SchedTime.Millisecond, 3 * SchedTime.Millisecond, Distribution.Exponential));
            SchedParams p = SchedParams.Default;
            p.Weight = w1;
            s.SetDomainParams(a, p);
            p.Weight = w2;
            s.SetDomainParams(b, p);
            sim.Run();
            long total = sim.Domain(0).RunTime + sim.Domain(1).RunTime + sim.Domain(2).RunTime;
            Assert.True(total >= 0.995 * duration * 4, $"utilisation {(double)total / (duration * 4):F4}");
            Assert.Equal(0, sim.AffinityViolations + sim.DoubleRuns);
        }, iter: 12);
    }
}
