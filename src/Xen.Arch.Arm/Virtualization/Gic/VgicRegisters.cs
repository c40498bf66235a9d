// The register-bank logic GICD and GICR share (Arm IHI 0069 §12.9, §12.11): 1-bit-per-INTID set/clear pairs
// (ISENABLER/ICENABLER, ISPENDR/ICPENDR, ISACTIVER/ICACTIVER: a write of 1 sets or clears, 0 has no effect;
// reads give the state), byte-wide IPRIORITYR, and 2-bit ICFGR fields (bit 1 of each: 1 = edge).
namespace Xen.Arch.Arm.Virtualization.Gic;

/// <summary>Bitmap/priority/config register helpers over a <see cref="Vgic"/>.</summary>
public static class VgicRegisters
{
    /// <summary>Which state a bitmap register bank addresses.</summary>
    public enum Bank
    {
        /// <summary>ISENABLER/ICENABLER.</summary>
        Enable,
        /// <summary>ISPENDR/ICPENDR.</summary>
        Pending,
        /// <summary>ISACTIVER/ICACTIVER.</summary>
        Active,
    }

    /// <summary>The 32 bits for INTIDs [first, first + 32) as <paramref name="vcpuId"/> sees them.</summary>
    public static uint ReadBits(Vgic vgic, int vcpuId, uint first, Bank bank)
    {
        uint word = 0;
        for (uint i = 0; i < 32 && first + i < Vgic.IntidLimit; i++)
        {
            uint intid = first + i;
            bool set = bank switch
            {
                Bank.Enable => vgic.Line(vcpuId, intid).Enabled,
                Bank.Pending => vgic.IsPending(vcpuId, intid),
                _ => vgic.IsActive(vcpuId, intid),
            };
            if (set) word |= 1u << (int)i;
        }
        return word;
    }

    /// <summary>Applies a set (<paramref name="set"/> true) or clear register write of <paramref name="mask"/>.</summary>
    public static void WriteBits(Vgic vgic, int vcpuId, uint first, uint mask, Bank bank, bool set)
    {
        for (uint i = 0; i < 32 && first + i < Vgic.IntidLimit; i++)
        {
            if ((mask & (1u << (int)i)) == 0) continue;
            uint intid = first + i;
            ref IrqLine line = ref vgic.Line(vcpuId, intid);
            switch (bank)
            {
                case Bank.Enable:
                    line.Enabled = set;
                    break;
                case Bank.Pending:
                    if (set) vgic.Pend(vcpuId, intid); else vgic.ClearPending(vcpuId, intid);
                    break;
                default:
                    if (set) line.Active = true; else vgic.ClearActive(vcpuId, intid);
                    break;
            }
        }
        if (!set) return;
        if (first < 32) vgic.WakeIfDeliverable(vcpuId);
        else for (int v = 0; v < vgic.Cpus.Length; v++) vgic.WakeIfDeliverable(v);
    }

    /// <summary>Reads <paramref name="size"/> priority bytes starting at <paramref name="intid"/>.</summary>
    public static ulong ReadPriorities(Vgic vgic, int vcpuId, uint intid, int size)
    {
        ulong value = 0;
        for (int i = 0; i < size && intid + i < Vgic.IntidLimit; i++)
            value |= (ulong)vgic.Line(vcpuId, intid + (uint)i).Priority << (i * 8);
        return value;
    }

    /// <summary>Writes <paramref name="size"/> priority bytes starting at <paramref name="intid"/>.</summary>
    public static void WritePriorities(Vgic vgic, int vcpuId, uint intid, int size, ulong value)
    {
        for (int i = 0; i < size && intid + i < Vgic.IntidLimit; i++)
            vgic.Line(vcpuId, intid + (uint)i).Priority = (byte)(value >> (i * 8));
    }

    /// <summary>ICFGR for INTIDs [first, first + 16): bit 2n+1 = edge.</summary>
    public static uint ReadConfig(Vgic vgic, int vcpuId, uint first)
    {
        uint word = 0;
        for (uint i = 0; i < 16 && first + i < Vgic.IntidLimit; i++)
            if (vgic.Line(vcpuId, first + i).Edge) word |= 2u << (int)(2 * i);
        return word;
    }

    /// <summary>Writes ICFGR for INTIDs [first, first + 16); SGIs stay edge (their field is read-only).</summary>
    public static void WriteConfig(Vgic vgic, int vcpuId, uint first, uint value)
    {
        for (uint i = 0; i < 16 && first + i < Vgic.IntidLimit; i++)
        {
            if (first + i < 16) continue;
            vgic.Line(vcpuId, first + i).Edge = (value & (2u << (int)(2 * i))) != 0;
        }
    }

    /// <summary>Mask of the low <paramref name="size"/> bytes.</summary>
    public static ulong SizeMask(int size) => size >= 8 ? ~0UL : (1UL << (size * 8)) - 1;
}
