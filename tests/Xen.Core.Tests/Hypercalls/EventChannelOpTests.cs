using Xen.Core.Domains;
using Xen.Core.Events;
using Xen.Core.Hypercalls;
using Xen.Core.Public;
using Xen.Core.Tests.Domains;

namespace Xen.Core.Tests.Hypercalls;

public sealed class EventChannelOpTests : IDisposable
{
    private const ulong Arg = 0x1000;
    private readonly TestDomain _t = new();
    private readonly DomainTable _domains = new();
    private readonly HypercallDispatcher _dispatcher;

    public EventChannelOpTests()
    {
        _domains.Add(_t.Domain);
        _dispatcher = HypercallDispatcher.CreateDefault(new HypervisorIdentity(), _domains);
    }

    public void Dispose() => _t.Dispose();

    private SharedInfoPage Shared => _t.Domain.SharedInfo!;

    private long Op(int cmd, params uint[] words)
    {
        byte[] a = new byte[EventChannelOp.StatusSize];
        for (int i = 0; i < words.Length; i++) BitConverter.GetBytes(words[i]).CopyTo(a, i * 4);
        Assert.Equal(0, _t.Domain.P2m.Write(Arg, a));
        return _dispatcher.Dispatch(_t.Vcpu, new HypercallArgs(HypercallNumber.EventChannelOp, (ulong)cmd, Arg));
    }

    private uint Out(int offset)
    {
        byte[] b = new byte[4];
        _t.Domain.P2m.Read(Arg + (ulong)offset, b);
        return BitConverter.ToUInt32(b);
    }

    private const uint Self = MemoryOp.DomidSelf | (uint)MemoryOp.DomidSelf << 16; // dom, remote_dom = DOMID_SELF

    private uint AllocUnbound()
    {
        Assert.Equal(0, Op(EventChannelOp.AllocUnbound, Self));
        return Out(4);
    }

    private bool Pending(uint port) => (Shared.ReadUInt64(SharedInfoLayout.EvtchnPending + (int)(port / 64) * 8) & (1UL << (int)(port % 64))) != 0;
    private byte UpcallPending => Shared.ReadByte(SharedInfoLayout.UpcallPending);
    private ulong Selector => Shared.ReadUInt64(SharedInfoLayout.PendingSelector);

    private void ClearEvents(uint port)
    {
        Shared.WriteUInt64(SharedInfoLayout.EvtchnPending + (int)(port / 64) * 8, 0);
        Shared.WriteUInt64(SharedInfoLayout.PendingSelector, 0);
        Shared.WriteByte(SharedInfoLayout.UpcallPending, 0);
    }

    [Fact]
    public void Loopback_interdomain_send_sets_pending_selector_and_upcall()
    {
        uint unbound = AllocUnbound();
        Assert.Equal(1u, unbound); // port 0 is reserved
        Assert.Equal(0, Op(EventChannelOp.BindInterdomain, MemoryOp.DomidSelf, unbound));
        uint local = Out(8);
        Assert.Equal(2u, local);
        Assert.True(Pending(local)); // bind marks the new port pending (lost notifications)
        ClearEvents(local);
        Assert.Equal(0, Op(EventChannelOp.Send, local));
        Assert.True(Pending(unbound));
        Assert.Equal(1UL, Selector); // word 0
        Assert.Equal(1, UpcallPending);
        Assert.Equal(0, Op(EventChannelOp.Send, unbound)); // and the other way
        Assert.True(Pending(local));
        Assert.Equal(0, Op(EventChannelOp.Status, MemoryOp.DomidSelf, local));
        Assert.Equal(EventChannelOp.StatusInterdomain, Out(8));
        Assert.Equal(1u, Out(16));
        Assert.Equal(unbound, Out(20));
    }

    [Fact]
    public void Masked_port_stays_pending_until_unmask_delivers_it()
    {
        uint a = AllocUnbound();
        Assert.Equal(0, Op(EventChannelOp.BindInterdomain, MemoryOp.DomidSelf, a));
        uint b = Out(8);
        ClearEvents(b);
        Shared.WriteUInt64(SharedInfoLayout.EvtchnMask, 1UL << (int)a);
        Assert.Equal(0, Op(EventChannelOp.Send, b));
        Assert.True(Pending(a));
        Assert.Equal(0UL, Selector);
        Assert.Equal(0, UpcallPending);
        Assert.Equal(0, Op(EventChannelOp.Unmask, a));
        Assert.Equal(0UL, Shared.ReadUInt64(SharedInfoLayout.EvtchnMask));
        Assert.Equal(1UL, Selector);
        Assert.Equal(1, UpcallPending);
    }

