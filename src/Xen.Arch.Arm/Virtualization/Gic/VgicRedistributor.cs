// The guest's GICv3 redistributors: one 128 KiB frame pair per vCPU (RD_base then SGI_base, 64 KiB each;
// GUEST_GICV3_RDIST_STRIDE 0x20000) in the region GUEST_GICV3_GICR0_BASE 0x03020000, GUEST_GICV3_GICR0_SIZE
// 0x01000000 (xen/include/public/arch-arm.h; room for 128 vCPUs). Register maps of Arm IHI 0069 §12.10/§12.11:
//   RD_base:  CTLR (no LPIs: RAZ/WI), IIDR, TYPER (64-bit: [63:32] affinity Aff3.Aff2.Aff1.Aff0, [23:8]
//             Processor_Number, bit 4 Last = the final frame of the region), STATUSR, WAKER (ProcessorSleep bit 1,
//             ChildrenAsleep bit 2 follows it at once), PIDR2 (ArchRev 3);
//   SGI_base: IGROUPR0 (RAO/WI), I[SC]ENABLER0, I[SC]PENDR0, I[SC]ACTIVER0, IPRIORITYR0-7, ICFGR0 (SGIs, read-only
//             edge), ICFGR1 (PPIs).
// Frames past the last vCPU read as zero and ignore writes. Wrong access sizes are refused (domain crash).
using Xen.Core.Domains;

namespace Xen.Arch.Arm.Virtualization.Gic;

/// <summary>Emulated GICR frames of one domain.</summary>
public sealed class VgicRedistributor : IMmioDevice
{
    /// <summary>GUEST_GICV3_GICR0_BASE.</summary>
    public const ulong GuestBase = 0x03020000;
    /// <summary>GUEST_GICV3_GICR0_SIZE.</summary>
    public const ulong GuestSize = 0x01000000;
    /// <summary>GUEST_GICV3_RDIST_STRIDE: RD_base + SGI_base.</summary>
    public const ulong Stride = 0x20000;

    /// <summary>RD_base offsets.</summary>
    public const ulong CTLR = 0x0, IIDR = 0x4, TYPER = 0x8, STATUSR = 0x10, WAKER = 0x14, PIDR2 = 0xFFE8;
    /// <summary>SGI_base offsets (from the frame pair's start).</summary>
    public const ulong SgiBase = 0x10000, IGROUPR0 = SgiBase + 0x80, ISENABLER0 = SgiBase + 0x100, ICENABLER0 = SgiBase + 0x180,
        ISPENDR0 = SgiBase + 0x200, ICPENDR0 = SgiBase + 0x280, ISACTIVER0 = SgiBase + 0x300, ICACTIVER0 = SgiBase + 0x380,
        IPRIORITYR = SgiBase + 0x400, ICFGR0 = SgiBase + 0xC00, ICFGR1 = SgiBase + 0xC04;

    /// <summary>GICR_WAKER bits.</summary>
    public const uint ProcessorSleep = 1u << 1, ChildrenAsleep = 1u << 2;

    private readonly Vgic _vgic;

    /// <summary>Creates the redistributors of <paramref name="vgic"/>.</summary>
    public VgicRedistributor(Vgic vgic) { _vgic = vgic; }

    /// <summary>GICR_TYPER of vCPU <paramref name="id"/> among <paramref name="count"/>.</summary>
    public static ulong Typer(int id, int count) =>
        (ulong)(uint)id << 32 | (ulong)(uint)id << 8 | (id == count - 1 ? 1UL << 4 : 0);

    /// <inheritdoc />
    public bool Read(Vcpu vcpu, ulong offset, int size, out ulong value)
    {
        value = 0;
        int id = (int)(offset / Stride);
        ulong register = offset % Stride;
        if (register == TYPER || register == TYPER + 4)
        {
            if (size != 8 && size != 4) return false;
            if (id >= _vgic.Cpus.Length) return true;
            ulong typer = Typer(id, _vgic.Cpus.Length);
            value = register == TYPER ? typer : typer >> 32;
            if (size == 4) value &= 0xFFFF_FFFF;
            return true;
        }
        if (register >= IPRIORITYR && register < IPRIORITYR + 32)
        {
            if (size != 1 && size != 4) return false;
            if (id < _vgic.Cpus.Length) value = VgicRegisters.ReadPriorities(_vgic, id, (uint)(register - IPRIORITYR), size);
            return true;
        }
        if (size != 4) return false;
        if (id >= _vgic.Cpus.Length) return true;
        switch (register)
        {
            case IIDR: value = VgicDistributor.Iidr; break;
            case WAKER: value = _vgic.Cpus[id].Asleep ? ProcessorSleep | ChildrenAsleep : 0; break;
            case PIDR2: value = VgicDistributor.Pidr2; break;
            case IGROUPR0: value = 0xFFFF_FFFF; break;
            case ISENABLER0: case ICENABLER0: value = VgicRegisters.ReadBits(_vgic, id, 0, VgicRegisters.Bank.Enable); break;
            case ISPENDR0: case ICPENDR0: value = VgicRegisters.ReadBits(_vgic, id, 0, VgicRegisters.Bank.Pending); break;
            case ISACTIVER0: case ICACTIVER0: value = VgicRegisters.ReadBits(_vgic, id, 0, VgicRegisters.Bank.Active); break;
            case ICFGR0: value = VgicRegisters.ReadConfig(_vgic, id, 0); break;
            case ICFGR1: value = VgicRegisters.ReadConfig(_vgic, id, 16); break;
        }
        return true;
    }

    /// <inheritdoc />
    public bool Write(Vcpu vcpu, ulong offset, int size, ulong value)
    {
        int id = (int)(offset / Stride);
        ulong register = offset % Stride;
        if (register == TYPER || register == TYPER + 4) return size == 8 || size == 4; // read-only
        if (register >= IPRIORITYR && register < IPRIORITYR + 32)
        {
            if (size != 1 && size != 4) return false;
            if (id < _vgic.Cpus.Length) VgicRegisters.WritePriorities(_vgic, id, (uint)(register - IPRIORITYR), size, value);
            return true;
        }
        if (size != 4) return false;
        if (id >= _vgic.Cpus.Length) return true;
        uint word = (uint)value;
        switch (register)
        {
            case WAKER: _vgic.Cpus[id].Asleep = (word & ProcessorSleep) != 0; break;
            case ISENABLER0: VgicRegisters.WriteBits(_vgic, id, 0, word, VgicRegisters.Bank.Enable, true); break;
            case ICENABLER0: VgicRegisters.WriteBits(_vgic, id, 0, word, VgicRegisters.Bank.Enable, false); break;
            case ISPENDR0: VgicRegisters.WriteBits(_vgic, id, 0, word, VgicRegisters.Bank.Pending, true); break;
            case ICPENDR0: VgicRegisters.WriteBits(_vgic, id, 0, word, VgicRegisters.Bank.Pending, false); break;
            case ISACTIVER0: VgicRegisters.WriteBits(_vgic, id, 0, word, VgicRegisters.Bank.Active, true); break;
            case ICACTIVER0: VgicRegisters.WriteBits(_vgic, id, 0, word, VgicRegisters.Bank.Active, false); break;
            case ICFGR1: VgicRegisters.WriteConfig(_vgic, id, 16, word); break;
        }
        return true; // everything else: WI
    }
}
