// Little-endian field access for ACPI structures (ACPI 6.5 §5.2: all multi-byte fields are little-endian
// and many 64-bit fields are unaligned, e.g. XSDT entries at offset 36), and the byte-sum checksum.
using System;

namespace Xen.Arch.Arm.Acpi;

internal static class AcpiBytes
{
    internal static ushort U16(ReadOnlySpan<byte> b, int o) => (ushort)(b[o] | b[o + 1] << 8);

    internal static uint U32(ReadOnlySpan<byte> b, int o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);

    internal static ulong U64(ReadOnlySpan<byte> b, int o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;

    /// <summary>True when the bytes sum to zero modulo 256 (ACPI 6.5 §5.2.5.3, §5.2.6).</summary>
    internal static bool ChecksumOk(ReadOnlySpan<byte> b)
    {
        byte sum = 0;
        for (int i = 0; i < b.Length; i++) sum += b[i];
        return sum == 0;
    }
}
