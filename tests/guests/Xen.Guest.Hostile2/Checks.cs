// Bookkeeping for the hostile checks: every hypercall answer is compared with what Xen 4.7 answers; a mismatch is
// printed and the first one becomes the guest's failure. Where this hypervisor knowingly answers differently from
// Xen (a documented bound, or a check order that differs), Deviation accepts both and prints one `deviation:` line
// for the report, so a known difference does not hide every later check. Groups print one summary line each.
using Xen.Runtime.Text;

namespace Xen.Guest;

internal static class Checks
{
    private static int s_total, s_groupStart, s_groupFailures, s_deviations;
    private static string? s_first;

    /// <summary>The bad address the current checks use (printed with a mismatch; 0 = none).</summary>
    internal static ulong Address;

    /// <summary>The first mismatch so far, or null.</summary>
    internal static string? FirstFailure => s_first;

    /// <summary>Deviations from Xen seen so far.</summary>
    internal static int Deviations => s_deviations;

    /// <summary>Checks that <paramref name="actual"/> is <paramref name="expected"/>.</summary>
    internal static void Expect(long actual, long expected, string what)
    {
        s_total++;
        if (actual != expected) Mismatch(actual, expected, what);
    }

    /// <summary>Checks an answer where Xen says <paramref name="xen"/> and this hypervisor is known to say
    /// <paramref name="ours"/>: either passes; ours is reported.</summary>
    internal static void Deviation(long actual, long xen, long ours, string what)
    {
        s_total++;
        if (actual == xen) return;
        if (actual != ours) { Mismatch(actual, xen, what); return; }
        s_deviations++;
        DebugConsole.Write("hostile2: deviation: ");
        DebugConsole.Write(what);
        DebugConsole.Write(": got ");
        DebugConsole.WriteDecimal(actual);
        DebugConsole.Write(", Xen answers ");
        DebugConsole.WriteDecimal(xen);
        DebugConsole.WriteLine();
    }

    /// <summary>Checks that <paramref name="condition"/> holds.</summary>
    internal static void True(bool condition, string what) => Expect(condition ? 1 : 0, 1, what);

    /// <summary>Prints <c>hostile2: &lt;group&gt;: N checks passed</c> (or how many failed) for the checks since the last group.</summary>
    internal static void EndGroup(string group)
    {
        int n = s_total - s_groupStart;
        DebugConsole.Write("hostile2: ");
        DebugConsole.Write(group);
        DebugConsole.Write(": ");
        if (s_groupFailures == 0)
        {
            DebugConsole.WriteDecimal((long)n);
            DebugConsole.WriteLine(" checks passed");
        }
        else
        {
            DebugConsole.WriteDecimal((long)s_groupFailures);
            DebugConsole.Write(" of ");
            DebugConsole.WriteDecimal((long)n);
            DebugConsole.WriteLine(" checks FAILED");
        }
        s_groupStart = s_total;
        s_groupFailures = 0;
    }

    private static void Mismatch(long actual, long expected, string what)
    {
        s_groupFailures++;
        s_first ??= what;
        DebugConsole.Write("hostile2: MISMATCH ");
        DebugConsole.Write(what);
        if (Address != 0)
        {
            DebugConsole.Write(" at ");
            DebugConsole.WriteHex(Address);
        }
        DebugConsole.Write(": got ");
        DebugConsole.WriteDecimal(actual);
        DebugConsole.Write(", expected ");
        DebugConsole.WriteDecimal(expected);
        DebugConsole.WriteLine();
    }
}
