// Block copy and fill helpers. ilc's scanner roots these by name (Buffer.*, SpanHelpers.*) because the JIT
// lowers large struct copies and span operations onto them.
#pragma warning disable CS1591
using System.Runtime.CompilerServices;

namespace System;

public static unsafe class Buffer
{
    public static void Memmove(byte* destination, byte* source, nuint length)
    {
        if (destination == source || length == 0) return;
        if (destination < source || destination >= source + length)
        {
            nuint i = 0;
            for (; i + 8 <= length; i += 8) *(ulong*)(destination + i) = *(ulong*)(source + i);
            for (; i < length; i++) destination[i] = source[i];
        }
        else
        {
            for (nuint i = length; i > 0; i--) destination[i - 1] = source[i - 1];
        }
    }

    internal static void BulkMoveWithWriteBarrier(ref byte destination, ref byte source, nuint byteCount)
    {
        fixed (byte* d = &destination) fixed (byte* s = &source) Memmove(d, s, byteCount);
    }

    internal static void MemmoveInternal(ref byte destination, ref byte source, nuint byteCount) =>
        BulkMoveWithWriteBarrier(ref destination, ref source, byteCount);

    internal static void ZeroMemoryInternal(ref byte b, nuint byteLength) => SpanHelpers.ClearWithoutReferences(ref b, byteLength);
}

internal static unsafe class SpanHelpers
{
    internal static void Memmove(ref byte destination, ref byte source, nuint length) =>
        Buffer.BulkMoveWithWriteBarrier(ref destination, ref source, length);

    internal static void ClearWithoutReferences(ref byte b, nuint byteLength)
    {
        fixed (byte* p = &b)
        {
            nuint i = 0;
            for (; i + 8 <= byteLength; i += 8) *(ulong*)(p + i) = 0;
            for (; i < byteLength; i++) p[i] = 0;
        }
    }

    internal static void ClearWithReferences(ref nint ip, nuint pointerSizeLength) =>
        ClearWithoutReferences(ref Unsafe.As<nint, byte>(ref ip), pointerSizeLength * (nuint)sizeof(nint));

    internal static void Fill(ref byte destination, nuint numElements, byte value)
    {
        fixed (byte* p = &destination)
            for (nuint i = 0; i < numElements; i++) p[i] = value;
    }
}

/// <summary>Block-operation helpers the JIT calls by symbol (CORINFO_HELP_MEMCPY/MEMSET/MEMZERO).</summary>
internal static unsafe class SpanHelperExports
{
    [System.Runtime.RuntimeExport("RhSpanHelpers_MemCopy")]
    private static void MemCopy(byte* destination, byte* source, nuint length) => Buffer.Memmove(destination, source, length);

    [System.Runtime.RuntimeExport("RhSpanHelpers_MemSet")]
    private static void MemSet(byte* destination, byte value, nuint length)
    {
        for (nuint i = 0; i < length; i++) destination[i] = value;
    }

    [System.Runtime.RuntimeExport("RhSpanHelpers_MemZero")]
    private static void MemZero(byte* destination, nuint length) => SpanHelpers.ClearWithoutReferences(ref *destination, length);

    [System.Runtime.RuntimeExport("memset")]
    private static byte* NativeMemSet(byte* destination, int value, nuint length)
    {
        for (nuint i = 0; i < length; i++) destination[i] = (byte)value;
        return destination;
    }
}
