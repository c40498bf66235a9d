// xl.cfg(5) CPULIST strings for cpus=: "all", "N", "N-M", comma-separated, and "^N"/"^N-M" to remove CPUs
// again ("0-3,5,^1" = 0,2,3,5; "all,^7"). Items are applied left to right. NUMA forms ("node:", "nodes:") need
// the host topology, which a boot bundle does not know: they are refused with a message rather than guessed.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>Parses CPULIST strings.</summary>
public static class CpuListParser
{
    /// <summary>Parses <paramref name="text"/> into <paramref name="mask"/>; null on success, else the reason.</summary>
    public static string? Parse(ReadOnlySpan<byte> text, out CpuMask mask)
    {
        mask = default;
        if (text.Length == 0) return "empty CPULIST";
        int i = 0;
        while (i <= text.Length)
        {
            int end = i;
            while (end < text.Length && text[end] != (byte)',') end++;
            string? error = Item(Trim(text.Slice(i, end - i)), ref mask);
            if (error is not null) return error;
            i = end + 1;
        }
        return mask.IsEmpty ? "CPULIST selects no CPU" : null;
    }

    private static string? Item(ReadOnlySpan<byte> item, ref CpuMask mask)
    {
        if (item.Length == 0) return "empty item in CPULIST";
        bool remove = item[0] == (byte)'^';
        if (remove) item = item.Slice(1);
        if (Ascii.Same(item, "all"))
        {
            mask = remove ? default : CpuMask.All;
            return null;
        }
        if (StartsWithNode(item)) return "NUMA node affinity (node:/nodes:) is not supported";
        int dash = item.IndexOf((byte)'-');
        ReadOnlySpan<byte> first = dash < 0 ? item : item.Slice(0, dash);
        ReadOnlySpan<byte> last = dash < 0 ? item : item.Slice(dash + 1);
        if (!Number(first, out int from) || !Number(last, out int to)) return "CPULIST item is not N or N-M";
        if (from > to) return "CPULIST range runs backwards";
        if (to >= CpuMask.Capacity) return "CPU number above 127 in CPULIST";
        for (int cpu = from; cpu <= to; cpu++) mask.Set(cpu, !remove);
        return null;
    }

    private static bool StartsWithNode(ReadOnlySpan<byte> item) =>
        item.Length >= 5 && item[0] == (byte)'n' && item[1] == (byte)'o' && item[2] == (byte)'d' && item[3] == (byte)'e'
        && (item[4] == (byte)':' || item[4] == (byte)'s');

    private static bool Number(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        if (digits.Length == 0 || digits.Length > 6) return false;
        for (int i = 0; i < digits.Length; i++)
        {
            if (digits[i] < (byte)'0' || digits[i] > (byte)'9') return false;
            value = value * 10 + (digits[i] - '0');
        }
        return true;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && s[a] == (byte)' ') a++;
        while (b > a && s[b - 1] == (byte)' ') b--;
        return s.Slice(a, b - a);
    }
}
