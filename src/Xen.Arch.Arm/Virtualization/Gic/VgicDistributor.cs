// The guest's GICv3 distributor (GICD) at GUEST_GICV3_GICD_BASE 0x03001000, GUEST_GICV3_GICD_SIZE 0x10000
// (xen/include/public/arch-arm.h), register map of Arm IHI 0069 §12.9 with affinity routing always on (as Xen:
// ARE_NS reads as one). Private INTIDs (0-31) are the redistributors' business, so their GICD words are RAZ/WI.
// Every interrupt is group 1 (IGROUPR RAO/WI). Policy for guest mistakes, as Xen's vgic-v3: an offset we do
// not implement reads as zero and ignores writes; an access of a size the register does not allow is
// refused (the exit handler crashes the domain; Xen injects a data abort).
using Xen.Core.Domains;

namespace Xen.Arch.Arm.Virtualization.Gic;

/// <summary>Emulated GICD of one domain.</summary>
public sealed class VgicDistributor : IMmioDevice
{
    /// <summary>GUEST_GICV3_GICD_BASE.</summary>
    public const ulong GuestBase = 0x03001000;
    /// <summary>GUEST_GICV3_GICD_SIZE.</summary>
    public const ulong GuestSize = 0x10000;

    /// <summary>Register offsets (IHI 0069 Table 12-25).</summary>
    public const ulong CTLR = 0x0, TYPER = 0x4, IIDR = 0x8, TYPER2 = 0xC, STATUSR = 0x10, IGROUPR = 0x80, ISENABLER = 0x100,
        ICENABLER = 0x180, ISPENDR = 0x200, ICPENDR = 0x280, ISACTIVER = 0x300, ICACTIVER = 0x380, IPRIORITYR = 0x400,
        ICFGR = 0xC00, IROUTER = 0x6000, PIDR2 = 0xFFE8;

    /// <summary>GICD_CTLR.ARE_NS (bit 4): affinity routing, always on.</summary>
    public const uint ControlAre = 1u << 4;

    /// <summary>GICD_TYPER: ITLinesNumber [4:0] = 2 (96 INTIDs), IDbits [23:19] = 9 (10-bit INTIDs), no LPIs,
    /// no security extension.</summary>
    public const uint Typer = (Vgic.IntidLimit / 32 - 1) | 9u << 19;

    /// <summary>GICD_IIDR: implementer 0x43B (Arm), as Xen reports.</summary>
    public const uint Iidr = 0x43B;

    /// <summary>PIDR2.ArchRev [7:4] = 3: GICv3.</summary>
    public const uint Pidr2 = 0x3B;

    private readonly Vgic _vgic;

    /// <summary>Creates the distributor of <paramref name="vgic"/>.</summary>
    public VgicDistributor(Vgic vgic) { _vgic = vgic; }

    /// <inheritdoc />
    public bool Read(Vcpu vcpu, ulong offset, int size, out ulong value)
    {
        value = 0;
        if (offset >= IROUTER && offset < IROUTER + 8 * Vgic.IntidLimit)
        {
            if (size != 8 && size != 4) return false;
            uint intid = (uint)((offset - IROUTER) / 8);
            if (intid < 32) return true;
            ulong route = _vgic.Line(vcpu.Id, intid).Target;
            value = (offset & 4) != 0 ? route >> 32 : route;
            if (size == 4) value &= 0xFFFF_FFFF;
            return true;
        }
        if (offset >= IPRIORITYR && offset < IPRIORITYR + Vgic.IntidLimit)
        {
            if (size != 1 && size != 4) return false;
            uint intid = (uint)(offset - IPRIORITYR);
            if (intid >= 32) value = VgicRegisters.ReadPriorities(_vgic, vcpu.Id, intid, size);
            return true;
        }
        if (size != 4) return false;
        ulong register = offset & ~3UL;
        switch (register)
        {
            case CTLR: value = ControlAre | _vgic.DistributorControl; return true;
            case TYPER: value = Typer; return true;
            case IIDR: value = Iidr; return true;
            case PIDR2: value = Pidr2; return true;
        }
        if (Bank(register, out ulong bankBase, out VgicRegisters.Bank bank, out _))
        {
            uint first = (uint)(register - bankBase) * 8;
            if (first >= 32) value = VgicRegisters.ReadBits(_vgic, vcpu.Id, first, bank);
            return true;
        }
        if (register >= IGROUPR && register < IGROUPR + 0x80)
        {
            uint first = (uint)(register - IGROUPR) * 8;
            if (first >= 32 && first < Vgic.IntidLimit) value = 0xFFFF_FFFF; // all group 1
            return true;
        }
        if (register >= ICFGR && register < ICFGR + 0x100)
        {
            uint first = (uint)(register - ICFGR) * 4;
            if (first >= 32) value = VgicRegisters.ReadConfig(_vgic, vcpu.Id, first);
            return true;
        }
        return true; // unimplemented: RAZ
    }

