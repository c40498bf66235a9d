// Which loader a kernel needs: x86 images build PVH guests from ELF files, Arm images boot arm64 Image files
// (Linux Documentation/arch/arm64/booting.rst: the header's magic "ARM\x64" at offset 56).
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>A kernel's file format.</summary>
public enum KernelFormat : byte
{
    /// <summary>Neither of the below.</summary>
    Unknown,
    /// <summary>Starts with "\x7fELF".</summary>
    Elf,
    /// <summary>An arm64 Image: magic 0x644d5241 ("ARM\x64") at offset 56.</summary>
    Arm64Image,
}

/// <summary>Recognises kernel formats.</summary>
public static class KernelFormats
{
    /// <summary>The format of <paramref name="kernel"/>.</summary>
    public static KernelFormat Detect(ReadOnlySpan<byte> kernel)
    {
        if (kernel.Length >= 4 && kernel[0] == 0x7F && kernel[1] == (byte)'E' && kernel[2] == (byte)'L' && kernel[3] == (byte)'F')
            return KernelFormat.Elf;
        if (kernel.Length >= 64 && kernel[56] == (byte)'A' && kernel[57] == (byte)'R' && kernel[58] == (byte)'M' && kernel[59] == 0x64)
            return KernelFormat.Arm64Image;
        return KernelFormat.Unknown;
    }
}
