using Xen.Core.Domains;
using Xen.Core.Public;
using Xen.Core.Time;

namespace Xen.Core.Tests.Time;

public sealed class TimerQueueTests : IDisposable
{
    private readonly TimeWorld _w = new();

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Singleshot_fires_VIRQ_TIMER_at_its_deadline_and_not_before()
    {
        uint port = _w.BindTimer(0);
        _w.Timers.SetSingleShot(_w.V0, 1_000_000);
        Assert.Equal(1_000_000UL, _w.Timers.NextDeadline);
        Assert.Equal(0, _w.Timers.FireExpired(999_999));
        Assert.False(_w.Pending(port));
        Assert.Equal(1, _w.Timers.FireExpired(1_000_000));
        Assert.True(_w.Pending(port));
        Assert.Equal(1, _w.Shared.ReadVcpuByte(0, SharedInfoLayout.UpcallPending));
        Assert.Equal(VcpuTimers.Disarmed, _w.Timers.NextDeadline); // one shot
        Assert.Equal(0, _w.Timers.FireExpired(5_000_000));
        Assert.Equal(1UL, _w.V0.Timers.TimerEvents);
    }

    [Fact]
    public void Periodic_timer_rearms_one_period_after_each_firing_and_does_not_replay_missed_periods()
    {
        uint port = _w.BindTimer(0);
        _w.Clock.Now = 100;
        _w.Timers.SetPeriodic(_w.V0, 10_000_000);
        Assert.Equal(10_000_100UL, _w.Timers.NextDeadline);
        for (int i = 1; i <= 5; i++)
        {
            ulong due = 100 + (ulong)i * 10_000_000;
            Assert.Equal(0, _w.Timers.FireExpired(due - 1));
            Assert.Equal(1, _w.Timers.FireExpired(due));
            Assert.True(_w.Pending(port));
            _w.ClearPending(port);
        }
        // Late by 3.5 periods: one event, the next one a full period after the late firing.
        ulong late = 50_000_100 + 35_000_000;
        Assert.Equal(1, _w.Timers.FireExpired(late));
        Assert.Equal(late + 10_000_000, _w.Timers.NextDeadline);
        _w.Timers.SetPeriodic(_w.V0, 0);
        Assert.Equal(VcpuTimers.Disarmed, _w.Timers.NextDeadline);
        Assert.Equal(6UL, _w.V0.Timers.TimerEvents);
    }

    [Fact]
    public void A_timer_event_wakes_a_blocked_vcpu()
    {
        uint port = _w.BindTimer(0);
        Assert.Equal(0, _w.SchedOp(SchedOp.Block, 0));
        Assert.Equal(VcpuState.Blocked, _w.V0.State);
        _w.Timers.SetSingleShot(_w.V0, 2_000);
        _w.Timers.FireExpired(1_999);
        Assert.Equal(VcpuState.Blocked, _w.V0.State);
        _w.Timers.FireExpired(2_000);
        Assert.Equal(VcpuState.Runnable, _w.V0.State);
        Assert.True(_w.Pending(port));
        Assert.Equal(1UL, _w.V0.UpcallsRaised);
    }

    [Fact]
    public void Without_a_bound_VIRQ_TIMER_port_the_timer_fires_but_nothing_is_raised()
    {
        _w.Timers.SetSingleShot(_w.V0, 10);
        Assert.Equal(1, _w.Timers.FireExpired(10));
        Assert.Equal(0, _w.Shared.ReadVcpuByte(0, SharedInfoLayout.UpcallPending));
    }

    [Fact]
    public void A_timer_on_vcpu1_raises_the_port_bound_on_vcpu1()
    {
        uint port = _w.BindTimer(1);
        _w.Domain.Vcpus[1].State = VcpuState.Blocked;
        _w.Timers.SetSingleShot(_w.Domain.Vcpus[1], 7);
        _w.Timers.FireExpired(7);
        Assert.True(_w.Pending(port));
        Assert.Equal(1, _w.Shared.ReadVcpuByte(1, SharedInfoLayout.UpcallPending));
        Assert.Equal(0, _w.Shared.ReadVcpuByte(0, SharedInfoLayout.UpcallPending));
        Assert.Equal(VcpuState.Runnable, _w.Domain.Vcpus[1].State);
    }

    [Fact]
    public void NextDeadline_is_the_earliest_of_all_vcpus_and_dead_domains_do_not_count()
    {
        _w.Timers.SetSingleShot(_w.Domain.Vcpus[1], 900);
        _w.Timers.SetSingleShot(_w.V0, 500);
        Assert.Equal(500UL, _w.Timers.NextDeadline);
        _w.Timers.StopSingleShot(_w.V0);
        Assert.Equal(900UL, _w.Timers.NextDeadline);
        _w.Domain.Shutdown(ShutdownReason.PowerOff);
        Assert.Equal(VcpuTimers.Disarmed, _w.Timers.NextDeadline);
        Assert.Equal(0, _w.Timers.FireExpired(ulong.MaxValue - 1));
    }

