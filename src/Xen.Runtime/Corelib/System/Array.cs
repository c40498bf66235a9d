// Arrays. ilc lays out SZ arrays as [MethodTable*][int length][pad][elements]; Array<T> is the generic
// shape ilc asks for when it builds T[]'s interface list.
#pragma warning disable CS0649, CS1591, CS0169
using System.Runtime.CompilerServices;

namespace System;

public abstract class Array
{
    private int _numComponents;

    public int Length => _numComponents;

    public static void Copy(Array sourceArray, Array destinationArray, int length)
    {
        ThrowHelper.ThrowNotSupported();
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

    public static void Clear(Array array)
    {
        ThrowHelper.ThrowNotSupported();
    }

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
