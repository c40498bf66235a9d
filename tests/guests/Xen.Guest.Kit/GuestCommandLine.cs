// The guest's command line: hvm_start_info.cmdline_paddr (@24, arch-x86/hvm/start_info.h) names a NUL-terminated
// string in guest memory (guest-physical = linear in test guests). Words are space-separated; `key=value` words
// carry numbers. Parsed by hand: test guests have no string formatting.
namespace Xen.Guest.Kit;

/// <summary>Reads words and numbers from the start info's command line.</summary>
internal static unsafe class GuestCommandLine
{
    private const int MaxLength = 4096;

    /// <summary>The command line, or null when the start info has none.</summary>
    internal static byte* Get(byte* startInfo) => startInfo == null ? null : (byte*)*(ulong*)(startInfo + 24);

    /// <summary>True if the command line has the word <paramref name="word"/> (exactly, or as the key of key=value).</summary>
    internal static bool HasWord(byte* startInfo, string word) => Find(Get(startInfo), word) != null;

    /// <summary>The decimal number after <c>key=</c>, or -1 when the key is missing or not followed by digits.</summary>
    internal static long Number(byte* startInfo, string key)
    {
        byte* at = Find(Get(startInfo), key);
        if (at == null || *at != (byte)'=') return -1;
        at++;
        long value = 0;
        int digits = 0;
        while (*at >= (byte)'0' && *at <= (byte)'9' && digits < 18)
        {
            value = value * 10 + (*at - (byte)'0');
            at++;
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    // The byte after a word that starts a token and matches `word`, ending at a space, '=' or NUL; else null.
    private static byte* Find(byte* line, string word)
    {
        if (line == null) return null;
        for (int i = 0; i < MaxLength && line[i] != 0; i++)
        {
            if (i > 0 && line[i - 1] != (byte)' ') continue;
            int j = 0;
            while (j < word.Length && line[i + j] == (byte)word[j]) j++;
            if (j < word.Length) continue;
            byte next = line[i + j];
            if (next == 0 || next == (byte)' ' || next == (byte)'=') return line + i + j;
        }
        return null;
    }
}
