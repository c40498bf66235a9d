// __HYPERVISOR_domctl (36): domctl(struct xen_domctl *) — per-domain control for the toolstack
// (xen/include/public/domctl.h). Xen 4.7's order: copy (-EFAULT), interface_version (-EACCES), look up the
// target domain for commands that have one (-ESRCH; the lookup takes real ids only, not DOMID_SELF), then the
// XSM dummy policy (-EPERM for an unprivileged caller). No command is implemented behind the gate.
using System;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>domctl.</summary>
public sealed class DomctlHypercall : IHypercallHandler
{
    private readonly DomainTable? _domains;

    /// <summary>Creates the handler; <paramref name="domains"/> resolves target domains.</summary>
    public DomctlHypercall(DomainTable? domains) { _domains = domains; }

    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        Span<byte> op = stackalloc byte[ControlOps.DomctlSize];
        int rc = ControlOpGate.Read(caller, args.Arg0, op, ControlOps.DomctlSize, ControlOps.DomctlInterfaceVersion);
        if (rc != 0) return rc;
        if (!ControlOps.DomctlHasNoTarget(Wire.Get32(op, 0)))
        {
            ushort domid = (ushort)(op[8] | op[9] << 8);
            Domain? target = domid == caller.Domain.Id ? caller.Domain : _domains?.Find(domid);
            if (target is null) return -XenErrno.ESRCH;
        }
        return ControlOpGate.Refuse(caller);
    }
}
