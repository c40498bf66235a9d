// The AArch64 shape of Xen.Core's per-CPU loop: the same pick → Run → CpuLoop.Handle cycle (the core's exit
// handling and hypercall table are reused through CpuLoop.Handle), plus what the core loop has no hook for yet:
//   - time: before each pick, saved virtual timers that fired are injected (PPI 27) and wake their vCPU;
//     each run is bounded by a time slice on the EL2 physical timer (CNTHP, PPI 10), so a spinning guest is
//     preempted and round-robin holds between vCPUs and domains;
//   - idle: when nothing is runnable but some vCPU waits with an armed timer, CNTHP is set to the earliest
//     deadline and the CPU sleeps in WFI (list registers emptied first); only when no vCPU can ever wake does
//     the loop end — the core loop ends as soon as nothing is runnable, which would end a guest that waits
//     for its timer.
using Xen.Arch.Arm.Hardware;
using Xen.Arch.Arm.Virtualization.Gic;
using Xen.Core.Console;
using Xen.Core.Domains;
using Xen.Core.Hypercalls;
using Xen.Core.Scheduling;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>The run loop of the boot CPU for Arm guests.</summary>
internal sealed unsafe class ArmCpuLoop
{
    /// <summary>Time slice in counter ticks: 2 ms at QEMU virt's 62.5 MHz (CNTFRQ_EL0).</summary>
    private const ulong SliceTicks = 125_000;

    private readonly RoundRobinScheduler _scheduler = new RoundRobinScheduler();
    private readonly CpuLoop _core;
    private readonly IConsoleOutput _output;
    private readonly Domain[] _domains;
    private readonly int _domainCount;
    private ulong _runs;
    // The slice being timed: reprogramming CNTHP costs a QEMU timer update, so it is armed only when another
    // vCPU is picked, the slice ran out, or the timer fired (HostInterrupts disarms it).
    private Vcpu? _sliceOwner;
    private ulong _sliceEnd, _hypervisorTimerSeen;

    internal ArmCpuLoop(Domain[] domains, int count, HypercallDispatcher dispatcher, IConsoleOutput output)
    {
        _domains = domains;
        _domainCount = count;
        _output = output;
        _core = new CpuLoop(_scheduler, dispatcher, output);
        for (int d = 0; d < count; d++)
            for (int v = 0; v < domains[d].Vcpus.Length; v++) _scheduler.Add(domains[d].Vcpus[v]);
    }

    /// <summary>Times the CPU slept in WFI.</summary>
    internal ulong IdleWaits { get; private set; }

    /// <summary>Virtual timer interrupts injected from saved registers (vCPU not running when it fired).</summary>
    internal ulong SavedTimerInjections { get; private set; }

    /// <summary>Sum of (injection − deadline) for timers injected from saved registers, in counter ticks.</summary>
    internal ulong InjectionLateness { get; private set; }

    /// <summary>Sum of (wake-up − deadline) over idle waits, in counter ticks: how late WFI + CNTHP wake the host.</summary>
    internal ulong IdleOvershoot { get; private set; }

    /// <summary>Runs until no vCPU can run or ever wake.</summary>
    internal void Run()
    {
        while (true)
        {
            ulong now = SystemRegisters.CounterValue();
            PollTimers(now);
            bool listening = PollConsoleInput();
            Vcpu? vcpu = _scheduler.PickNext();
            if (vcpu is null)
            {
                ulong deadline = EarliestDeadline(null, true);
                // A guest listening on its console (receive interrupts unmasked, e.g. a shell) waits for a person,
                // not forever: keep polling the console every InputPollTicks instead of leaving the loop.
                if (listening && (deadline == VirtualTimer.Never || deadline > now + InputPollTicks)) deadline = now + InputPollTicks;
                if (deadline == VirtualTimer.Never)
                {
                    _output.Write("cpu0: no runnable vCPU and no timer armed after ");
                    _output.WriteDecimal(_runs);
                    _output.WriteLine(" runs, leaving the run loop");
                    SystemRegisters.WriteCnthpCtl(0);
                    DumpBlocked();
                    return;
                }
                Idle(deadline);
                continue;
            }
            IVcpuBackend? backend = vcpu.Backend;
            if (backend is null) { vcpu.Domain.Crash(vcpu, "vCPU has no arch backend"); continue; }
            // The slice ends early at the next virtual-timer deadline of another vCPU (the running one's own
            // timer is in the hardware and interrupts it directly).
            ulong end = now + SliceTicks;
            ulong other = EarliestDeadline(vcpu, false);
            if (other < end) end = other;
            if (vcpu != _sliceOwner || now >= _sliceEnd || end < _sliceEnd || HostInterrupts.HypervisorTimer != _hypervisorTimerSeen)
            {
                _sliceOwner = vcpu;
                _sliceEnd = end;
                _hypervisorTimerSeen = HostInterrupts.HypervisorTimer;
                SystemRegisters.WriteCnthpCval(_sliceEnd);
                SystemRegisters.WriteCnthpCtl(1); // ENABLE, not masked
            }
            VcpuExit exit = backend.Run();
            _runs++;
            vcpu.ExitCount++;
            _core.Handle(vcpu, backend, ref exit);
        }
    }

