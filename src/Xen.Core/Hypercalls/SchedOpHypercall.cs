// __HYPERVISOR_sched_op (29): sched_op(cmd, arg) per xen/include/public/sched.h. yield gives up the CPU,
// block waits for an event, shutdown ends the domain with a SHUTDOWN_* reason, shutdown_code records the
// reason a later shutdown will report. poll/remote_shutdown/watchdog are not provided yet (-ENOSYS,
// remote_shutdown -EPERM for unprivileged callers as under Xen's default XSM policy).
using Xen.Core.Domains;
using Xen.Core.Events;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>sched_op.</summary>
public sealed class SchedOpHypercall : IHypercallHandler
{
    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        switch ((long)args.Arg0)
        {
            case SchedOp.Yield:
                return 0;
            case SchedOp.Block:
                // Xen blocks and then unblocks at once if an event already waits for delivery (sched.h:
                // "SCHEDOP_block ... until an event is received"): never sleep through a pending upcall.
                if (!TwoLevelEvents.UpcallDeliverable(caller.Domain, caller.Id)) caller.State = VcpuState.Blocked;
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
            case SchedOp.RemoteShutdown:
                return caller.Domain.IsPrivileged ? -XenErrno.ENOSYS : -XenErrno.EPERM;
            default:
                return -XenErrno.ENOSYS;
        }
    }
}
