// One vCPU's part of the vGICv3: its private interrupts (SGIs 0-15, PPIs 16-31, Arm IHI 0069 §2.2 "INTIDs"),
// its redistributor's wake state, and the list registers it owns while it runs with their saved copies — the
// virtual CPU interface state that must follow the vCPU between physical CPUs and entries (ICH_VMCR_EL2 and the
// active-priority register: Arm IHI 0069 §6.4 "Virtual CPU interface", switching a vCPU saves/restores them).
namespace Xen.Arch.Arm.Virtualization.Gic;

/// <summary>Per-vCPU vGIC state.</summary>
public sealed class VgicCpu
{
    /// <summary>Most list registers the architecture has (ICH_VTR_EL2.ListRegs is 4 bits).</summary>
    public const int MaxListRegisters = 16;

    /// <summary>Creates the state of vCPU <paramref name="vcpuId"/>: SGIs edge-triggered, PPIs level-sensitive,
    /// everything disabled with priority 0 (the GIC's reset values).</summary>
    public VgicCpu(int vcpuId)
    {
        VcpuId = vcpuId;
        for (int i = 0; i < 32; i++)
        {
            Private[i].ListRegister = -1;
            Private[i].Edge = i < 16;
        }
        for (int i = 0; i < MaxListRegisters; i++) ListRegisterIntid[i] = -1;
    }

    /// <summary>The vCPU id (Aff0 of its MPIDR).</summary>
    public int VcpuId { get; }

    /// <summary>SGIs and PPIs, indexed by INTID.</summary>
    public IrqLine[] Private { get; } = new IrqLine[32];

    /// <summary>Which INTID each list register holds, -1 when free.</summary>
    public int[] ListRegisterIntid { get; } = new int[MaxListRegisters];

    /// <summary>Saved list-register values (current after an exit, written back before an entry).</summary>
    public ulong[] ListRegisterValue { get; } = new ulong[MaxListRegisters];

    /// <summary>Saved ICH_VMCR_EL2.</summary>
    public ulong Vmcr { get; set; }

    /// <summary>Saved ICH_AP1R0_EL2.</summary>
    public ulong ActivePriorities { get; set; }

    /// <summary>Set whenever a line routed here may have become deliverable (pended, enabled, evicted); the next
    /// Load searches for candidates only then, and clears it when none is left.</summary>
    public bool MaybePending { get; set; }

    /// <summary>Set when <see cref="Vmcr"/>/<see cref="ActivePriorities"/> were changed here and must be loaded
    /// even if the hardware still holds this vCPU's older values.</summary>
    public bool ReloadInterfaceState { get; set; }

    /// <summary>GICR_WAKER.ProcessorSleep as the guest left it (reset: asleep).</summary>
    public bool Asleep { get; set; } = true;

    /// <summary>Virtual interrupts this vCPU was given (made pending), for statistics.</summary>
    public ulong Injected { get; set; }

    /// <summary>True when some list register still holds a pending interrupt.</summary>
    public bool HasPendingListRegister()
    {
        for (int i = 0; i < MaxListRegisters; i++)
            if (ListRegisterIntid[i] >= 0 && (ListRegister.State(ListRegisterValue[i]) & ListRegister.StatePending) != 0) return true;
        return false;
    }

    /// <summary>Forgets every interrupt (PSCI CPU_ON of a vCPU that was off): lines idle, list registers free.</summary>
    public void Reset()
    {
        for (int i = 0; i < 32; i++)
        {
            Private[i].Pending = false;
            Private[i].Active = false;
            Private[i].ListRegister = -1;
        }
        for (int i = 0; i < MaxListRegisters; i++)
        {
            ListRegisterIntid[i] = -1;
            ListRegisterValue[i] = 0;
        }
        Vmcr = 0;
        ActivePriorities = 0;
        ReloadInterfaceState = true;
    }
}
