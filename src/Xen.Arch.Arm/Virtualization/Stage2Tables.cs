// A domain's stage-2 translation tables (IPA → PA), built from its P2M (Arm ARM DDI 0487, D8 "The AArch64
// Virtual Memory System Architecture": stage 2 descriptors; VTCR_EL2). Every mapped P2M frame becomes one
// 4 KiB page; nothing else is mapped — not page 0, not the holes between RAM banks, not the emulated device
// windows (vpl011), so every other guest access is a stage-2 abort the exit handler sees.
// Geometry: VTCR_EL2.T0SZ = 32 (a 32-bit, 4 GiB IPA space: Xen's GUEST_RAM0 at 0x40000000 fits), TG0 = 4 KiB,
// SL0 = 1 (walk starts at level 1: one L1 table whose 4 entries each cover 1 GiB), then L2 and L3 tables.
// Leaf attributes: AF (bit 10), SH = 0b11 inner shareable, S2AP = 0b11 read/write, MemAttr = 0b1111
// (Normal, outer and inner write-back; the guest's stage-1 attributes combine with it). The page allocator
// identity-maps RAM, so table addresses are usable pointers (also in hosted tests).
using Xen.Core.Memory;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Builds, walks and frees stage-2 tables.</summary>
public static unsafe class Stage2Tables
{
    /// <summary>IPA bits translated (VTCR_EL2.T0SZ = 64 - 32).</summary>
    public const int IpaBits = 32;

    /// <summary>VTCR_EL2: T0SZ = 32, SL0 = 0b01 (start at level 1), IRGN0 = ORGN0 = 0b01 (write-back walks),
    /// SH0 = 0b11, TG0 = 0b00 (4 KiB), PS = 0b000 (32-bit PA range covers QEMU virt's RAM below 4 GiB), bit 31 RES1
    /// (Arm ARM, VTCR_EL2). Verified under QEMU: shared/notes/toolchain-arm64.md.</summary>
    public const ulong Vtcr = 0x80003560;

    /// <summary>Descriptor bits: valid, table/page, access flag.</summary>
    public const ulong Valid = 1, TableOrPage = 2, AccessFlag = 1UL << 10;

    /// <summary>Leaf attributes for guest RAM: MemAttr 0b1111 [5:2], S2AP 0b11 [7:6], SH 0b11 [9:8], AF.</summary>
    public const ulong RamAttributes = 0xFUL << 2 | 3UL << 6 | 3UL << 8 | AccessFlag;

    /// <summary>S2AP write permission bit (bit 7).</summary>
    public const ulong Writable = 1UL << 7;

    private const ulong AddressMask = 0x0000FFFFFFFFF000;

    /// <summary>Builds tables mapping every P2M frame below 4 GiB (scrubbing each chunk first, so the guest never
    /// sees stale memory); returns the L1 table's address (VTTBR_EL2.BADDR) or 0 when out of pages (having freed
    /// what it took).</summary>
    public static ulong Build(PhysicalPageAllocator* pages, P2m p2m)
    {
        ulong* l1 = Table(pages);
        if (l1 == null) return 0;
        ulong limit = p2m.PageCount;
        if (limit > (1UL << (IpaBits - 12))) limit = 1UL << (IpaBits - 12);
        for (ulong gfn = 0; gfn < limit; gfn++)
        {
            if (p2m.HostPage(gfn) == 0) continue;
            if (!p2m.IsScrubbed(gfn)) p2m.Scrub(gfn);
            if (!Map(pages, l1, gfn << 12, p2m.HostPage(gfn)))
            {
                Release(pages, (ulong)l1);
                return 0;
            }
        }
        return (ulong)l1;
    }

    /// <summary>Maps one 4 KiB page; false when a table could not be allocated.</summary>
    public static bool Map(PhysicalPageAllocator* pages, ulong* l1, ulong ipa, ulong pa, bool readOnly = false)
    {
        ulong* l2 = Next(pages, l1, (ipa >> 30) & 511);
        if (l2 == null) return false;
        ulong* l3 = Next(pages, l2, (ipa >> 21) & 511);
        if (l3 == null) return false;
        l3[(ipa >> 12) & 511] = (pa & AddressMask) | (readOnly ? RamAttributes & ~Writable : RamAttributes) | TableOrPage | Valid;
        return true;
    }

