// The arm64 Linux Image header (Linux Documentation/arch/arm64/booting.rst §4 "Call the kernel image"), which
// Xen also reads for domain kernels (xen/arch/arm/kernel.c): 64 bytes at the start of the image —
//   0 code0, 4 code1 (executable: usually a branch to the real entry), 8 text_offset (u64, little endian),
//   16 image_size (u64; 0 on kernels older than 3.17), 24 flags, 32-55 reserved, 56 magic "ARM\x64"
//   (0x644d5241), 60 reserved (PE offset).
// The kernel is loaded at a 2 MiB aligned base + text_offset and entered at its first byte.
using System;

namespace Xen.Arch.Arm.Virtualization;

/// <summary>Reads the arm64 Image header.</summary>
public static class ArmImageHeader
{
    /// <summary>Header size.</summary>
    public const int Size = 64;
    /// <summary>The magic at offset 56.</summary>
    public const uint Magic = 0x644D5241;

    /// <summary>True if <paramref name="image"/> starts with a valid header; gives text_offset and the
    /// memory the kernel needs from its load address (image_size, or the file size when 0).</summary>
    public static bool TryRead(ReadOnlySpan<byte> image, out ulong textOffset, out ulong imageSize)
    {
        textOffset = 0;
        imageSize = 0;
        if (image.Length < Size || (uint)Read(image, 56, 4) != Magic) return false;
        textOffset = Read(image, 8, 8);
        imageSize = Read(image, 16, 8);
        if (imageSize == 0) imageSize = (ulong)image.Length;
        return imageSize >= (ulong)image.Length && (textOffset & 0xFFF) == 0;
    }

    private static ulong Read(ReadOnlySpan<byte> data, int offset, int size)
    {
        ulong value = 0;
        for (int i = size - 1; i >= 0; i--) value = value << 8 | data[offset + i];
        return value;
    }
}
