// RuntimeHelpers: the members csc and ilc call by name.
#pragma warning disable CS1591
namespace System.Runtime.CompilerServices;

public static class RuntimeHelpers
{
    /// <summary>Offset of String._firstChar from the object start: MethodTable pointer + 32-bit length.</summary>
    public static int OffsetToStringData => 12;

    [Intrinsic] public static void InitializeArray(Array array, RuntimeFieldHandle fldHandle) => throw null!;

    [Intrinsic] public static ReadOnlySpan<T> CreateSpan<T>(RuntimeFieldHandle fldHandle) => throw null!;

    [Intrinsic] public static bool IsReferenceOrContainsReferences<T>() => throw null!;

    [Intrinsic] public static bool IsKnownConstant(int value) => false;
}
