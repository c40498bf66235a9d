// System.Threading.Interlocked for images: the atomic read-modify-write operations SMP code needs (spin
// locks, event-channel bitmaps shared with guests, counters). Each is an assembly routine (lock-prefixed on
// x86; exclusive-monitor loops on arm64 so it also runs on cores without the v8.1 LSE atomics) with a full
// fence, matching .NET's guarantee that every Interlocked operation is a full barrier.
#pragma warning disable CS1591
using System.Runtime;
using System.Runtime.CompilerServices;

namespace System.Threading;

public static unsafe class Interlocked
{
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_memory_barrier")]
    private static extern void FullFence();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_cmpxchg32")]
    private static extern int CmpXchg32(int* location, int value, int comparand);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_cmpxchg64")]
    private static extern long CmpXchg64(long* location, long value, long comparand);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_xchg32")]
    private static extern int Xchg32(int* location, int value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_xchg64")]
    private static extern long Xchg64(long* location, long value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_xadd32")]
    private static extern int XAdd32(int* location, int value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_xadd64")]
    private static extern long XAdd64(long* location, long value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_or32")]
    private static extern int Or32(int* location, int value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_and32")]
    private static extern int And32(int* location, int value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_or64")]
    private static extern long Or64(long* location, long value);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_and64")]
    private static extern long And64(long* location, long value);

    public static void MemoryBarrier() => FullFence();

    public static int CompareExchange(ref int location, int value, int comparand) => CmpXchg32((int*)Unsafe.AsPointer(ref location), value, comparand);
    public static uint CompareExchange(ref uint location, uint value, uint comparand) => (uint)CmpXchg32((int*)Unsafe.AsPointer(ref location), (int)value, (int)comparand);
    public static long CompareExchange(ref long location, long value, long comparand) => CmpXchg64((long*)Unsafe.AsPointer(ref location), value, comparand);
    public static ulong CompareExchange(ref ulong location, ulong value, ulong comparand) => (ulong)CmpXchg64((long*)Unsafe.AsPointer(ref location), (long)value, (long)comparand);

    public static int Exchange(ref int location, int value) => Xchg32((int*)Unsafe.AsPointer(ref location), value);
    public static uint Exchange(ref uint location, uint value) => (uint)Xchg32((int*)Unsafe.AsPointer(ref location), (int)value);
    public static long Exchange(ref long location, long value) => Xchg64((long*)Unsafe.AsPointer(ref location), value);
    public static ulong Exchange(ref ulong location, ulong value) => (ulong)Xchg64((long*)Unsafe.AsPointer(ref location), (long)value);

    /// <summary>Adds and returns the new value (as .NET's Interlocked.Add).</summary>
    public static int Add(ref int location, int value) => XAdd32((int*)Unsafe.AsPointer(ref location), value) + value;
    public static uint Add(ref uint location, uint value) => (uint)XAdd32((int*)Unsafe.AsPointer(ref location), (int)value) + value;
    public static long Add(ref long location, long value) => XAdd64((long*)Unsafe.AsPointer(ref location), value) + value;
    public static ulong Add(ref ulong location, ulong value) => (ulong)XAdd64((long*)Unsafe.AsPointer(ref location), (long)value) + value;
    public static int Increment(ref int location) => Add(ref location, 1);
    public static long Increment(ref long location) => Add(ref location, 1);
    public static ulong Increment(ref ulong location) => Add(ref location, 1UL);
    public static int Decrement(ref int location) => Add(ref location, -1);
    public static long Decrement(ref long location) => Add(ref location, -1);

    /// <summary>Bitwise OR; returns the original value (as .NET's Interlocked.Or).</summary>
    public static int Or(ref int location, int value) => Or32((int*)Unsafe.AsPointer(ref location), value);
    public static uint Or(ref uint location, uint value) => (uint)Or32((int*)Unsafe.AsPointer(ref location), (int)value);
    public static long Or(ref long location, long value) => Or64((long*)Unsafe.AsPointer(ref location), value);
    public static ulong Or(ref ulong location, ulong value) => (ulong)Or64((long*)Unsafe.AsPointer(ref location), (long)value);

    /// <summary>Bitwise AND; returns the original value (as .NET's Interlocked.And).</summary>
    public static int And(ref int location, int value) => And32((int*)Unsafe.AsPointer(ref location), value);
    public static uint And(ref uint location, uint value) => (uint)And32((int*)Unsafe.AsPointer(ref location), (int)value);
    public static long And(ref long location, long value) => And64((long*)Unsafe.AsPointer(ref location), value);
    public static ulong And(ref ulong location, ulong value) => (ulong)And64((long*)Unsafe.AsPointer(ref location), (long)value);
}
