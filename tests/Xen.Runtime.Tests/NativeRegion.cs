// A page-aligned block of native memory standing in for physical RAM in hosted tests.
using System.Runtime.InteropServices;

namespace Xen.Runtime.Tests;

internal sealed unsafe class NativeRegion : IDisposable
{
    public NativeRegion(ulong bytes)
    {
        Length = bytes;
        Base = (ulong)NativeMemory.AlignedAlloc((nuint)bytes, 4096);
    }

    public ulong Base { get; }
    public ulong Length { get; }

    public void Dispose() => NativeMemory.AlignedFree((void*)Base);
}
