using System.Runtime.InteropServices;
using Xen.Arch.X86.Paging;
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Tests;

public sealed unsafe class HostPageTablesTests
{
    [Fact]
    public void Identity_map_covers_4_GiB_except_page_zero()
    {
        void* ram = NativeMemory.AlignedAlloc(1 << 20, 4096);
        try
        {
            var pages = new PhysicalPageAllocator();
            pages.AddRegion((ulong)ram, 1 << 20);
            ulong cr3 = HostPageTables.Build(&pages, 256UL << 20);
            Assert.NotEqual(0UL, cr3);
            Assert.False(HostPageTables.IsMapped(cr3, 0));
            Assert.False(HostPageTables.IsMapped(cr3, 0xFFF));
            Assert.True(HostPageTables.IsMapped(cr3, 0x1000));
            Assert.True(HostPageTables.IsMapped(cr3, 0x200000));
            Assert.True(HostPageTables.IsMapped(cr3, 0xFEE00000));     // LAPIC MMIO below 4 GiB
            Assert.False(HostPageTables.IsMapped(cr3, 0x100000000));   // nothing above 4 GiB with 256 MiB RAM
            Assert.Equal(7UL, pages.TotalPageCount - pages.FreePageCount); // PML4, PDPT, 4 PDs, 1 PT
        }
        finally { NativeMemory.AlignedFree(ram); }
    }

    [Fact]
    public void Running_out_of_pages_returns_zero()
    {
        void* ram = NativeMemory.AlignedAlloc(4 * 4096, 4096);
        try
        {
            var pages = new PhysicalPageAllocator();
            pages.AddRegion((ulong)ram, 4 * 4096);
            Assert.Equal(0UL, HostPageTables.Build(&pages, 1UL << 30));
        }
        finally { NativeMemory.AlignedFree(ram); }
    }
}
