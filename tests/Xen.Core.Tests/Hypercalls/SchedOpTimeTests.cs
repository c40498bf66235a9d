using Xen.Core.Domains;
using Xen.Core.Public;
using Xen.Core.Tests.Time;

namespace Xen.Core.Tests.Hypercalls;

public sealed class SchedOpTimeTests : IDisposable
{
    private const ulong Arg = TimeWorld.Arg;
    private const ulong Ports = 0x2000;
    private const ulong Unmapped = 0x7FFF_0000;
    private readonly TimeWorld _w = new();

    public SchedOpTimeTests() => _w.Backends[0].UnmappedLinearFrom = Unmapped;

    public void Dispose() => _w.Dispose();

    private long Poll(ulong timeout, params uint[] ports)
    {
        for (int i = 0; i < ports.Length; i++) _w.Put32(Ports + (ulong)i * 4, ports[i]);
        return PollRaw(Ports, (uint)ports.Length, timeout);
    }

    private long PollRaw(ulong ports, uint count, ulong timeout)
    {
        _w.Put64(Arg, ports);
        _w.Put64(Arg + 8, count);
        _w.Put64(Arg + 16, timeout);
        return _w.SchedOp(SchedOp.Poll);
    }

    private uint LoopbackPort()
    {
        _w.Put32(0x3000, MemoryOp.DomidSelf | (uint)MemoryOp.DomidSelf << 16);
        Assert.Equal(0, _w.Call(_w.V0, HypercallNumber.EventChannelOp, EventChannelOp.AllocUnbound, 0x3000));
        uint unbound = BitConverter.ToUInt32(_w.Get(0x3004, 4));
        _w.Put32(0x3000, MemoryOp.DomidSelf);
        _w.Put32(0x3004, unbound);
        Assert.Equal(0, _w.Call(_w.V0, HypercallNumber.EventChannelOp, EventChannelOp.BindInterdomain, 0x3000));
        uint local = BitConverter.ToUInt32(_w.Get(0x3008, 4));
        _w.ClearPending(local);
        return unbound; // sending on `local` makes `unbound` pending
    }

    private void Mask(uint port) => _w.Shared.WriteUInt64(SharedInfoLayout.EvtchnMask + (int)(port / 64) * 8,
        _w.Shared.ReadUInt64(SharedInfoLayout.EvtchnMask + (int)(port / 64) * 8) | 1UL << (int)(port % 64));

    private void Send(uint port)
    {
        _w.Put32(0x3000, port);
        Assert.Equal(0, _w.Call(_w.V0, HypercallNumber.EventChannelOp, EventChannelOp.Send, 0x3000));
    }

    [Fact]
    public void Poll_returns_at_once_when_a_listed_port_is_pending_even_masked()
    {
        uint port = LoopbackPort();
        Mask(port);
        Send(port + 1);
        Assert.True(_w.Pending(port));
        Assert.Equal(0, Poll(0, 5, port));
        Assert.Equal(VcpuState.Runnable, _w.V0.State);
        Assert.False(_w.V0.Timers.IsPolling);
    }

    [Fact]
    public void Poll_blocks_until_the_masked_port_becomes_pending()
    {
        uint port = LoopbackPort();
        Mask(port);
        Assert.Equal(0, Poll(0, port));
        Assert.Equal(VcpuState.Blocked, _w.V0.State);
        Assert.True(_w.V0.Timers.IsPolling);
        Send(port + 1); // the peer sends; the port is masked, so no upcall — but the poll ends
        Assert.Equal(VcpuState.Runnable, _w.V0.State);
        Assert.False(_w.V0.Timers.IsPolling);
        Assert.Equal(0, _w.Shared.ReadVcpuByte(0, SharedInfoLayout.UpcallPending));
    }

    [Fact]
    public void A_single_port_poll_ignores_other_masked_ports_but_a_multi_port_poll_takes_any()
    {
        uint a = LoopbackPort();
        uint b = LoopbackPort();
        Mask(a);
        Mask(b);
        Assert.Equal(0, Poll(0, a));
        Send(b + 1);
        Assert.Equal(VcpuState.Blocked, _w.V0.State);
        _w.ClearPending(b);
        _w.V0.Timers.EndPoll();
        Assert.Equal(0, Poll(0, a, 100));
        Send(b + 1);
        Assert.Equal(VcpuState.Runnable, _w.V0.State);
    }

    [Fact]
    public void Poll_with_a_timeout_wakes_at_that_system_time()
    {
        uint port = LoopbackPort();
        _w.Clock.Now = 1_000;
        ulong raised = _w.V0.UpcallsRaised;
        Assert.Equal(0, Poll(50_000, port));
        Assert.Equal(50_000UL, _w.Timers.NextDeadline);
        _w.Timers.FireExpired(49_999);
        Assert.Equal(VcpuState.Blocked, _w.V0.State);
        _w.Timers.FireExpired(50_000);
        Assert.Equal(VcpuState.Runnable, _w.V0.State);
        Assert.False(_w.V0.Timers.IsPolling);
        Assert.Equal(raised, _w.V0.UpcallsRaised); // a timeout is not an event
    }

