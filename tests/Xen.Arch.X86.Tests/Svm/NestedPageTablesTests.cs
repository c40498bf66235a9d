using Xen.Arch.X86.Svm;
using Xen.Core.Memory;

namespace Xen.Arch.X86.Tests.Svm;

public sealed unsafe class NestedPageTablesTests
{
    [Fact]
    public void Every_p2m_frame_is_mapped_to_its_host_page_and_nothing_else()
    {
        using var memory = new NativePages(8);
        P2m p2m = P2m.Allocate(memory.Pages, 1100)!; // crosses two page tables
        NestedPageTables npt = NestedPageTables.Build(p2m, memory.Pages)!;
        Assert.Equal(6, npt.TablePageCount); // PML4, PDPT, PD and 3 PTs for 1100 pages
        for (ulong gfn = 0; gfn < 1100; gfn += 7)
        {
            Assert.True(npt.TryTranslate(gfn * 4096 + 0x123, out ulong host));
            Assert.Equal(p2m.HostPage(gfn) + 0x123, host);
        }
        Assert.False(npt.TryTranslate(1100UL * 4096, out _));
        Assert.False(npt.TryTranslate(1UL << 39, out _));
        ulong pml4e = ((ulong*)npt.Root)[0];
        Assert.Equal(7UL, pml4e & 7); // P | RW | US at every level
        ulong before = memory.Pages->FreePageCount;
        npt.Release(memory.Pages);
        Assert.Equal(before + 6, memory.Pages->FreePageCount);
    }
}

public sealed unsafe class NestedPageTablesLazyTests
{
    [Fact]
    public void Only_scrubbed_chunks_are_mapped_and_map_chunk_scrubs_and_maps_one_2_mib_chunk()
    {
        using var memory = new NativePages(8);
        P2m p2m = P2m.Allocate(memory.Pages, 1024, scrubLazily: true)!;
        p2m.Write(0x1000, new byte[] { 1 }); // the loader touched chunk 0
        NestedPageTables npt = NestedPageTables.Build(p2m, memory.Pages)!;
        Assert.True(npt.TryTranslate(0x1FF000, out _));
        Assert.False(npt.TryTranslate(0x200000, out _));
        Assert.True(npt.MapChunk(p2m, 0x300));
        Assert.True(npt.TryTranslate(0x3FF000, out ulong host));
        Assert.Equal(0UL, *(ulong*)host);
        Assert.False(npt.MapChunk(p2m, 5000)); // not in the P2M
    }
}
