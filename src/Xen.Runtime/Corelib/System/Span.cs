// Span<T>: a ref struct over a managed reference and a length, same shape and API subset as the BCL's.
// Images never move objects (no compacting collector), but the ref field keeps the code honest for hosted
// builds and lets the JIT track interior pointers exactly as it does on .NET.
#pragma warning disable CS1591, CS0809
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace System;

public readonly ref struct Span<T>
{
    internal readonly ref T _reference;
    private readonly int _length;

    public Span(T[]? array)
    {
        if (array is null) { this = default; return; }
        _reference = ref MemoryMarshalHelpers.GetArrayDataReference(array);
        _length = array.Length;
    }

    public Span(T[]? array, int start, int length)
    {
        if (array is null)
        {
            if (start != 0 || length != 0) ThrowHelper.ThrowArgumentOutOfRange();
            this = default;
            return;
        }
        if ((ulong)(uint)start + (ulong)(uint)length > (ulong)(uint)array.Length) ThrowHelper.ThrowArgumentOutOfRange();
        _reference = ref Unsafe.Add(ref MemoryMarshalHelpers.GetArrayDataReference(array), (nint)(uint)start);
        _length = length;
    }

    public unsafe Span(void* pointer, int length)
    {
        if (length < 0) ThrowHelper.ThrowArgumentOutOfRange();
        _reference = ref Unsafe.AsRef<T>(pointer);
        _length = length;
    }

    public Span(ref T reference) { _reference = ref reference; _length = 1; }

    internal Span(ref T reference, int length) { _reference = ref reference; _length = length; }

    public int Length => _length;

    public bool IsEmpty => _length == 0;

    public static Span<T> Empty => default;

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length) ThrowHelper.ThrowIndexOutOfRange();
            return ref Unsafe.Add(ref _reference, (nint)(uint)index);
        }
    }

    public ref T GetPinnableReference() => ref (_length != 0 ? ref _reference : ref Unsafe.NullRef<T>());

    public Span<T> Slice(int start)
    {
        if ((uint)start > (uint)_length) ThrowHelper.ThrowArgumentOutOfRange();
        return new Span<T>(ref Unsafe.Add(ref _reference, (nint)(uint)start), _length - start);
    }

    public Span<T> Slice(int start, int length)
    {
        if ((ulong)(uint)start + (ulong)(uint)length > (ulong)(uint)_length) ThrowHelper.ThrowArgumentOutOfRange();
        return new Span<T>(ref Unsafe.Add(ref _reference, (nint)(uint)start), length);
    }

    public void Clear()
    {
        for (int i = 0; i < _length; i++) Unsafe.Add(ref _reference, i) = default!;
    }

    public void Fill(T value)
    {
        for (int i = 0; i < _length; i++) Unsafe.Add(ref _reference, i) = value;
    }

    public void CopyTo(Span<T> destination)
    {
        if (!TryCopyTo(destination)) ThrowHelper.ThrowArgument("Destination is too short.");
    }

    public bool TryCopyTo(Span<T> destination)
    {
        if ((uint)_length > (uint)destination.Length) return false;
        ((ReadOnlySpan<T>)this).CopyTo(destination);
        return true;
    }

    public T[] ToArray()
    {
        T[] result = new T[_length];
        CopyTo(result);
        return result;
    }

    public Enumerator GetEnumerator() => new Enumerator(this);

    public static implicit operator Span<T>(T[]? array) => new Span<T>(array);

    public static implicit operator ReadOnlySpan<T>(Span<T> span) => new ReadOnlySpan<T>(ref span._reference, span._length);

    [Obsolete("Equals() on Span will always throw an exception. Use the equality operator instead.")]
    public override bool Equals(object? obj) { ThrowHelper.ThrowNotSupported(); return false; }

    [Obsolete("GetHashCode() on Span will always throw an exception.")]
    public override int GetHashCode() { ThrowHelper.ThrowNotSupported(); return 0; }

    /// <summary>Enumerates the elements of a <see cref="Span{T}"/>.</summary>
    public ref struct Enumerator
    {
        private readonly Span<T> _span;
        private int _index;

        internal Enumerator(Span<T> span) { _span = span; _index = -1; }

        public bool MoveNext()
        {
            int index = _index + 1;
            if (index < _span.Length) { _index = index; return true; }
            return false;
        }

        public ref T Current => ref _span[_index];
    }
}
