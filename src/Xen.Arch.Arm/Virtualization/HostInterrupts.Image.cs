// Physical interrupts at EL2. They are never taken as exceptions by the hypervisor itself (PSTATE.I stays
// set at EL2): a guest run ends at the lower-EL IRQ vector, the idle loop wakes from WFI, and then every pending
// INTID is acknowledged here (ICC_IAR1_EL1) and ended (ICC_EOIR1_EL1, EOImode 0):
//   27 virtual timer (PPI 11): belongs to the vCPU whose timer registers are loaded; mask it (CNTV_CTL.IMASK in
//      the register and the saved copy, so the level-sensitive line drops before the EOI) and inject virtual 27;
//   26 EL2 physical timer (PPI 10): the time slice or an idle deadline ended; disarm it;
//   25 GIC maintenance (PPI 9): the list registers drained (ICH_HCR_EL2.UIE); the next entry refills them.
using Xen.Arch.Arm.Hardware;
using Xen.Arch.Arm.Virtualization.Gic;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Acknowledges and dispatches physical interrupts.</summary>
internal static unsafe class HostInterrupts
{
    /// <summary>Counts per INTID kind, for the statistics line.</summary>
    internal static ulong VirtualTimer, HypervisorTimer, Maintenance, Other, SpuriousTimer;

    /// <summary>Handles every pending interrupt.</summary>
    internal static void Drain()
    {
        for (int round = 0; round < 32; round++)
        {
            uint intid = HostGic.Acknowledge();
            if (intid >= 1020) return; // 1020-1023: special (1023 spurious: nothing pending)
            switch (intid)
            {
                case HostGic.VirtualTimerIntid:
                    VirtualTimer++;
                    TakeLoadedTimer();
                    break;
                case HostGic.HypervisorTimerIntid:
                    HypervisorTimer++;
                    SystemRegisters.WriteCnthpCtl(0);
                    break;
                case HostGic.MaintenanceIntid:
                    Maintenance++;
                    break;
                default:
                    Other++;
                    break;
            }
            HostGic.EndOfInterrupt(intid);
        }
    }

    private static void TakeLoadedTimer()
    {
        // The hardware is the truth for the loaded timer: ENABLE and ISTATUS set, IMASK clear = it fired.
        ulong control = SystemRegisters.ReadCntvCtl();
        if ((control & (Virtualization.VirtualTimer.Enable | Virtualization.VirtualTimer.InterruptMask | Virtualization.VirtualTimer.Status))
            != (Virtualization.VirtualTimer.Enable | Virtualization.VirtualTimer.Status))
        {
            SpuriousTimer++;
            return; // already masked or re-armed since: the line has dropped
        }
        SystemRegisters.WriteCntvCtl(control | Virtualization.VirtualTimer.InterruptMask);
        ArmVcpuBackend? owner = ArmVcpuBackend.Loaded;
        if (owner is null) return;
        // The owner's saved copy is current (it exited, nothing ran since): mask it there too, then inject.
        VcpuContext* context = owner.Context;
        context->El1[(int)El1Register.CntvCtl] = (control & ~Virtualization.VirtualTimer.Status) | Virtualization.VirtualTimer.InterruptMask;
        owner.DomainState.Vgic.Pend(owner.Vcpu.Id, Vgic.VirtualTimerPpi);
    }
}
