// Why this file exists: one minor frame of an ARINC 653 schedule — which vCPU runs and for how long — the
// equivalent of xen_sysctl_arinc653_schedule's sched_entries[] (xen/include/public/sysctl.h), with the
// domain named by domid instead of its UUID handle.
namespace Xen.Sched.Policies.Arinc653;

/// <summary>A minor frame: a vCPU and its run time inside each major frame.</summary>
public struct Arinc653Entry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="domainId">Domain id.</param>
    /// <param name="vcpuId">vCPU number.</param>
    /// <param name="runtime">Run time per major frame, ns (positive).</param>
    public Arinc653Entry(int domainId, int vcpuId, long runtime)
    {
        DomainId = domainId;
        VcpuId = vcpuId;
        Runtime = runtime;
    }

    /// <summary>Domain id.</summary>
    public int DomainId;

    /// <summary>vCPU number.</summary>
    public int VcpuId;

    /// <summary>Run time per major frame, ns.</summary>
    public long Runtime;
}
