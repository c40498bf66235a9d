// Why this file exists: the scheduler's view of a vCPU (Xen's struct sched_unit with one vCPU per unit):
// identity, affinity, where it runs and its run state. Policy-private data lives in the policy, found by
// PolicySlot, so this type stays policy-neutral.
using Xen.Sched.Topology;

namespace Xen.Sched;

/// <summary>A virtual CPU as the scheduler sees it.</summary>
public sealed class SchedVcpu
{
    internal SchedVcpu(SchedDomain domain, int vcpuId, int cpuCount)
    {
        Domain = domain;
        VcpuId = vcpuId;
        HardAffinity = new CpuMask(cpuCount);
        SoftAffinity = new CpuMask(cpuCount);
        HardAffinity.SetAll();
        SoftAffinity.SetAll();
    }

    /// <summary>Owning domain.</summary>
    public SchedDomain Domain { get; }

    /// <summary>vCPU number inside the domain.</summary>
    public int VcpuId { get; }

    /// <summary>CPUs the vCPU may run on (xl vcpu-pin hard affinity). Change it through <see cref="IScheduler.SetAffinity"/>.</summary>
    public CpuMask HardAffinity { get; }

    /// <summary>CPUs the vCPU prefers (soft affinity). Change it through <see cref="IScheduler.SetAffinity"/>.</summary>
    public CpuMask SoftAffinity { get; }

    /// <summary>CPU the vCPU runs on, last ran on, or is queued for.</summary>
    public int Processor { get; internal set; }

    /// <summary>Current run state.</summary>
    public VcpuRunState State { get; internal set; } = VcpuRunState.Offline;

    /// <summary>Slot inside the policy that owns the vCPU; -1 when not inserted.</summary>
    internal int PolicySlot { get; set; } = -1;

    /// <summary>Free for the host (simulator, hypervisor core) to attach its own index.</summary>
    public int HostTag { get; set; }
}
