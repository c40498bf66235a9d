// Arrays. ilc lays out SZ arrays as [MethodTable*][int length][pad][elements]; Array<T> is the generic
// shape ilc asks for when it builds T[]'s interface list.
#pragma warning disable CS0649, CS1591, CS0169
using System.Runtime.CompilerServices;

namespace System;

public abstract class Array
{
    private int _numComponents;

    public int Length => _numComponents;

    /// <summary>Copies the first <paramref name="length"/> elements. Arrays of the same type are block-copied;
    /// arrays of different reference types copy element by element with the covariance check of a store.</summary>
    public static unsafe void Copy(Array sourceArray, Array destinationArray, int length)
    {
        if (sourceArray is null || destinationArray is null) throw new ArgumentNullException();
        if ((uint)length > (uint)sourceArray.Length || length > destinationArray.Length) ThrowHelper.ThrowArgumentOutOfRange();
        Runtime.MethodTable* source = sourceArray.GetMethodTable();
        Runtime.MethodTable* destination = destinationArray.GetMethodTable();
        if (source == destination)
        {
            Buffer.Memmove(DataOf(destinationArray), DataOf(sourceArray), (nuint)length * source->ComponentSize);
            return;
        }
        if (source->ArrayElementType->IsValueType || destination->ArrayElementType->IsValueType)
            ThrowHelper.ThrowArrayTypeMismatch();
        object?[] from = Unsafe.As<object?[]>(sourceArray);
        object?[] to = Unsafe.As<object?[]>(destinationArray);
        for (int i = 0; i < length; i++) to[i] = from[i]; // stelem.ref: checks each element's type
    }

    public static T[] Empty<T>() => EmptyArray<T>.Value;

    public static void Resize<T>(ref T[]? array, int newSize)
    {
        if (newSize < 0) ThrowHelper.ThrowArgumentOutOfRange();
        T[] larger = new T[newSize];
        if (array is not null)
            new ReadOnlySpan<T>(array, 0, array.Length < newSize ? array.Length : newSize).CopyTo(larger);
        array = larger;
    }

    public static unsafe void Clear(Array array)
    {
        if (array is null) throw new ArgumentNullException(nameof(array));
        SpanHelpers.ClearWithoutReferences(ref *DataOf(array), (nuint)array.Length * array.GetMethodTable()->ComponentSize);
    }

    // SZ arrays: [MethodTable*][int length + pad][elements] on 64-bit targets.
    private static unsafe byte* DataOf(Array array) => (byte*)Unsafe.AsPointer(ref Unsafe.As<RawData>(array).Data) + 8;

    public static int IndexOf<T>(T[] array, T value) where T : IEquatable<T>
    {
        for (int i = 0; i < array.Length; i++)
            if (array[i].Equals(value)) return i;
        return -1;
    }
}

internal class Array<T> : Array
{
}

internal static class EmptyArray<T>
{
    internal static readonly T[] Value = new T[0];
}
