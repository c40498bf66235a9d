// __HYPERVISOR_event_channel_op (32): event_channel_op(cmd, arg) per xen/include/public/event_channel.h,
// 2-level ABI. Decodes each command's structure, applies it to the caller's EventChannelTable and copies
// the whole structure back for commands with OUT fields, as Xen does. Domain ids: DOMID_SELF or the
// caller's own id; another existing domain is -EPERM for an unprivileged caller (Xen's default XSM policy),
// an unknown one -ESRCH. The FIFO ABI (init_control, expand_array, set_priority) and PIRQs are -ENOSYS.
using System;
using Xen.Core.Domains;
using Xen.Core.Events;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>event_channel_op.</summary>
public sealed class EventChannelOpHypercall : IHypercallHandler
{
    private readonly DomainTable? _domains;

    /// <summary>Creates the handler; <paramref name="domains"/> resolves interdomain peers.</summary>
    public EventChannelOpHypercall(DomainTable? domains) { _domains = domains; }

    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        Domain d = caller.Domain;
        EventChannelTable? table = d.EventChannels;
        if (table is null) return -XenErrno.ENOSYS;
        Span<byte> a = stackalloc byte[EventChannelOp.StatusSize];
        ulong arg = args.Arg1;
        int rc;
        switch ((long)args.Arg0)
        {
            case EventChannelOp.AllocUnbound:
            {
                if ((rc = Read(caller, arg, a, EventChannelOp.AllocUnboundSize)) != 0) return rc;
                if ((rc = CheckSelf(d, Get16(a, 0))) != 0) return rc;
                ushort remote = Get16(a, 2);
                int port = table.AllocUnbound(remote == MemoryOp.DomidSelf ? d.Id : remote);
                return port < 0 ? port : WriteBack(caller, arg, a, EventChannelOp.AllocUnboundSize, 4, port);
            }
            case EventChannelOp.BindInterdomain:
            {
                if ((rc = Read(caller, arg, a, EventChannelOp.BindInterdomainSize)) != 0) return rc;
                ushort remoteId = Get16(a, 0);
                Domain? remote = remoteId == MemoryOp.DomidSelf || remoteId == d.Id ? d : _domains?.Find(remoteId);
                if (remote is null) return -XenErrno.ESRCH;
                int port = table.BindInterdomain(remote, Wire.Get32(a, 4));
                return port < 0 ? port : WriteBack(caller, arg, a, EventChannelOp.BindInterdomainSize, 8, port);
            }
            case EventChannelOp.BindVirq:
            {
                if ((rc = Read(caller, arg, a, EventChannelOp.BindVirqSize)) != 0) return rc;
                int port = table.BindVirq(Wire.Get32(a, 0), Wire.Get32(a, 4));
                return port < 0 ? port : WriteBack(caller, arg, a, EventChannelOp.BindVirqSize, 8, port);
            }
            case EventChannelOp.BindIpi:
            {
                if ((rc = Read(caller, arg, a, EventChannelOp.BindIpiSize)) != 0) return rc;
                int port = table.BindIpi(Wire.Get32(a, 0));
                return port < 0 ? port : WriteBack(caller, arg, a, EventChannelOp.BindIpiSize, 4, port);
            }
            case EventChannelOp.Close:
                return (rc = Read(caller, arg, a, 4)) != 0 ? rc : table.Close(Wire.Get32(a, 0), _domains);
            case EventChannelOp.Send:
                return (rc = Read(caller, arg, a, 4)) != 0 ? rc : table.Send(Wire.Get32(a, 0), _domains);
            case EventChannelOp.Unmask:
                return (rc = Read(caller, arg, a, 4)) != 0 ? rc : table.Unmask(Wire.Get32(a, 0));
            case EventChannelOp.BindVcpu:
                return (rc = Read(caller, arg, a, EventChannelOp.BindVcpuSize)) != 0 ? rc
                    : table.BindVcpu(Wire.Get32(a, 0), Wire.Get32(a, 4));
            case EventChannelOp.Status:
            {
                if ((rc = Read(caller, arg, a, EventChannelOp.StatusSize)) != 0) return rc;
                if ((rc = CheckSelf(d, Get16(a, 0))) != 0) return rc;
                rc = table.Status(Wire.Get32(a, 4), out uint status, out uint vcpu, out uint f0, out uint f1);
                if (rc != 0) return rc;
                Wire.Put32(a, 8, status);
                Wire.Put32(a, 12, vcpu);
                Wire.Put32(a, 16, f0); // unbound.dom / interdomain.dom (domid_t, upper half zero) / virq
                Wire.Put32(a, 20, f1); // interdomain.port
                return GuestAccess.CopyTo(caller, arg, a.Slice(0, EventChannelOp.StatusSize));
            }
            case EventChannelOp.Reset:
                if ((rc = Read(caller, arg, a, 2)) != 0) return rc;
                return (rc = CheckSelf(d, Get16(a, 0))) != 0 ? rc : table.Reset(_domains);
            default:
                return -XenErrno.ENOSYS; // bind_pirq, FIFO ABI, unknown commands
        }
    }

    private int CheckSelf(Domain d, ushort domid)
    {
        if (domid == MemoryOp.DomidSelf || domid == d.Id) return 0;
        if (_domains?.Find(domid) is null) return -XenErrno.ESRCH;
        return d.IsPrivileged ? -XenErrno.ENOSYS : -XenErrno.EPERM; // foreign targets: not provided yet
    }

    private static int Read(Vcpu caller, ulong arg, Span<byte> buffer, int size) =>
        GuestAccess.CopyFrom(caller, arg, buffer.Slice(0, size));

    // Stores the new port at its OUT offset and copies the structure back; the port is the call's result 0.
    private static long WriteBack(Vcpu caller, ulong arg, Span<byte> a, int size, int portOffset, int port)
    {
        Wire.Put32(a, portOffset, (uint)port);
        return GuestAccess.CopyTo(caller, arg, a.Slice(0, size));
    }

    private static ushort Get16(ReadOnlySpan<byte> b, int at) => (ushort)(b[at] | b[at + 1] << 8);
}