    [Fact]
    public void Ipi_and_virq_ports()
    {
        Assert.Equal(0, Op(EventChannelOp.BindIpi, 0));
        uint ipi = Out(4);
        Assert.Equal(0, Op(EventChannelOp.Send, ipi));
        Assert.True(Pending(ipi));
        Assert.Equal(0, Op(EventChannelOp.BindVirq, EventChannelOp.VirqTimer, 0));
        uint timer = Out(8);
        Assert.Equal(-XenErrno.EEXIST, Op(EventChannelOp.BindVirq, EventChannelOp.VirqTimer, 0));
        Assert.Equal(-XenErrno.EINVAL, Op(EventChannelOp.Send, timer)); // VIRQ ports are not sendable
        Assert.True(_t.Domain.EventChannels.SendVirq(EventChannelOp.VirqTimer, 0));
        Assert.True(Pending(timer));
        Assert.Equal(0, Op(EventChannelOp.Status, MemoryOp.DomidSelf, timer));
        Assert.Equal(EventChannelOp.StatusVirq, Out(8));
        Assert.Equal(-XenErrno.EINVAL, Op(EventChannelOp.BindVcpu, timer, 0)); // per-vCPU VIRQ
        Assert.Equal(0, Op(EventChannelOp.Close, timer));
        Assert.False(Pending(timer));
        Assert.False(_t.Domain.EventChannels.SendVirq(EventChannelOp.VirqTimer, 0));
        Assert.Equal(0, Op(EventChannelOp.BindVirq, EventChannelOp.VirqTimer, 0)); // rebindable after close
    }

    [Fact]
    public void Close_returns_the_peer_to_unbound_and_reset_closes_everything()
    {
        uint a = AllocUnbound();
        Assert.Equal(0, Op(EventChannelOp.BindInterdomain, MemoryOp.DomidSelf, a));
        uint b = Out(8);
        Assert.Equal(0, Op(EventChannelOp.Close, b));
        Assert.Equal(EventChannelState.Unbound, _t.Domain.EventChannels.StateOf(a));
        Assert.Equal(-XenErrno.EINVAL, Op(EventChannelOp.Close, b));
        Assert.Equal(0, Op(EventChannelOp.Send, a)); // unbound: dropped silently
        Assert.Equal(0, Op(EventChannelOp.BindVcpu, a, 0));
        Assert.Equal(0, Op(EventChannelOp.Reset, MemoryOp.DomidSelf));
        Assert.Equal(0, _t.Domain.EventChannels.UsedCount);
    }

    [Theory]
    [InlineData(EventChannelOp.Send, 4096u, 0u)]
    [InlineData(EventChannelOp.Send, uint.MaxValue, 0u)]
    [InlineData(EventChannelOp.Send, 0u, 0u)]          // reserved port
    [InlineData(EventChannelOp.Send, 77u, 0u)]         // free port
    [InlineData(EventChannelOp.Close, 4096u, 0u)]
    [InlineData(EventChannelOp.Close, 0u, 0u)]
    [InlineData(EventChannelOp.Unmask, 5000u, 0u)]
    [InlineData(EventChannelOp.BindVcpu, 4096u, 0u)]
    [InlineData(EventChannelOp.BindVirq, 24u, 0u)]      // VIRQ beyond NR_VIRQS
    [InlineData(EventChannelOp.BindVirq, 2u, 1u)]       // global VIRQ on vCPU 1
    [InlineData(EventChannelOp.Status, MemoryOp.DomidSelf, 4096u)]
    [InlineData(EventChannelOp.BindInterdomain, MemoryOp.DomidSelf, 4096u)]
    [InlineData(EventChannelOp.BindInterdomain, MemoryOp.DomidSelf, 1u)] // not an unbound port
    public void Out_of_range_ports_and_bad_arguments_get_einval(int cmd, uint w0, uint w1) =>
        Assert.Equal(-XenErrno.EINVAL, Op(cmd, w0, w1));

