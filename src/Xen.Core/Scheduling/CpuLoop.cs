// Every physical CPU's work (shared/DESIGN.md §4): pick a vCPU → arch Run → handle the arch-neutral exit →
// repeat, until no vCPU can run. All CPUs run the same loop object under HostLock (its file comment has the
// locking policy); the lock is dropped only while a guest executes and while a CPU idles. Error policy
// (Xen's CODING_STYLE): a guest error crashes that domain, the loop and every other domain continue.
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Public;
using Xen.Core.Time;

namespace Xen.Core.Scheduling;

/// <summary>The run loop of one physical CPU.</summary>
public sealed class CpuLoop
{
    /// <summary>The Bochs/QEMU debug port: guests write bytes to 0xE9 for early output (Xen's HVM debug port).</summary>
    public const ushort DebugPort = 0xE9;

    private readonly IVcpuScheduler _scheduler;
    private readonly HypercallDispatcher _hypercalls;
    private readonly IConsoleOutput _output;
    private readonly IPhysicalCpus _cpus;
    private readonly bool[] _idle;
    private readonly Vcpu?[] _runningVcpu;
    private readonly TimerQueue? _timers;
    private int _running;
    private bool _finished;

    /// <summary>Creates the loop for a uniprocessor machine.</summary>
    public CpuLoop(IVcpuScheduler scheduler, HypercallDispatcher hypercalls, IConsoleOutput output)
        : this(scheduler, hypercalls, output, new SingleCpu())
    {
    }

    /// <summary>Creates the loop that every CPU of <paramref name="cpus"/> runs (one instance, shared); it drives
    /// <paramref name="timers"/> (guest timers, poll timeouts, watchdogs, time publication) when given.</summary>
    public CpuLoop(IVcpuScheduler scheduler, HypercallDispatcher hypercalls, IConsoleOutput output, IPhysicalCpus cpus,
        TimerQueue? timers = null)
    {
        _timers = timers;
        _scheduler = scheduler;
        _hypercalls = hypercalls;
        _output = output;
        _cpus = cpus;
        _idle = new bool[cpus.Count];
        _runningVcpu = new Vcpu?[cpus.Count];
        // Allocated here, not lazily in Run: every CPU enters Run at once, before it holds HostLock, and the
        // object heap is not thread-safe (two racing lazy allocations corrupted it: a silent host triple fault
        // in about one SMP boot in four under multi-threaded TCG).
        ExitsPerCpu = new ulong[cpus.Count];
    }

    /// <summary>Exits handled so far (all CPUs).</summary>
    public ulong ExitsHandled { get; private set; }

    /// <summary>Exits handled per physical CPU.</summary>
    public ulong[] ExitsPerCpu { get; }

    /// <summary>Runs vCPUs on the calling CPU until the machine is done: no vCPU runnable, none executing on any
    /// CPU (every domain ended, or every vCPU blocked for good). Every CPU calls this; all return together.</summary>
    public void Run()
    {
        int cpu = _cpus.Current;
        ulong[] perCpu = ExitsPerCpu;
        HostLock.Acquire();
        Vcpu? vcpu = null;
        while (!_finished)
        {
            // A vCPU keeps its CPU across the exits the core handles (hypercalls, port I/O) until its slice ends:
            // an exit of kind None (the host tick or a kick interrupted it) or it blocks. Re-picking after every
            // hypercall would multiply its latency by the number of runnable vCPUs.
            // Timers first (Xen's timer softirq): an expiry may wake a blocked vCPU this pick should see.
            if (_timers is not null) _timers.FireExpired(_timers.Now);
            bool fresh = vcpu is null || !vcpu.IsPickable;
            if (fresh) vcpu = _scheduler.PickNext();
            if (vcpu is null)
            {
                // Finished only if nothing runs and no timer can wake anything; otherwise idle until a tick.
                if (_running == 0 && (_timers is null || _timers.NextDeadline == VcpuTimers.Disarmed))
                {
                    Finish(cpu);
                    break;
                }
                // Another CPU runs a vCPU that may wake others: sleep until a tick or its kick.
                _idle[cpu] = true;
                HostLock.Release();
                _cpus.WaitForWork();
                HostLock.Acquire();
                _idle[cpu] = false;
                continue;
            }
            IVcpuBackend? backend = vcpu.Backend;
            if (backend is null) { vcpu.Domain.Crash(vcpu, "vCPU has no arch backend"); continue; }
            if (fresh) _timers?.OnScheduled(vcpu); // pvclock, runstate and wallclock are current when it runs
            vcpu.RunningOn = cpu;
            _runningVcpu[cpu] = vcpu;
            _running++;
            VcpuExit exit = backend.Run(); // the backend drops HostLock while the guest executes
            _cpus.TakeInterrupts();
            vcpu.RunningOn = -1;
            _runningVcpu[cpu] = null;
            _running--;
            vcpu.ExitCount++;
            ExitsHandled++;
            perCpu[cpu]++;
            Handle(vcpu, backend, ref exit);
            KickOthers(cpu);
            if (exit.Kind == VcpuExitKind.None) vcpu = null;
        }
        HostLock.Release();
    }

