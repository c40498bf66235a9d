// Why this file exists: the scheduler's view of a domain — an id and its vCPUs. Allocated once at domain
// creation (the only place the scheduler allocates), as Xen's alloc_domdata does.
using Xen.Sched.Topology;

namespace Xen.Sched;

/// <summary>A domain as the scheduler sees it: an id and a fixed set of vCPUs.</summary>
public sealed class SchedDomain
{
    private readonly SchedVcpu[] _vcpus;

    /// <summary>Creates a domain with <paramref name="vcpuCount"/> vCPUs, each with hard and soft affinity "all CPUs".</summary>
    /// <param name="domainId">Xen domid.</param>
    /// <param name="vcpuCount">Number of vCPUs (at least 1).</param>
    /// <param name="cpuCount">Number of physical CPUs the affinity masks must cover.</param>
    public SchedDomain(int domainId, int vcpuCount, int cpuCount)
    {
        DomainId = domainId;
        if (vcpuCount < 1)
        {
            vcpuCount = 1;
        }

        _vcpus = new SchedVcpu[vcpuCount];
        for (int i = 0; i < vcpuCount; i++)
        {
            _vcpus[i] = new SchedVcpu(this, i, cpuCount);
        }
    }

    /// <summary>Xen domid.</summary>
    public int DomainId { get; }

    /// <summary>Number of vCPUs.</summary>
    public int VcpuCount => _vcpus.Length;

    /// <summary>Slot assigned by the policy the domain is inserted into; -1 when not inserted.</summary>
    internal int PolicySlot { get; set; } = -1;

    /// <summary>Returns vCPU <paramref name="index"/>.</summary>
    /// <param name="index">vCPU number, 0-based.</param>
    /// <returns>The vCPU.</returns>
    public SchedVcpu Vcpu(int index) => _vcpus[index];
}
