// Throw helpers ilc's codegen calls by name for implicit failures (range checks, checked arithmetic,
// division by zero, stripped bodies). Each throws the matching exception, which panics via RhpThrowEx.
#pragma warning disable CS1591
using System;

namespace Internal.Runtime.CompilerHelpers;

internal static class ThrowHelpers
{
    private static void ThrowOverflowException() => throw new OverflowException();
    private static void ThrowIndexOutOfRangeException() => throw new IndexOutOfRangeException();
    private static void ThrowNullReferenceException() => throw new NullReferenceException();
    private static void ThrowDivideByZeroException() => throw new DivideByZeroException();
    private static void ThrowArrayTypeMismatchException() => throw new ArrayTypeMismatchException();
    private static void ThrowPlatformNotSupportedException() => throw new PlatformNotSupportedException();
    private static void ThrowNotImplementedException() => throw new NotImplementedException();
    private static void ThrowNotSupportedException() => throw new NotSupportedException();
    private static void ThrowInvalidProgramException() => throw new InvalidOperationException("Invalid program.");
    private static void ThrowFeatureBodyRemoved() => throw new NotSupportedException("Method body removed by the compiler.");
    private static void ThrowArgumentException() => throw new ArgumentException();
    private static void ThrowArgumentOutOfRangeException() => throw new ArgumentOutOfRangeException();
    private static void ThrowInvalidCastException() => throw new InvalidCastException();
    private static void ThrowTypeLoadException() => throw new InvalidOperationException("Type load failure.");
    private static void ThrowMissingMethodException() => throw new InvalidOperationException("Missing method.");
    private static void ThrowMissingFieldException() => throw new InvalidOperationException("Missing field.");
}
