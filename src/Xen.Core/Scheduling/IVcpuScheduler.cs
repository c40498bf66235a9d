// The scheduling seam: the per-CPU loop asks "what next?" and reports what happened. Policies (credit,
// credit2, RTDS, …) live in Xen.Sched and will implement this once wired in; until then RoundRobinScheduler.
using Xen.Core.Domains;

namespace Xen.Core.Scheduling;

/// <summary>Chooses which vCPU a physical CPU runs next.</summary>
public interface IVcpuScheduler
{
    /// <summary>Makes <paramref name="vcpu"/> known to the scheduler.</summary>
    void Add(Vcpu vcpu);

    /// <summary>The next runnable vCPU, or null when none can run.</summary>
    Vcpu? PickNext();
}
