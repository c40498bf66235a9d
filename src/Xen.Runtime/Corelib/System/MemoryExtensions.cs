// The MemoryExtensions subset parsers use. Equality goes through IEquatable<T> so it works for any element type.
#pragma warning disable CS1591
using System.Runtime.CompilerServices;

namespace System;

public static class MemoryExtensions
{
    public static Span<T> AsSpan<T>(this T[]? array) => new Span<T>(array);

    public static Span<T> AsSpan<T>(this T[]? array, int start) =>
        array is null ? default : new Span<T>(array, start, array.Length - start);

    public static Span<T> AsSpan<T>(this T[]? array, int start, int length) => new Span<T>(array, start, length);

    public static ReadOnlySpan<char> AsSpan(this string? text) => text is null ? default : text.AsSpan();

    public static bool SequenceEqual<T>(this ReadOnlySpan<T> span, ReadOnlySpan<T> other) where T : IEquatable<T>?
    {
        if (span.Length != other.Length) return false;
        for (int i = 0; i < span.Length; i++)
        {
            T a = span[i];
            T b = other[i];
            if (a is null) { if (b is not null) return false; continue; }
            if (!a.Equals(b)) return false;
        }
        return true;
    }

    public static bool SequenceEqual<T>(this Span<T> span, ReadOnlySpan<T> other) where T : IEquatable<T>? =>
        ((ReadOnlySpan<T>)span).SequenceEqual(other);

    public static int IndexOf<T>(this ReadOnlySpan<T> span, T value) where T : IEquatable<T>?
    {
        for (int i = 0; i < span.Length; i++)
        {
            T item = span[i];
            if (item is null ? value is null : item.Equals(value)) return i;
        }
        return -1;
    }

    public static int IndexOf<T>(this Span<T> span, T value) where T : IEquatable<T>? => ((ReadOnlySpan<T>)span).IndexOf(value);

    public static bool StartsWith<T>(this ReadOnlySpan<T> span, ReadOnlySpan<T> value) where T : IEquatable<T>? =>
        value.Length <= span.Length && span.Slice(0, value.Length).SequenceEqual(value);
}

internal static class MemoryMarshalHelpers
{
    /// <summary>Element 0 of an SZ array: its data starts two pointers into the object on 64-bit targets
    /// (MethodTable pointer, then the 32-bit length padded to 8 bytes).</summary>
    internal static ref T GetArrayDataReference<T>(T[] array) =>
        ref Unsafe.As<byte, T>(ref Unsafe.AddByteOffset(ref Unsafe.As<RawData>(array).Data, 8));
}

/// <summary>Overlay for reaching the first field of any object through a ref.</summary>
internal sealed class RawData
{
    public byte Data;
}
