// Why this file exists: the few bit operations the masks and histograms need, written out so the core does
// not depend on System.Numerics.BitOperations, which a minimal bare-metal corelib may not provide.
namespace Xen.Sched.Collections;

/// <summary>Portable bit counting.</summary>
internal static class Bits
{
    /// <summary>Number of set bits (SWAR popcount).</summary>
    public static int PopCount(ulong x)
    {
        x -= (x >> 1) & 0x5555555555555555UL;
        x = (x & 0x3333333333333333UL) + ((x >> 2) & 0x3333333333333333UL);
        x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FUL;
        return (int)((x * 0x0101010101010101UL) >> 56);
    }

    /// <summary>Index of the lowest set bit; 64 for zero.</summary>
    public static int TrailingZeroCount(ulong x)
    {
        if (x == 0)
        {
            return 64;
        }

        return PopCount((x & (0 - x)) - 1);
    }

    /// <summary>Number of zero bits above the highest set bit; 64 for zero.</summary>
    public static int LeadingZeroCount(ulong x)
    {
        if (x == 0)
        {
            return 64;
        }

        int n = 0;
        for (int shift = 32; shift > 0; shift >>= 1)
        {
            if ((x >> (64 - shift)) == 0)
            {
                n += shift;
                x <<= shift;
            }
        }

        return n;
    }
}
