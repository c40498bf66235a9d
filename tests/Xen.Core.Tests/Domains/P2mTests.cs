using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Tests.Domains;

public sealed unsafe class P2mTests
{
    [Fact]
    public void Allocated_memory_is_zeroed_mapped_and_reads_back_across_page_boundaries()
    {
        using var memory = new TestMemory();
        ulong before = memory.Pages->FreePageCount;
        P2m p2m = P2m.Allocate(memory.Pages, 600)!;
        Assert.Equal(before - 600, memory.Pages->FreePageCount);
        Assert.True(p2m.IsMapped(0, p2m.Size));
        byte[] zeros = new byte[8192];
        Assert.Equal(0, p2m.Read(4000, zeros));
        Assert.All(zeros, b => Assert.Equal(0, b));
        byte[] data = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        Assert.Equal(0, p2m.Write(4090, data));
        byte[] back = new byte[5000];
        Assert.Equal(0, p2m.Read(4090, back));
        Assert.Equal(data, back);
        p2m.Release(memory.Pages);
        Assert.Equal(before, memory.Pages->FreePageCount);
    }

    [Theory]
    [InlineData(600UL * 4096, 1)]
    [InlineData(600UL * 4096 - 1, 2)]
    [InlineData(ulong.MaxValue, 1)]
    [InlineData(ulong.MaxValue - 2, 8)]
    public void Accesses_outside_the_map_are_efault_and_touch_nothing(ulong gpa, int length)
    {
        using var memory = new TestMemory();
        P2m p2m = P2m.Allocate(memory.Pages, 600)!;
        Assert.Equal(-XenErrno.EFAULT, p2m.Read(gpa, new byte[length]));
        Assert.Equal(-XenErrno.EFAULT, p2m.Write(gpa, new byte[length]));
    }

    [Fact]
    public void A_hole_in_the_map_fails_the_whole_access()
    {
        var p2m = new P2m(4);
        byte* page = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(4096, 4096);
        try
        {
            Assert.True(p2m.Map(0, (ulong)page));
            Assert.False(p2m.Map(1, (ulong)page + 1)); // misaligned host page
            Assert.False(p2m.Map(9, (ulong)page));     // outside
            Assert.Equal(-XenErrno.EFAULT, p2m.Write(4000, new byte[200]));
            Assert.Equal(0, p2m.Write(0, new byte[] { 7 }));
            Assert.Equal(7, page[0]);
        }
        finally { System.Runtime.InteropServices.NativeMemory.AlignedFree(page); }
    }

    [Fact]
    public void Allocation_failure_returns_null_and_gives_everything_back()
    {
        using var memory = new TestMemory(1);
        ulong before = memory.Pages->FreePageCount;
        Assert.Null(P2m.Allocate(memory.Pages, before + 1));
        Assert.Equal(before, memory.Pages->FreePageCount);
    }
}

public sealed unsafe class P2mLazyScrubTests
{
    [Fact]
    public void Lazily_scrubbed_pages_keep_old_contents_until_first_use_and_then_read_as_zero()
    {
        using var memory = new TestMemory();
        P2m p2m = P2m.Allocate(memory.Pages, 1024, scrubLazily: true)!;
        Assert.False(p2m.IsScrubbed(0));
        Assert.Equal(0xA5, *(byte*)p2m.HostPage(700)); // the allocator's dirty memory, not yet zeroed
        byte[] b = new byte[16];
        Assert.Equal(0, p2m.Read(700 * 4096, b));      // first use scrubs the 2 MiB chunk (gfns 512-1023)
        Assert.All(b, x => Assert.Equal(0, x));
        Assert.True(p2m.IsScrubbed(512) && p2m.IsScrubbed(1023));
        Assert.False(p2m.IsScrubbed(511));
        Assert.Equal(0, *(byte*)p2m.HostPage(1000));
        Assert.Equal(0UL, p2m.Scrub(3));
        Assert.True(p2m.IsScrubbed(0));
        ulong free = memory.Pages->FreePageCount;
        p2m.Release(memory.Pages);
        Assert.Equal(free + 1024, memory.Pages->FreePageCount);
    }

    [Fact]
    public void Translation_scrubs_before_handing_out_a_host_address()
    {
        using var memory = new TestMemory();
        P2m p2m = P2m.Allocate(memory.Pages, 16, scrubLazily: true)!;
        Assert.True(p2m.TryTranslate(0x3008, out ulong host));
        Assert.Equal(0UL, *(ulong*)host);
    }
}
