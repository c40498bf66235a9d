// Address → method name for crash dumps. The image reserves a section (`.xsym`) that the build's ImageTool
// fills after linking with the code symbols from the link (ilc's managed method symbols plus the assembly
// routines), so a fault prints e.g. `Xen_Runtime_SelfTests_FaultTest__Run+0x1c` instead of a bare address.
// Blob layout (little-endian): "XSYM" u32, count u32, names offset u32, image size u32, then count entries
// of { u32 offset from image base, u32 name offset } sorted by offset, then NUL-terminated ASCII names.
using System;

namespace Xen.Runtime.Diagnostics;

/// <summary>Reads the symbol blob the image carries.</summary>
public static unsafe class SymbolTable
{
    /// <summary>"XSYM" read as a little-endian u32.</summary>
    public const uint Magic = 0x4D595358;

    private static byte* s_blob;
    private static ulong s_blobLength;
    private static ulong s_imageBase;

    /// <summary>Points the reader at a blob and the runtime address the offsets are relative to.</summary>
    public static void Initialize(byte* blob, ulong blobLength, ulong imageBase)
    {
        s_blob = blob;
        s_blobLength = blobLength;
        s_imageBase = imageBase;
    }

    /// <summary>Number of symbols, or 0 when the blob is missing or malformed.</summary>
    public static uint Count => IsValid ? ((uint*)s_blob)[1] : 0;

    private static bool IsValid
    {
        get
        {
            if (s_blob == null || s_blobLength < 16 || ((uint*)s_blob)[0] != Magic) return false;
            ulong count = ((uint*)s_blob)[1];
            ulong names = ((uint*)s_blob)[2];
            return 16 + count * 8 <= names && names <= s_blobLength;
        }
    }

    /// <summary>Finds the symbol containing <paramref name="address"/>: its NUL-free name and the offset into it.</summary>
    public static bool TryLookup(ulong address, out ReadOnlySpan<byte> name, out ulong offset)
    {
        name = default;
        offset = 0;
        if (!IsValid || address < s_imageBase) return false;
        ulong target = address - s_imageBase;
        if (target > ((uint*)s_blob)[3]) return false;
        uint count = ((uint*)s_blob)[1];
        uint* entries = (uint*)(s_blob + 16);
        int lo = 0, hi = (int)count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (entries[mid * 2] <= target) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        if (found < 0) return false;
        ulong nameOffset = ((uint*)s_blob)[2] + (ulong)entries[found * 2 + 1];
        if (nameOffset >= s_blobLength) return false;
        byte* start = s_blob + nameOffset;
        int length = 0;
        while (nameOffset + (ulong)length < s_blobLength && start[length] != 0 && length < 512) length++;
        name = new ReadOnlySpan<byte>(start, length);
        offset = target - entries[found * 2];
        return true;
    }

    /// <summary>Prints `name+0xoffset`, or `?` when the address is not covered.</summary>
    public static void WriteSymbol(ulong address)
    {
        if (!TryLookup(address, out ReadOnlySpan<byte> name, out ulong offset))
        {
            Text.DebugConsole.Write('?');
            return;
        }
        Text.DebugConsole.WriteAscii(name);
        Text.DebugConsole.Write('+');
        Text.DebugConsole.WriteHex(offset);
    }
}
