// Why this file exists: behaviour specific to each policy that the shared experiments do not cover —
// credit2's runqueue arrangements, credit's wake-up boost, RTDS extratime and budget enforcement, null's
// static assignment, ARINC653's frames, cpupool confinement, simulator determinism and dumps.
using Xen.Sched.Policies.Arinc653;
using Xen.Sched.Policies.Credit2;
using Xen.Sched.Simulation;
using Xen.Sched.Topology;

namespace Xen.Sched.Tests;

public sealed class PolicyBehaviourTests
{
    [Theory]
    [InlineData(TopologyLevel.Cpu, 16)]
    [InlineData(TopologyLevel.Core, 8)]
    [InlineData(TopologyLevel.Socket, 4)]
    [InlineData(TopologyLevel.Node, 2)]
    [InlineData(TopologyLevel.All, 1)]
    public void Credit2RunqueuesFollowTopology(TopologyLevel level, int expected)
    {
        CpuTopology topo = new CpuTopology(2, 2, 2, 2);
        SchedulerOptions o = SchedulerOptions.Default;
        o.Credit2Runqueue = level;
        Credit2Scheduler s = (Credit2Scheduler)TestRig.Create(SchedulerKind.Credit2, topo, o);
        Assert.Equal(expected, s.RunqueueCount);
        Assert.Equal(s.RunqueueOf(0) == s.RunqueueOf(1), level != TopologyLevel.Cpu); // threads of core 0
        Assert.Equal(s.RunqueueOf(0) == s.RunqueueOf(8), level == TopologyLevel.All); // different nodes
    }

    [Fact]
    public void CreditBoostGivesIoDomainLowLatencyAgainstHogs()
    {
        CpuTopology topo = CpuTopology.Flat(2);
        IScheduler s = TestRig.Create(SchedulerKind.Credit, topo);
        SchedulerSimulator sim = new SchedulerSimulator(s, topo, 3, 2 * SchedTime.Second, 1);
        sim.AddDomain(new SchedDomain(1, 4, 2), Workload.CpuBound());
        sim.AddDomain(new SchedDomain(2, 1, 2), Workload.Io(200 * SchedTime.Microsecond, 5 * SchedTime.Millisecond, Distribution.Exponential));
        sim.Run();
        // BOOST preempts the hogs as soon as the 1 ms ratelimit allows; without it the I/O vCPU would wait for
        // the hogs' 10 ms ticks. (The histogram's bucket error is 6.25%, hence the bound above 1 ms.)
        Assert.True(sim.Domain(1).Latency.Percentile(99) <= 1_100_000, $"p99 {sim.Domain(1).Latency.Percentile(99)}");
        Assert.True(sim.Domain(1).Latency.Count > 100);
    }

    [Fact]
    public void RtdsEnforcesBudgetAndExtratimeUsesSpareTime()
    {
        CpuTopology topo = CpuTopology.Flat(1);
        IScheduler s = TestRig.Create(SchedulerKind.Rtds, topo);
        long duration = SchedTime.Second;
        SchedulerSimulator sim = new SchedulerSimulator(s, topo, 1, duration, 1);
        SchedDomain strict = new SchedDomain(1, 1, 1);
        SchedDomain extra = new SchedDomain(2, 1, 1);
        sim.AddDomain(strict, Workload.CpuBound());
        sim.AddDomain(extra, Workload.CpuBound());
        SchedParams p = SchedParams.Default;
        p.Period = 10 * SchedTime.Millisecond;
        p.Budget = 2 * SchedTime.Millisecond;
        s.SetDomainParams(strict, p);
        p.Budget = 3 * SchedTime.Millisecond;
        p.ExtraTime = true;
        s.SetDomainParams(extra, p);
        sim.Run();
        Assert.Equal(200 * SchedTime.Millisecond, sim.Domain(0).RunTime); // exactly budget/period
        Assert.Equal(800 * SchedTime.Millisecond, sim.Domain(1).RunTime); // its budget plus all spare time
    }

    [Fact]
    public void NullAssignsStaticallyAndHandsOverFreedCpus()
    {
        CpuTopology topo = CpuTopology.Flat(2);
        IScheduler s = TestRig.Create(SchedulerKind.Null, topo);
        RecordingHost host = new RecordingHost();
        s.AttachHost(host);
        SchedDomain d = new SchedDomain(1, 3, 2);
        s.InsertDomain(d);
        for (int i = 0; i < 3; i++)
        {
            s.InsertVcpu(d.Vcpu(i), 0);
            s.Wake(d.Vcpu(i), 0);
        }

        Assert.Same(d.Vcpu(0), s.DoSchedule(0, 0).Next);
        Assert.Same(d.Vcpu(1), s.DoSchedule(1, 0).Next);
        Assert.Equal(SchedTime.Never, s.DoSchedule(1, 10).RunFor);
        s.Sleep(d.Vcpu(0), 20);
        Assert.Null(s.DoSchedule(0, 20).Next); // the waiting vCPU does not get a blocked vCPU's CPU
        Assert.Equal(SchedError.None, s.RemoveVcpu(d.Vcpu(0), 30));
        Assert.Same(d.Vcpu(2), s.DoSchedule(0, 30).Next); // ...but does get a removed vCPU's CPU
        Assert.Contains(0, host.Tickles);
    }

