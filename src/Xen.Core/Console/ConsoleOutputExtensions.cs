// Number and line helpers over IConsoleOutput, allocation-free (formatting into stack buffers).
using System;
using Xen.Runtime.Text;

namespace Xen.Core.Console;

/// <summary>Formatting helpers for <see cref="IConsoleOutput"/>.</summary>
public static unsafe class ConsoleOutputExtensions
{
    /// <summary>Writes text and ends the line.</summary>
    public static void WriteLine(this IConsoleOutput output, string text)
    {
        output.Write(text);
        output.WriteLine();
    }

    /// <summary>Writes <paramref name="value"/> in decimal.</summary>
    public static void WriteDecimal(this IConsoleOutput output, ulong value)
    {
        char* buffer = stackalloc char[20];
        int n = Formatting.FormatDecimal(value, new Span<char>(buffer, 20));
        output.Write(new ReadOnlySpan<char>(buffer, n));
    }

    /// <summary>Writes <paramref name="value"/> as 0x-prefixed hexadecimal with at least <paramref name="minDigits"/> digits.</summary>
    public static void WriteHex(this IConsoleOutput output, ulong value, int minDigits = 1)
    {
        char* buffer = stackalloc char[18];
        buffer[0] = '0';
        buffer[1] = 'x';
        int n = Formatting.FormatHex(value, minDigits, new Span<char>(buffer + 2, 16));
        output.Write(new ReadOnlySpan<char>(buffer, n + 2));
    }
}
