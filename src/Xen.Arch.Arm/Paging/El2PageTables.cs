// The hypervisor's own EL2 stage-1 translation tables (VMSAv8-64, 4 KiB granule; Arm ARM DDI 0487, "Translation
// table descriptor formats"). An identity map:
//   [0, 1 GiB)            Device-nGnRnE, execute-never — QEMU virt's flash, GIC, UART, virtio and PCIe
//                         windows (hw/arm/virt.c memory map); page 0 is left invalid so a null dereference
//                         faults instead of silently reading flash (shared/notes/toolchain-arm64.md #9);
//   [1 GiB, RAM limit)    Normal write-back memory (RAM starts at 0x40000000 on virt): 1 GiB blocks, and
//                         2 MiB blocks for a partial last gigabyte so nothing past RAM is mapped cacheable.
// TCR_EL2.T0SZ = 25 gives a 39-bit (512 GiB) address space whose walk starts at level 1 (Arm ARM DDI 0487,
// the 4KB-granule table of starting levels by TnSZ): one L1 table of 1 GiB entries. Hosted-testable: tables come from a
// PhysicalPageAllocator (identity-mapped, so its addresses are usable pointers) and the walker reads them back.
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Paging;

/// <summary>Builds and walks the EL2 identity map.</summary>
public static unsafe class El2PageTables
{
    /// <summary>MAIR_EL2: Attr0 = 0x00 Device-nGnRnE, Attr1 = 0xFF Normal inner/outer write-back
    /// read/write-allocate (Arm ARM DDI 0487, MAIR_EL2 / MAIR_ELx.Attr encodings).</summary>
    public const ulong Mair = 0xFF00;

    /// <summary>SCTLR_EL2 bits set to turn translation on: M (bit 0), C (bit 2) data cacheability, I (bit 12)
    /// instruction cacheability (Arm ARM DDI 0487, SCTLR_EL2).</summary>
    public const ulong SctlrEnableBits = 1UL << 0 | 1UL << 2 | 1UL << 12;

    /// <summary>Size of the translated address space (TCR_EL2.T0SZ = 64 - 39).</summary>
    public const int AddressBits = 39;

    /// <summary>Where RAM may begin: everything below is mapped as devices.</summary>
    public const ulong DeviceLimit = OneGiB;

    /// <summary>Descriptor bits (Arm ARM DDI 0487, VMSAv8-64 block, table and page descriptors).</summary>
    public const ulong Valid = 1UL << 0, TableOrPage = 1UL << 1, AccessFlag = 1UL << 10, ExecuteNever = 1UL << 54;

    private const ulong AttrDevice = 0UL << 2, AttrNormal = 1UL << 2;
    // AP[2:1] = 0b01: read/write. With a single privilege level (EL2, HCR_EL2.E2H = 0) AP[1] is RES1; KVM's
    // nVHE hyp tables use the same encoding (arch/arm64/kvm/hyp/pgtable.c, KVM_PTE_LEAF_ATTR_LO_S1_AP_RW).
    private const ulong ApReadWrite = 1UL << 6;
    private const ulong InnerShareable = 3UL << 8;
    private const ulong AddressMask = 0x0000FFFFFFFFF000;
    private const ulong TwoMiB = 2UL << 20, OneGiB = 1UL << 30;

    /// <summary>Leaf attributes for RAM.</summary>
    public const ulong NormalAttributes = AttrNormal | ApReadWrite | InnerShareable | AccessFlag;

    /// <summary>Leaf attributes for device memory.</summary>
    public const ulong DeviceAttributes = AttrDevice | ApReadWrite | AccessFlag | ExecuteNever;

    /// <summary>TCR_EL2 for these tables: T0SZ = 25, IRGN0 = ORGN0 = 0b01 (write-back write-allocate walks),
    /// SH0 = 0b11 inner shareable, TG0 = 0b00 (4 KiB), PS = the CPU's physical address range
    /// (ID_AA64MMFR0_EL1.PARange, capped at 48 bits), RES1 bits 23 and 31 (Arm ARM DDI 0487, TCR_EL2 with HCR_EL2.E2H = 0).</summary>
    public static ulong Tcr(ulong idAa64Mmfr0)
    {
        ulong parange = idAa64Mmfr0 & 0xF;
        if (parange > 5) parange = 5;
        return (ulong)(64 - AddressBits) | 1UL << 8 | 1UL << 10 | 3UL << 12 | parange << 16 | 1UL << 23 | 1UL << 31;
    }

    /// <summary>Builds the map for RAM up to <paramref name="ramLimit"/>; returns the L1 table's physical
    /// address (the TTBR0_EL2 value), or 0 if the page allocator ran out.</summary>
    public static ulong Build(PhysicalPageAllocator* pages, ulong ramLimit)
    {
        const ulong space = 1UL << AddressBits;
        if (ramLimit > space) ramLimit = space;
        ramLimit = (ramLimit + TwoMiB - 1) & ~(TwoMiB - 1);
        ulong* l1 = Table(pages);
        ulong* devices = Table(pages);
        ulong* low = Table(pages);
        if (l1 == null || devices == null || low == null) return 0;
        // [0, 2 MiB): 4 KiB pages, page 0 invalid.
        for (ulong i = 1; i < 512; i++) low[i] = (i * 4096) | DeviceAttributes | TableOrPage | Valid;
        devices[0] = (ulong)low | TableOrPage | Valid;
        for (ulong i = 1; i < 512; i++) devices[i] = (i * TwoMiB) | DeviceAttributes | Valid;
        l1[0] = (ulong)devices | TableOrPage | Valid;
        for (ulong gib = 1; gib * OneGiB < ramLimit; gib++)
        {
            ulong start = gib * OneGiB;
            if (ramLimit - start >= OneGiB)
            {
                l1[gib] = start | NormalAttributes | Valid;
                continue;
            }
            ulong* partial = Table(pages);
            if (partial == null) return 0;
            for (ulong i = 0; start + i * TwoMiB < ramLimit; i++) partial[i] = (start + i * TwoMiB) | NormalAttributes | Valid;
            l1[gib] = (ulong)partial | TableOrPage | Valid;
        }
        return (ulong)l1;
    }

    /// <summary>Walks the tables: the leaf descriptor that maps <paramref name="address"/>, or 0 if unmapped.</summary>
    public static ulong Lookup(ulong root, ulong address)
    {
        if (address >> AddressBits != 0) return 0;
        ulong e = ((ulong*)(root & AddressMask))[(address >> 30) & 511];
        if ((e & Valid) == 0) return 0;
        if ((e & TableOrPage) == 0) return e; // 1 GiB block
        e = ((ulong*)(e & AddressMask))[(address >> 21) & 511];
        if ((e & Valid) == 0) return 0;
        if ((e & TableOrPage) == 0) return e; // 2 MiB block
        e = ((ulong*)(e & AddressMask))[(address >> 12) & 511];
        return (e & (Valid | TableOrPage)) == (Valid | TableOrPage) ? e : 0; // 4 KiB page
    }

    /// <summary>True if <paramref name="address"/> is mapped.</summary>
    public static bool IsMapped(ulong root, ulong address) => Lookup(root, address) != 0;

    /// <summary>True if <paramref name="address"/> is mapped as Normal (cacheable) memory.</summary>
    public static bool IsNormalMemory(ulong root, ulong address) => (Lookup(root, address) & (7UL << 2)) == AttrNormal;

    private static ulong* Table(PhysicalPageAllocator* pages)
    {
        ulong* table = (ulong*)pages->AllocatePages(1);
        if (table != null)
            for (int i = 0; i < 512; i++) table[i] = 0;
        return table;
    }
}
