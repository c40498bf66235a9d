// Allocation entry points ilc's codegen calls for `new`, plus boxing helpers. Memory comes from the
// runtime's object heap (Xen.Runtime.Memory.ObjectHeap), zeroed, 16-byte aligned. Objects are laid out as
// [MethodTable*][fields]; arrays and strings as [MethodTable*][int length][pad][elements].
#pragma warning disable CS1591
using System.Runtime.CompilerServices;
using Xen.Runtime.Memory;

namespace System.Runtime;

public static unsafe class RuntimeExports
{
    /// <summary>Allocates a zeroed object of the given type; panics when the heap is exhausted.</summary>
    public static void* AllocateObject(MethodTable* mt)
    {
        void* memory = ObjectHeap.Global.Allocate(mt->BaseSize);
        if (memory == null) Xen.Runtime.Diagnostics.Panic.OutOfMemory(mt->BaseSize);
        *(MethodTable**)memory = mt;
        return memory;
    }

    /// <summary>Allocates an array or string with <paramref name="length"/> elements.</summary>
    public static object AllocateArrayLike(MethodTable* mt, int length)
    {
        if (length < 0) throw new OverflowException();
        ulong size = mt->BaseSize + (ulong)length * mt->ComponentSize;
        if (size > int.MaxValue) throw new OutOfMemoryException();
        void* memory = ObjectHeap.Global.Allocate((uint)size);
        if (memory == null) Xen.Runtime.Diagnostics.Panic.OutOfMemory((uint)size);
        *(MethodTable**)memory = mt;
        *(int*)((byte*)memory + sizeof(nint)) = length;
        return AsObject(memory);
    }

    internal static object AsObject(void* memory)
    {
        nint address = (nint)memory;
        return Unsafe.As<nint, object>(ref address);
    }

    [RuntimeExport("RhpNewFast")]
    private static object RhpNewFast(MethodTable* mt) => AsObject(AllocateObject(mt));

    [RuntimeExport("RhpNewFinalizable")]
    private static object RhpNewFinalizable(MethodTable* mt) => AsObject(AllocateObject(mt));

    [RuntimeExport("RhpNewArray")]
    private static object RhpNewArray(MethodTable* mt, int length) => AllocateArrayLike(mt, length);

    [RuntimeExport("RhpNewArrayFast")]
    private static object RhpNewArrayFast(MethodTable* mt, int length) => AllocateArrayLike(mt, length);

    [RuntimeExport("RhpNewPtrArrayFast")]
    private static object RhpNewPtrArrayFast(MethodTable* mt, int length) => AllocateArrayLike(mt, length);

    [RuntimeExport("RhNewString")]
    private static object RhNewString(MethodTable* mt, int length) => AllocateArrayLike(mt, length);

    [RuntimeExport("RhBox")]
    private static object RhBox(MethodTable* mt, ref byte data)
    {
        void* memory = AllocateObject(mt);
        // A boxed value's payload follows the MethodTable pointer; its size is the base size less the
        // object header word and MethodTable pointer.
        fixed (byte* source = &data)
            Buffer.Memmove((byte*)memory + sizeof(nint), source, mt->BaseSize - (nuint)(2 * sizeof(nint)));
        return AsObject(memory);
    }

    [RuntimeExport("RhNewObject")]
    private static object RhNewObject(MethodTable* mt) => AsObject(AllocateObject(mt));

    [RuntimeExport("RhNewArray")]
    private static object RhNewArray(MethodTable* mt, int length) => AllocateArrayLike(mt, length);

    [RuntimeExport("RhBoxAny")]
    private static object RhBoxAny(ref byte data, MethodTable* mt) => mt->IsValueType ? RhBox(mt, ref data) : Unsafe.As<byte, object>(ref data);

    [RuntimeExport("RhUnboxAny")]
    private static void RhUnboxAny(object? obj, ref byte data, MethodTable* mt)
    {
        if (mt->IsValueType)
        {
            if (obj is null || obj.GetMethodTable() != mt) throw new InvalidCastException();
            fixed (byte* destination = &data)
                Buffer.Memmove(destination, (byte*)Unsafe.AsPointer(ref Unsafe.As<RawData>(obj).Data), mt->BaseSize - (nuint)(2 * sizeof(nint)));
        }
        else
        {
            Unsafe.As<byte, object?>(ref data) = obj;
        }
    }

    /// <summary>Unboxes into a Nullable&lt;T&gt;: layout is [bool hasValue][padding][T value], and T's size is a
    /// multiple of its alignment, so the value sits at (nullable size - payload size).</summary>
    private static void RhUnboxNullable(ref byte data, MethodTable* pUnboxType, object? obj)
    {
        nuint nullableSize = pUnboxType->BaseSize - (nuint)(2 * sizeof(nint));
        fixed (byte* destination = &data)
        {
            for (nuint i = 0; i < nullableSize; i++) destination[i] = 0;
            if (obj is null) return;
            nuint payload = obj.GetMethodTable()->BaseSize - (nuint)(2 * sizeof(nint));
            if (payload > nullableSize) throw new InvalidCastException();
            destination[0] = 1;
            Buffer.Memmove(destination + (nullableSize - payload), (byte*)Unsafe.AsPointer(ref Unsafe.As<RawData>(obj).Data), payload);
        }
    }

    [RuntimeExport("RhUnbox2")]
    private static ref byte RhUnbox2(MethodTable* mt, object obj)
    {
        if (obj is null) throw new NullReferenceException();
        if (obj.GetMethodTable() != mt) throw new InvalidCastException();
        return ref Unsafe.As<RawData>(obj).Data;
    }
}
