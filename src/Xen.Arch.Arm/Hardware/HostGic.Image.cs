// The host's GICv3 for the boot CPU, at EL2 (Arm IHI 0069 "GICv3 and GICv4 Architecture Specification"):
//   distributor (GICD): CTLR.ARE (affinity routing) then the group enables, waiting for RWP (§12.9.4);
//   redistributor of this CPU (GICR, two 64 KiB frames: RD_base, SGI_base): WAKER.ProcessorSleep cleared and
//     ChildrenAsleep polled (§12.11.45), the PPIs the hypervisor uses in group 1 with a priority, enabled;
//   CPU interface through system registers: ICC_SRE_EL2.SRE|Enable (EL1 may use ICC_SRE_EL1 too), PMR open,
//     EOImode 0 (EOIR drops priority and deactivates), group 1 enabled; ICH_HCR_EL2.En for the virtual interface.
// Interrupts are never taken at EL2 (PSTATE.I stays set): with HCR_EL2.IMO a physical IRQ while a guest runs
// leaves the guest through the lower-EL IRQ vector, and the idle loop wakes from WFI; both then drain
// ICC_IAR1_EL1. Addresses come from the DTB's arm,gic-v3 node (Configure; an ACPI boot would take them from
// the MADT's GICD/GICR entries), by default QEMU virt's (hw/arm/virt.c memmap: GIC_DIST 0x08000000,
// GIC_REDIST 0x080A0000).
using Xen.Runtime.Text;

namespace Xen.Arch.Arm.Hardware;

/// <summary>The physical GICv3 of the boot CPU.</summary>
internal static class HostGic
{
    /// <summary>QEMU virt's distributor and first redistributor (used when firmware named none).</summary>
    internal const ulong DefaultDistributor = 0x08000000, DefaultRedistributor = 0x080A0000;

    private static ulong s_distributor = DefaultDistributor, s_redistributorRegion = DefaultRedistributor;

    /// <summary>Uses the firmware's GICv3 bases (both below 1 GiB: the EL2 map has device memory only there).</summary>
    internal static void Configure(ulong distributor, ulong redistributorRegion)
    {
        if (distributor == 0 || redistributorRegion == 0 || distributor >= 1UL << 30 || redistributorRegion >= 1UL << 30) return;
        s_distributor = distributor;
        s_redistributorRegion = redistributorRegion;
    }

    /// <summary>INTIDs the hypervisor uses: the GIC maintenance PPI 9, the EL2 physical timer PPI 10 and the
    /// virtual timer PPI 11 (PPI n = INTID 16 + n; Arm BSA / QEMU virt: ARCH_GIC_MAINT_IRQ 9, ARCH_TIMER_NS_EL2_IRQ 10,
    /// ARCH_TIMER_VIRT_IRQ 11).</summary>
    internal const uint MaintenanceIntid = 25, HypervisorTimerIntid = 26, VirtualTimerIntid = 27;

    /// <summary>ICC_IAR1_EL1 value meaning "nothing pending" (special INTID 1023).</summary>
    internal const uint Spurious = 1023;

    private const ulong GicdCtlr = 0x0000, GicrWaker = 0x0014, GicrTyper = 0x0008;
    private const ulong SgiBase = 0x10000, GicrIgroupr0 = SgiBase + 0x0080, GicrIsenabler0 = SgiBase + 0x0100,
        GicrIcenabler0 = SgiBase + 0x0180, GicrIpriorityr = SgiBase + 0x0400;
    private const uint CtlrRwp = 1u << 31;

    private static ulong s_redistributor;

    /// <summary>Number of list registers (ICH_VTR_EL2.ListRegs + 1).</summary>
    internal static int ListRegisters { get; private set; }

