// A slice of the boot module by offset and length, so DomainSpec (a class kept in arrays) can name the kernel
// and ramdisk without copying them and without holding a span.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>[Offset, Offset+Length) of the boot module.</summary>
public readonly struct ByteRange
{
    /// <summary>Creates a range.</summary>
    public ByteRange(int offset, int length)
    {
        Offset = offset;
        Length = length;
    }

    /// <summary>First byte.</summary>
    public int Offset { get; }

    /// <summary>Byte count (0: absent).</summary>
    public int Length { get; }

    /// <summary>True if the range is empty.</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>The bytes in <paramref name="module"/> (the span given to <see cref="BootBundle.Parse"/>).</summary>
    public ReadOnlySpan<byte> In(ReadOnlySpan<byte> module) => module.Slice(Offset, Length);
}
