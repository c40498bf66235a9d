// __HYPERVISOR_sched_op (29): sched_op(cmd, arg) per xen/include/public/sched.h and Xen 4.7's
// xen/common/schedule.c. yield gives up the CPU; block waits for an event; shutdown ends the domain with a
// SHUTDOWN_* reason; shutdown_code records the reason a later shutdown reports.
//   poll           struct sched_poll {ports handle, nr_ports, uint64 timeout (absolute system time, 0 = none)}:
//                  more than 128 ports -EINVAL; returns 0 at once if an event is deliverable or a listed port
//                  is pending (masked or not); a port ≥ the table -EINVAL and an unreadable one -EFAULT, in
//                  list order; else the vCPU blocks until a listed port (any event when several are listed)
//                  becomes pending, an upcall is raised, or the timeout passes. The call itself returns 0.
//   remote_shutdown {domid, reason}: unknown domain -ESRCH, then Xen's XSM dummy policy (XSM_DM_PRIV): only a
//                  privileged domain may, else -EPERM.
//   watchdog       {id, timeout in s}: DomainWatchdog (real timers; expiry = SHUTDOWN_watchdog).
using System;
using Xen.Core.Domains;
using Xen.Core.Events;
using Xen.Core.Memory;
using Xen.Core.Public;
using Xen.Core.Time;

namespace Xen.Core.Hypercalls;

/// <summary>sched_op.</summary>
public sealed class SchedOpHypercall : IHypercallHandler
{
    private readonly TimerQueue? _timers;
    private readonly DomainTable? _domains;

    /// <summary>A handler without timers or a domain table (poll without timeout, watchdog -ENOSYS).</summary>
    public SchedOpHypercall() { }

    /// <summary>Creates the handler: <paramref name="timers"/> serves poll timeouts and watchdogs,
    /// <paramref name="domains"/> resolves remote_shutdown targets.</summary>
    public SchedOpHypercall(TimerQueue? timers, DomainTable? domains)
    {
        _timers = timers;
        _domains = domains;
    }

    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        switch ((long)args.Arg0)
        {
            case SchedOp.Yield:
                return 0;
            case SchedOp.Block:
                // Xen blocks and then unblocks at once if an event already waits for delivery (sched.h:
                // "SCHEDOP_block ... until an event is received"): never sleep through a pending upcall. Like
                // Xen's do_block it first enables event delivery (clears evtchn_upcall_mask): an event that raced
                // the guest's last check already set upcall_pending without a wake-up, and a masked vCPU would
                // otherwise sleep through it forever.
                caller.Domain.SharedInfo?.WriteVcpuByte(caller.Id, SharedInfoLayout.UpcallMask, 0);
                if (!TwoLevelEvents.UpcallDeliverable(caller.Domain, caller.Id)) Block(caller);
                return 0;
            case SchedOp.Shutdown:
            {
                int rc = GuestAccess.ReadUInt32(caller, args.Arg1, out uint reason);
                if (rc != 0) return rc;
                caller.Domain.Shutdown((ShutdownReason)(byte)reason); // Xen passes (u8)reason on
                return 0;
            }
            case SchedOp.ShutdownCode:
            {
                int rc = GuestAccess.ReadUInt32(caller, args.Arg1, out uint reason);
                if (rc != 0) return rc;
                caller.Domain.ShutdownCode = (int)(reason & 0xFF);
                return 0;
            }
            case SchedOp.Poll:
                return Poll(caller, args.Arg1, args.IsCompat);
            case SchedOp.RemoteShutdown:
                return RemoteShutdown(caller, args.Arg1);
            case SchedOp.Watchdog:
            {
                Span<byte> a = stackalloc byte[SchedOp.WatchdogArgSize];
                int rc = GuestAccess.CopyFrom(caller, args.Arg1, a);
                if (rc != 0) return rc;
                if (_timers is null) return -XenErrno.ENOSYS;
                return caller.Domain.Watchdog.Set(Wire.Get32(a, 0), Wire.Get32(a, 4), _timers.Now);
            }
            default:
                return -XenErrno.ENOSYS;
        }
    }

    private void Block(Vcpu v)
    {
        v.State = VcpuState.Blocked;
        _timers?.NoteRunstate(v, VcpuOp.RunstateBlocked);
    }

    private long Poll(Vcpu caller, ulong arg, bool compat)
    {
        Span<byte> a = stackalloc byte[SchedOp.PollArgSize];
        a = a.Slice(0, compat ? SchedOp.PollArgCompatSize : SchedOp.PollArgSize);
        int rc = GuestAccess.CopyFrom(caller, arg, a);
        if (rc != 0) return rc;
        ulong ports = compat ? Wire.Get32(a, 0) : Wire.Get64(a, 0);
        uint count = compat ? Wire.Get32(a, 4) : Wire.Get32(a, 8);
        ulong timeout = compat ? Wire.Get64(a, 8) : Wire.Get64(a, 16);
        if (count > SchedOp.MaxPollPorts) return -XenErrno.EINVAL; // "Fairly arbitrary limit"
        Domain d = caller.Domain;
        if (TwoLevelEvents.UpcallDeliverable(d, caller.Id)) return 0;
        SharedInfoPage? s = d.SharedInfo;
        uint port = 0;
        for (uint i = 0; i < count; i++)
        {
            rc = GuestAccess.ReadUInt32(caller, ports + i * 4, out port);
            if (rc != 0) return rc;
            if (!EventChannelTable.IsValid(port)) return -XenErrno.EINVAL;
            if (s is not null && IsPending(s, port)) return 0;
        }
        // With no ports and no timeout the vCPU sleeps until any event, as in Xen.
        ulong deadline = timeout == 0 || _timers is null ? VcpuTimers.Disarmed : (timeout == VcpuTimers.Disarmed ? timeout - 1 : timeout);
        caller.Timers.BeginPoll(count == 1 ? (int)port : -1, deadline);
        Block(caller);
        return 0;
    }

    private static bool IsPending(SharedInfoPage s, uint port) =>
        (s.ReadUInt64(SharedInfoLayout.EvtchnPending + (int)(port / TwoLevelEvents.BitsPerWord) * 8) &
         (1UL << (int)(port % TwoLevelEvents.BitsPerWord))) != 0;

    private long RemoteShutdown(Vcpu caller, ulong arg)
    {
        Span<byte> a = stackalloc byte[SchedOp.RemoteShutdownArgSize];
        int rc = GuestAccess.CopyFrom(caller, arg, a);
        if (rc != 0) return rc;
        ushort domid = (ushort)(a[0] | a[1] << 8);
        uint reason = Wire.Get32(a, 4);
        Domain? target = domid == caller.Domain.Id ? caller.Domain : _domains?.Find(domid);
        if (target is null) return -XenErrno.ESRCH; // rcu_lock_domain_by_id: DOMID_SELF is not an id either
        if (!caller.Domain.IsPrivileged) return -XenErrno.EPERM;
        target.Shutdown((ShutdownReason)(byte)reason);
        return 0;
    }
}
