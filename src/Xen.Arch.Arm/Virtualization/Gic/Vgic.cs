// A domain's virtual GICv3 (the interrupt model of Arm IHI 0069 as Xen's vgic-v3 presents it to domains):
// distributor state (GICD_CTLR group enables, the SPIs), one VgicCpu per vCPU, and delivery through the list
// registers of the virtual CPU interface:
//   Pend (a device, the timer, an SGI or an event upcall) → the line is pending; a blocked vCPU wakes;
//   Load (before each entry) → the most urgent deliverable lines go into free list registers (a less urgent
//     merely-pending one is evicted for a more urgent one); ICH_HCR_EL2.UIE asks for a maintenance interrupt
//     when lines are left over, so the guest exits once the list registers drain and the rest follows;
//   Save (after each exit) → the guest's acknowledgements and EOIs come back from the list-register states
//     (invalid = ended, active, pending): no trap per EOI is needed.
// Everything here is plain C# over an IGicCpuInterface: hosted tests drive it with a fake CPU interface. (Not a
// struct type parameter: ilc 10 then wants Internal.Runtime.MethodTable, which our corelib does not define.)
using Xen.Core.Domains;

namespace Xen.Arch.Arm.Virtualization.Gic;

/// <summary>The vGICv3 of one domain.</summary>
public sealed class Vgic
{
    /// <summary>SPIs provided (INTIDs 32-95): GICD_TYPER.ITLinesNumber = 2.</summary>
    public const int SpiCount = 64;

    /// <summary>One past the largest INTID.</summary>
    public const uint IntidLimit = 32 + SpiCount;

    /// <summary>INTIDs Xen gives domains (xen/include/public/arch-arm.h): GUEST_TIMER_VIRT_PPI 27,
    /// GUEST_TIMER_PHYS_S_PPI 29, GUEST_TIMER_PHYS_NS_PPI 30, GUEST_EVTCHN_PPI 31, GUEST_VPL011_SPI 32.</summary>
    public const uint VirtualTimerPpi = 27, PhysicalSecureTimerPpi = 29, PhysicalTimerPpi = 30, EventChannelPpi = 31, Vpl011Spi = 32;

    /// <summary>ICH_HCR_EL2 bits: En (0) enables the virtual CPU interface, UIE (1) the underflow maintenance
    /// interrupt (none or one list register valid) (Arm IHI 0069 §12.4.3).</summary>
    public const ulong ControlEnable = 1, ControlUnderflow = 2;

    private readonly Domain? _domain;
    private readonly IrqLine[] _spis = new IrqLine[SpiCount];

    /// <summary>Creates the vGIC for <paramref name="vcpuCount"/> vCPUs; <paramref name="domain"/> (optional in
    /// tests) is used to wake blocked vCPUs.</summary>
    public Vgic(int vcpuCount, Domain? domain)
    {
        _domain = domain;
        Cpus = new VgicCpu[vcpuCount];
        for (int i = 0; i < vcpuCount; i++) Cpus[i] = new VgicCpu(i);
        for (int i = 0; i < SpiCount; i++) _spis[i].ListRegister = -1;
    }

    /// <summary>Per-vCPU state.</summary>
    public VgicCpu[] Cpus { get; }

    /// <summary>GICD_CTLR bits 0-1 (EnableGrp1 / EnableGrp1A in the non-secure view); delivery needs one set.</summary>
    public uint DistributorControl { get; set; }

    /// <summary>True when the guest enabled group-1 forwarding in the distributor.</summary>
    public bool Group1Enabled => (DistributorControl & 3) != 0;

    /// <summary>The line of <paramref name="intid"/> as <paramref name="vcpuId"/> sees it (private lines are per vCPU).</summary>
    public ref IrqLine Line(int vcpuId, uint intid)
    {
        if (intid < 32) return ref Cpus[vcpuId].Private[intid];
        return ref _spis[intid - 32];
    }

