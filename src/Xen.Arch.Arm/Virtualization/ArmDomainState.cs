// Per-domain Arm state hung off Domain.ArchState: the stage-2 tables and their VMID, and the emulated devices.
namespace Xen.Arch.Arm.Virtualization;

/// <summary>Arm-specific state of one domain.</summary>
public sealed class ArmDomainState
{
    /// <summary>Creates the state for tables at <paramref name="stage2Root"/> tagged with <paramref name="vmid"/>.</summary>
    public ArmDomainState(ulong stage2Root, ushort vmid)
    {
        Stage2Root = stage2Root;
        Vmid = vmid;
        Mmio.Add(Vpl011.GuestBase, Vpl011.GuestSize, Uart);
    }

    /// <summary>Physical address of the L1 stage-2 table.</summary>
    public ulong Stage2Root { get; }

    /// <summary>The 8-bit VMID tagging this domain's TLB entries (VTTBR_EL2[55:48]; 0 is the hypervisor's).</summary>
    public ushort Vmid { get; }

    /// <summary>VTTBR_EL2: BADDR | VMID &lt;&lt; 48 (Arm ARM, VTTBR_EL2).</summary>
    public ulong Vttbr => Stage2Root | (ulong)Vmid << 48;

    /// <summary>Emulated MMIO windows.</summary>
    public MmioBus Mmio { get; } = new MmioBus();

    /// <summary>The domain's vpl011.</summary>
    public Vpl011 Uart { get; } = new Vpl011();
}
