// One hypercall's implementation. Handlers return Xen's convention: a non-negative result, or -errno.
// They never throw for anything a guest controls (a throw panics the whole hypervisor in images).
using Xen.Core.Domains;

namespace Xen.Core.Hypercalls;

/// <summary>Implements one __HYPERVISOR_* number.</summary>
public interface IHypercallHandler
{
    /// <summary>Handles the call made by <paramref name="caller"/>.</summary>
    long Invoke(Vcpu caller, in HypercallArgs args);
}