    // Nothing runnable and nothing running: nothing can change any more. Tell the other CPUs to stop too.
    private void Finish(int cpu)
    {
        _finished = true;
        _output.Write("cpu");
        _output.WriteDecimal((ulong)cpu);
        _output.Write(": no runnable vCPU after ");
        _output.WriteDecimal(ExitsHandled);
        _output.WriteLine(" exits, leaving the run loop");
        for (int other = 0; other < _idle.Length; other++)
            if (other != cpu) _cpus.Kick(other);
    }

    // After an exit: idle CPUs should pick up vCPUs that became runnable beyond the one this CPU takes next,
    // and a CPU running a vCPU that now has an upcall waiting must exit so the upcall is injected (Xen's
    // vcpu_kick). IPIs are not free (an exit on the target), so idle CPUs are woken only for real work.
    private void KickOthers(int cpu)
    {
        int spare = -1;
        for (int other = 0; other < _idle.Length; other++)
        {
            if (other == cpu) continue;
            Vcpu? remote = _runningVcpu[other];
            if (remote is not null && remote.HasUndeliveredUpcall) _cpus.Kick(other);
            else if (_idle[other])
            {
                if (spare < 0) spare = _scheduler.CountPickable(_idle.Length + 1) - 1; // this CPU takes one
                if (spare > 0) { spare--; _idle[other] = false; _cpus.Kick(other); }
            }
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

    // Why a domain sleeps forever: each vCPU's state and event flags, and the first word of pending ports
    // (a lost wake-up shows as a pending, unmasked port with upcall_pending clear on a blocked vCPU).
    private static void DescribeBlocked(Domain d, IConsoleOutput output)
    {
        SharedInfoPage? s = d.SharedInfo;
        for (int v = 0; v < d.Vcpus.Length; v++)
        {
            output.Write("    vcpu");
            output.WriteDecimal((ulong)v);
            output.Write(d.Vcpus[v].State == VcpuState.Blocked ? ": blocked" : d.Vcpus[v].State == VcpuState.Down ? ": down" : ": runnable");
            if (s is not null && s.HasVcpuInfo(v))
            {
                output.Write(", upcall_pending ");
                output.WriteDecimal(s.ReadVcpuByte(v, SharedInfoLayout.UpcallPending));
                output.Write(", upcall_mask ");
                output.WriteDecimal(s.ReadVcpuByte(v, SharedInfoLayout.UpcallMask));
                output.Write(", pending_sel ");
                output.WriteHex(s.ReadVcpuUInt64(v, SharedInfoLayout.PendingSelector));
            }
            output.WriteLine();
        }
        if (s is null) return;
        output.Write("    ports 0-63 pending ");
        output.WriteHex(s.ReadUInt64(SharedInfoLayout.EvtchnPending));
        output.Write(", masked ");
        output.WriteHex(s.ReadUInt64(SharedInfoLayout.EvtchnMask));
        output.WriteLine();
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
                DescribeBlocked(d, output);
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
