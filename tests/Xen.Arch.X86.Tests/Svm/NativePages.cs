// Native memory standing in for host RAM: a page allocator over an aligned block (as images have over RAM).
using System.Runtime.InteropServices;
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Tests.Svm;

internal sealed unsafe class NativePages : IDisposable
{
    private readonly void* _block;

    public NativePages(ulong megabytes = 8)
    {
        _block = NativeMemory.AlignedAlloc((nuint)(megabytes << 20), 4096);
        Pages = (PhysicalPageAllocator*)NativeMemory.AllocZeroed((nuint)sizeof(PhysicalPageAllocator));
        new Span<byte>(_block, (int)(megabytes << 20)).Fill(0x5A);
        Pages->AddRegion((ulong)_block, megabytes << 20);
    }

    public PhysicalPageAllocator* Pages { get; }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_block);
        NativeMemory.Free(Pages);
    }
}