    /// <inheritdoc />
    public bool Write(Vcpu vcpu, ulong offset, int size, ulong value)
    {
        if (offset >= IROUTER && offset < IROUTER + 8 * Vgic.IntidLimit)
        {
            if (size != 8 && size != 4) return false;
            uint intid = (uint)((offset - IROUTER) / 8);
            if (intid < 32 || (offset & 4) != 0) return true; // private: RES0; upper word: Aff3 only (we have none)
            ref IrqLine line = ref _vgic.Line(vcpu.Id, intid);
            // Interrupt_Routing_Mode (bit 31) 1 = any PE: we pick vCPU 0. Else Aff0 names the vCPU; unknown → vCPU 0.
            uint aff0 = (uint)value & 0xFF;
            bool anyPe = (value & (1UL << 31)) != 0;
            line.Target = (byte)(anyPe || aff0 >= (uint)_vgic.Cpus.Length || (value & 0xFFFF00) != 0 ? 0 : aff0);
            return true;
        }
        if (offset >= IPRIORITYR && offset < IPRIORITYR + Vgic.IntidLimit)
        {
            if (size != 1 && size != 4) return false;
            uint intid = (uint)(offset - IPRIORITYR);
            if (intid >= 32) VgicRegisters.WritePriorities(_vgic, vcpu.Id, intid, size, value);
            return true;
        }
        if (size != 4) return false;
        ulong register = offset & ~3UL;
        uint word = (uint)value;
        if (register == CTLR)
        {
            _vgic.DistributorControl = word & 3;
            for (int v = 0; v < _vgic.Cpus.Length; v++) _vgic.WakeIfDeliverable(v);
            return true;
        }
        if (Bank(register, out ulong bankBase, out VgicRegisters.Bank bank, out bool set))
        {
            uint first = (uint)(register - bankBase) * 8;
            if (first >= 32) VgicRegisters.WriteBits(_vgic, vcpu.Id, first, word, bank, set);
            return true;
        }
        if (register >= ICFGR && register < ICFGR + 0x100)
        {
            uint first = (uint)(register - ICFGR) * 4;
            if (first >= 32) VgicRegisters.WriteConfig(_vgic, vcpu.Id, first, word);
            return true;
        }
        return true; // read-only or unimplemented: WI
    }

    // The set/clear bitmap banks, 0x80 bytes each (1024 INTIDs).
    private static bool Bank(ulong register, out ulong bankBase, out VgicRegisters.Bank bank, out bool set)
    {
        set = true;
        bank = VgicRegisters.Bank.Enable;
        bankBase = register & ~0x7FUL;
        switch (bankBase)
        {
            case ISENABLER: return true;
            case ICENABLER: set = false; return true;
            case ISPENDR: bank = VgicRegisters.Bank.Pending; return true;
            case ICPENDR: bank = VgicRegisters.Bank.Pending; set = false; return true;
            case ISACTIVER: bank = VgicRegisters.Bank.Active; return true;
            case ICACTIVER: bank = VgicRegisters.Bank.Active; set = false; return true;
            default: return false;
        }
    }
}
