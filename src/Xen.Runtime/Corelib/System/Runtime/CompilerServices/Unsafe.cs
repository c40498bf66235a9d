// System.Runtime.CompilerServices.Unsafe: every method is [Intrinsic]; ilc substitutes IL for the bodies
// (the bodies here only exist to make csc happy and are never compiled).
#pragma warning disable CS1591, CS8500
namespace System.Runtime.CompilerServices;

public static unsafe class Unsafe
{
    [Intrinsic] public static T As<T>(object? o) where T : class? => throw null!;
    [Intrinsic] public static ref TTo As<TFrom, TTo>(ref TFrom source) => throw null!;
    [Intrinsic] public static ref T Add<T>(ref T source, int elementOffset) => throw null!;
    [Intrinsic] public static ref T Add<T>(ref T source, nint elementOffset) => throw null!;
    [Intrinsic] public static ref T AddByteOffset<T>(ref T source, nint byteOffset) => throw null!;
    [Intrinsic] public static ref T Subtract<T>(ref T source, int elementOffset) => throw null!;
    [Intrinsic] public static void* AsPointer<T>(ref T value) => throw null!;
    [Intrinsic] public static ref T AsRef<T>(void* source) => throw null!;
    [Intrinsic] public static ref T AsRef<T>(scoped ref readonly T source) => throw null!;
    [Intrinsic] public static int SizeOf<T>() => throw null!;
    [Intrinsic] public static T ReadUnaligned<T>(void* source) => throw null!;
    [Intrinsic] public static T ReadUnaligned<T>(ref readonly byte source) => throw null!;
    [Intrinsic] public static void WriteUnaligned<T>(void* destination, T value) => throw null!;
    [Intrinsic] public static void WriteUnaligned<T>(ref byte destination, T value) => throw null!;
    [Intrinsic] public static bool AreSame<T>(ref readonly T left, ref readonly T right) => throw null!;
    [Intrinsic] public static bool IsAddressGreaterThan<T>(ref readonly T left, ref readonly T right) => throw null!;
    [Intrinsic] public static bool IsAddressLessThan<T>(ref readonly T left, ref readonly T right) => throw null!;
    [Intrinsic] public static nint ByteOffset<T>(ref readonly T origin, ref readonly T target) => throw null!;
    [Intrinsic] public static ref T NullRef<T>() => throw null!;
    [Intrinsic] public static bool IsNullRef<T>(ref readonly T source) => throw null!;
    [Intrinsic] public static void SkipInit<T>(out T value) => throw null!;
    [Intrinsic] public static void InitBlock(void* startAddress, byte value, uint byteCount) => throw null!;
    [Intrinsic] public static void CopyBlock(void* destination, void* source, uint byteCount) => throw null!;
}
