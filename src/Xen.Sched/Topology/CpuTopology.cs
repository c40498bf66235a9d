// Why this file exists: the machine shape the policies reason about — hardware threads grouped into cores,
// sockets and NUMA nodes — built once from counts (or from firmware tables by the arch layer later).
namespace Xen.Sched.Topology;

/// <summary>A symmetric CPU topology: nodes × sockets per node × cores per socket × threads per core.</summary>
public sealed class CpuTopology
{
    private readonly int _threadsPerCore;
    private readonly int _coresPerSocket;
    private readonly int _socketsPerNode;

    /// <summary>Creates the topology. Counts below 1 are treated as 1.</summary>
    /// <param name="nodes">NUMA nodes.</param>
    /// <param name="socketsPerNode">Sockets in each node.</param>
    /// <param name="coresPerSocket">Cores in each socket.</param>
    /// <param name="threadsPerCore">Hardware threads in each core.</param>
    public CpuTopology(int nodes, int socketsPerNode, int coresPerSocket, int threadsPerCore)
    {
        Nodes = nodes < 1 ? 1 : nodes;
        _socketsPerNode = socketsPerNode < 1 ? 1 : socketsPerNode;
        _coresPerSocket = coresPerSocket < 1 ? 1 : coresPerSocket;
        _threadsPerCore = threadsPerCore < 1 ? 1 : threadsPerCore;
        CpuCount = Nodes * _socketsPerNode * _coresPerSocket * _threadsPerCore;
    }

    /// <summary>A flat machine of <paramref name="cpus"/> single-thread cores in one socket and node.</summary>
    /// <param name="cpus">Number of CPUs.</param>
    /// <returns>The topology.</returns>
    public static CpuTopology Flat(int cpus) => new CpuTopology(1, 1, cpus, 1);

    /// <summary>Total hardware threads (physical CPUs).</summary>
    public int CpuCount { get; }

    /// <summary>Number of NUMA nodes.</summary>
    public int Nodes { get; }

    /// <summary>Global core number of a CPU.</summary>
    /// <param name="cpu">CPU number.</param>
    /// <returns>Core id.</returns>
    public int CoreOf(int cpu) => cpu / _threadsPerCore;

    /// <summary>Global socket number of a CPU.</summary>
    /// <param name="cpu">CPU number.</param>
    /// <returns>Socket id.</returns>
    public int SocketOf(int cpu) => cpu / (_threadsPerCore * _coresPerSocket);

    /// <summary>NUMA node of a CPU.</summary>
    /// <param name="cpu">CPU number.</param>
    /// <returns>Node id.</returns>
    public int NodeOf(int cpu) => cpu / (_threadsPerCore * _coresPerSocket * _socketsPerNode);

    /// <summary>Group id of a CPU at a topology level (0 for <see cref="TopologyLevel.All"/>).</summary>
    /// <param name="cpu">CPU number.</param>
    /// <param name="level">Level.</param>
    /// <returns>Group id, dense from 0.</returns>
    public int GroupOf(int cpu, TopologyLevel level)
    {
        switch (level)
        {
            case TopologyLevel.Cpu: return cpu;
            case TopologyLevel.Core: return CoreOf(cpu);
            case TopologyLevel.Socket: return SocketOf(cpu);
            case TopologyLevel.Node: return NodeOf(cpu);
            default: return 0;
        }
    }
}
