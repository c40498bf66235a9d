using CsCheck;
using Xen.Runtime.Memory;

namespace Xen.Runtime.Tests;

public sealed unsafe class PhysicalPageAllocatorTests
{
    [Fact]
    public void Region_keeps_its_bitmap_out_of_the_free_pages()
    {
        using var ram = new NativeRegion(1 << 20);
        var pages = new PhysicalPageAllocator();
        Assert.True(pages.AddRegion(ram.Base, ram.Length));
        Assert.Equal(255UL, pages.FreePageCount); // 256 pages, one holds the bitmap
        Assert.Equal(pages.FreePageCount, pages.TotalPageCount);
    }

    [Fact]
    public void Allocates_contiguous_aligned_runs_and_reuses_freed_ones()
    {
        using var ram = new NativeRegion(1 << 20);
        var pages = new PhysicalPageAllocator();
        pages.AddRegion(ram.Base, ram.Length);
        ulong a = pages.AllocatePages(10);
        ulong b = pages.AllocatePages(10);
        Assert.NotEqual(0UL, a);
        Assert.Equal(0UL, a & 0xFFF);
        Assert.Equal(a + 10 * 4096, b);
        Assert.True(pages.FreePages(a, 10));
        Assert.Equal(a, pages.AllocatePages(10));
    }

    [Fact]
    public void Double_free_and_foreign_addresses_are_refused_without_changing_state()
    {
        using var ram = new NativeRegion(1 << 20);
        var pages = new PhysicalPageAllocator();
        pages.AddRegion(ram.Base, ram.Length);
        ulong a = pages.AllocatePages(4);
        Assert.True(pages.FreePages(a, 4));
        ulong free = pages.FreePageCount;
        Assert.False(pages.FreePages(a, 4));
        Assert.False(pages.FreePages(a + 1, 1));
        Assert.False(pages.FreePages(ram.Base + ram.Length + 4096, 1));
        Assert.Equal(free, pages.FreePageCount);
    }

    [Fact]
    public void Exhaustion_returns_zero()
    {
        using var ram = new NativeRegion(64 * 4096);
        var pages = new PhysicalPageAllocator();
        pages.AddRegion(ram.Base, ram.Length);
        Assert.Equal(0UL, pages.AllocatePages(64));
        Assert.NotEqual(0UL, pages.AllocatePages(63));
        Assert.Equal(0UL, pages.AllocatePages(1));
    }

    [Fact]
    public void Random_allocate_free_sequences_never_hand_out_a_page_twice()
    {
        Gen.Int[1, 8].Array[1, 60].Sample(sizes =>
        {
            using var ram = new NativeRegion(128 * 4096);
            var pages = new PhysicalPageAllocator();
            pages.AddRegion(ram.Base, ram.Length);
            var live = new List<(ulong Address, ulong Count)>();
            var owned = new HashSet<ulong>();
            for (int i = 0; i < sizes.Length; i++)
            {
                if (i % 3 == 2 && live.Count > 0)
                {
                    var (address, count) = live[0];
                    live.RemoveAt(0);
                    Assert.True(pages.FreePages(address, count));
                    for (ulong p = 0; p < count; p++) owned.Remove(address + p * 4096);
                    continue;
                }
                ulong run = pages.AllocatePages((ulong)sizes[i]);
                if (run == 0) continue;
                for (ulong p = 0; p < (ulong)sizes[i]; p++) Assert.True(owned.Add(run + p * 4096), "page handed out twice");
                live.Add((run, (ulong)sizes[i]));
            }
            Assert.Equal(pages.TotalPageCount - (ulong)owned.Count, pages.FreePageCount);
        }, iter: 200);
    }
}
