// Delegates: ilc requires these types and field names to exist. Creating delegates needs constructor
// helpers images do not provide yet (documented in docs/architecture.md as a runtime gap).
#pragma warning disable CS0169, CS0649, CS1591
namespace System;

public abstract class Delegate
{
    internal object? m_firstParameter;
    internal object? m_helperObject;
    internal nint m_extraFunctionPointerOrData;
    internal IntPtr m_functionPointer;
}

public abstract class MulticastDelegate : Delegate
{
}
