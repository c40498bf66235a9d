using Xen.Runtime.Memory;

namespace Xen.Runtime.Tests;

public sealed class MemoryMapTests
{
    [Fact]
    public void Ranges_are_sorted_and_touching_ranges_of_one_kind_merge()
    {
        var map = new MemoryMap();
        map.Add(0x200000, 0x100000, MemoryKind.Usable);
        map.Add(0x0, 0x9F000, MemoryKind.Usable);
        map.Add(0x100000, 0x100000, MemoryKind.Usable);
        Assert.Equal(2, map.Count);
        Assert.Equal(0x100000UL, map[1].Base);
        Assert.Equal(0x200000UL, map[1].Length);
    }

    [Fact]
    public void Reserve_splits_usable_ranges_and_leaves_others_alone()
    {
        var map = new MemoryMap();
        map.Add(0, 0x1000000, MemoryKind.Usable);
        map.Add(0xF0000000, 0x1000, MemoryKind.Reserved);
        Assert.True(map.Reserve(0x200000, 0x10000));
        Assert.True(map.Reserve(0xF0000000, 0x1000));
        Assert.Equal(4, map.Count);
        Assert.Equal(MemoryKind.Usable, map[0].Kind);
        Assert.Equal(0x200000UL, map[0].Length);
        Assert.Equal(MemoryKind.Hypervisor, map[1].Kind);
        Assert.Equal(0x210000UL, map[2].Base);
        Assert.Equal(MemoryKind.Reserved, map[3].Kind);
        Assert.Equal(0x1000000UL - 0x10000, map.TotalOf(MemoryKind.Usable));
        Assert.Equal(0x1000000UL, map.HighestRamAddress);
    }

    [Fact]
    public void Empty_and_wrapping_ranges_are_refused()
    {
        var map = new MemoryMap();
        Assert.False(map.Add(0x1000, 0, MemoryKind.Usable));
        Assert.False(map.Add(ulong.MaxValue - 10, 100, MemoryKind.Usable));
        Assert.Equal(0, map.Count);
    }

    [Fact]
    public void A_full_map_refuses_more_ranges_instead_of_overflowing()
    {
        var map = new MemoryMap();
        for (int i = 0; i < MemoryMap.Capacity; i++)
            Assert.True(map.Add((ulong)i * 0x10000, 0x1000, i % 2 == 0 ? MemoryKind.Usable : MemoryKind.Reserved));
        Assert.False(map.Add(0x7FFF0000, 0x1000, MemoryKind.Usable));
        Assert.Throws<ArgumentOutOfRangeException>(() => map[MemoryMap.Capacity]);
    }

    [Fact]
    public unsafe void Usable_ranges_feed_the_page_allocator()
    {
        using var ram = new NativeRegion(2 << 20);
        var map = new MemoryMap();
        map.Add(ram.Base, 1 << 20, MemoryKind.Usable);
        map.Add(ram.Base + (1 << 20), 1 << 20, MemoryKind.Reserved);
        var pages = new PhysicalPageAllocator();
        Assert.Equal(1, map.FeedAllocator(&pages));
        Assert.Equal(255UL, pages.FreePageCount);
    }
}