    /// <summary>Makes <paramref name="intid"/> pending for <paramref name="vcpuId"/> (SPIs: for their target)
    /// and wakes that vCPU if it is blocked and the interrupt is enabled. False for INTIDs or vCPUs that do not exist.</summary>
    public bool Pend(int vcpuId, uint intid)
    {
        if (intid >= IntidLimit || (uint)vcpuId >= (uint)Cpus.Length) return false;
        ref IrqLine line = ref Line(vcpuId, intid);
        int target = intid < 32 ? vcpuId : line.Target < Cpus.Length ? line.Target : 0;
        line.Pending = true;
        Cpus[target].Injected++;
        Cpus[target].MaybePending = true;
        if (line.Enabled) Wake(target);
        return true;
    }

    /// <summary>Drives a level-sensitive line from a device model (vpl011): high makes it pending (and keeps
    /// re-pending it after each EOI while it stays high), low withdraws a pending state not yet given to the guest.</summary>
    public void SetLevel(int vcpuId, uint intid, bool high)
    {
        if (intid >= IntidLimit || (uint)vcpuId >= (uint)Cpus.Length) return;
        ref IrqLine line = ref Line(vcpuId, intid);
        if (line.Asserted == high) return;
        line.Asserted = high;
        if (high) Pend(vcpuId, intid);
        else line.Pending = false;
    }

    /// <summary>Clears a pending state (ICPENDR), also from the list register holding it.</summary>
    public void ClearPending(int vcpuId, uint intid)
    {
        ref IrqLine line = ref Line(vcpuId, intid);
        line.Pending = false;
        if (line.ListRegister >= 0) ChangeListRegister(intid < 32 ? vcpuId : line.Target, line.ListRegister, ListRegister.StatePending, ref line);
    }

    /// <summary>Clears an active state (ICACTIVER), also from the list register holding it.</summary>
    public void ClearActive(int vcpuId, uint intid)
    {
        ref IrqLine line = ref Line(vcpuId, intid);
        line.Active = false;
        if (line.ListRegister >= 0) ChangeListRegister(intid < 32 ? vcpuId : line.Target, line.ListRegister, ListRegister.StateActive, ref line);
    }

    /// <summary>True when the line is pending, in software or in its list register.</summary>
    public bool IsPending(int vcpuId, uint intid)
    {
        ref IrqLine line = ref Line(vcpuId, intid);
        if (line.Pending) return true;
        return line.ListRegister >= 0 && (ListRegister.State(LrValue(vcpuId, intid, ref line)) & ListRegister.StatePending) != 0;
    }

    /// <summary>True when the line is active, in software or in its list register.</summary>
    public bool IsActive(int vcpuId, uint intid)
    {
        ref IrqLine line = ref Line(vcpuId, intid);
        if (line.Active) return true;
        return line.ListRegister >= 0 && (ListRegister.State(LrValue(vcpuId, intid, ref line)) & ListRegister.StateActive) != 0;
    }

    /// <summary>True when <paramref name="vcpuId"/> has an interrupt to take: WFI and CPU_SUSPEND return.</summary>
    public bool HasDeliverable(int vcpuId)
    {
        if ((uint)vcpuId >= (uint)Cpus.Length) return false;
        VgicCpu cpu = Cpus[vcpuId];
        if (cpu.HasPendingListRegister()) return true;
        if (!Group1Enabled) return false;
        for (int i = 0; i < 32; i++)
            if (cpu.Private[i].Pending && cpu.Private[i].Enabled) return true;
        for (int i = 0; i < SpiCount; i++)
            if (_spis[i].Pending && _spis[i].Enabled && _spis[i].Target == vcpuId) return true;
        return false;
    }

