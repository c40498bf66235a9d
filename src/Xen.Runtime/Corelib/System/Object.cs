// The root of the type hierarchy. NativeAOT's codegen reads the MethodTable pointer from the first word of
// every object, so m_pMethodTable must be the one and only instance field.
#pragma warning disable CS0649, CS1591
namespace System;

public class Object
{
    internal unsafe Runtime.MethodTable* m_pMethodTable;

    public Object() { }

    // ILC requires a Finalize slot on Object to build vtables; we never run finalizers (no GC yet).
#pragma warning disable CS0465
    protected virtual void Finalize() { }
#pragma warning restore CS0465

    public virtual bool Equals(object? obj) => ReferenceEquals(this, obj);

    public virtual int GetHashCode() => 0;

    public virtual string? ToString() => "System.Object";

    public static bool ReferenceEquals(object? objA, object? objB) => objA == objB;

    internal unsafe Runtime.MethodTable* GetMethodTable() => m_pMethodTable;
}
