// Why this file exists: per-domain results of a simulation run — CPU time, wake latency, real-time jobs and
// deadline misses, and a coarse time series of CPU time for plotting.
namespace Xen.Sched.Simulation;

/// <summary>Metrics gathered for one simulated domain.</summary>
public sealed class SimDomainStats
{
    internal SimDomainStats(int domainId, int vcpus, int buckets)
    {
        DomainId = domainId;
        VcpuCount = vcpus;
        Series = new long[buckets];
        LatencySeries = new long[buckets];
    }

    /// <summary>Xen domid.</summary>
    public int DomainId { get; }

    /// <summary>Number of vCPUs.</summary>
    public int VcpuCount { get; }

    /// <summary>Total CPU time received, ns.</summary>
    public long RunTime { get; internal set; }

    /// <summary>Wake-to-run latencies of I/O-like and periodic vCPUs.</summary>
    public LatencyHistogram Latency { get; } = new LatencyHistogram();

    /// <summary>Periodic jobs whose deadline fell inside the run.</summary>
    public long Jobs { get; internal set; }

    /// <summary>Jobs not finished by their deadline.</summary>
    public long Misses { get; internal set; }

    /// <summary>CPU time received in each time bucket of the run, ns.</summary>
    public long[] Series { get; }

    /// <summary>Largest wake-up latency observed in each time bucket, ns (0 when none).</summary>
    public long[] LatencySeries { get; }
}
