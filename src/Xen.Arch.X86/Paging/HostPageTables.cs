// The hypervisor's own 4-level page tables (AMD APM vol. 2 §5.3, Intel SDM vol. 3A §4.5): an identity map
// of physical memory up to the highest RAM address (at least 4 GiB, so MMIO below 4 GiB such as the LAPIC and
// the 16550 stays reachable). 2 MiB pages everywhere except the first 2 MiB, which uses 4 KiB pages so that
// page 0 can be left not-present: a null dereference in hypervisor code then faults instead of silently
// reading the real-mode IVT.
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Paging;

/// <summary>Builds the host identity map.</summary>
public static unsafe class HostPageTables
{
    private const ulong Present = 1, Writable = 2, LargePage = 0x80;
    private const ulong TwoMiB = 2UL << 20, OneGiB = 1UL << 30;

    /// <summary>Builds tables mapping [0, max(limit, 4 GiB)) with page 0 unmapped; returns the PML4's
    /// physical address (the CR3 value), or 0 if the page allocator ran out.</summary>
    public static ulong Build(PhysicalPageAllocator* pages, ulong limit)
    {
        if (limit < 4 * OneGiB) limit = 4 * OneGiB;
        limit = (limit + OneGiB - 1) & ~(OneGiB - 1);
        ulong gigabytes = limit / OneGiB;
        if (gigabytes > 512) gigabytes = 512; // one PDPT: 512 GiB is plenty for this hypervisor
        ulong* pml4 = Table(pages);
        ulong* pdpt = Table(pages);
        if (pml4 == null || pdpt == null) return 0;
        pml4[0] = (ulong)pdpt | Present | Writable;
        for (ulong g = 0; g < gigabytes; g++)
        {
            ulong* pd = Table(pages);
            if (pd == null) return 0;
            pdpt[g] = (ulong)pd | Present | Writable;
            for (ulong i = 0; i < 512; i++)
                pd[i] = (g * OneGiB + i * TwoMiB) | Present | Writable | LargePage;
        }
        ulong* pt = Table(pages);
        if (pt == null) return 0;
        for (ulong i = 1; i < 512; i++) pt[i] = (i * 4096) | Present | Writable;
        pt[0] = 0; // page 0: not present
        ulong* pd0 = (ulong*)(pdpt[0] & ~0xFFFUL);
        pd0[0] = (ulong)pt | Present | Writable;
        return (ulong)pml4;
    }

    /// <summary>Walks the tables built by <see cref="Build"/>: true if <paramref name="address"/> is mapped.</summary>
    public static bool IsMapped(ulong cr3, ulong address)
    {
        ulong* pml4 = (ulong*)(cr3 & ~0xFFFUL);
        ulong e = pml4[(address >> 39) & 511];
        if ((e & Present) == 0) return false;
        e = ((ulong*)(e & ~0xFFFUL))[(address >> 30) & 511];
        if ((e & Present) == 0) return false;
        e = ((ulong*)(e & ~0xFFFUL))[(address >> 21) & 511];
        if ((e & Present) == 0) return false;
        if ((e & LargePage) != 0) return true;
        e = ((ulong*)(e & ~0xFFFUL))[(address >> 12) & 511];
        return (e & Present) != 0;
    }

    private static ulong* Table(PhysicalPageAllocator* pages)
    {
        ulong* table = (ulong*)pages->AllocatePages(1);
        if (table != null)
            for (int i = 0; i < 512; i++) table[i] = 0;
        return table;
    }
}
