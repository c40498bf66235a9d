// Routes a hypercall by number to its handler. Unknown or unimplemented numbers get -ENOSYS, exactly as Xen
// answers a hypercall it does not provide; the guest is never faulted for asking.
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Public;

namespace Xen.Core.Hypercalls;

/// <summary>The hypercall table.</summary>
public sealed class HypercallDispatcher
{
    private readonly IHypercallHandler?[] _handlers = new IHypercallHandler?[HypercallNumber.Count];
    private readonly ulong[] _counts = new ulong[HypercallNumber.Count];

    /// <summary>Installs <paramref name="handler"/> for <paramref name="number"/>.</summary>
    public void Register(int number, IHypercallHandler handler) => _handlers[number] = handler;

    /// <summary>A dispatcher with the hypercalls this slice implements: xen_version, console_io, sched_op, memory_op, hvm_op,
    /// event_channel_op (interdomain peers are looked up in <paramref name="domains"/>), vcpu_op, set_timer_op, and the
    /// refusing physdev_op/sysctl/domctl/platform_op; <paramref name="timers"/> serves guest timers (null: timer ops -ENOSYS).</summary>
    public static HypercallDispatcher CreateDefault(HypervisorIdentity identity, DomainTable? domains = null, Time.TimerQueue? timers = null)
    {
        var dispatcher = new HypercallDispatcher();
        dispatcher.Register(HypercallNumber.XenVersion, new XenVersionHypercall(identity));
        dispatcher.Register(HypercallNumber.ConsoleIo, new ConsoleIoHypercall());
        dispatcher.Register(HypercallNumber.SchedOp, new SchedOpHypercall(timers, domains));
        dispatcher.Register(HypercallNumber.MemoryOp, new MemoryOpHypercall(identity));
        dispatcher.Register(HypercallNumber.HvmOp, new HvmOpHypercall(domains));
        dispatcher.Register(HypercallNumber.EventChannelOp, new EventChannelOpHypercall(domains));
        dispatcher.Register(HypercallNumber.VcpuOp, new VcpuOpHypercall(timers));
        dispatcher.Register(HypercallNumber.SetTimerOp, new SetTimerOpHypercall(timers));
        dispatcher.Register(HypercallNumber.PhysdevOp, new PhysdevOpHypercall());
        dispatcher.Register(HypercallNumber.Sysctl, new SysctlHypercall());
        dispatcher.Register(HypercallNumber.Domctl, new DomctlHypercall(domains));
        dispatcher.Register(HypercallNumber.PlatformOp, new PlatformOpHypercall());
        dispatcher.Register(HypercallNumber.GrantTableOp, new GrantTableOpHypercall(domains));
        return dispatcher;
    }

    /// <summary>Calls the handler for <paramref name="args"/>.Number; -ENOSYS when there is none.</summary>
    public long Dispatch(Vcpu caller, in HypercallArgs args)
    {
        caller.HypercallCount++;
        if (args.Number >= HypercallNumber.Count) return -XenErrno.ENOSYS;
        int number = (int)args.Number;
        _counts[number]++;
        IHypercallHandler? handler = _handlers[number];
        return handler is null ? -XenErrno.ENOSYS : handler.Invoke(caller, args);
    }

    /// <summary>Calls made to <paramref name="number"/> so far.</summary>
    public ulong CallCount(int number) => (uint)number < HypercallNumber.Count ? _counts[number] : 0;

    /// <summary>Prints <c>hypercall &lt;number&gt;: &lt;count&gt; calls</c> for every number used.</summary>
    public void PrintStatistics(IConsoleOutput output)
    {
        for (int i = 0; i < HypercallNumber.Count; i++)
        {
            if (_counts[i] == 0) continue;
            output.Write("hypercall ");
            output.WriteDecimal((ulong)i);
            output.Write(": ");
            output.WriteDecimal(_counts[i]);
            output.WriteLine(" calls");
        }
    }
}
