// Interop attributes used by the asm bindings and by structs that mirror Xen's public ABI layouts.
#pragma warning disable CS1591
namespace System.Runtime.InteropServices;

public enum LayoutKind { Sequential = 0, Explicit = 2, Auto = 3 }

public enum CharSet { None = 1, Ansi = 2, Unicode = 3, Auto = 4 }

public enum UnmanagedType { Bool = 2, I4 = 7, U4 = 8, LPStr = 20 }

[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StructLayoutAttribute : Attribute
{
    public StructLayoutAttribute(LayoutKind layoutKind) { Value = layoutKind; }
    public LayoutKind Value { get; }
    public int Pack;
    public int Size;
    public CharSet CharSet;
}

[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class FieldOffsetAttribute : Attribute
{
    public FieldOffsetAttribute(int offset) { Value = offset; }
    public int Value { get; }
}

[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class UnmanagedCallersOnlyAttribute : Attribute
{
    public Type[]? CallConvs;
    public string? EntryPoint;
}

[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DllImportAttribute : Attribute
{
    public DllImportAttribute(string dllName) { Value = dllName; }
    public string Value { get; }
    public string? EntryPoint;
}

[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SuppressGCTransitionAttribute : Attribute { }

[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class InAttribute : Attribute { }

[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class OutAttribute : Attribute { }

/// <summary>ilc's interface-dispatch fallback names this; images have no dynamic castable objects, so the
/// resolver is never reached and fails fast if it is.</summary>
public interface IDynamicInterfaceCastable
{
    RuntimeTypeHandle GetInterfaceImplementation(RuntimeTypeHandle interfaceType);

    internal static unsafe IntPtr GetDynamicInterfaceImplementation(object instance, System.Runtime.MethodTable* interfaceType, ushort slot) =>
        throw new NotSupportedException("IDynamicInterfaceCastable");
}
