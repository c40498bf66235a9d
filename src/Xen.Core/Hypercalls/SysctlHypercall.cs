// __HYPERVISOR_sysctl (35): sysctl(struct xen_sysctl *) — host-wide control for the toolstack
// (xen/include/public/sysctl.h). Guests get Xen 4.7's answers: -EFAULT, -EACCES for a wrong
// interface_version, -EPERM from the XSM dummy policy; no command is implemented behind the gate.
using System;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>sysctl.</summary>
public sealed class SysctlHypercall : IHypercallHandler
{
    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        Span<byte> op = stackalloc byte[ControlOps.SysctlSize];
        int rc = ControlOpGate.Read(caller, args.Arg0, op, ControlOps.SysctlSize, ControlOps.SysctlInterfaceVersion);
        return rc != 0 ? rc : ControlOpGate.Refuse(caller);
    }
}
