// Guest timers of every domain on this CPU, driven by the run loop (Xen's timer softirq + schedule()):
//   FireExpired(now)  sends VIRQ_TIMER for each expired single-shot/periodic timer (send_timer_event), ends
//                     SCHEDOP_poll waits whose timeout passed, and shuts down domains whose watchdog expired;
//   NextDeadline      the earliest armed deadline, for the idle loop (sleep until then when nothing runs);
//   OnScheduled(v)    refreshes v's pvclock record, runstate area and the domain's wallclock before v runs
//                     (Xen's update_vcpu_system_time in schedule()).
// State lives on the vCPUs and domains (VcpuTimers, DomainWatchdog): arming is a field store, nothing
// allocates, and the queue scans the domain table (a handful of domains and vCPUs per host here) instead of
// keeping a heap. Periodic timers follow Xen's vcpu_periodic_timer_work: after a late firing the next one is a
// full period after the time it actually fired, so missed periods are not replayed.
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Time;

/// <summary>Timer bookkeeping and time publication for all guests.</summary>
public sealed unsafe class TimerQueue
{
    private readonly IHostClock _clock;
    private readonly DomainTable _domains;

    /// <summary>Creates the queue over <paramref name="domains"/>, reading time from <paramref name="clock"/>.</summary>
    public TimerQueue(IHostClock clock, DomainTable domains)
    {
        _clock = clock;
        _domains = domains;
    }

    /// <summary>The host clock.</summary>
    public IHostClock Clock => _clock;

    /// <summary>System time now (ns).</summary>
    public ulong Now => _clock.NowNanoseconds;

    /// <summary>Timer events (VIRQ_TIMER sends) so far.</summary>
    public ulong EventsSent { get; private set; }

    /// <summary>The earliest deadline of any live domain's timers, poll timeouts and watchdogs, or
    /// <see cref="VcpuTimers.Disarmed"/> when nothing is armed.</summary>
    public ulong NextDeadline
    {
        get
        {
            ulong next = VcpuTimers.Disarmed;
            for (int i = 0; i < _domains.Count; i++)
            {
                Domain d = _domains[i];
                if (!d.IsAlive) continue;
                if (d.Watchdog.NextDeadline < next) next = d.Watchdog.NextDeadline;
                Vcpu[] vcpus = d.Vcpus;
                for (int v = 0; v < vcpus.Length; v++)
                {
                    ulong t = DeadlineOf(vcpus[v]);
                    if (t < next) next = t;
                }
            }
            return next;
        }
    }

    /// <summary>Fires every timer due at <paramref name="nowNs"/>; returns how many fired.</summary>
    public int FireExpired(ulong nowNs)
    {
        int fired = 0;
        for (int i = 0; i < _domains.Count; i++)
        {
            Domain d = _domains[i];
            if (!d.IsAlive) continue;
            if (d.Watchdog.Expired(nowNs))
            {
                d.Shutdown(ShutdownReason.Watchdog);
                fired++;
                continue;
            }
            Vcpu[] vcpus = d.Vcpus;
            for (int v = 0; v < vcpus.Length; v++) fired += FireVcpu(vcpus[v], nowNs);
        }
        return fired;
    }

    // A vCPU that is down has no periodic timer running (Xen stops it when the vCPU is descheduled and re-arms it
    // when it runs again: a period that passed meanwhile fires once, at once); its single-shot stays armed.
    private static ulong DeadlineOf(Vcpu v)
    {
        VcpuTimers t = v.Timers;
        if (v.State != VcpuState.Down) return t.NextDeadline;
        return t.IsPolling && t.PollDeadline < t.SingleShotDeadline ? t.PollDeadline : t.SingleShotDeadline;
    }

    private int FireVcpu(Vcpu v, ulong now)
    {
        VcpuTimers t = v.Timers;
        if (DeadlineOf(v) > now) return 0;
        int fired = 0;
        if (t.SingleShotDeadline <= now)
        {
            t.SingleShotDeadline = VcpuTimers.Disarmed;
            SendTimerEvent(v);
            fired++;
        }
        if (t.PeriodicDeadline <= now && v.State != VcpuState.Down)
        {
            t.PeriodicDeadline = Add(now, t.PeriodicPeriod);
            SendTimerEvent(v);
            fired++;
        }
        if (t.IsPolling && t.PollDeadline <= now)
        {
            // poll_timer_fn: the poll ends and the vCPU runs again; SCHEDOP_poll has already returned 0.
            t.EndPoll();
            if (v.State == VcpuState.Blocked) v.State = VcpuState.Runnable;
            fired++;
        }
        return fired;
    }

    // send_timer_event: refresh the guest's time base, then VIRQ_TIMER on the vCPU's bound port (nothing
    // happens when the guest bound none, as in Xen).
    private void SendTimerEvent(Vcpu v)
    {
        v.Timers.TimerEvents++;
        EventsSent++;
        PublishTime(v);
        v.Domain.EventChannels.SendVirq(EventChannelOp.VirqTimer, v.Id);
    }

