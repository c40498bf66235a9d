// Why this file exists: what a simulated vCPU does — spin (CPU-bound), alternate bursts and sleeps
// (I/O-like), or run periodic real-time jobs with a worst-case execution time.
namespace Xen.Sched.Simulation;

/// <summary>Kinds of simulated load.</summary>
public enum WorkloadKind
{
    /// <summary>Always runnable.</summary>
    CpuBound,
    /// <summary>Runs a burst, then sleeps; both drawn from a distribution.</summary>
    IoBound,
    /// <summary>Releases a job of <see cref="Workload.Wcet"/> every <see cref="Workload.Period"/>; deadline = next release.</summary>
    Periodic,
}

/// <summary>Distributions for I/O-like bursts and sleeps.</summary>
public enum Distribution
{
    /// <summary>Always the mean.</summary>
    Fixed,
    /// <summary>Exponential with the given mean.</summary>
    Exponential,
    /// <summary>Uniform in [0, 2 × mean].</summary>
    Uniform,
}

/// <summary>Load description of every vCPU of a simulated domain.</summary>
public struct Workload
{
    /// <summary>Kind of load.</summary>
    public WorkloadKind Kind;
    /// <summary>I/O-like: mean burst length, ns.</summary>
    public long RunMean;
    /// <summary>I/O-like: mean sleep length, ns.</summary>
    public long SleepMean;
    /// <summary>I/O-like: distribution of bursts and sleeps.</summary>
    public Distribution Distribution;
    /// <summary>Periodic: job period (= relative deadline), ns.</summary>
    public long Period;
    /// <summary>Periodic: execution time of each job, ns.</summary>
    public long Wcet;
    /// <summary>Periodic: release time of the first job, ns.</summary>
    public long Offset;

    /// <summary>A CPU-bound load.</summary>
    /// <returns>The workload.</returns>
    public static Workload CpuBound() => new Workload { Kind = WorkloadKind.CpuBound };

    /// <summary>An I/O-like load.</summary>
    /// <param name="runMean">Mean burst, ns.</param>
    /// <param name="sleepMean">Mean sleep, ns.</param>
    /// <param name="distribution">Distribution of both.</param>
    /// <returns>The workload.</returns>
    public static Workload Io(long runMean, long sleepMean, Distribution distribution) =>
        new Workload { Kind = WorkloadKind.IoBound, RunMean = runMean, SleepMean = sleepMean, Distribution = distribution };

    /// <summary>A periodic real-time task.</summary>
    /// <param name="period">Period and relative deadline, ns.</param>
    /// <param name="wcet">Execution time per job, ns.</param>
    /// <param name="offset">First release, ns.</param>
    /// <returns>The workload.</returns>
    public static Workload Periodic(long period, long wcet, long offset) =>
        new Workload { Kind = WorkloadKind.Periodic, Period = period, Wcet = wcet, Offset = offset };

    /// <summary>Draws a value with this workload's distribution.</summary>
    internal readonly long Sample(SimRandom random, long mean)
    {
        switch (Distribution)
        {
            case Distribution.Exponential: return random.NextExponential(mean);
            case Distribution.Uniform: return random.NextLong(1, 2 * mean);
            default: return mean < 1 ? 1 : mean;
        }
    }
}