    /// <summary>Brings up the distributor, this CPU's redistributor and its CPU interface.</summary>
    internal static bool Initialize()
    {
        // Distributor: ARE first (it changes the register layout), then group 0/1 enables (bits 0, 1;
        // with one security state bit 4 is ARE, bit 6 DS; in the non-secure view bit 4 is ARE_NS).
        SystemRegisters.MmioWrite32(s_distributor + GicdCtlr, 1u << 4);
        WaitRwp();
        SystemRegisters.MmioWrite32(s_distributor + GicdCtlr, 1u << 4 | 1u << 1 | 1u << 0);
        WaitRwp();

        // Find this CPU's redistributor: GICR_TYPER[63:32] = its affinity, bit 4 Last marks the final frame.
        ulong mpidr = SystemRegisters.Mpidr();
        uint affinity = (uint)(mpidr & 0xFFFFFF) | (uint)((mpidr >> 32) & 0xFF) << 24;
        ulong frame = s_redistributorRegion;
        for (int i = 0; i < 512; i++, frame += 0x20000)
        {
            uint low = SystemRegisters.MmioRead32(frame + GicrTyper), high = SystemRegisters.MmioRead32(frame + GicrTyper + 4);
            if (high == affinity) { s_redistributor = frame; break; }
            if ((low & (1u << 4)) != 0) break;
        }
        if (s_redistributor == 0) return false;

        // Wake the redistributor: clear ProcessorSleep (bit 1), wait for ChildrenAsleep (bit 2) to clear.
        uint waker = SystemRegisters.MmioRead32(s_redistributor + GicrWaker);
        SystemRegisters.MmioWrite32(s_redistributor + GicrWaker, waker & ~(1u << 1));
        for (int spin = 0; spin < 1000000 && (SystemRegisters.MmioRead32(s_redistributor + GicrWaker) & (1u << 2)) != 0; spin++) { }

        // SGIs/PPIs: all group 1, priority 0x80 for ours, only ours enabled.
        SystemRegisters.MmioWrite32(s_redistributor + GicrIcenabler0, 0xFFFFFFFF);
        SystemRegisters.MmioWrite32(s_redistributor + GicrIgroupr0, 0xFFFFFFFF);
        for (uint intid = MaintenanceIntid; intid <= VirtualTimerIntid; intid++)
        {
            ulong word = s_redistributor + GicrIpriorityr + (intid & ~3u);
            uint shift = (intid & 3) * 8;
            uint value = SystemRegisters.MmioRead32(word);
            SystemRegisters.MmioWrite32(word, (value & ~(0xFFu << (int)shift)) | 0x80u << (int)shift);
        }
        SystemRegisters.MmioWrite32(s_redistributor + GicrIsenabler0,
            1u << (int)MaintenanceIntid | 1u << (int)HypervisorTimerIntid | 1u << (int)VirtualTimerIntid);

        // CPU interface: ICC_SRE_EL2 = SRE (0) | DFB (1) | DIB (2) | Enable (3); PMR 0xFF lets every priority
        // through; BPR1 0; CTLR 0 (EOImode 0); IGRPEN1 = 1.
        SystemRegisters.WriteIccSreEl2(0xF);
        SystemRegisters.WriteIccPmr(0xFF);
        SystemRegisters.WriteIccBpr1(0);
        SystemRegisters.WriteIccCtlr(0);
        SystemRegisters.WriteIccIgrpen1(1);

        // Virtual CPU interface: ICH_VTR_EL2.ListRegs [4:0] = count - 1; ICH_HCR_EL2.En (bit 0).
        ListRegisters = (int)(SystemRegisters.ReadIchVtr() & 0x1F) + 1;
        for (int i = 0; i < ListRegisters; i++) SystemRegisters.WriteIchLr(i, 0);
        SystemRegisters.WriteIchHcr(1);
        return true;
    }

    /// <summary>Prints what was found.</summary>
    internal static void Report()
    {
        DebugConsole.Write("gic: GICv3 distributor ");
        DebugConsole.WriteHex(s_distributor, 8);
        DebugConsole.Write(", redistributor ");
        DebugConsole.WriteHex(s_redistributor);
        DebugConsole.Write(", ");
        DebugConsole.WriteDecimal(ListRegisters);
        DebugConsole.WriteLine(" list registers, PPIs 25/26/27 (maintenance, EL2 timer, virtual timer) enabled");
    }

    /// <summary>Acknowledges the highest-priority pending interrupt: its INTID, or <see cref="Spurious"/>.</summary>
    internal static uint Acknowledge() => (uint)SystemRegisters.ReadIccIar1() & 0xFFFFFF;

    /// <summary>Ends <paramref name="intid"/> (priority drop and deactivation, EOImode 0).</summary>
    internal static void EndOfInterrupt(uint intid) => SystemRegisters.WriteIccEoir1(intid);

    private static void WaitRwp()
    {
        for (int spin = 0; spin < 1000000 && (SystemRegisters.MmioRead32(s_distributor + GicdCtlr) & CtlrRwp) != 0; spin++) { }
    }
}
