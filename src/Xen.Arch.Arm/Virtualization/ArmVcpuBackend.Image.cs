// Xen.Core's IVcpuBackend for AArch64 at EL2: Run enters the guest through GuestEntry.s and loops over exits
// the arch layer resolves itself (PSCI, MMIO emulation, WFE) until one needs the core (GuestExitHandler).
// Around every entry: a raised event upcall becomes virtual PPI 31 (GUEST_EVTCHN_PPI, arch-arm.h), the vGIC
// loads its list registers, and after the exit reads them back; a physical interrupt exit drains the GIC
// (HostInterrupts) and returns to the scheduler.
using Xen.Arch.Arm.Hardware;
using Xen.Arch.Arm.Virtualization.Gic;
using Xen.Core.Console;
using Xen.Core.Domains;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>An EL1 guest vCPU.</summary>
internal sealed unsafe class ArmVcpuBackend : IVcpuBackend, IArmVcpu
{
    private readonly Vcpu _vcpu;
    private readonly ArmDomainState _domain;
    private readonly IConsoleOutput _output;
    private readonly VcpuContext* _context;
    private static ulong s_activeVttbr;

    internal ArmVcpuBackend(Vcpu vcpu, ArmDomainState domain, VcpuContext* context, IConsoleOutput output)
    {
        _vcpu = vcpu;
        _domain = domain;
        _context = context;
        _output = output;
        VcpuReset.Reset(context, 0, 0, vcpu.Id);
        context->Vttbr = domain.Vttbr;
        context->Cntvoff = domain.CounterOffset;
    }

    public VcpuContext* Context => _context;

    /// <summary>The vCPU whose EL1 registers (and so the virtual timer) the CPU holds: the last one entered.</summary>
    internal static ArmVcpuBackend? Loaded { get; private set; }

    /// <summary>The arch-neutral vCPU.</summary>
    internal Vcpu Vcpu => _vcpu;

    /// <summary>The domain's Arm state.</summary>
    internal ArmDomainState DomainState => _domain;

    /// <summary>Guest exits taken (including those handled inside Run).</summary>
    internal ulong Exits { get; private set; }

    public void LoadBootState(in VcpuBootState state)
    {
        // Arm has one entry protocol: arm64 Linux boot (VcpuReset), x0 = the device tree's IPA.
        VcpuReset.Reset(_context, state.EntryPoint, state.BootInfoAddress, _vcpu.Id);
        _context->Vttbr = _domain.Vttbr;
        _context->Cntvoff = _domain.CounterOffset;
        GuestRoutines.ForgetEl1();
    }

    public VcpuExit Run()
    {
        if (s_activeVttbr != _context->Vttbr || ArmDomainState.Stage2Stale)
        {
            ArmDomainState.Stage2Stale = false;
            GuestRoutines.ActivateStage2(_context->Vttbr);
            s_activeVttbr = _context->Vttbr;
        }
        Loaded = this;
        Vgic vgic = _domain.Vgic;
        IGicCpuInterface gic = HardwareGicCpuInterface.Instance;
        while (true)
        {
            if (_vcpu.UpcallsRaised != _vcpu.UpcallsDelivered)
            {
                // Xen on Arm signals events with PPI 31 (vcpu_mark_events_pending → vgic_inject_irq).
                _vcpu.UpcallsDelivered = _vcpu.UpcallsRaised;
                vgic.Pend(_vcpu.Id, Vgic.EventChannelPpi);
            }
            vgic.Load(_vcpu.Id, gic);
            GuestRoutines.Run(_context);
            Exits++;
            vgic.Save(_vcpu.Id, gic);
            if (_context->Vector == GuestExitHandler.VectorIrq || _context->Vector == GuestExitHandler.VectorFiq)
            {
                HostInterrupts.Drain();
                return default; // a preemption point
            }
            if (GuestExitHandler.Handle(_vcpu, _context, _domain.Mmio, out VcpuExit exit, vgic)) return exit;
            if (!_vcpu.IsRunnable) return default;
        }
    }

    public void CompleteHypercall(long result) => HypercallRegisters.Complete(_context, result);

    public void CompletePortIo(uint value) { } // no port I/O on Arm

    public void SkipInstruction() => _context->Pc += 4; // A64 instructions are 4 bytes

    public bool TryTranslateLinear(ulong linear, bool write, out ulong guestPhysical)
    {
        // MMU off (SCTLR_EL1.M = 0): virtual = intermediate physical. Otherwise walk the guest's stage-1 tables
        // with AT S1E1R; its EL1 registers are still loaded since this vCPU's exit (PAR_EL1: bit 0 F = fault,
        // bits [47:12] = the output address; Arm ARM, PAR_EL1).
        if ((_context->El1[(int)El1Register.Sctlr] & 1) == 0)
        {
            guestPhysical = linear;
            return true;
        }
        ulong par = GuestRoutines.TranslateStage1Read(linear);
        guestPhysical = (par & 0x0000FFFFFFFFF000) | (linear & 0xFFF);
        return (par & 1) == 0;
    }

    public void DumpState()
    {
        for (int i = 0; i < 31; i++)
        {
            _output.Write("    x");
            _output.WriteDecimal((ulong)i);
            _output.Write(i < 10 ? "  " : " ");
            _output.WriteHex(_context->X[i], 16);
            if (i % 4 == 3 || i == 30) _output.WriteLine();
        }
        _output.Write("    pc ");
        _output.WriteHex(_context->Pc, 16);
        _output.Write("    pstate ");
        _output.WriteHex(_context->Pstate, 16);
        _output.Write("    esr ");
        _output.WriteHex(_context->Esr, 16);
        _output.WriteLine();
        _output.Write("    far ");
        _output.WriteHex(_context->Far, 16);
        _output.Write("    ipa ");
        _output.WriteHex(ExitSyndrome.FaultIpa(_context->Hpfar, _context->Far), 16);
        _output.Write("    sctlr_el1 ");
        _output.WriteHex(_context->El1[(int)El1Register.Sctlr], 16);
        _output.WriteLine();
    }
}
