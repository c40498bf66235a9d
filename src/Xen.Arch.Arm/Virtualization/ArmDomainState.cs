// Per-domain Arm state hung off Domain.ArchState: the stage-2 tables and their VMID, the virtual counter
// offset, and the emulated devices — vpl011, the vGICv3 distributor and redistributors — on the MMIO bus.
using Xen.Arch.Arm.Virtualization.Gic;
using Xen.Core.Domains;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Arm-specific state of one domain.</summary>
public sealed unsafe class ArmDomainState : Xen.Core.Memory.IP2mObserver
{
    /// <summary>Creates the state for tables at <paramref name="stage2Root"/> tagged with <paramref name="vmid"/>;
    /// the vGIC gets one redistributor per vCPU of <paramref name="domain"/> (one when it is null: tests).</summary>
    public ArmDomainState(ulong stage2Root, ushort vmid, Domain? domain = null)
    {
        Stage2Root = stage2Root;
        Vmid = vmid;
        Vgic = new Vgic(domain is null ? 1 : domain.Vcpus.Length, domain);
        Uart.Interrupts = Vgic;
        Mmio.Add(Vpl011.GuestBase, Vpl011.GuestSize, Uart);
        Mmio.Add(VgicDistributor.GuestBase, VgicDistributor.GuestSize, new VgicDistributor(Vgic));
        Mmio.Add(VgicRedistributor.GuestBase, VgicRedistributor.GuestSize, new VgicRedistributor(Vgic));
    }

    /// <summary>Where stage-2 table pages come from when a P2M change needs a new table (null in tests that never
    /// change mappings).</summary>
    public Xen.Runtime.Memory.PhysicalPageAllocator* Pages { get; set; }

    /// <summary>The domain whose P2M this state mirrors.</summary>
    public Domain? Owner { get; set; }

    /// <summary>A P2M entry changed (grant frames, grant mappings): rewrite its stage-2 leaf and make the next
    /// entry invalidate this VMID's TLB entries (TLBI VMALLS12E1IS in xen_stage2_activate).</summary>
    public void FrameChanged(ulong gfn)
    {
        if (Owner is null) return;
        Xen.Core.Memory.P2m p2m = Owner.P2m;
        ulong host = p2m.HostPage(gfn);
        if (host != 0 && !p2m.IsScrubbed(gfn)) p2m.Scrub(gfn);
        if (!Stage2Tables.Update(Pages, Stage2Root, gfn << 12, host, p2m.IsReadOnly(gfn)))
        {
            Owner.Crash(null, "out of memory for stage-2 tables");
            return;
        }
        Stage2Stale = true;
    }

    /// <summary>Set when a stage-2 leaf changed: the next guest entry reloads VTTBR_EL2 and invalidates the VMID's
    /// TLB entries (one CPU runs guests on Arm today, so one flag serves all domains).</summary>
    internal static bool Stage2Stale { get; set; }

    /// <summary>Physical address of the L1 stage-2 table.</summary>
    public ulong Stage2Root { get; }

    /// <summary>The 8-bit VMID tagging this domain's TLB entries (VTTBR_EL2[55:48]; 0 is the hypervisor's).</summary>
    public ushort Vmid { get; }

    /// <summary>VTTBR_EL2: BADDR | VMID &lt;&lt; 48 (Arm ARM, VTTBR_EL2).</summary>
    public ulong Vttbr => Stage2Root | (ulong)Vmid << 48;

    /// <summary>CNTVOFF_EL2 for every vCPU of the domain: the physical count when it was built, so its virtual
    /// counter starts near zero (Xen: d->arch.virt_timer_base.offset).</summary>
    public ulong CounterOffset { get; set; }

    /// <summary>Emulated MMIO windows.</summary>
    public MmioBus Mmio { get; } = new MmioBus();

    /// <summary>The domain's vpl011.</summary>
    public Vpl011 Uart { get; } = new Vpl011();

    /// <summary>The domain's vGICv3.</summary>
    public Vgic Vgic { get; }
}
