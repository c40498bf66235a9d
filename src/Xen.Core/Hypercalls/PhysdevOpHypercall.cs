// __HYPERVISOR_physdev_op (33): physdev_op(cmd, arg) (xen/include/public/physdev.h). Xen 4.7 filters it for
// HVM/PVH vCPUs in hvm_physdev_op: any command but map_pirq/unmap_pirq/eoi/irq_status_query/get_free_pirq is
// -ENOSYS unless the caller is a PVH hardware domain, and those five are -ENOSYS too for a domain without
// emulated PIRQs (XEN_X86_EMU_USE_PIRQ), which PVH domains never have. Every domain here is PVH without
// passthrough, so every command is -ENOSYS, with nothing read from the guest (as Xen: the filter comes first).
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>physdev_op.</summary>
public sealed class PhysdevOpHypercall : IHypercallHandler
{
    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args) => -XenErrno.ENOSYS;
}
