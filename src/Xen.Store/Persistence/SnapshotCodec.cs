// Why: little-endian primitives for the state snapshot, without BinaryWriter/Stream (the core may run
// bare-metal, e.g. to hand state to a restarted xenstore stub domain).
using Xen.Store.Collections;
using Xen.Store.Paths;
using Xen.Store.Wire;

namespace Xen.Store.Persistence;

/// <summary>A forward-only reader over snapshot bytes; any overrun sets <see cref="Bad"/>.</summary>
internal ref struct SnapshotReader
{
    private ReadOnlySpan<byte> _data;

    public SnapshotReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Bad = false;
    }

    public bool Bad { get; private set; }

    public uint U32()
    {
        if (_data.Length < 4)
        {
            Bad = true;
            return 0;
        }

        uint v = LittleEndian.ReadU32(_data);
        _data = _data.Slice(4);
        return v;
    }

    public ulong U64() => U32() | ((ulong)U32() << 32);

    public byte[] Bytes()
    {
        uint n = U32();
        if (Bad || n > (uint)_data.Length)
        {
            Bad = true;
            return Array.Empty<byte>();
        }

        byte[] b = _data.Slice(0, (int)n).ToArray();
        _data = _data.Slice((int)n);
        return b;
    }

    public string Text() => StorePath.Ascii(Bytes());
}

/// <summary>Writers matching <see cref="SnapshotReader"/>.</summary>
internal static class SnapshotWriter
{
    public static void U32(ByteBuilder b, uint v)
    {
        Span<byte> tmp = stackalloc byte[4];
        LittleEndian.WriteU32(tmp, v);
        b.Append(tmp);
    }

    public static void U64(ByteBuilder b, ulong v)
    {
        U32(b, (uint)v);
        U32(b, (uint)(v >> 32));
    }

    public static void Bytes(ByteBuilder b, ReadOnlySpan<byte> bytes)
    {
        U32(b, (uint)bytes.Length);
        b.Append(bytes);
    }

    public static void Text(ByteBuilder b, string text)
    {
        U32(b, (uint)text.Length);
        b.AppendAscii(text);
    }
}
