// Why this file exists: Xen cpupools — disjoint sets of physical CPUs, each run by its own scheduler
// instance (xl cpupool-create). The table checks the sets stay disjoint and finds a CPU's pool.
namespace Xen.Sched.Topology;

/// <summary>A cpupool: an id, its CPUs and the scheduler instance that runs them.</summary>
public sealed class CpuPool
{
    /// <summary>Creates a pool description.</summary>
    /// <param name="poolId">Pool id (Pool-0 is 0).</param>
    /// <param name="cpus">CPUs of the pool; the mask is owned by the pool afterwards.</param>
    /// <param name="scheduler">Policy instance for these CPUs.</param>
    public CpuPool(int poolId, CpuMask cpus, IScheduler scheduler)
    {
        PoolId = poolId;
        Cpus = cpus;
        Scheduler = scheduler;
    }

    /// <summary>Pool id.</summary>
    public int PoolId { get; }

    /// <summary>CPUs of the pool.</summary>
    public CpuMask Cpus { get; }

    /// <summary>Scheduler running the pool.</summary>
    public IScheduler Scheduler { get; }
}