    [Fact]
    public void Bad_vcpus_domains_pointers_and_fifo()
    {
        Assert.Equal(-XenErrno.ENOENT, Op(EventChannelOp.BindIpi, 1));
        Assert.Equal(-XenErrno.ENOENT, Op(EventChannelOp.BindIpi, uint.MaxValue));
        Assert.Equal(-XenErrno.ENOENT, Op(EventChannelOp.BindVirq, EventChannelOp.VirqTimer, 5));
        uint a = AllocUnbound();
        Assert.Equal(-XenErrno.ENOENT, Op(EventChannelOp.BindVcpu, a, 32));
        Assert.Equal(-XenErrno.ESRCH, Op(EventChannelOp.AllocUnbound, 9));
        Assert.Equal(-XenErrno.ESRCH, Op(EventChannelOp.BindInterdomain, 9, a));
        Assert.Equal(-XenErrno.ESRCH, Op(EventChannelOp.Reset, 9));
        Assert.Equal(-XenErrno.ENOSYS, Op(EventChannelOp.InitControl));
        Assert.Equal(-XenErrno.ENOSYS, Op(EventChannelOp.ExpandArray));
        Assert.Equal(-XenErrno.ENOSYS, Op(EventChannelOp.BindPirq));
        Assert.Equal(-XenErrno.ENOSYS, Op(99));
        Assert.Equal(-XenErrno.EFAULT, _dispatcher.Dispatch(_t.Vcpu,
            new HypercallArgs(HypercallNumber.EventChannelOp, EventChannelOp.AllocUnbound, _t.Domain.P2m.Size - 4)));
        Assert.Equal(-XenErrno.EFAULT, _dispatcher.Dispatch(_t.Vcpu,
            new HypercallArgs(HypercallNumber.EventChannelOp, EventChannelOp.Send, ulong.MaxValue)));
    }

    [Fact]
    public void Table_fills_at_4095_ports_then_enospc()
    {
        for (int i = 1; i < EventChannelTable.Capacity; i++) Assert.Equal(i, _t.Domain.EventChannels.AllocUnbound(1));
        Assert.Equal(-XenErrno.ENOSPC, Op(EventChannelOp.AllocUnbound, Self));
        Assert.Equal(0, Op(EventChannelOp.Send, 4095)); // the last port is real
    }

    [Fact]
    public void Events_between_two_domains_and_a_blocked_vcpu_wakes()
    {
        using var other = new TestDomain(); // memory and shared_info for a second domain, domid 2
        var d2 = new Domain(2, "peer", other.Domain.P2m, 1, other.Console) { SharedInfo = other.Domain.SharedInfo };
        d2.Vcpus[0].Backend = other.Backend;
        _domains.Add(d2);
        Assert.Equal(0, Op(EventChannelOp.AllocUnbound, MemoryOp.DomidSelf | 2u << 16));
        uint mine = Out(4);
        int theirs = d2.EventChannels.BindInterdomain(_t.Domain, mine);
        Assert.True(theirs > 0);
        SharedInfoPage peer = d2.SharedInfo!;
        Assert.Equal(1, peer.ReadByte(SharedInfoLayout.UpcallPending)); // the bind marked its new port pending
        peer.WriteUInt64(SharedInfoLayout.EvtchnPending, 0);
        peer.WriteUInt64(SharedInfoLayout.PendingSelector, 0);
        peer.WriteByte(SharedInfoLayout.UpcallPending, 0);
        d2.Vcpus[0].State = VcpuState.Blocked;
        Assert.Equal(0, Op(EventChannelOp.Send, mine));
        Assert.Equal(VcpuState.Runnable, d2.Vcpus[0].State);
        Assert.Equal(2UL, d2.Vcpus[0].UpcallsRaised);
        Assert.True((peer.ReadUInt64(SharedInfoLayout.EvtchnPending) & (1UL << theirs)) != 0);
        Assert.Equal(-XenErrno.EPERM, Op(EventChannelOp.AllocUnbound, 2));
    }

    [Fact]
    public void Block_returns_at_once_when_an_upcall_is_deliverable()
    {
        Shared.WriteByte(SharedInfoLayout.UpcallPending, 1);
        Assert.Equal(0, _dispatcher.Dispatch(_t.Vcpu, new HypercallArgs(HypercallNumber.SchedOp, SchedOp.Block)));
        Assert.Equal(VcpuState.Runnable, _t.Vcpu.State);
    }

    private sealed class CountingListener : IPortListener
    {
        public int Count;
        public void Notify() => Count++;
    }

    [Fact]
    public void A_hypervisor_listener_sees_sends_on_its_port()
    {
        uint port = (uint)_t.Domain.EventChannels.AllocUnbound(0);
        var listener = new CountingListener();
        _t.Domain.EventChannels.AttachListener(port, listener);
        Assert.Equal(0, Op(EventChannelOp.Send, port));
        Assert.Equal(1, listener.Count);
    }
}
