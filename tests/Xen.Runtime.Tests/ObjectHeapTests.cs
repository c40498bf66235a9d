using Xen.Runtime.Memory;

namespace Xen.Runtime.Tests;

public sealed unsafe class ObjectHeapTests : IDisposable
{
    private readonly NativeRegion _ram = new(4 << 20);
    private readonly PhysicalPageAllocator* _pages = (PhysicalPageAllocator*)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)sizeof(PhysicalPageAllocator));
    private ObjectHeap _heap;

    public ObjectHeapTests()
    {
        _pages->AddRegion(_ram.Base, _ram.Length);
        _heap.Initialize(_pages);
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(24u)]
    [InlineData(2032u)]
    [InlineData(2033u)]
    [InlineData(100000u)]
    public void Allocations_are_zeroed_and_16_byte_aligned(uint size)
    {
        byte* p = (byte*)_heap.Allocate(size);
        Assert.True(p != null);
        Assert.Equal(0UL, (ulong)p & 15);
        for (uint i = 0; i < size; i++) Assert.Equal(0, p[i]);
        for (uint i = 0; i < size; i++) p[i] = 0xEE;
        Assert.True(_heap.Free(p));
        byte* again = (byte*)_heap.Allocate(size);
        for (uint i = 0; i < size; i++) Assert.Equal(0, again[i]);
    }

    [Fact]
    public void Freed_small_blocks_are_reused_and_counters_balance()
    {
        void* a = _heap.Allocate(40);
        void* b = _heap.Allocate(40);
        Assert.Equal(2UL, _heap.LiveObjects);
        Assert.True(_heap.Free(a));
        Assert.Equal((ulong)a, (ulong)_heap.Allocate(33));
        Assert.True(_heap.Free(b));
        Assert.Equal(1UL, _heap.LiveObjects);
    }

    [Fact]
    public void Large_blocks_return_their_pages()
    {
        ulong before = _pages->FreePageCount;
        void* big = _heap.Allocate(64 * 1024);
        Assert.True(_pages->FreePageCount < before);
        Assert.True(_heap.Free(big));
        Assert.Equal(before, _pages->FreePageCount);
    }

    [Fact]
    public void Bad_pointers_are_refused()
    {
        byte* p = (byte*)_heap.Allocate(64);
        Assert.False(_heap.Free(p + 16));    // interior of a 64-byte block? no: misaligned for the class
        Assert.False(_heap.Free(p + 8));     // not 16-aligned
        Assert.False(_heap.Free(null));
        Assert.True(_heap.Free(p));
        byte* big = (byte*)_heap.Allocate(10000);
        Assert.False(_heap.Free(big + 4096)); // second page of a large block
        Assert.True(_heap.Free(big));
    }

    [Fact]
    public void Uninitialized_heap_returns_null_instead_of_crashing()
    {
        var heap = new ObjectHeap();
        Assert.True(heap.Allocate(16) == null);
    }

    public void Dispose()
    {
        System.Runtime.InteropServices.NativeMemory.Free(_pages);
        _ram.Dispose();
    }
}