    [Fact]
    public void OnScheduled_publishes_pvclock_with_an_even_version_and_the_wallclock_once()
    {
        _w.Clock.Now = 123_456_789;
        _w.Timers.OnScheduled(_w.V0);
        int t = SharedInfoLayout.VcpuInfo(0) + SharedInfoLayout.Time;
        uint version = _w.Shared.ReadUInt32(t + SharedInfoLayout.TimeVersion);
        Assert.Equal(0u, version & 1);
        Assert.NotEqual(0u, version);
        Assert.Equal(123_456_789UL + 5_000, _w.Shared.ReadUInt64(t + SharedInfoLayout.TimeTscTimestamp));
        Assert.Equal(123_456_789UL, _w.Shared.ReadUInt64(t + SharedInfoLayout.TimeSystemTime));
        Assert.Equal(_w.Clock.Scale.Multiplier, _w.Shared.ReadUInt32(t + SharedInfoLayout.TimeTscToSystemMul));
        Assert.Equal(SharedInfoLayout.TimeFlagTscStable, _w.Shared.ReadByte(t + SharedInfoLayout.TimeFlags));
        Assert.Equal(1_700_000_000u, _w.Shared.ReadUInt32(SharedInfoLayout.WcSec));
        Assert.Equal(250u, _w.Shared.ReadUInt32(SharedInfoLayout.WcNsec));
        uint wc = _w.Shared.ReadUInt32(SharedInfoLayout.WcVersion);
        _w.Clock.Now += 1_000;
        _w.Timers.OnScheduled(_w.V0);
        Assert.Equal(version + 2, _w.Shared.ReadUInt32(t + SharedInfoLayout.TimeVersion));
        Assert.Equal(wc, _w.Shared.ReadUInt32(SharedInfoLayout.WcVersion)); // wallclock only at start
        Assert.Equal(VcpuOp.RunstateRunning, _w.V0.Timers.Runstate.State);
    }

    [Fact]
    public void A_guest_extrapolating_pvclock_sees_system_time_advance_with_the_counter()
    {
        _w.Clock.Now = 1_000;
        _w.Timers.OnScheduled(_w.V0);
        int t = SharedInfoLayout.VcpuInfo(0) + SharedInfoLayout.Time;
        var scale = new PvClockScale(_w.Shared.ReadUInt32(t + SharedInfoLayout.TimeTscToSystemMul), (sbyte)_w.Shared.ReadByte(t + SharedInfoLayout.TimeTscShift));
        ulong stamp = _w.Shared.ReadUInt64(t + SharedInfoLayout.TimeTscTimestamp);
        ulong system = _w.Shared.ReadUInt64(t + SharedInfoLayout.TimeSystemTime);
        ulong laterCounter = stamp + 777_000;
        Assert.Equal(1_000UL + 777_000, system + scale.ToNanoseconds(laterCounter - stamp));
    }

    [Fact]
    public void Watchdog_expiry_shuts_the_domain_down_with_reason_watchdog()
    {
        _w.Clock.Now = 1_000;
        byte[] arg = new byte[8];
        BitConverter.GetBytes(2u).CopyTo(arg, 4); // id 0 (allocate), 2 s
        _w.Put(TimeWorld.Arg, arg);
        Assert.Equal(1, _w.SchedOp(SchedOp.Watchdog));
        Assert.Equal(1_000 + 2_000_000_000UL, _w.Timers.NextDeadline);
        _w.Timers.FireExpired(2_000_000_999);
        Assert.True(_w.Domain.IsAlive);
        _w.Timers.FireExpired(2_000_001_000);
        Assert.Equal(DomainState.ShutDown, _w.Domain.State);
        Assert.Equal(ShutdownReason.Watchdog, _w.Domain.ShutdownReason);
    }

    [Fact]
    public void A_down_vcpu_has_no_periodic_ticks_and_gets_one_at_once_when_it_comes_back_up()
    {
        Vcpu v1 = _w.Domain.Vcpus[1];
        uint port = _w.BindTimer(1);
        _w.Timers.SetPeriodic(v1, 10_000_000);
        Assert.Equal(VcpuState.Down, v1.State);
        Assert.Equal(VcpuTimers.Disarmed, _w.Timers.NextDeadline);
        Assert.Equal(0, _w.Timers.FireExpired(50_000_000));
        Assert.False(_w.Pending(port));
        v1.State = VcpuState.Runnable;
        Assert.Equal(10_000_000UL, _w.Timers.NextDeadline); // overdue
        Assert.Equal(1, _w.Timers.FireExpired(50_000_000));
        Assert.True(_w.Pending(port));
        Assert.Equal(60_000_000UL, _w.Timers.NextDeadline);
    }
}