    [Fact]
    public void Arinc653RunsMinorFramesExactly()
    {
        CpuTopology topo = CpuTopology.Flat(2);
        IArinc653Scheduler s = (IArinc653Scheduler)TestRig.Create(SchedulerKind.Arinc653, topo);
        SchedulerSimulator sim = new SchedulerSimulator(s, topo, 1, SchedTime.Second, 1);
        sim.AddDomain(new SchedDomain(1, 1, 2), Workload.CpuBound());
        sim.AddDomain(new SchedDomain(2, 1, 2), Workload.CpuBound());
        Assert.Equal(SchedError.None, s.SetSchedule(50 * SchedTime.Millisecond,
            new[] { new Arinc653Entry(2, 0, 5 * SchedTime.Millisecond), new Arinc653Entry(1, 0, 15 * SchedTime.Millisecond) }, 2));
        sim.Run();
        Assert.Equal(300 * SchedTime.Millisecond, sim.Domain(0).RunTime);
        Assert.Equal(100 * SchedTime.Millisecond, sim.Domain(1).RunTime);
        Assert.Equal(0, sim.Migrations); // only the pool's first CPU is used
    }

    [Fact]
    public void PoolSchedulerNeverUsesCpusOutsideItsPool()
    {
        CpuTopology topo = CpuTopology.Flat(4);
        SchedulerFactory.Create(SchedulerKind.Credit2, topo, TestRig.Mask(4, 2, 3), SchedulerOptions.Default, out IScheduler? s);
        SchedulerSimulator sim = new SchedulerSimulator(s!, topo, 1, 200 * SchedTime.Millisecond, 1);
        SchedDomain d = new SchedDomain(1, 3, 4);
        sim.AddDomain(d, Workload.CpuBound());
        for (int i = 0; i < 3; i++)
        {
            Assert.True(d.Vcpu(i).Processor >= 2);
        }

        sim.Run();
        Assert.Equal(400 * SchedTime.Millisecond, sim.Domain(0).RunTime); // two CPUs' worth, no more
    }

    [Theory]
    [InlineData(SchedulerKind.Credit)]
    [InlineData(SchedulerKind.Credit2)]
    [InlineData(SchedulerKind.Rtds)]
    public void SimulationIsDeterministicPerSeed(SchedulerKind kind)
    {
        long Run(ulong seed)
        {
            CpuTopology topo = CpuTopology.Flat(3);
            IScheduler s = TestRig.Create(kind, topo);
            SchedulerSimulator sim = new SchedulerSimulator(s, topo, seed, 500 * SchedTime.Millisecond, 1);
            sim.AddDomain(new SchedDomain(1, 2, 3), Workload.Io(SchedTime.Millisecond, 2 * SchedTime.Millisecond, Distribution.Exponential));
            sim.AddDomain(new SchedDomain(2, 3, 3), Workload.Io(3 * SchedTime.Millisecond, SchedTime.Millisecond, Distribution.Uniform));
            sim.Run();
            return (sim.Domain(0).RunTime * 31) + sim.Domain(1).RunTime + (sim.ContextSwitches << 40) + sim.Domain(0).Latency.Percentile(99);
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Theory]
    [InlineData(SchedulerKind.Credit, "credit")]
    [InlineData(SchedulerKind.Credit2, "credit2")]
    [InlineData(SchedulerKind.Rtds, "rtds")]
    [InlineData(SchedulerKind.Null, "null")]
    [InlineData(SchedulerKind.Arinc653, "arinc653")]
    public void DumpNamesPolicyAndVcpus(SchedulerKind kind, string name)
    {
        IScheduler s = TestRig.Create(kind, CpuTopology.Flat(2));
        SchedDomain d = new SchedDomain(5, 1, 2);
        s.InsertDomain(d);
        s.InsertVcpu(d.Vcpu(0), 0);
        TextDump dump = new TextDump();
        s.Dump(dump);
        Assert.StartsWith(name, dump.ToString());
        Assert.Contains(kind == SchedulerKind.Null ? "cpu" : "d5v0", dump.ToString());
    }
}
