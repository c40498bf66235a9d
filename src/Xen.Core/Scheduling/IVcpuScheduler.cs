// The scheduling seam: the per-CPU loop asks "what next?" and reports what happened. Policies (credit,
// credit2, RTDS, …) live in Xen.Sched and will implement this once wired in; until then RoundRobinScheduler.
using Xen.Core.Domains;

namespace Xen.Core.Scheduling;

/// <summary>Chooses which vCPU a physical CPU runs next.</summary>
public interface IVcpuScheduler
{
    /// <summary>Makes <paramref name="vcpu"/> known to the scheduler.</summary>
    void Add(Vcpu vcpu);

    /// <summary>The next runnable vCPU that is not executing on another CPU, or null when none.</summary>
    Vcpu? PickNext();

    /// <summary>How many vCPUs could be picked now, counting at most <paramref name="limit"/> (is an idle CPU worth waking?).</summary>
    int CountPickable(int limit);
}
