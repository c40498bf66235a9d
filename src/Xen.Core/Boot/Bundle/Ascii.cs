// Bytes from the boot bundle become strings (domain names, file names) without an encoder: images have no
// System.Text. Anything outside printable ASCII becomes '?', so a hostile name cannot inject control codes
// into the console.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>ASCII bytes → string.</summary>
internal static class Ascii
{
    /// <summary>The printable-ASCII rendering of <paramref name="bytes"/>.</summary>
    public static string ToString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return string.Empty;
        char[] chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            chars[i] = b >= 0x20 && b < 0x7F ? (char)b : '?';
        }
        return new string(chars);
    }

    /// <summary>True if <paramref name="bytes"/> equal the ASCII <paramref name="text"/>.</summary>
    public static bool Same(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length) return false;
        for (int i = 0; i < text.Length; i++)
            if (bytes[i] != text[i]) return false;
        return true;
    }
}