    /// <summary>Before entering <paramref name="vcpuId"/>: fills the list registers and, if another vCPU's are
    /// loaded, switches the virtual CPU interface state (VMCR, active priorities) in <paramref name="hw"/>.</summary>
    public void Load(int vcpuId, IGicCpuInterface hw)
    {
        VgicCpu cpu = Cpus[vcpuId];
        int count = hw.ListRegisterCount < VgicCpu.MaxListRegisters ? hw.ListRegisterCount : VgicCpu.MaxListRegisters;
        // Lines pended again while in a list register: active → pending and active; pending: already is.
        for (int slot = 0; slot < count; slot++)
        {
            int intid = cpu.ListRegisterIntid[slot];
            if (intid < 0) continue;
            ref IrqLine line = ref Line(vcpuId, (uint)intid);
            if (!line.Pending) continue;
            line.Pending = false;
            cpu.ListRegisterValue[slot] = ListRegister.WithState(cpu.ListRegisterValue[slot],
                ListRegister.State(cpu.ListRegisterValue[slot]) | ListRegister.StatePending);
        }
        bool leftOver = false;
        for (int round = 0; cpu.MaybePending && round < count + 1; round++)
        {
            int best = BestCandidate(vcpuId);
            if (best < 0)
            {
                cpu.MaybePending = false;
                break;
            }
            ref IrqLine line = ref Line(vcpuId, (uint)best);
            int slot = FreeSlot(cpu, count, line.Priority);
            if (slot < 0) { leftOver = true; break; }
            line.Pending = false;
            line.ListRegister = (sbyte)slot;
            cpu.ListRegisterIntid[slot] = best;
            cpu.ListRegisterValue[slot] = ListRegister.Pending((uint)best, line.Priority);
        }
        for (int slot = 0; slot < count; slot++)
            hw.WriteListRegister(slot, cpu.ListRegisterIntid[slot] >= 0 ? cpu.ListRegisterValue[slot] : 0);
        if (hw.Loaded != cpu || cpu.ReloadInterfaceState)
        {
            VgicCpu? previous = hw.Loaded;
            if (previous is not null && previous != cpu)
            {
                previous.Vmcr = hw.ReadVmcr();
                previous.ActivePriorities = hw.ReadActivePriorities();
            }
            hw.WriteVmcr(cpu.Vmcr);
            hw.WriteActivePriorities(cpu.ActivePriorities);
            hw.Loaded = cpu;
            cpu.ReloadInterfaceState = false;
        }
        hw.WriteControl(ControlEnable | (leftOver ? ControlUnderflow : 0));
    }

    /// <summary>After <paramref name="vcpuId"/> exited: reads back what the guest did with its interrupts.</summary>
    public void Save(int vcpuId, IGicCpuInterface hw)
    {
        VgicCpu cpu = Cpus[vcpuId];
        int count = hw.ListRegisterCount < VgicCpu.MaxListRegisters ? hw.ListRegisterCount : VgicCpu.MaxListRegisters;
        for (int slot = 0; slot < count; slot++)
        {
            int intid = cpu.ListRegisterIntid[slot];
            if (intid < 0) continue;
            ulong value = hw.ReadListRegister(slot);
            ref IrqLine line = ref Line(vcpuId, (uint)intid);
            ulong state = ListRegister.State(value);
            if (state == ListRegister.StateInvalid) Release(cpu, slot, ref line);
            else
            {
                cpu.ListRegisterValue[slot] = value;
                line.Active = (state & ListRegister.StateActive) != 0;
            }
        }
        hw.WriteControl(ControlEnable); // no underflow interrupt while the hypervisor runs
    }

    /// <summary>PSCI CPU_ON: the vCPU starts with no interrupt state.</summary>
    public void ResetCpu(int vcpuId)
    {
        VgicCpu cpu = Cpus[vcpuId];
        for (int slot = 0; slot < VgicCpu.MaxListRegisters; slot++)
        {
            int intid = cpu.ListRegisterIntid[slot];
            if (intid >= 32) _spis[intid - 32].ListRegister = -1;
        }
        cpu.Reset();
    }

