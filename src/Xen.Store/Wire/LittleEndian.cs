// Why: xsd_sockmsg fields and snapshot integers are little-endian uint32 (every Xen# target is
// little-endian). Written out by hand so the core needs no System.Buffers.Binary bare-metal.
namespace Xen.Store.Wire;

/// <summary>Little-endian 32-bit reads and writes.</summary>
internal static class LittleEndian
{
    public static uint ReadU32(ReadOnlySpan<byte> s) =>
        s[0] | ((uint)s[1] << 8) | ((uint)s[2] << 16) | ((uint)s[3] << 24);

    public static void WriteU32(Span<byte> d, uint v)
    {
        d[0] = (byte)v;
        d[1] = (byte)(v >> 8);
        d[2] = (byte)(v >> 16);
        d[3] = (byte)(v >> 24);
    }
}
