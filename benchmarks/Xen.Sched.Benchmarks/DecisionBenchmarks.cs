// Why this file exists: measures the two hot paths the hypervisor runs per event — do-schedule (account the
// current vCPU, pick the next) and wake (pick a CPU, queue, tickle) — per policy and per number of vCPUs,
// to show the cost grows at most logarithmically. A machine of 4 CPUs (2 sockets × 2 cores) runs N CPU-bound
// vCPUs in domains of 4; time advances 1 ms per decision so slices expire and credits/budgets move.
using BenchmarkDotNet.Attributes;
using Xen.Sched.Topology;

namespace Xen.Sched.Benchmarks;

/// <summary>do-schedule and wake cost per policy and size.</summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private const int Cpus = 4;
    private IScheduler _sched = null!;
    private SchedVcpu _probe = null!;
    private long _now;
    private int _cpu;

    /// <summary>Policy under test.</summary>
    [Params(SchedulerKind.Credit, SchedulerKind.Credit2, SchedulerKind.Rtds, SchedulerKind.Null, SchedulerKind.Arinc653)]
    public SchedulerKind Policy { get; set; }

    /// <summary>Number of runnable vCPUs.</summary>
    [Params(4, 64, 512, 4096)]
    public int Vcpus { get; set; }

    private long RtdsPeriod => Vcpus < 10 ? 10 * SchedTime.Millisecond : Vcpus * SchedTime.Millisecond;

    /// <summary>Builds the scheduler with <see cref="Vcpus"/> runnable vCPUs plus one blocked probe vCPU.</summary>
    [GlobalSetup]
    public void Setup()
    {
        CpuTopology topo = new CpuTopology(1, 2, 2, 1);
        SchedulerFactory.Create(Policy, topo, SchedulerOptions.Default, out IScheduler? s);
        _sched = s!;
        _sched.AttachHost(new NullHost());
        for (int d = 0; d < Vcpus / 4; d++)
        {
            SchedDomain dom = new SchedDomain(d + 1, 4, Cpus);
            _sched.InsertDomain(dom);
            SchedParams p = SchedParams.Default;
            p.Weight = 128 << (d % 3);
            // RTDS: periods grow with N so that about one replenishment falls due per decision at every size
            // (the timer work per decision stays constant); budgets give a total utilisation of ~6 on 4 CPUs.
            p.Period = RtdsPeriod;
            p.Budget = RtdsPeriod * 6 / Vcpus < RtdsPeriod ? RtdsPeriod * 6 / Vcpus : RtdsPeriod;
            p.ExtraTime = true;
            _sched.SetDomainParams(dom, p);
            for (int v = 0; v < 4; v++)
            {
                dom.Vcpu(v).Processor = ((d * 4) + v) % Cpus;
                _sched.InsertVcpu(dom.Vcpu(v), 0);
                _sched.Wake(dom.Vcpu(v), 0);
            }
        }

        SchedDomain probe = new SchedDomain(100_000, 1, Cpus);
        _sched.InsertDomain(probe);
        _sched.InsertVcpu(probe.Vcpu(0), 0);
        _probe = probe.Vcpu(0);
        _now = SchedTime.Millisecond;
        for (int i = 0; i < 4 * Cpus; i++)
        {
            DoSchedule();
        }
    }

    /// <summary>One do-schedule on the next CPU, 1 ms after the previous decision.</summary>
    /// <returns>The chosen vCPU (kept alive for the JIT).</returns>
    [Benchmark]
    public SchedVcpu? DoSchedule()
    {
        // Due policy-timer work (RTDS replenishments) is included. Credit's accounting is not: it is Xen's
        // csched_acct, O(vCPUs) once per 30 ms time slice, not part of a decision.
        _now += SchedTime.Millisecond;
        if (Policy != SchedulerKind.Credit && _sched.NextTimer <= _now)
        {
            _sched.OnTimer(_now);
        }

        _cpu = (_cpu + 1) % Cpus;
        return _sched.DoSchedule(_cpu, _now).Next;
    }

    /// <summary>Wake of a blocked vCPU (pick CPU, queue, tickle) followed by its sleep (dequeue).</summary>
    [Benchmark]
    public void WakeSleep()
    {
        _now += 1000;
        _sched.Wake(_probe, _now);
        _sched.Sleep(_probe, _now);
    }

    private sealed class NullHost : ISchedulerHost
    {
        public void Tickle(int cpu)
        {
        }
    }
}