    // The most urgent line that is pending, enabled, not in a list register and routed to this vCPU; -1 if none.
    private int BestCandidate(int vcpuId)
    {
        if (!Group1Enabled) return -1;
        VgicCpu cpu = Cpus[vcpuId];
        int best = -1;
        int bestPriority = 256;
        for (int i = 0; i < 32; i++)
        {
            ref IrqLine l = ref cpu.Private[i];
            if (l.Pending && l.Enabled && l.ListRegister < 0 && l.Priority < bestPriority) { best = i; bestPriority = l.Priority; }
        }
        for (int i = 0; i < SpiCount; i++)
        {
            ref IrqLine l = ref _spis[i];
            if (l.Pending && l.Enabled && l.ListRegister < 0 && l.Target == vcpuId && l.Priority < bestPriority) { best = 32 + i; bestPriority = l.Priority; }
        }
        return best;
    }

    // A free list register, or one holding a merely-pending interrupt less urgent than `priority` (evicted
    // back to software pending); -1 when every register holds something at least as urgent or active.
    private int FreeSlot(VgicCpu cpu, int count, byte priority)
    {
        int victim = -1;
        int victimPriority = priority;
        for (int slot = 0; slot < count; slot++)
        {
            if (cpu.ListRegisterIntid[slot] < 0) return slot;
            ulong value = cpu.ListRegisterValue[slot];
            if (ListRegister.State(value) == ListRegister.StatePending && ListRegister.Priority(value) > victimPriority)
            {
                victim = slot;
                victimPriority = ListRegister.Priority(value);
            }
        }
        if (victim < 0) return -1;
        ref IrqLine evicted = ref Line(cpu.VcpuId, (uint)cpu.ListRegisterIntid[victim]);
        evicted.Pending = true;
        evicted.ListRegister = -1;
        cpu.MaybePending = true;
        cpu.ListRegisterIntid[victim] = -1;
        cpu.ListRegisterValue[victim] = 0;
        return victim;
    }

    private void ChangeListRegister(int owner, int slot, ulong clearState, ref IrqLine line)
    {
        if ((uint)owner >= (uint)Cpus.Length) return;
        VgicCpu cpu = Cpus[owner];
        ulong state = ListRegister.State(cpu.ListRegisterValue[slot]) & ~clearState;
        if (state == ListRegister.StateInvalid) Release(cpu, slot, ref line);
        else cpu.ListRegisterValue[slot] = ListRegister.WithState(cpu.ListRegisterValue[slot], state);
    }

    private ulong LrValue(int vcpuId, uint intid, ref IrqLine line)
    {
        int owner = intid < 32 ? vcpuId : line.Target;
        return (uint)owner < (uint)Cpus.Length ? Cpus[owner].ListRegisterValue[line.ListRegister] : 0;
    }

    private static void Release(VgicCpu cpu, int slot, ref IrqLine line)
    {
        line.ListRegister = -1;
        line.Active = false;
        if (line.Asserted)
        {
            // Level-sensitive and still high: pending again (Arm IHI 0069 §4.1.2, level-sensitive interrupts).
            line.Pending = true;
            cpu.MaybePending = true;
        }
        cpu.ListRegisterIntid[slot] = -1;
        cpu.ListRegisterValue[slot] = 0;
    }

    /// <summary>Wakes <paramref name="vcpuId"/> if it is blocked and has something to take (after an enable).</summary>
    public void WakeIfDeliverable(int vcpuId)
    {
        if ((uint)vcpuId >= (uint)Cpus.Length) return;
        Cpus[vcpuId].MaybePending = true; // an enable or a distributor change may have made lines deliverable
        if (HasDeliverable(vcpuId)) Wake(vcpuId);
    }

    private void Wake(int vcpuId)
    {
        if (_domain is null || (uint)vcpuId >= (uint)_domain.Vcpus.Length) return;
        Vcpu v = _domain.Vcpus[vcpuId];
        if (v.State == VcpuState.Blocked) v.State = VcpuState.Runnable;
    }
}
