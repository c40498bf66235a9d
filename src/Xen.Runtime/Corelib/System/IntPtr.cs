// Native-sized integers. With RuntimeFeature.NumericIntPtr present, csc treats nint/nuint as these types
// with built-in arithmetic, exactly as on .NET 7+.
#pragma warning disable CS0169, CS1591
namespace System;

public readonly unsafe struct IntPtr
{
    private readonly void* _value;
    public static readonly nint Zero;
    public IntPtr(void* value) { _value = value; }
    public IntPtr(long value) { _value = (void*)value; }
    public static int Size => sizeof(nint);
    public void* ToPointer() => _value;
    public long ToInt64() => (long)_value;
}

public readonly unsafe struct UIntPtr
{
    private readonly void* _value;
    public static readonly nuint Zero;
    public UIntPtr(void* value) { _value = value; }
    public UIntPtr(ulong value) { _value = (void*)value; }
    public static int Size => sizeof(nuint);
    public void* ToPointer() => _value;
    public ulong ToUInt64() => (ulong)_value;
}
