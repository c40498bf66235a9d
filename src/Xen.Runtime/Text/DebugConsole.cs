// The hypervisor's own console: formatting without allocation (usable from a panic, an exception vector
// or an out-of-memory path) onto a byte sink the platform installs (16550 or PL011 on bare metal, a
// buffer in hosted tests). Text is ASCII; anything else prints as '?'.
using System;

namespace Xen.Runtime.Text;

/// <summary>Allocation-free console output on a pluggable byte sink.</summary>
public static unsafe class DebugConsole
{
    private static delegate*<byte, void> s_sink;

    /// <summary>Installs the byte sink (the serial driver's transmit routine).</summary>
    public static void SetSink(delegate*<byte, void> sink) => s_sink = sink;

    /// <summary>True once a sink is installed.</summary>
    public static bool HasSink => s_sink != null;

    /// <summary>Writes one character.</summary>
    public static void Write(char c)
    {
        if (s_sink == null) return;
        s_sink(c < 0x80 ? (byte)c : (byte)'?');
    }

    /// <summary>Writes text.</summary>
    public static void Write(string? text)
    {
        if (text is null) return;
        for (int i = 0; i < text.Length; i++) Write(text[i]);
    }

    /// <summary>Writes text from a span.</summary>
    public static void Write(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++) Write(text[i]);
    }

    /// <summary>Writes ASCII bytes (for example a NUL-terminated name from an image section).</summary>
    public static void WriteAscii(ReadOnlySpan<byte> text)
    {
        for (int i = 0; i < text.Length; i++) Write((char)text[i]);
    }

    /// <summary>Writes text and a line feed.</summary>
    public static void WriteLine(string? text = null)
    {
        Write(text);
        Write('\n');
    }

    /// <summary>Writes <paramref name="value"/> as hexadecimal with a 0x prefix and at least
    /// <paramref name="minDigits"/> digits.</summary>
    public static void WriteHex(ulong value, int minDigits = 1)
    {
        char* buffer = stackalloc char[16];
        int n = Formatting.FormatHex(value, minDigits, new Span<char>(buffer, 16));
        Write('0');
        Write('x');
        Write(new ReadOnlySpan<char>(buffer, n));
    }

    /// <summary>Writes <paramref name="value"/> in decimal.</summary>
    public static void WriteDecimal(long value)
    {
        char* buffer = stackalloc char[20];
        int n = Formatting.FormatDecimal(value, new Span<char>(buffer, 20));
        Write(new ReadOnlySpan<char>(buffer, n));
    }

    /// <summary>Writes <paramref name="value"/> in decimal.</summary>
    public static void WriteDecimal(ulong value)
    {
        char* buffer = stackalloc char[20];
        int n = Formatting.FormatDecimal(value, new Span<char>(buffer, 20));
        Write(new ReadOnlySpan<char>(buffer, n));
    }
}
