// A set of host CPUs for hard affinity (xl.cfg cpus=), 0..127 — the same bound the bundle puts on vcpus.
// Two words, no padding, no references: safe to compare.
using System;

namespace Xen.Core.Boot.Bundle;

/// <summary>Host CPUs 0-127 as a bitmap.</summary>
public struct CpuMask
{
    /// <summary>Highest CPU number + 1 a mask can hold.</summary>
    public const int Capacity = 128;

    /// <summary>CPUs 0-63.</summary>
    public ulong Low;

    /// <summary>CPUs 64-127.</summary>
    public ulong High;

    /// <summary>Every CPU.</summary>
    public static CpuMask All => new CpuMask { Low = ulong.MaxValue, High = ulong.MaxValue };

    /// <summary>True if no CPU is set.</summary>
    public readonly bool IsEmpty => Low == 0 && High == 0;

    /// <summary>True if <paramref name="cpu"/> is set.</summary>
    public readonly bool Contains(int cpu) =>
        (uint)cpu < Capacity && ((cpu < 64 ? Low >> cpu : High >> (cpu - 64)) & 1) != 0;

    /// <summary>Sets or clears <paramref name="cpu"/> (ignored outside 0-127).</summary>
    public void Set(int cpu, bool value)
    {
        if ((uint)cpu >= Capacity) return;
        ulong bit = 1UL << (cpu & 63);
        if (cpu < 64) Low = value ? Low | bit : Low & ~bit;
        else High = value ? High | bit : High & ~bit;
    }

    /// <summary>Number of CPUs set.</summary>
    public readonly int Count => PopCount(Low) + PopCount(High);

    private static int PopCount(ulong v)
    {
        int n = 0;
        while (v != 0) { v &= v - 1; n++; }
        return n;
    }
}
