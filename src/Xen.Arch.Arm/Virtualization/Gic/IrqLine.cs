// The state of one virtual interrupt as the guest's GIC registers describe it (Arm IHI 0069, §4.1 "Interrupt
// lifecycle"): enabled, pending, active, priority, edge/level configuration, and for SPIs the target vCPU
// (GICD_IROUTER). While it sits in a list register the hardware owns pending/active and ListRegister >= 0.
namespace Xen.Arch.Arm.Virtualization.Gic;

/// <summary>One virtual interrupt's state.</summary>
public struct IrqLine
{
    /// <summary>GICD_ISENABLER/GICR_ISENABLER0 bit.</summary>
    public bool Enabled;
    /// <summary>Pending and not yet in a list register (or to be added to the one it is in).</summary>
    public bool Pending;
    /// <summary>Active (the guest acknowledged it and has not ended it).</summary>
    public bool Active;
    /// <summary>Edge-triggered (ICFGR 0b10) rather than level-sensitive.</summary>
    public bool Edge;
    /// <summary>IPRIORITYR byte (lower is more urgent).</summary>
    public byte Priority;
    /// <summary>The list register holding it, or -1.</summary>
    public sbyte ListRegister;
    /// <summary>A level-sensitive source holds the line high: ended, it becomes pending again while this stays set.</summary>
    public bool Asserted;
    /// <summary>SPIs: the vCPU GICD_IROUTER names (Aff0), 0 for private interrupts.</summary>
    public byte Target;
}
