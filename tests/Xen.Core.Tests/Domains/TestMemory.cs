// Native memory standing in for host RAM: a page allocator over an aligned block, as images have over RAM.
using System.Runtime.InteropServices;
using Xen.Runtime.Memory;

namespace Xen.Core.Tests.Domains;

internal sealed unsafe class TestMemory : IDisposable
{
    private readonly void* _block;
    private readonly PhysicalPageAllocator* _pages;

    public TestMemory(ulong megabytes = 8)
    {
        ulong size = megabytes << 20;
        _block = NativeMemory.AlignedAlloc((nuint)size, 4096);
        _pages = (PhysicalPageAllocator*)NativeMemory.AllocZeroed((nuint)sizeof(PhysicalPageAllocator));
        // Dirty the memory so tests prove the P2M zeroes what it hands to guests.
        new Span<byte>(_block, (int)size).Fill(0xA5);
        if (!_pages->AddRegion((ulong)_block, size)) throw new InvalidOperationException("region rejected");
    }

    public PhysicalPageAllocator* Pages => _pages;

    public void Dispose()
    {
        NativeMemory.AlignedFree(_block);
        NativeMemory.Free(_pages);
    }
}
