// Why this file exists: the promise (c) as code — RTDS misses no deadline on random schedulable task
// sets (total utilisation ≤ CPUs, admitted by GFB or partitioning) and, on oversubscribed sets, degrades
// predictably: misses appear but no vCPU ever gets more than its budget per period (budget enforcement).
using Xen.Sched.Topology;

namespace Xen.Sched.Simulation;

/// <summary>Totals over RTDS task-set runs.</summary>
public sealed class RtdsResult
{
    /// <summary>Sets simulated.</summary>
    public int Sets { get; internal set; }

    /// <summary>Sets admitted by the global EDF (GFB) test.</summary>
    public int Global { get; internal set; }

    /// <summary>Sets admitted by partitioning.</summary>
    public int Partitioned { get; internal set; }

    /// <summary>Draws discarded because no admission test accepted them.</summary>
    public int Rejected { get; internal set; }

    /// <summary>Jobs whose deadline fell inside the runs.</summary>
    public long Jobs { get; internal set; }

    /// <summary>Jobs that missed their deadline.</summary>
    public long Misses { get; internal set; }

    /// <summary>Sets with at least one miss.</summary>
    public int SetsWithMisses { get; internal set; }

    /// <summary>Mean total utilisation of the sets.</summary>
    public double MeanUtilisation { get; internal set; }

    /// <summary>vCPUs that received more CPU than budget × (periods + 1): must be 0.</summary>
    public int BudgetOverruns { get; internal set; }

    /// <summary>Affinity violations reported by the simulator: must be 0.</summary>
    public long AffinityViolations { get; internal set; }

    /// <summary>Misses / jobs.</summary>
    public double MissRate => Jobs == 0 ? 0 : (double)Misses / Jobs;
}

/// <summary>RTDS deadline experiment.</summary>
public static class RtdsExperiment
{
    /// <summary>Runs <paramref name="sets"/> random task sets on <paramref name="cpus"/> CPUs.</summary>
    /// <param name="sets">Number of sets to simulate.</param>
    /// <param name="cpus">CPUs (flat topology).</param>
    /// <param name="minU">Lowest total utilisation drawn.</param>
    /// <param name="maxU">Highest total utilisation drawn.</param>
    /// <param name="schedulableOnly">Redraw sets no admission test accepts (schedulable experiment); otherwise run every draw globally.</param>
    /// <param name="seed">Seed.</param>
    /// <param name="duration">Simulated time per set, ns (the periods' hyperperiod is 200 ms).</param>
    /// <returns>Totals.</returns>
    public static RtdsResult Run(int sets, int cpus, double minU, double maxU, bool schedulableOnly, ulong seed, long duration)
    {
        RtdsResult result = new RtdsResult();
        SimRandom rng = new SimRandom(seed);
        CpuTopology topo = CpuTopology.Flat(cpus);
        double uSum = 0;
        int guard = 0;
        while (result.Sets < sets && guard++ < sets * 100)
        {
            int n = cpus + 1 + rng.NextInt(2 * cpus);
            double target = minU + ((maxU - minU) * rng.NextDouble());
            RtdsTaskSet? set = RtdsTaskSet.Generate(rng, n, target, cpus);
            if (set == null)
            {
                continue;
            }

            if (schedulableOnly && set.Placement == RtdsPlacement.Unadmitted)
            {
                result.Rejected++;
                continue;
            }

            long misses = RunSet(set, topo, rng.NextUInt64(), duration, result);
            result.Sets++;
            uSum += set.Utilisation;
            result.Global += set.Placement == RtdsPlacement.Global ? 1 : 0;
            result.Partitioned += set.Placement == RtdsPlacement.Partitioned ? 1 : 0;
            result.SetsWithMisses += misses > 0 ? 1 : 0;
        }

        result.MeanUtilisation = result.Sets == 0 ? 0 : uSum / result.Sets;
        return result;
    }

    private static long RunSet(RtdsTaskSet set, CpuTopology topo, ulong seed, long duration, RtdsResult result)
    {
        if (SchedulerFactory.Create(SchedulerKind.Rtds, topo, SchedulerOptions.Default, out IScheduler? sched) != SchedError.None || sched == null)
        {
            return 0;
        }

        SchedulerSimulator sim = new SchedulerSimulator(sched, topo, seed, duration, 1);
        CpuMask hard = new CpuMask(topo.CpuCount);
        CpuMask soft = new CpuMask(topo.CpuCount);
        soft.SetAll();
        for (int i = 0; i < set.Count; i++)
        {
            SchedDomain dom = new SchedDomain(i + 1, 1, topo.CpuCount);
            sim.AddDomain(dom, Workload.Periodic(set.Periods[i], set.Wcets[i], 0));
            SchedParams p = SchedParams.Default;
            p.Period = set.Periods[i];
            p.Budget = set.Wcets[i];
            sched.SetDomainParams(dom, p);
            if (set.Placement == RtdsPlacement.Partitioned)
            {
                hard.ClearAll();
                hard.Set(set.Cpu[i]);
                sched.SetAffinity(dom.Vcpu(0), hard, soft, 0);
            }
        }

        sim.Run();
        long misses = 0;
        for (int i = 0; i < set.Count; i++)
        {
            SimDomainStats d = sim.Domain(i);
            result.Jobs += d.Jobs;
            result.Misses += d.Misses;
            misses += d.Misses;
            long periods = (duration / set.Periods[i]) + 1;
            if (d.RunTime > periods * set.Wcets[i])
            {
                result.BudgetOverruns++;
            }
        }

        result.AffinityViolations += sim.AffinityViolations + sim.DoubleRuns;
        return misses;
    }
}
