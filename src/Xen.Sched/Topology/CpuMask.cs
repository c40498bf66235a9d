// Why this file exists: Xen's cpumask_t — a fixed-size CPU bitmap. Sized once at creation so that every
// operation on the scheduling path is allocation-free.
namespace Xen.Sched.Topology;

/// <summary>A fixed-capacity set of physical CPU numbers.</summary>
public sealed class CpuMask
{
    private readonly ulong[] _words;

    /// <summary>Creates an empty mask able to hold CPUs 0..<paramref name="cpuCount"/>-1.</summary>
    /// <param name="cpuCount">Number of CPUs.</param>
    public CpuMask(int cpuCount)
    {
        if (cpuCount < 1)
        {
            cpuCount = 1;
        }

        Capacity = cpuCount;
        _words = new ulong[(cpuCount + 63) >> 6];
    }

    /// <summary>Number of CPUs the mask can describe.</summary>
    public int Capacity { get; }

    /// <summary>True when <paramref name="cpu"/> is in the set; false for out-of-range numbers.</summary>
    /// <param name="cpu">CPU number.</param>
    /// <returns>Membership.</returns>
    public bool Test(int cpu)
    {
        if ((uint)cpu >= (uint)Capacity)
        {
            return false;
        }

        return (_words[cpu >> 6] & (1UL << (cpu & 63))) != 0;
    }

    /// <summary>Adds a CPU; out-of-range numbers are ignored.</summary>
    /// <param name="cpu">CPU number.</param>
    public void Set(int cpu)
    {
        if ((uint)cpu < (uint)Capacity)
        {
            _words[cpu >> 6] |= 1UL << (cpu & 63);
        }
    }

    /// <summary>Removes a CPU.</summary>
    /// <param name="cpu">CPU number.</param>
    public void Clear(int cpu)
    {
        if ((uint)cpu < (uint)Capacity)
        {
            _words[cpu >> 6] &= ~(1UL << (cpu & 63));
        }
    }

    /// <summary>Adds every CPU.</summary>
    public void SetAll()
    {
        for (int i = 0; i < _words.Length; i++)
        {
            _words[i] = ulong.MaxValue;
        }

        int tail = Capacity & 63;
        if (tail != 0)
        {
            _words[_words.Length - 1] = (1UL << tail) - 1;
        }
    }

    /// <summary>Removes every CPU.</summary>
    public void ClearAll()
    {
        for (int i = 0; i < _words.Length; i++)
        {
            _words[i] = 0;
        }
    }

    /// <summary>Copies <paramref name="other"/> into this mask (bits beyond either capacity are dropped).</summary>
    /// <param name="other">Source.</param>
    public void CopyFrom(CpuMask other)
    {
        ClearAll();
        for (int c = other.First(); c >= 0; c = other.Next(c))
        {
            Set(c);
        }
    }

    /// <summary>True when the two masks share at least one CPU.</summary>
    /// <param name="other">Other mask.</param>
    /// <returns>Whether they intersect.</returns>
    public bool Intersects(CpuMask other)
    {
        int n = _words.Length < other._words.Length ? _words.Length : other._words.Length;
        for (int i = 0; i < n; i++)
        {
            if ((_words[i] & other._words[i]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Number of CPUs in the set.</summary>
    /// <returns>Population count.</returns>
    public int Count()
    {
        int n = 0;
        for (int i = 0; i < _words.Length; i++)
        {
            n += Collections.Bits.PopCount(_words[i]);
        }

        return n;
    }

    /// <summary>Lowest CPU in the set, or -1 when empty.</summary>
    /// <returns>CPU number or -1.</returns>
    public int First() => Next(-1);

    /// <summary>Lowest CPU in the set greater than <paramref name="cpu"/>, or -1.</summary>
    /// <param name="cpu">Starting point (exclusive); -1 to start at 0.</param>
    /// <returns>CPU number or -1.</returns>
    public int Next(int cpu)
    {
        int start = cpu + 1;
        if (start >= Capacity)
        {
            return -1;
        }

        int w = start >> 6;
        ulong bits = _words[w] & (ulong.MaxValue << (start & 63));
        while (true)
        {
            if (bits != 0)
            {
                int found = (w << 6) + Collections.Bits.TrailingZeroCount(bits);
                return found < Capacity ? found : -1;
            }

            w++;
            if (w >= _words.Length)
            {
                return -1;
            }

            bits = _words[w];
        }
    }
}
