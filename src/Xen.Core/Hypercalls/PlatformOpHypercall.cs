// __HYPERVISOR_platform_op (7): platform_op(struct xen_platform_op *) — firmware, microcode, CPU and power
// management for the hardware domain (xen/include/public/platform.h). Xen 4.7 order: copy (-EFAULT),
// interface_version (-EACCES), XSM dummy policy (-EPERM unless privileged). Nothing behind the gate yet.
using System;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>platform_op.</summary>
public sealed class PlatformOpHypercall : IHypercallHandler
{
    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        Span<byte> op = stackalloc byte[ControlOps.PlatformOpSize];
        int rc = ControlOpGate.Read(caller, args.Arg0, op, ControlOps.PlatformOpSize, ControlOps.PlatformInterfaceVersion);
        return rc != 0 ? rc : ControlOpGate.Refuse(caller);
    }
}
