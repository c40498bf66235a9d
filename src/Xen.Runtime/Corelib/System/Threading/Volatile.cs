// Volatile and Interlocked subset for shared-memory protocols (xenstore and console rings, event channels).
// Volatile accesses go through a field declared `volatile`, which makes the JIT emit acquire loads and
// release stores (plain moves on x86's TSO; ldar/stlr on arm64). The full fence is an assembly routine
// (mfence / dmb ish) so it cannot be optimised away.
#pragma warning disable CS1591, CS0649
using System.Runtime;
using System.Runtime.CompilerServices;

namespace System.Threading;

public static class Volatile
{
    private struct VolatileInt32 { public volatile int Value; }
    private struct VolatileUInt32 { public volatile uint Value; }
    private struct VolatileBoolean { public volatile bool Value; }
    private struct VolatileIntPtr { public volatile nint Value; }
    private struct VolatileObject { public volatile object? Value; }

    public static int Read(ref readonly int location) => Unsafe.As<int, VolatileInt32>(ref Unsafe.AsRef(in location)).Value;
    public static uint Read(ref readonly uint location) => Unsafe.As<uint, VolatileUInt32>(ref Unsafe.AsRef(in location)).Value;
    public static bool Read(ref readonly bool location) => Unsafe.As<bool, VolatileBoolean>(ref Unsafe.AsRef(in location)).Value;
    public static nint Read(ref readonly nint location) => Unsafe.As<nint, VolatileIntPtr>(ref Unsafe.AsRef(in location)).Value;

    // 64-bit values: a naturally aligned 8-byte access is atomic on both targets; the fence orders it.
    public static long Read(ref readonly long location)
    {
        long value = location;
        Interlocked.MemoryBarrier();
        return value;
    }

    public static ulong Read(ref readonly ulong location)
    {
        ulong value = location;
        Interlocked.MemoryBarrier();
        return value;
    }

    public static T Read<T>(ref readonly T location) where T : class? =>
        Unsafe.As<T>(Unsafe.As<T, VolatileObject>(ref Unsafe.AsRef(in location)).Value)!;

    public static void Write(ref int location, int value) => Unsafe.As<int, VolatileInt32>(ref location).Value = value;
    public static void Write(ref uint location, uint value) => Unsafe.As<uint, VolatileUInt32>(ref location).Value = value;
    public static void Write(ref bool location, bool value) => Unsafe.As<bool, VolatileBoolean>(ref location).Value = value;
    public static void Write(ref nint location, nint value) => Unsafe.As<nint, VolatileIntPtr>(ref location).Value = value;

    public static void Write(ref long location, long value)
    {
        Interlocked.MemoryBarrier();
        location = value;
    }

    public static void Write(ref ulong location, ulong value)
    {
        Interlocked.MemoryBarrier();
        location = value;
    }

    public static void Write<T>(ref T location, T value) where T : class? =>
        Unsafe.As<T, VolatileObject>(ref location).Value = value;
}
