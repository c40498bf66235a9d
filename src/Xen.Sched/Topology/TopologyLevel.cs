// Why this file exists: the levels of the CPU hierarchy, which are also credit2's runqueue arrangements
// (Xen command line credit2_runqueue=cpu|core|socket|node|all, docs/misc/xen-command-line).
namespace Xen.Sched.Topology;

/// <summary>A level of the CPU topology; CPUs sharing the same group at that level share a credit2 runqueue.</summary>
public enum TopologyLevel
{
    /// <summary>Every CPU (hardware thread) is its own group.</summary>
    Cpu,
    /// <summary>Threads of one core.</summary>
    Core,
    /// <summary>Cores of one socket (Xen 4.7 credit2 default).</summary>
    Socket,
    /// <summary>Sockets of one NUMA node.</summary>
    Node,
    /// <summary>All CPUs of the pool form one group.</summary>
    All,
}
