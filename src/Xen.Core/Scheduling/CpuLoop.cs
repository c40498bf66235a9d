// One physical CPU's work (shared/DESIGN.md §4): pick a vCPU → arch Run → handle the arch-neutral exit →
// repeat, until no vCPU can run. Error policy (Xen's CODING_STYLE): a guest error crashes that domain, the
// loop and every other domain continue.
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Public;

namespace Xen.Core.Scheduling;

/// <summary>The run loop of one physical CPU.</summary>
public sealed class CpuLoop
{
    /// <summary>The Bochs/QEMU debug port: guests write bytes to 0xE9 for early output (Xen's HVM debug port).</summary>
    public const ushort DebugPort = 0xE9;

    private readonly IVcpuScheduler _scheduler;
    private readonly HypercallDispatcher _hypercalls;
    private readonly IConsoleOutput _output;

    /// <summary>Creates the loop.</summary>
    public CpuLoop(IVcpuScheduler scheduler, HypercallDispatcher hypercalls, IConsoleOutput output)
    {
        _scheduler = scheduler;
        _hypercalls = hypercalls;
        _output = output;
    }

    /// <summary>Exits handled so far.</summary>
    public ulong ExitsHandled { get; private set; }

    /// <summary>Runs vCPUs until none is runnable (every domain ended, or every vCPU blocked).</summary>
    public void Run()
    {
        while (true)
        {
            Vcpu? vcpu = _scheduler.PickNext();
            if (vcpu is null)
            {
                _output.Write("cpu0: no runnable vCPU after ");
                _output.WriteDecimal(ExitsHandled);
                _output.WriteLine(" exits, leaving the run loop");
                return;
            }
            IVcpuBackend? backend = vcpu.Backend;
            if (backend is null) { vcpu.Domain.Crash(vcpu, "vCPU has no arch backend"); continue; }
            VcpuExit exit = backend.Run();
            vcpu.ExitCount++;
            ExitsHandled++;
            Handle(vcpu, backend, ref exit);
        }
    }

    /// <summary>Handles one exit of <paramref name="vcpu"/> (public for tests and other loop shapes).</summary>
    public void Handle(Vcpu vcpu, IVcpuBackend backend, ref VcpuExit exit)
    {
        switch (exit.Kind)
        {
            case VcpuExitKind.None:
                return;
            case VcpuExitKind.Hypercall:
                long result = _hypercalls.Dispatch(vcpu, exit.Hypercall);
                if (vcpu.Domain.IsAlive) backend.CompleteHypercall(result);
                return;
            case VcpuExitKind.PortIo:
                HandlePortIo(vcpu, backend, ref exit);
                return;
            case VcpuExitKind.Halt:
                // A halted vCPU sleeps until an event raises an upcall for it (TwoLevelEvents wakes it), unless
                // one is already waiting for injection: then the next entry delivers it after the HLT.
                backend.SkipInstruction();
                if (!vcpu.HasUndeliveredUpcall) vcpu.State = VcpuState.Blocked;
                return;
            case VcpuExitKind.Fault:
            case VcpuExitKind.Shutdown:
                vcpu.Domain.Crash(vcpu, exit.Reason ?? (exit.Kind == VcpuExitKind.Shutdown ? "triple fault" : "fatal fault"));
                return;
            default:
                vcpu.Domain.Crash(vcpu, "unknown exit kind");
                return;
        }
    }

    private static void HandlePortIo(Vcpu vcpu, IVcpuBackend backend, ref VcpuExit exit)
    {
        if (exit.IsWrite)
        {
            if (exit.Port == DebugPort) vcpu.Domain.DebugPort.Put((byte)exit.Value);
            backend.SkipInstruction();
            return;
        }
        // No emulated devices: reads float high, like an empty ISA bus.
        uint ones = exit.Size switch { 1 => 0xFFu, 2 => 0xFFFFu, _ => 0xFFFFFFFFu };
        backend.CompletePortIo(ones);
    }

    /// <summary>Reports every domain's fate; returns true when all shut down with poweroff.</summary>
    public static bool ReportDomains(Domain[] domains, int count, IConsoleOutput output)
    {
        bool allPoweredOff = true;
        for (int i = 0; i < count; i++)
        {
            Domain d = domains[i];
            output.Write("domain d");
            output.WriteDecimal(d.Id);
            output.Write(" (");
            output.Write(d.Name);
            output.Write("): ");
            if (d.State == DomainState.Running)
            {
                output.WriteLine("still running with no runnable vCPU (blocked forever)");
                allPoweredOff = false;
                continue;
            }
            output.Write(d.State == DomainState.Crashed ? "crashed" : "shut down");
            output.Write(", reason ");
            output.WriteLine(Domain.ReasonName(d.ShutdownReason));
            if (d.ShutdownReason != ShutdownReason.PowerOff) allPoweredOff = false;
        }
        return allPoweredOff;
    }
}