    [Fact]
    public void Poll_rejects_more_than_128_ports_bad_ports_and_bad_pointers()
    {
        Assert.Equal(-XenErrno.EINVAL, PollRaw(Ports, 129, 0));
        Assert.Equal(-XenErrno.EINVAL, PollRaw(Ports, uint.MaxValue, 0));
        Assert.Equal(-XenErrno.EINVAL, Poll(0, 4096));
        Assert.Equal(-XenErrno.EINVAL, Poll(0, 1, uint.MaxValue));
        Assert.Equal(-XenErrno.EFAULT, PollRaw(Unmapped - 8, 4, 0));
        Assert.Equal(-XenErrno.EFAULT, _w.SchedOp(SchedOp.Poll, Unmapped - 8));
        Assert.Equal(VcpuState.Runnable, _w.V0.State);
        Assert.False(_w.V0.Timers.IsPolling);
    }

    [Fact]
    public void Poll_does_not_sleep_when_an_upcall_is_deliverable()
    {
        _w.Shared.WriteVcpuByte(0, SharedInfoLayout.UpcallPending, 1);
        Assert.Equal(0, PollRaw(Ports, 0, 0));
        Assert.Equal(VcpuState.Runnable, _w.V0.State);
    }

    [Fact]
    public void Remote_shutdown_is_ESRCH_for_unknown_domains_EPERM_unprivileged_and_works_privileged()
    {
        _w.Put(Arg, new byte[8]);
        _w.Put(Arg, 0x63, 0x00); // domid 99
        Assert.Equal(-XenErrno.ESRCH, _w.SchedOp(SchedOp.RemoteShutdown));
        _w.Put(Arg, 0xF0, 0x7F); // DOMID_SELF is not a domain id here
        Assert.Equal(-XenErrno.ESRCH, _w.SchedOp(SchedOp.RemoteShutdown));
        _w.Put(Arg, 0x01, 0x00);
        Assert.Equal(-XenErrno.EPERM, _w.SchedOp(SchedOp.RemoteShutdown));
        Assert.True(_w.Domain.IsAlive);
        Assert.Equal(-XenErrno.EFAULT, _w.SchedOp(SchedOp.RemoteShutdown, Unmapped - 4));
        _w.Domain.IsPrivileged = true;
        _w.Put32(Arg + 4, (uint)ShutdownReason.Reboot);
        Assert.Equal(0, _w.SchedOp(SchedOp.RemoteShutdown));
        Assert.Equal(ShutdownReason.Reboot, _w.Domain.ShutdownReason);
    }

    private long Watchdog(uint id, uint seconds)
    {
        _w.Put32(Arg, id);
        _w.Put32(Arg + 4, seconds);
        return _w.SchedOp(SchedOp.Watchdog);
    }

    [Fact]
    public void Watchdog_ids_follow_Xen()
    {
        Assert.Equal(-XenErrno.EINVAL, Watchdog(3, 1));
        Assert.Equal(-XenErrno.EEXIST, Watchdog(1, 1)); // not allocated
        Assert.Equal(1, Watchdog(0, 10));
        Assert.Equal(2, Watchdog(0, 10));
        Assert.Equal(-XenErrno.EEXIST, Watchdog(0, 10));
        Assert.Equal(0, Watchdog(2, 30));
        Assert.Equal(0, Watchdog(1, 0)); // free
        Assert.Equal(-XenErrno.EEXIST, Watchdog(1, 5));
        Assert.Equal(1, Watchdog(0, 5));
        Assert.Equal(-XenErrno.EFAULT, _w.SchedOp(SchedOp.Watchdog, Unmapped));
    }

    [Fact]
    public void Set_timer_op_arms_stops_and_tames_huge_timeouts()
    {
        _w.Clock.Now = 1_000;
        Assert.Equal(0, _w.Call(_w.V0, HypercallNumber.SetTimerOp, 5_000));
        Assert.Equal(5_000UL, _w.V0.Timers.SingleShotDeadline);
        Assert.Equal(0, _w.Call(_w.V0, HypercallNumber.SetTimerOp, 0));
        Assert.Equal(Xen.Core.Time.VcpuTimers.Disarmed, _w.V0.Timers.SingleShotDeadline);
        Assert.Equal(0, _w.Call(_w.V0, HypercallNumber.SetTimerOp, 1_000 + (1UL << 51)));
        Assert.Equal(1_000 + 100_000_000UL, _w.V0.Timers.SingleShotDeadline);
        Assert.Equal(0, _w.Call(_w.V0, HypercallNumber.SetTimerOp, 0x8000_0000_0000_0000));
        Assert.Equal(1_000 + 100_000_000UL, _w.V0.Timers.SingleShotDeadline);
    }
}
