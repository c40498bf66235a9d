using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Public;
using Xen.Core.Scheduling;
using Xen.Core.Tests.Domains;

namespace Xen.Core.Tests.Scheduling;

public sealed class CpuLoopTests : IDisposable
{
    private readonly TestDomain _t = new();
    private readonly RoundRobinScheduler _scheduler = new();
    private readonly CpuLoop _loop;

    public CpuLoopTests()
    {
        _scheduler.Add(_t.Vcpu);
        _loop = new CpuLoop(_scheduler, HypercallDispatcher.CreateDefault(new HypervisorIdentity()), _t.Console);
    }

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Hypercall_port_output_and_shutdown_exits_are_handled_until_the_domain_ends()
    {
        _t.Domain.P2m.Write(0x1000, new byte[4]); // SHUTDOWN_poweroff
        foreach (char c in "hi\n") _t.Backend.Exits.Enqueue(new VcpuExit { Kind = VcpuExitKind.PortIo, Port = 0xE9, Size = 1, IsWrite = true, Value = c });
        _t.Backend.Exits.Enqueue(new VcpuExit { Kind = VcpuExitKind.PortIo, Port = 0x60, Size = 2 });
        _t.Backend.Exits.Enqueue(new VcpuExit { Kind = VcpuExitKind.Hypercall, Hypercall = new HypercallArgs(HypercallNumber.XenVersion) });
        _t.Backend.Exits.Enqueue(new VcpuExit { Kind = VcpuExitKind.Hypercall, Hypercall = new HypercallArgs(HypercallNumber.SchedOp, SchedOp.Shutdown, 0x1000) });
        _loop.Run();
        Assert.Equal(new long[] { (4 << 16) | 7 }, _t.Backend.HypercallResults);
        Assert.Equal(new uint[] { 0xFFFF }, _t.Backend.PortReads);
        Assert.Equal(3, _t.Backend.Skips);
        Assert.Equal(DomainState.ShutDown, _t.Domain.State);
        Assert.Contains("(d1) hi", _t.Console.Lines);
        Assert.True(CpuLoop.ReportDomains([_t.Domain], 1, _t.Console));
    }

    [Fact]
    public void A_fault_crashes_only_that_domain_with_a_register_dump()
    {
        _t.Backend.Exits.Enqueue(new VcpuExit { Kind = VcpuExitKind.Fault, Address = 0x9000_0000, Reason = "nested page fault outside the P2M" });
        _loop.Run();
        Assert.Equal(DomainState.Crashed, _t.Domain.State);
        Assert.Equal(ShutdownReason.Crash, _t.Domain.ShutdownReason);
        Assert.Equal(1, _t.Backend.Dumps);
        Assert.Contains("domain d1 crashed: nested page fault outside the P2M", _t.Console.Lines);
        Assert.False(CpuLoop.ReportDomains([_t.Domain], 1, _t.Console));
    }

    [Fact]
    public void A_halted_vcpu_blocks_and_the_loop_returns()
    {
        _loop.Run(); // the fake halts when its script is empty
        Assert.Equal(VcpuState.Blocked, _t.Vcpu.State);
        Assert.True(_t.Domain.IsAlive);
        Assert.False(CpuLoop.ReportDomains([_t.Domain], 1, _t.Console));
        Assert.Contains("blocked forever", _t.Console.Text);
    }

    [Fact]
    public void Round_robin_alternates_between_runnable_vcpus()
    {
        var other = new Vcpu(_t.Domain, 1);
        var rr = new RoundRobinScheduler();
        rr.Add(_t.Vcpu);
        rr.Add(other);
        Assert.Same(_t.Vcpu, rr.PickNext());
        Assert.Same(other, rr.PickNext());
        other.State = VcpuState.Blocked;
        Assert.Same(_t.Vcpu, rr.PickNext());
        Assert.Same(_t.Vcpu, rr.PickNext());
        _t.Vcpu.State = VcpuState.Down;
        Assert.Null(rr.PickNext());
    }
}
