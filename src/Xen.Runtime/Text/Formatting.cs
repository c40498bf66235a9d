// Number formatting into caller-provided buffers: the core never allocates to print a number.
using System;

namespace Xen.Runtime.Text;

/// <summary>Allocation-free integer formatting.</summary>
public static class Formatting
{
    /// <summary>Formats <paramref name="value"/> as lower-case hexadecimal (no prefix), at least
    /// <paramref name="minDigits"/> digits. Returns the number of characters written; the destination needs 16.</summary>
    public static int FormatHex(ulong value, int minDigits, Span<char> destination)
    {
        int digits = 1;
        for (ulong v = value >> 4; v != 0; v >>= 4) digits++;
        if (digits < minDigits) digits = minDigits > 16 ? 16 : minDigits;
        for (int i = digits - 1; i >= 0; i--)
        {
            int nibble = (int)(value & 0xF);
            destination[i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            value >>= 4;
        }
        return digits;
    }

    /// <summary>Formats an unsigned value in decimal; the destination needs 20 characters.</summary>
    public static int FormatDecimal(ulong value, Span<char> destination)
    {
        int digits = 1;
        for (ulong v = value / 10; v != 0; v /= 10) digits++;
        for (int i = digits - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
        return digits;
    }

    /// <summary>Formats a signed value in decimal; the destination needs 20 characters.</summary>
    public static int FormatDecimal(long value, Span<char> destination)
    {
        if (value >= 0) return FormatDecimal((ulong)value, destination);
        destination[0] = '-';
        // -long.MinValue overflows; negate in unsigned arithmetic instead.
        return 1 + FormatDecimal(0UL - (ulong)value, destination.Slice(1));
    }
}
