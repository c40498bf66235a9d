// Little-endian field access for hypercall argument structures copied from guests (x86 and Arm guests are
// little-endian). Kept in one place so handlers read fields by ABI offset, not by overlaying C# structs.
using System;

namespace Xen.Core.Hypercalls;

/// <summary>Little-endian get/put for argument buffers.</summary>
internal static class Wire
{
    /// <summary>Reads a 32-bit field at <paramref name="at"/>.</summary>
    public static uint Get32(ReadOnlySpan<byte> b, int at) =>
        (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

    /// <summary>Reads a 64-bit field at <paramref name="at"/>.</summary>
    public static ulong Get64(ReadOnlySpan<byte> b, int at) => Get32(b, at) | (ulong)Get32(b, at + 4) << 32;

    /// <summary>Writes a 32-bit field at <paramref name="at"/>.</summary>
    public static void Put32(Span<byte> b, int at, uint v)
    {
        b[at] = (byte)v; b[at + 1] = (byte)(v >> 8); b[at + 2] = (byte)(v >> 16); b[at + 3] = (byte)(v >> 24);
    }

    /// <summary>Writes a 64-bit field at <paramref name="at"/>.</summary>
    public static void Put64(Span<byte> b, int at, ulong v)
    {
        Put32(b, at, (uint)v);
        Put32(b, at + 4, (uint)(v >> 32));
    }
}
