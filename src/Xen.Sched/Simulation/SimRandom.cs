// Why this file exists: the simulator must be deterministic for a given seed on every runtime, including the
// bare-metal corelib, so it carries its own generator (SplitMix64, Steele/Lea/Flood 2014) and its own
// logarithm for exponential sampling instead of System.Random/System.Math.
namespace Xen.Sched.Simulation;

/// <summary>A small deterministic pseudo-random generator (SplitMix64).</summary>
public sealed class SimRandom
{
    private ulong _state;

    /// <summary>Creates a generator from a seed.</summary>
    /// <param name="seed">Seed; equal seeds give equal sequences.</param>
    public SimRandom(ulong seed) => _state = seed;

    /// <summary>Next 64 random bits.</summary>
    /// <returns>Random value.</returns>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform double in [0, 1).</summary>
    /// <returns>Random value.</returns>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform integer in [0, <paramref name="bound"/>).</summary>
    /// <param name="bound">Exclusive upper bound, positive.</param>
    /// <returns>Random value.</returns>
    public int NextInt(int bound) => bound <= 1 ? 0 : (int)(NextUInt64() % (ulong)bound);

    /// <summary>Uniform long in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="min">Inclusive lower bound.</param>
    /// <param name="max">Inclusive upper bound.</param>
    /// <returns>Random value.</returns>
    public long NextLong(long min, long max) => max <= min ? min : min + (long)(NextUInt64() % (ulong)(max - min + 1));

    /// <summary>Sample of an exponential distribution with the given mean.</summary>
    /// <param name="mean">Mean.</param>
    /// <returns>Random value, at least 1.</returns>
    public long NextExponential(long mean)
    {
        double u = 1.0 - NextDouble(); // (0, 1]
        long v = (long)(-Ln(u) * mean);
        return v < 1 ? 1 : v;
    }

    /// <summary>Natural logarithm for x in (0, 1]: x = m·2^-k with m in [0.5, 1), ln m by the atanh series.</summary>
    internal static double Ln(double x)
    {
        if (x <= 0)
        {
            return -745.0;
        }

        int k = 0;
        while (x < 0.5)
        {
            x *= 2;
            k++;
        }

        double y = (x - 1) / (x + 1);
        double y2 = y * y;
        double term = y;
        double sum = 0;
        for (int n = 1; n < 40; n += 2)
        {
            sum += term / n;
            term *= y2;
        }

        return (2 * sum) - (k * 0.69314718055994530942);
    }
}
