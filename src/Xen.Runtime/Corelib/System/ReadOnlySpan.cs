// ReadOnlySpan<T>: the read-only twin of Span<T>; SequenceEqual and CopyTo are the workhorses of parsers.
#pragma warning disable CS1591, CS0809
using System.Runtime.CompilerServices;

namespace System;

public readonly ref struct ReadOnlySpan<T>
{
    internal readonly ref T _reference;
    private readonly int _length;

    public ReadOnlySpan(T[]? array)
    {
        if (array is null) { this = default; return; }
        _reference = ref MemoryMarshalHelpers.GetArrayDataReference(array);
        _length = array.Length;
    }

    public ReadOnlySpan(T[]? array, int start, int length)
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

    public unsafe ReadOnlySpan(void* pointer, int length)
    {
        if (length < 0) ThrowHelper.ThrowArgumentOutOfRange();
        _reference = ref Unsafe.AsRef<T>(pointer);
        _length = length;
    }

    public ReadOnlySpan(ref readonly T reference) { _reference = ref Unsafe.AsRef(in reference); _length = 1; }

    internal ReadOnlySpan(ref T reference, int length) { _reference = ref reference; _length = length; }

    public int Length => _length;

    public bool IsEmpty => _length == 0;

    public static ReadOnlySpan<T> Empty => default;

    public ref readonly T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_length) ThrowHelper.ThrowIndexOutOfRange();
            return ref Unsafe.Add(ref _reference, (nint)(uint)index);
        }
    }

    public ref readonly T GetPinnableReference() => ref (_length != 0 ? ref _reference : ref Unsafe.NullRef<T>());

    public ReadOnlySpan<T> Slice(int start)
    {
        if ((uint)start > (uint)_length) ThrowHelper.ThrowArgumentOutOfRange();
        return new ReadOnlySpan<T>(ref Unsafe.Add(ref _reference, (nint)(uint)start), _length - start);
    }

    public ReadOnlySpan<T> Slice(int start, int length)
    {
        if ((ulong)(uint)start + (ulong)(uint)length > (ulong)(uint)_length) ThrowHelper.ThrowArgumentOutOfRange();
        return new ReadOnlySpan<T>(ref Unsafe.Add(ref _reference, (nint)(uint)start), length);
    }

    public void CopyTo(Span<T> destination)
    {
        if ((uint)_length > (uint)destination.Length) ThrowHelper.ThrowArgument("Destination is too short.");
        // Overlap-safe: copy backwards when the destination starts inside the source.
        if (Unsafe.IsAddressGreaterThan(ref destination._reference, ref _reference))
        {
            for (int i = _length - 1; i >= 0; i--) Unsafe.Add(ref destination._reference, i) = Unsafe.Add(ref _reference, i);
        }
        else
        {
            for (int i = 0; i < _length; i++) Unsafe.Add(ref destination._reference, i) = Unsafe.Add(ref _reference, i);
        }
    }

    public bool TryCopyTo(Span<T> destination)
    {
        if ((uint)_length > (uint)destination.Length) return false;
        CopyTo(destination);
        return true;
    }

    public T[] ToArray()
    {
        T[] result = new T[_length];
        CopyTo(result);
        return result;
    }

    public Enumerator GetEnumerator() => new Enumerator(this);

    public static implicit operator ReadOnlySpan<T>(T[]? array) => new ReadOnlySpan<T>(array);

    [Obsolete("Equals() on ReadOnlySpan will always throw an exception. Use the equality operator instead.")]
    public override bool Equals(object? obj) { ThrowHelper.ThrowNotSupported(); return false; }

    [Obsolete("GetHashCode() on ReadOnlySpan will always throw an exception.")]
    public override int GetHashCode() { ThrowHelper.ThrowNotSupported(); return 0; }

    /// <summary>Enumerates the elements of a <see cref="ReadOnlySpan{T}"/>.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<T> _span;
        private int _index;

        internal Enumerator(ReadOnlySpan<T> span) { _span = span; _index = -1; }

        public bool MoveNext()
        {
            int index = _index + 1;
            if (index < _span.Length) { _index = index; return true; }
            return false;
        }

        public ref readonly T Current => ref _span[_index];
    }
}
