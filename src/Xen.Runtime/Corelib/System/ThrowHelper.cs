// Out-of-line throws keep the callers small (the JIT does not inline methods that throw).
#pragma warning disable CS1591
using System.Diagnostics.CodeAnalysis;

namespace System;

internal static class ThrowHelper
{
    [DoesNotReturn] internal static void ThrowIndexOutOfRange() => throw new IndexOutOfRangeException();
    [DoesNotReturn] internal static void ThrowArgumentOutOfRange() => throw new ArgumentOutOfRangeException();
    [DoesNotReturn] internal static void ThrowArgument(string message) => throw new ArgumentException(message);
    [DoesNotReturn] internal static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);
    [DoesNotReturn] internal static void ThrowNotSupported() => throw new NotSupportedException();
    [DoesNotReturn] internal static void ThrowArrayTypeMismatch() => throw new ArrayTypeMismatchException();
    [DoesNotReturn] internal static void ThrowInvalidCast() => throw new InvalidCastException();
}
