// Why this file exists: the promise (b) as code — random hard-affinity pinnings (at start and
// re-pinned half way, like `xl vcpu-pin` on a running guest) are never violated by a policy. The simulator
// checks every decision; this runs the random trials and sums the counters.
using Xen.Sched.Topology;

namespace Xen.Sched.Simulation;

/// <summary>Totals over the random pinning trials.</summary>
public sealed class AffinityResult
{
    /// <summary>Trials run.</summary>
    public int Trials { get; internal set; }

    /// <summary>vCPUs pinned over all trials (each pinned twice: at start and half way).</summary>
    public int PinnedVcpus { get; internal set; }

    /// <summary>do-schedule decisions checked.</summary>
    public long Decisions { get; internal set; }

    /// <summary>Decisions that ran a vCPU outside its hard affinity.</summary>
    public long Violations { get; internal set; }

    /// <summary>Decisions that ran a vCPU on two CPUs at once.</summary>
    public long DoubleRuns { get; internal set; }

    /// <summary>Fraction of CPU time used, averaged over trials.</summary>
    public double Utilisation { get; internal set; }
}

/// <summary>Random hard-affinity pinning experiment.</summary>
public static class AffinityExperiment
{
    /// <summary>Runs <paramref name="trials"/> random pinnings on an 8-CPU machine (2 sockets × 2 cores × 2 threads).</summary>
    /// <param name="kind">Policy.</param>
    /// <param name="trials">Number of trials.</param>
    /// <param name="seed">Seed for everything random.</param>
    /// <param name="duration">Simulated time per trial, ns.</param>
    /// <returns>Totals.</returns>
    public static AffinityResult Run(SchedulerKind kind, int trials, ulong seed, long duration)
    {
        AffinityResult result = new AffinityResult();
        SimRandom rng = new SimRandom(seed);
        CpuTopology topo = new CpuTopology(1, 2, 2, 2);
        double utilSum = 0;
        for (int t = 0; t < trials; t++)
        {
            SchedulerOptions options = SchedulerOptions.Default;
            options.Credit2Runqueue = (TopologyLevel)rng.NextInt(5);
            if (SchedulerFactory.Create(kind, topo, options, out IScheduler? sched) != SchedError.None || sched == null)
            {
                continue;
            }

            SchedulerSimulator sim = new SchedulerSimulator(sched, topo, rng.NextUInt64(), duration, 1);
            int domains = 2 + rng.NextInt(3);
            SchedDomain[] doms = new SchedDomain[domains];
            for (int d = 0; d < domains; d++)
            {
                doms[d] = new SchedDomain(d + 1, 1 + rng.NextInt(4), topo.CpuCount);
                Workload w = rng.NextInt(2) == 0
                    ? Workload.CpuBound()
                    : Workload.Io(rng.NextLong(100, 3000) * SchedTime.Microsecond, rng.NextLong(100, 3000) * SchedTime.Microsecond, Distribution.Exponential);
                sim.AddDomain(doms[d], w);
                Pin(sched, doms[d], topo, rng, 0);
                result.PinnedVcpus += doms[d].VcpuCount;
            }

            sim.RunUntil(duration / 2);
            for (int d = 0; d < domains; d++)
            {
                Pin(sched, doms[d], topo, rng, sim.Now);
                result.PinnedVcpus += doms[d].VcpuCount;
            }

            sim.Run();
            result.Trials++;
            result.Decisions += sim.Decisions;
            result.Violations += sim.AffinityViolations;
            result.DoubleRuns += sim.DoubleRuns;
            long used = 0;
            for (int d = 0; d < domains; d++)
            {
                used += sim.Domain(d).RunTime;
            }

            utilSum += (double)used / ((double)duration * topo.CpuCount);
        }

        result.Utilisation = result.Trials == 0 ? 0 : utilSum / result.Trials;
        return result;
    }

    private static void Pin(IScheduler sched, SchedDomain dom, CpuTopology topo, SimRandom rng, long now)
    {
        CpuMask hard = new CpuMask(topo.CpuCount);
        CpuMask soft = new CpuMask(topo.CpuCount);
        for (int v = 0; v < dom.VcpuCount; v++)
        {
            hard.ClearAll();
            soft.ClearAll();
            for (int c = 0; c < topo.CpuCount; c++)
            {
                if (rng.NextInt(10) < 3)
                {
                    hard.Set(c);
                }

                if (rng.NextInt(2) == 0)
                {
                    soft.Set(c);
                }
            }

            if (hard.First() < 0)
            {
                hard.Set(rng.NextInt(topo.CpuCount));
            }

            sched.SetAffinity(dom.Vcpu(v), hard, soft, now);
        }
    }
}