    /// <summary>Arms <paramref name="v"/>'s single-shot timer at absolute <paramref name="deadline"/> (a past
    /// deadline fires at the next <see cref="FireExpired"/>).</summary>
    public void SetSingleShot(Vcpu v, ulong deadline) =>
        v.Timers.SingleShotDeadline = deadline == VcpuTimers.Disarmed ? deadline - 1 : deadline;

    /// <summary>Stops <paramref name="v"/>'s single-shot timer.</summary>
    public void StopSingleShot(Vcpu v) => v.Timers.SingleShotDeadline = VcpuTimers.Disarmed;

    /// <summary>Starts <paramref name="v"/>'s periodic timer: first event one period from now, then every
    /// period (vcpu_set_periodic_timer). A period of 0 stops it.</summary>
    public void SetPeriodic(Vcpu v, ulong periodNs)
    {
        v.Timers.PeriodicPeriod = periodNs;
        v.Timers.PeriodicDeadline = periodNs == 0 ? VcpuTimers.Disarmed : Add(Now, periodNs);
    }

    /// <summary>Publishes <paramref name="v"/>'s time, runstate area and (once) the domain wallclock; call
    /// right before the vCPU runs.</summary>
    public void OnScheduled(Vcpu v)
    {
        _clock.Sample(out ulong counter, out ulong now);
        SharedInfoPage? s = v.Domain.SharedInfo;
        if (s is not null && s.ReadUInt32(SharedInfoLayout.WcVersion) == 0) PublishWallClock(v.Domain);
        Publish(v, counter, now);
        if (v.Timers.Runstate.State != VcpuOp.RunstateRunning) v.Timers.Runstate.Change(VcpuOp.RunstateRunning, now);
        WriteRunstateArea(v);
    }

    /// <summary>Publishes the wallclock at system time 0 into <paramref name="d"/>'s shared_info.</summary>
    public void PublishWallClock(Domain d) =>
        d.SharedInfo?.SetWallClock(_clock.WallClockSecondsAtBoot, _clock.WallClockNanosecondsAtBoot);

    /// <summary>Publishes <paramref name="v"/>'s vcpu_time_info (its vcpu_info and any registered secondary copy).</summary>
    public void PublishTime(Vcpu v)
    {
        _clock.Sample(out ulong counter, out ulong now);
        Publish(v, counter, now);
    }

    /// <summary>Records a runstate change of <paramref name="v"/> now (block, poll, down, up).</summary>
    public void NoteRunstate(Vcpu v, int state) => v.Timers.Runstate.Change(state, Now);

    /// <summary>Copies <paramref name="v"/>'s runstate to its registered area (if any).</summary>
    public void WriteRunstateArea(Vcpu v)
    {
        ulong area = v.Timers.RunstateArea;
        if (area == 0) return;
        byte* buffer = stackalloc byte[VcpuOp.RunstateInfoSize];
        var span = new System.Span<byte>(buffer, VcpuOp.RunstateInfoSize);
        v.Timers.Runstate.WriteTo(span);
        GuestAccess.CopyTo(v, area, span); // a stale area is the guest's problem, as in Xen
    }

    private void Publish(Vcpu v, ulong counter, ulong now)
    {
        PvClockScale scale = _clock.Scale;
        bool stable = _clock.CounterIsStable;
        v.Domain.SharedInfo?.SetVcpuTime(v.Id, counter, now, scale, stable);
        ulong area = v.Timers.TimeArea;
        if (area == 0) return;
        // The secondary copy lives in guest memory reached through guest copies: version odd first, then
        // the body, then the next even version, the same protocol as the primary record.
        byte* record = stackalloc byte[SharedInfoLayout.TimeInfoSize];
        for (int i = 0; i < SharedInfoLayout.TimeInfoSize; i++) record[i] = 0;
        SharedInfoPage.WriteTimeInfo(record, counter, now, scale, stable);
        uint odd = v.Timers.TimeAreaVersion | 1;
        *(uint*)record = odd;
        if (GuestAccess.CopyTo(v, area, new System.ReadOnlySpan<byte>(record, 4)) != 0) return;
        System.Threading.Interlocked.MemoryBarrier();
        GuestAccess.CopyTo(v, area + 8, new System.ReadOnlySpan<byte>(record + 8, SharedInfoLayout.TimeInfoSize - 8));
        System.Threading.Interlocked.MemoryBarrier();
        *(uint*)record = odd + 1;
        v.Timers.TimeAreaVersion = odd + 1;
        GuestAccess.CopyTo(v, area, new System.ReadOnlySpan<byte>(record, 4));
    }

    private static ulong Add(ulong a, ulong b)
    {
        ulong sum = a + b;
        return sum < a || sum == VcpuTimers.Disarmed ? VcpuTimers.Disarmed - 1 : sum;
    }
}
