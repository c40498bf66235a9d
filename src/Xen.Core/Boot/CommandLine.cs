// The hypervisor command line (`-append` under QEMU, the PVH cmdline, or the DTB's /chosen/bootargs):
// space-separated words, each `name` or `name=value`. Kept as the raw ASCII bytes firmware gave us, so it
// is usable before the heap exists.
using System;

namespace Xen.Core.Boot;

/// <summary>Read-only view of the hypervisor command line.</summary>
public readonly ref struct CommandLine
{
    private readonly ReadOnlySpan<byte> _text;

    /// <summary>Wraps ASCII command-line bytes (without the terminating NUL).</summary>
    public CommandLine(ReadOnlySpan<byte> text) { _text = text; }

    /// <summary>Reads a NUL-terminated command line from memory, at most <paramref name="maxLength"/> bytes.</summary>
    public static unsafe CommandLine FromCString(byte* text, int maxLength = 1024)
    {
        if (text == null) return default;
        int length = 0;
        while (length < maxLength && text[length] != 0) length++;
        return new CommandLine(new ReadOnlySpan<byte>(text, length));
    }

    /// <summary>The raw bytes.</summary>
    public ReadOnlySpan<byte> Text => _text;

    /// <summary>True if a word is exactly <paramref name="name"/> or starts with <c>name=</c>.</summary>
    public bool Has(string name) => TryGetValue(name, out _, out bool found) || found;

    /// <summary>Finds <c>name=value</c>; returns true with the value when present with a value.</summary>
    public bool TryGetValue(string name, out ReadOnlySpan<byte> value) => TryGetValue(name, out value, out _);

    /// <summary>Finds <c>name=N</c> with a decimal N; false when absent, not a number, or above <paramref name="max"/>.</summary>
    public bool TryGetNumber(string name, ulong max, out ulong number)
    {
        number = 0;
        if (!TryGetValue(name, out ReadOnlySpan<byte> value) || value.Length == 0 || value.Length > 19) return false;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] < (byte)'0' || value[i] > (byte)'9') return false;
            number = number * 10 + (ulong)(value[i] - '0');
        }
        return number <= max;
    }

    private bool TryGetValue(string name, out ReadOnlySpan<byte> value, out bool bareWord)
    {
        value = default;
        bareWord = false;
        int i = 0;
        while (i < _text.Length)
        {
            while (i < _text.Length && _text[i] == (byte)' ') i++;
            int start = i;
            while (i < _text.Length && _text[i] != (byte)' ') i++;
            ReadOnlySpan<byte> word = _text.Slice(start, i - start);
            if (word.Length < name.Length || !NameMatches(word, name)) continue;
            if (word.Length == name.Length) { bareWord = true; continue; } // a later name=value may follow
            if (word[name.Length] == (byte)'=') { value = word.Slice(name.Length + 1); return true; }
        }
        return false;
    }

    private static bool NameMatches(ReadOnlySpan<byte> word, string name)
    {
        for (int i = 0; i < name.Length; i++)
            if (word[i] != (byte)name[i]) return false;
        return true;
    }
}