    // 10 ms of the 62.5 MHz counter: how often an idle machine looks for console input.
    private const ulong InputPollTicks = 625_000;

    // Console input: bytes typed on the hypervisor's PL011 go to the first live domain whose vpl011 listens
    // (Xen's console focus defaults to the first domU the same way). The host UART is polled, not interrupt
    // driven, so input is seen at the next exit or within InputPollTicks when idle. True if some domain listens.
    private bool PollConsoleInput()
    {
        for (int d = 0; d < _domainCount; d++)
        {
            Domain domain = _domains[d];
            if (!domain.IsAlive || domain.ArchState is not ArmDomainState state || !state.Uart.WantsInput) continue;
            Vpl011 uart = state.Uart;
            while (uart.CanReceive && Pl011.TryRead(out byte value)) uart.Receive(value);
            return true;
        }
        return false;
    }

    private void PollTimers(ulong now)
    {
        ArmVcpuBackend? loaded = ArmVcpuBackend.Loaded;
        for (int d = 0; d < _domainCount; d++)
        {
            Domain domain = _domains[d];
            if (!domain.IsAlive) continue;
            for (int v = 0; v < domain.Vcpus.Length; v++)
            {
                Vcpu vcpu = domain.Vcpus[v];
                if (vcpu.State == VcpuState.Down || vcpu.Backend is not ArmVcpuBackend arm) continue;
                ulong deadline = VirtualTimer.PhysicalDeadline(arm.Context);
                if (!VirtualTimer.TakeIfFired(arm.Context, now)) continue;
                InjectionLateness += now - deadline;
                if (arm == loaded) SystemRegisters.WriteCntvCtl(arm.Context->El1[(int)El1Register.CntvCtl]);
                arm.DomainState.Vgic.Pend(vcpu.Id, Vgic.VirtualTimerPpi);
                SavedTimerInjections++;
            }
        }
    }

    // The earliest armed virtual-timer deadline (physical count) among vCPUs other than `except` that are
    // blocked (or, with blockedOnly false, not down).
    private ulong EarliestDeadline(Vcpu? except, bool blockedOnly)
    {
        ulong earliest = VirtualTimer.Never;
        for (int d = 0; d < _domainCount; d++)
        {
            Domain domain = _domains[d];
            if (!domain.IsAlive) continue;
            for (int v = 0; v < domain.Vcpus.Length; v++)
            {
                Vcpu vcpu = domain.Vcpus[v];
                if (vcpu == except || vcpu.State == VcpuState.Down || (blockedOnly && vcpu.State != VcpuState.Blocked)) continue;
                if (vcpu.Backend is not ArmVcpuBackend arm) continue;
                ulong deadline = VirtualTimer.PhysicalDeadline(arm.Context);
                if (deadline < earliest) earliest = deadline;
            }
        }
        return earliest;
    }

    // Why vCPUs of live domains can never run again: each vCPU's state, timer and interrupt state.
    private void DumpBlocked()
    {
        for (int d = 0; d < _domainCount; d++)
        {
            Domain domain = _domains[d];
            if (!domain.IsAlive) continue;
            var state = (ArmDomainState)domain.ArchState!;
            for (int v = 0; v < domain.Vcpus.Length; v++)
            {
                Vcpu vcpu = domain.Vcpus[v];
                if (vcpu.Backend is not ArmVcpuBackend arm) continue;
                VgicCpu cpu = state.Vgic.Cpus[v];
                _output.Write("  d");
                _output.WriteDecimal(domain.Id);
                _output.Write("v");
                _output.WriteDecimal((ulong)v);
                _output.Write(vcpu.State == VcpuState.Blocked ? " blocked: pc " : vcpu.State == VcpuState.Down ? " down: pc " : " runnable: pc ");
                _output.WriteHex(arm.Context->Pc);
                _output.Write(" CNTV_CTL ");
                _output.WriteHex(arm.Context->El1[(int)El1Register.CntvCtl]);
                _output.Write(" CVAL ");
                _output.WriteHex(arm.Context->El1[(int)El1Register.CntvCval]);
                _output.Write(" PPI27 ");
                _output.Write(cpu.Private[27].Pending ? "P" : "-");
                _output.Write(cpu.Private[27].Enabled ? "E" : "-");
                _output.Write(cpu.Private[27].Active ? "A" : "-");
                _output.Write(" LRs");
                for (int i = 0; i < 4; i++)
                {
                    _output.Write(" ");
                    _output.WriteHex(cpu.ListRegisterValue[i]);
                }
                _output.WriteLine();
            }
        }
    }

    private void Idle(ulong deadline)
    {
        IdleWaits++;
        _sliceOwner = null;
        HardwareGicCpuInterface.Instance.ClearListRegisters();
        SystemRegisters.WriteCnthpCval(deadline);
        SystemRegisters.WriteCnthpCtl(1);
        SystemRegisters.WaitForInterrupt();
        ulong woke = SystemRegisters.CounterValue();
        if (woke > deadline) IdleOvershoot += woke - deadline;
        HostInterrupts.Drain();
    }
}
