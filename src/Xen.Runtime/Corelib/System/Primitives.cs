// The primitive types. csc and ilc recognise them by name; the members here are the subset of the .NET API
// the hypervisor sources use, with the same signatures as the BCL so the same code compiles hosted.
#pragma warning disable CS0169, CS0649, CS1591
namespace System;

public struct Void { }

public struct Boolean : IEquatable<bool>
{
    private readonly bool _value;
    public bool Equals(bool other) => _value == other;
    public override bool Equals(object? obj) => obj is bool other && _value == other;
    public override int GetHashCode() => _value ? 1 : 0;
    public override string ToString() => _value ? "True" : "False";
}

public struct Char : IEquatable<char>
{
    private readonly char _value;
    public bool Equals(char other) => _value == other;
    public override bool Equals(object? obj) => obj is char other && _value == other;
    public override int GetHashCode() => (int)_value;
    public const char MaxValue = (char)0xFFFF;
    public const char MinValue = (char)0;
}

public struct SByte : IEquatable<sbyte>
{
    private readonly sbyte _value;
    public bool Equals(sbyte other) => _value == other;
    public override bool Equals(object? obj) => obj is sbyte other && _value == other;
    public override int GetHashCode() => (int)_value;
    public const sbyte MaxValue = 127;
    public const sbyte MinValue = -128;
}

public struct Byte : IEquatable<byte>
{
    private readonly byte _value;
    public bool Equals(byte other) => _value == other;
    public override bool Equals(object? obj) => obj is byte other && _value == other;
    public override int GetHashCode() => (int)_value;
    public const byte MaxValue = 255;
    public const byte MinValue = 0;
}

public struct Int16 : IEquatable<short>
{
    private readonly short _value;
    public bool Equals(short other) => _value == other;
    public override bool Equals(object? obj) => obj is short other && _value == other;
    public override int GetHashCode() => (int)_value;
    public const short MaxValue = 32767;
    public const short MinValue = -32768;
}

public struct UInt16 : IEquatable<ushort>
{
    private readonly ushort _value;
    public bool Equals(ushort other) => _value == other;
    public override bool Equals(object? obj) => obj is ushort other && _value == other;
    public override int GetHashCode() => (int)_value;
    public const ushort MaxValue = 65535;
    public const ushort MinValue = 0;
}

public struct Int32 : IEquatable<int>
{
    private readonly int _value;
    public bool Equals(int other) => _value == other;
    public override bool Equals(object? obj) => obj is int other && _value == other;
    public override int GetHashCode() => (int)_value;
    public const int MaxValue = 0x7FFFFFFF;
    public const int MinValue = unchecked((int)0x80000000);
}

public struct UInt32 : IEquatable<uint>
{
    private readonly uint _value;
    public bool Equals(uint other) => _value == other;
    public override bool Equals(object? obj) => obj is uint other && _value == other;
    public override int GetHashCode() => (int)_value;
    public const uint MaxValue = 0xFFFFFFFF;
    public const uint MinValue = 0;
}

public struct Int64 : IEquatable<long>
{
    private readonly long _value;
    public bool Equals(long other) => _value == other;
    public override bool Equals(object? obj) => obj is long other && _value == other;
    public override int GetHashCode() => (int)_value;
    public const long MaxValue = 0x7FFFFFFFFFFFFFFF;
    public const long MinValue = unchecked((long)0x8000000000000000);
}

public struct UInt64 : IEquatable<ulong>
{
    private readonly ulong _value;
    public bool Equals(ulong other) => _value == other;
    public override bool Equals(object? obj) => obj is ulong other && _value == other;
    public override int GetHashCode() => (int)_value;
    public const ulong MaxValue = 0xFFFFFFFFFFFFFFFF;
    public const ulong MinValue = 0;
}

public struct Single
{
    private readonly float _value;
}

public struct Double
{
    private readonly double _value;
}
