// Why this file exists: wake-up latency percentiles without storing samples — a log-linear histogram
// (16 sub-buckets per power of two, ≤ 6.25% relative error), fixed size, allocation-free when recording.
namespace Xen.Sched.Simulation;

/// <summary>Log-linear histogram of nanosecond values.</summary>
public sealed class LatencyHistogram
{
    private const int SubBits = 4;
    private const int Sub = 1 << SubBits;
    private readonly long[] _counts = new long[64 * Sub];

    /// <summary>Number of recorded values.</summary>
    public long Count { get; private set; }

    /// <summary>Largest recorded value.</summary>
    public long Max { get; private set; }

    /// <summary>Records a value (negative values count as 0).</summary>
    /// <param name="value">Value, ns.</param>
    public void Record(long value)
    {
        if (value < 0)
        {
            value = 0;
        }

        _counts[Index(value)]++;
        Count++;
        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>Adds every sample of another histogram.</summary>
    /// <param name="other">Source.</param>
    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        if (other.Max > Max)
        {
            Max = other.Max;
        }
    }

    /// <summary>Upper bound of the bucket holding the given percentile; 0 when empty.</summary>
    /// <param name="percent">Percentile, 0..100.</param>
    /// <returns>Value, ns.</returns>
    public long Percentile(double percent)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = (long)(percent / 100.0 * Count);
        if (rank >= Count)
        {
            rank = Count - 1;
        }

        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen > rank)
            {
                long upper = UpperBound(i);
                return upper < Max ? upper : Max;
            }
        }

        return Max;
    }

    private static int Index(long v)
    {
        if (v < Sub)
        {
            return (int)v;
        }

        int msb = 63 - Collections.Bits.LeadingZeroCount((ulong)v);
        int shift = msb - SubBits;
        int sub = (int)((v >> shift) & (Sub - 1));
        return ((shift + 1) * Sub) + sub;
    }

    private static long UpperBound(int index)
    {
        if (index < Sub)
        {
            return index;
        }

        int shift = (index / Sub) - 1;
        long sub = index % Sub;
        return ((Sub + sub + 1) << shift) - 1;
    }
}
