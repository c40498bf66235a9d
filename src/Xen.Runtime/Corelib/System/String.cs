// System.String for images. ILC requires the field names _stringLength and _firstChar (its static
// pre-initialiser writes frozen string literals through them). Strings are immutable and allocated through
// the runtime heap; only what the hypervisor needs for messages and parsing is provided.
#pragma warning disable CS0649, CS1591
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace System;

public sealed class String
{
    [Intrinsic] public static readonly string Empty = "";

    private readonly int _stringLength;
    private char _firstChar;

    // ilc turns `new string(...)` into a call to the static Ctor with the same parameters (strings are
    // allocated with their final length, so a constructor cannot do it); the extern instance constructor
    // only exists for csc.
    [MethodImpl(MethodImplOptions.InternalCall)]
    public extern String(char[]? value);

    [MethodImpl(MethodImplOptions.InternalCall)]
    public extern String(ReadOnlySpan<char> value);

    private static string Ctor(char[]? value) => value is null ? Empty : FromSpan(value);

    private static string Ctor(ReadOnlySpan<char> value) => FromSpan(value);

    public int Length => _stringLength;

    [IndexerName("Chars")]
    public char this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_stringLength) ThrowHelper.ThrowIndexOutOfRange();
            return Unsafe.Add(ref _firstChar, (nint)(uint)index);
        }
    }

    internal ref char GetRawStringData() => ref _firstChar;

    public ref readonly char GetPinnableReference() => ref _firstChar;

    public static bool IsNullOrEmpty(string? value) => value is null || value._stringLength == 0;

    public static bool operator ==(string? a, string? b) => Equals(a, b);

    public static bool operator !=(string? a, string? b) => !Equals(a, b);

    public static bool Equals(string? a, string? b)
    {
        if ((object?)a == b) return true;
        if (a is null || b is null || a._stringLength != b._stringLength) return false;
        return new ReadOnlySpan<char>(ref a._firstChar, a._stringLength).SequenceEqual(new ReadOnlySpan<char>(ref b._firstChar, b._stringLength));
    }

    public bool Equals(string? value) => Equals(this, value);

    public override bool Equals(object? obj) => obj is string s && Equals(this, s);

    /// <summary>FNV-1a over the UTF-16 code units: stable across runs, which the core relies on for nothing.</summary>
    public override int GetHashCode()
    {
        uint hash = 2166136261;
        for (int i = 0; i < _stringLength; i++)
            hash = (hash ^ Unsafe.Add(ref _firstChar, i)) * 16777619;
        return (int)hash;
    }

    public override string ToString() => this;

    public static implicit operator ReadOnlySpan<char>(string? value) =>
        value is null ? default : new ReadOnlySpan<char>(ref value._firstChar, value._stringLength);

    public ReadOnlySpan<char> AsSpan() => new ReadOnlySpan<char>(ref _firstChar, _stringLength);

    public string Substring(int startIndex) => Substring(startIndex, _stringLength - startIndex);

    public string Substring(int startIndex, int length)
    {
        if ((uint)startIndex > (uint)_stringLength || (uint)length > (uint)(_stringLength - startIndex))
            ThrowHelper.ThrowArgumentOutOfRange();
        if (length == _stringLength) return this;
        string result = FastAllocateString(length);
        new ReadOnlySpan<char>(ref Unsafe.Add(ref _firstChar, startIndex), length).CopyTo(new Span<char>(ref result._firstChar, length));
        return result;
    }

    public bool StartsWith(string value) =>
        value._stringLength <= _stringLength && AsSpan().Slice(0, value._stringLength).SequenceEqual(value.AsSpan());

    public static string Concat(string? str0, string? str1) => Concat(str0, str1, null, null);

    public static string Concat(string? str0, string? str1, string? str2) => Concat(str0, str1, str2, null);

    public static string Concat(string? str0, string? str1, string? str2, string? str3)
    {
        int length = (str0?._stringLength ?? 0) + (str1?._stringLength ?? 0) + (str2?._stringLength ?? 0) + (str3?._stringLength ?? 0);
        if (length == 0) return Empty;
        string result = FastAllocateString(length);
        Span<char> dest = new Span<char>(ref result._firstChar, length);
        int at = 0;
        at = Append(dest, at, str0);
        at = Append(dest, at, str1);
        at = Append(dest, at, str2);
        Append(dest, at, str3);
        return result;
    }

    public static string Concat(params string?[] values)
    {
        int length = 0;
        for (int i = 0; i < values.Length; i++) length += values[i]?._stringLength ?? 0;
        if (length == 0) return Empty;
        string result = FastAllocateString(length);
        Span<char> dest = new Span<char>(ref result._firstChar, length);
        int at = 0;
        for (int i = 0; i < values.Length; i++) at = Append(dest, at, values[i]);
        return result;
    }

    /// <summary>Creates a string from UTF-16 code units (the BCL's <c>new string(ReadOnlySpan&lt;char&gt;)</c> shape
    /// is a constructor ilc would need special support for, so images use this factory instead).</summary>
    internal static string FromSpan(ReadOnlySpan<char> value)
    {
        if (value.Length == 0) return Empty;
        string result = FastAllocateString(value.Length);
        value.CopyTo(new Span<char>(ref result._firstChar, value.Length));
        return result;
    }

    private static int Append(Span<char> dest, int at, string? value)
    {
        if (value is null) return at;
        value.AsSpan().CopyTo(dest.Slice(at));
        return at + value._stringLength;
    }

    internal static unsafe string FastAllocateString(int length)
    {
        // Every frozen literal carries String's MethodTable: borrow it rather than asking ilc for a handle.
        Runtime.MethodTable* mt = "".GetMethodTable();
        return Unsafe.As<string>(System.Runtime.RuntimeExports.AllocateArrayLike(mt, length));
    }
}
