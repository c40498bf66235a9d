// The per-vCPU timers Xen keeps in struct vcpu (xen/common/schedule.c): the single-shot timer
// (VCPUOP_set_singleshot_timer, set_timer_op), the periodic timer (VCPUOP_set_periodic_timer) and the
// SCHEDOP_poll timeout, plus the guest areas refreshed when the vCPU is scheduled (runstate, secondary
// vcpu_time_info). Deadlines are absolute system time in ns; Disarmed (ulong.MaxValue) means off. The state
// lives on the vCPU so arming never allocates; TimerQueue scans it.
namespace Xen.Core.Time;

/// <summary>Timer and time-area state of one vCPU.</summary>
public sealed class VcpuTimers
{
    /// <summary>Deadline value of a timer that is off.</summary>
    public const ulong Disarmed = ulong.MaxValue;

    /// <summary>When the single-shot timer fires, or <see cref="Disarmed"/>.</summary>
    public ulong SingleShotDeadline { get; internal set; } = Disarmed;

    /// <summary>The periodic timer's period in ns (0 = stopped).</summary>
    public ulong PeriodicPeriod { get; internal set; }

    /// <summary>When the periodic timer fires next, or <see cref="Disarmed"/>.</summary>
    public ulong PeriodicDeadline { get; internal set; } = Disarmed;

    /// <summary>True while the vCPU waits in SCHEDOP_poll.</summary>
    public bool IsPolling { get; private set; }

    /// <summary>The one port a single-port poll waits for, or -1 (any event of the domain ends the poll).</summary>
    public int PollPort { get; private set; } = -1;

    /// <summary>When the poll times out, or <see cref="Disarmed"/> (no timeout).</summary>
    public ulong PollDeadline { get; private set; } = Disarmed;

    /// <summary>Guest-linear address of the registered vcpu_runstate_info, or 0.</summary>
    public ulong RunstateArea { get; internal set; }

    /// <summary>Guest-linear address of the secondary vcpu_time_info
    /// (VCPUOP_register_vcpu_time_memory_area), or 0.</summary>
    public ulong TimeArea { get; internal set; }

    /// <summary>Version last written to <see cref="TimeArea"/> (even).</summary>
    public uint TimeAreaVersion { get; internal set; }

    /// <summary>VIRQ_TIMER events sent to this vCPU.</summary>
    public ulong TimerEvents { get; internal set; }

    /// <summary>Runstate accounting (vcpu_runstate_info); a new vCPU is RUNSTATE_offline until it first runs.</summary>
    public VcpuRunstate Runstate = new VcpuRunstate { State = Public.VcpuOp.RunstateOffline };

    /// <summary>The earliest armed deadline of this vCPU, or <see cref="Disarmed"/>.</summary>
    public ulong NextDeadline
    {
        get
        {
            ulong next = SingleShotDeadline;
            if (PeriodicDeadline < next) next = PeriodicDeadline;
            if (IsPolling && PollDeadline < next) next = PollDeadline;
            return next;
        }
    }

    /// <summary>Enters SCHEDOP_poll: wait for <paramref name="port"/> (-1: any) until <paramref name="deadline"/>.</summary>
    public void BeginPoll(int port, ulong deadline)
    {
        PollPort = port;
        PollDeadline = deadline;
        IsPolling = true;
    }

    /// <summary>Leaves SCHEDOP_poll (an event arrived or the timeout passed).</summary>
    public void EndPoll()
    {
        IsPolling = false;
        PollPort = -1;
        PollDeadline = Disarmed;
    }
}
