// Why this file exists: keeps cpupools disjoint and maps a CPU to the pool (and so the scheduler) owning it,
// which is what the per-CPU schedule loop asks on every decision.
namespace Xen.Sched.Topology;

/// <summary>A fixed-capacity set of disjoint cpupools.</summary>
public sealed class CpuPoolTable
{
    private readonly CpuPool?[] _pools;
    private readonly int[] _poolOfCpu;

    /// <summary>Creates an empty table.</summary>
    /// <param name="cpuCount">Physical CPUs of the machine.</param>
    /// <param name="maxPools">Maximum number of pools.</param>
    public CpuPoolTable(int cpuCount, int maxPools)
    {
        _pools = new CpuPool?[maxPools < 1 ? 1 : maxPools];
        _poolOfCpu = new int[cpuCount];
        for (int i = 0; i < cpuCount; i++)
        {
            _poolOfCpu[i] = -1;
        }
    }

    /// <summary>Adds a pool; fails if it overlaps another pool, is empty, or the table is full.</summary>
    /// <param name="pool">Pool.</param>
    /// <returns>Error value.</returns>
    public SchedError Add(CpuPool pool)
    {
        int free = -1;
        for (int i = 0; i < _pools.Length; i++)
        {
            CpuPool? p = _pools[i];
            if (p == null)
            {
                if (free < 0)
                {
                    free = i;
                }
            }
            else if (p.PoolId == pool.PoolId)
            {
                return SchedError.AlreadyExists;
            }
        }

        if (free < 0)
        {
            return SchedError.NoSpace;
        }

        if (pool.Cpus.First() < 0)
        {
            return SchedError.InvalidArgument;
        }

        for (int c = pool.Cpus.First(); c >= 0; c = pool.Cpus.Next(c))
        {
            if (c >= _poolOfCpu.Length || _poolOfCpu[c] >= 0)
            {
                return SchedError.Busy;
            }
        }

        _pools[free] = pool;
        for (int c = pool.Cpus.First(); c >= 0; c = pool.Cpus.Next(c))
        {
            _poolOfCpu[c] = free;
        }

        return SchedError.None;
    }

    /// <summary>Pool owning <paramref name="cpu"/>, or null when the CPU is free.</summary>
    /// <param name="cpu">CPU number.</param>
    /// <returns>The pool or null.</returns>
    public CpuPool? PoolOf(int cpu)
    {
        if ((uint)cpu >= (uint)_poolOfCpu.Length || _poolOfCpu[cpu] < 0)
        {
            return null;
        }

        return _pools[_poolOfCpu[cpu]];
    }
}
