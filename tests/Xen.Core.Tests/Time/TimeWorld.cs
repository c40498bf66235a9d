// A domain with several vCPUs (fake backends), its shared_info, a domain table, a fake clock, the timer queue
// and the default dispatcher wired to both: what the timer, vcpu_op and sched_op tests share.
using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Memory;
using Xen.Core.Public;
using Xen.Core.Tests.Domains;
using Xen.Core.Time;

namespace Xen.Core.Tests.Time;

internal sealed unsafe class TimeWorld : IDisposable
{
    public const ulong Arg = 0x1000;
    public readonly TestMemory Memory = new(8);
    public readonly CapturingConsole Console = new();
    public readonly FakeClock Clock = new();
    public readonly DomainTable Domains = new();
    public readonly Domain Domain;
    public readonly FakeBackend[] Backends;
    public readonly TimerQueue Timers;
    public readonly HypercallDispatcher Dispatcher;

    public TimeWorld(int vcpus = 2, ulong pages = 256)
    {
        P2m p2m = P2m.Allocate(Memory.Pages, pages) ?? throw new InvalidOperationException("no memory");
        Domain = new Domain(1, "time", p2m, vcpus, Console);
        ulong sharedInfo = Memory.Pages->AllocatePages(1);
        new Span<byte>((void*)sharedInfo, SharedInfoPage.Size).Clear();
        Domain.SharedInfo = new SharedInfoPage(sharedInfo);
        Backends = new FakeBackend[vcpus];
        for (int i = 0; i < vcpus; i++)
        {
            Backends[i] = new FakeBackend();
            Domain.Vcpus[i].Backend = Backends[i];
            Domain.Vcpus[i].State = i == 0 ? VcpuState.Runnable : VcpuState.Down;
        }
        Domains.Add(Domain);
        Timers = new TimerQueue(Clock, Domains);
        Dispatcher = HypercallDispatcher.CreateDefault(new HypervisorIdentity(), Domains, Timers);
    }

    public Vcpu V0 => Domain.Vcpus[0];
    public SharedInfoPage Shared => Domain.SharedInfo!;

    public long Call(Vcpu caller, int number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0) =>
        Dispatcher.Dispatch(caller, new HypercallArgs((ulong)number, a0, a1, a2));

    public long VcpuOp(int cmd, uint vcpu, ulong arg = Arg, Vcpu? caller = null) =>
        Call(caller ?? V0, HypercallNumber.VcpuOp, (ulong)cmd, vcpu, arg);

    public long SchedOp(int cmd, ulong arg = Arg, Vcpu? caller = null) =>
        Call(caller ?? V0, HypercallNumber.SchedOp, (ulong)cmd, arg);

    public void Put(ulong gpa, params byte[] bytes) => Assert.Equal(0, Domain.P2m.Write(gpa, bytes));
    public void Put64(ulong gpa, ulong value) => Put(gpa, BitConverter.GetBytes(value));
    public void Put32(ulong gpa, uint value) => Put(gpa, BitConverter.GetBytes(value));

    public byte[] Get(ulong gpa, int length)
    {
        var b = new byte[length];
        Assert.Equal(0, Domain.P2m.Read(gpa, b));
        return b;
    }

    /// <summary>EVTCHNOP_bind_virq(VIRQ_TIMER, vcpu); the port.</summary>
    public uint BindTimer(int vcpu)
    {
        Put32(0x3000, EventChannelOp.VirqTimer);
        Put32(0x3004, (uint)vcpu);
        Assert.Equal(0, Call(V0, HypercallNumber.EventChannelOp, EventChannelOp.BindVirq, 0x3000));
        return BitConverter.ToUInt32(Get(0x3008, 4));
    }

    public bool Pending(uint port) =>
        (Shared.ReadUInt64(SharedInfoLayout.EvtchnPending + (int)(port / 64) * 8) & (1UL << (int)(port % 64))) != 0;

    public void ClearPending(uint port, int vcpu = 0)
    {
        int word = SharedInfoLayout.EvtchnPending + (int)(port / 64) * 8;
        Shared.WriteUInt64(word, Shared.ReadUInt64(word) & ~(1UL << (int)(port % 64)));
        Shared.WriteVcpuUInt64(vcpu, SharedInfoLayout.PendingSelector, 0);
        Shared.WriteVcpuByte(vcpu, SharedInfoLayout.UpcallPending, 0);
    }

    public void Dispose() => Memory.Dispose();
}
