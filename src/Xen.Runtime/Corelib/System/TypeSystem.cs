// Type identity handles. typeof(T) yields a RuntimeTypeHandle wrapping the MethodTable pointer; images use
// it only for identity comparisons, never for reflection.
#pragma warning disable CS0169, CS0649, CS1591
namespace System;

public abstract class Type
{
}

internal sealed class RuntimeType : Type
{
}

public struct RuntimeTypeHandle
{
    private readonly IntPtr _value;
    internal RuntimeTypeHandle(IntPtr value) { _value = value; }
    internal IntPtr Value => _value;
}

public struct RuntimeMethodHandle
{
    private readonly IntPtr _value;
}

public struct RuntimeFieldHandle
{
    private readonly IntPtr _value;
}

public interface IDisposable
{
    void Dispose();
}

public interface IEquatable<T>
{
    bool Equals(T? other);
}

public interface IComparable<in T>
{
    int CompareTo(T? other);
}