    /// <summary>Rewrites the leaf for <paramref name="ipa"/>: mapped to <paramref name="pa"/> (read-only: S2AP = 01,
    /// Arm ARM D8.4) or, when <paramref name="pa"/> is 0, invalid. False when a table could not be allocated.
    /// The caller must invalidate the VMID's TLB entries before the guest runs again.</summary>
    public static bool Update(PhysicalPageAllocator* pages, ulong root, ulong ipa, ulong pa, bool readOnly)
    {
        if (ipa >> IpaBits != 0) return pa == 0;
        if (pa == 0)
        {
            ulong e = ((ulong*)root)[(ipa >> 30) & 511];
            if ((e & (Valid | TableOrPage)) != (Valid | TableOrPage)) return true;
            e = ((ulong*)(e & AddressMask))[(ipa >> 21) & 511];
            if ((e & (Valid | TableOrPage)) != (Valid | TableOrPage)) return true;
            ((ulong*)(e & AddressMask))[(ipa >> 12) & 511] = 0;
            return true;
        }
        return Map(pages, (ulong*)root, ipa, pa, readOnly);
    }

    /// <summary>The page descriptor mapping <paramref name="ipa"/>, or 0 when unmapped.</summary>
    public static ulong Lookup(ulong root, ulong ipa)
    {
        if (root == 0 || ipa >> IpaBits != 0) return 0;
        ulong e = ((ulong*)root)[(ipa >> 30) & 511];
        if ((e & (Valid | TableOrPage)) != (Valid | TableOrPage)) return 0;
        e = ((ulong*)(e & AddressMask))[(ipa >> 21) & 511];
        if ((e & (Valid | TableOrPage)) != (Valid | TableOrPage)) return 0;
        e = ((ulong*)(e & AddressMask))[(ipa >> 12) & 511];
        return (e & (Valid | TableOrPage)) == (Valid | TableOrPage) ? e : 0;
    }

    /// <summary>Host address <paramref name="ipa"/> maps to, or 0.</summary>
    public static ulong Translate(ulong root, ulong ipa)
    {
        ulong e = Lookup(root, ipa);
        return e == 0 ? 0 : (e & AddressMask) | (ipa & 0xFFF);
    }

    /// <summary>Number of table pages (L1 + L2 + L3) under <paramref name="root"/>.</summary>
    public static int CountTables(ulong root)
    {
        if (root == 0) return 0;
        int count = 1;
        ulong* l1 = (ulong*)root;
        for (int i = 0; i < 4; i++)
        {
            if ((l1[i] & Valid) == 0) continue;
            count++;
            ulong* l2 = (ulong*)(l1[i] & AddressMask);
            for (int j = 0; j < 512; j++) if ((l2[j] & Valid) != 0) count++;
        }
        return count;
    }

    /// <summary>Frees every table page under <paramref name="root"/> (not the mapped guest pages).</summary>
    public static void Release(PhysicalPageAllocator* pages, ulong root)
    {
        if (root == 0) return;
        ulong* l1 = (ulong*)root;
        for (int i = 0; i < 4; i++)
        {
            if ((l1[i] & Valid) == 0) continue;
            ulong* l2 = (ulong*)(l1[i] & AddressMask);
            for (int j = 0; j < 512; j++)
                if ((l2[j] & Valid) != 0) pages->FreePages(l2[j] & AddressMask, 1);
            pages->FreePages((ulong)l2, 1);
        }
        pages->FreePages(root, 1);
    }

    private static ulong* Next(PhysicalPageAllocator* pages, ulong* table, ulong index)
    {
        ulong e = table[index];
        if ((e & Valid) != 0) return (ulong*)(e & AddressMask);
        ulong* next = Table(pages);
        if (next == null) return null;
        table[index] = (ulong)next | TableOrPage | Valid;
        return next;
    }

    private static ulong* Table(PhysicalPageAllocator* pages)
    {
        ulong* table = (ulong*)pages->AllocatePages(1);
        if (table != null)
            for (int i = 0; i < 512; i++) table[i] = 0;
        return table;
    }
}
