// Why this file exists: the promise (a) as code — credit2 (or credit) gives CPU-bound domains
// weighted 256/512/1024 shares of 4 CPUs proportional to their weights, for a given runqueue arrangement.
// Used by the xunit tests and by `xen-schedsim --report`.
using Xen.Sched.Topology;

namespace Xen.Sched.Simulation;

/// <summary>Result of one weighted-share run.</summary>
public sealed class ShareResult
{
    internal ShareResult(int domains)
    {
        Weights = new int[domains];
        Share = new double[domains];
        Expected = new double[domains];
    }

    /// <summary>Number of credit2 runqueues the arrangement produced (0 for other policies).</summary>
    public int Runqueues { get; internal set; }

    /// <summary>Weight of each domain.</summary>
    public int[] Weights { get; }

    /// <summary>Fraction of total CPU time each domain received.</summary>
    public double[] Share { get; }

    /// <summary>Fraction expected from the weights.</summary>
    public double[] Expected { get; }

    /// <summary>Largest |share - expected| / expected over the domains.</summary>
    public double MaxRelativeError { get; internal set; }

    /// <summary>Largest |share - expected| in percentage points of total capacity.</summary>
    public double MaxAbsoluteErrorPoints { get; internal set; }

    /// <summary>Fraction of CPU time that was used (work conservation: 1.0 when always busy).</summary>
    public double Utilisation { get; internal set; }
}

/// <summary>Weighted CPU share experiment.</summary>
public static class ShareExperiment
{
    /// <summary>The 4-CPU machine used: 2 NUMA nodes × 1 socket × 2 cores × 1 thread.</summary>
    /// <returns>The topology.</returns>
    public static CpuTopology Machine() => new CpuTopology(2, 1, 2, 1);

    /// <summary>
    /// Runs three CPU-bound domains of <paramref name="vcpusPerDomain"/> vCPUs with weights 256/512/1024 on
    /// <see cref="Machine"/> and compares their shares with the weights.
    /// </summary>
    /// <param name="kind">Credit or Credit2.</param>
    /// <param name="arrangement">credit2_runqueue value.</param>
    /// <param name="seed">Simulation seed.</param>
    /// <param name="duration">Simulated time, ns.</param>
    /// <param name="vcpusPerDomain">vCPUs per domain (4 keeps every domain able to use its share).</param>
    /// <returns>The result, or null if the scheduler could not be built.</returns>
    public static ShareResult? Run(SchedulerKind kind, TopologyLevel arrangement, ulong seed, long duration, int vcpusPerDomain)
    {
        CpuTopology topo = Machine();
        SchedulerOptions options = SchedulerOptions.Default;
        options.Credit2Runqueue = arrangement;
        if (SchedulerFactory.Create(kind, topo, options, out IScheduler? sched) != SchedError.None || sched == null)
        {
            return null;
        }

        int[] weights = { 256, 512, 1024 };
        SchedulerSimulator sim = new SchedulerSimulator(sched, topo, seed, duration, 50);
        for (int d = 0; d < weights.Length; d++)
        {
            SchedDomain dom = new SchedDomain(d + 1, vcpusPerDomain, topo.CpuCount);
            sim.AddDomain(dom, Workload.CpuBound());
            SchedParams p = SchedParams.Default;
            p.Weight = weights[d];
            sched.SetDomainParams(dom, p);
        }

        sim.Run();
        ShareResult result = new ShareResult(weights.Length);
        if (sched is Policies.Credit2.Credit2Scheduler c2)
        {
            result.Runqueues = c2.RunqueueCount;
        }

        long total = 0;
        int weightSum = 0;
        for (int d = 0; d < weights.Length; d++)
        {
            total += sim.Domain(d).RunTime;
            weightSum += weights[d];
        }

        result.Utilisation = (double)total / ((double)duration * topo.CpuCount);
        for (int d = 0; d < weights.Length; d++)
        {
            result.Weights[d] = weights[d];
            result.Share[d] = total == 0 ? 0 : (double)sim.Domain(d).RunTime / total;
            result.Expected[d] = (double)weights[d] / weightSum;
            double abs = result.Share[d] - result.Expected[d];
            abs = abs < 0 ? -abs : abs;
            double rel = abs / result.Expected[d];
            if (rel > result.MaxRelativeError)
            {
                result.MaxRelativeError = rel;
            }

            if (abs * 100 > result.MaxAbsoluteErrorPoints)
            {
                result.MaxAbsoluteErrorPoints = abs * 100;
            }
        }

        return result;
    }
}
