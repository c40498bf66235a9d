// Nullable<T>: layout (hasValue, value) is what ilc's boxing helpers expect.
#pragma warning disable CS1591, CS8629
namespace System;

public struct Nullable<T> where T : struct
{
    private readonly bool hasValue;
    internal T value;

    public Nullable(T value) { this.value = value; hasValue = true; }
    public readonly bool HasValue => hasValue;
    public readonly T Value { get { if (!hasValue) ThrowHelper.ThrowInvalidOperation("Nullable object must have a value."); return value; } }
    public readonly T GetValueOrDefault() => value;
    public static implicit operator T?(T value) => new T?(value);
    public static explicit operator T(T? value) => value.Value;
}
