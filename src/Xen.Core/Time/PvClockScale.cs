// The TSC → nanoseconds conversion a guest applies to vcpu_time_info (xen/include/public/xen.h, "Current
// system time"): delta = tsc - tsc_timestamp; delta is shifted left by tsc_shift (right if negative), then
// ns = (delta * tsc_to_system_mul) >> 32. The hypervisor chooses the shift so the scaled frequency lies in
// (1 GHz, 2 GHz]: the multiplier (10^9 * 2^32 / scaled) then falls in [2^31, 2^32) and keeps 31+ bits of
// precision while fitting the 32-bit field.
namespace Xen.Core.Time;

/// <summary>tsc_to_system_mul and tsc_shift for one TSC frequency.</summary>
public readonly struct PvClockScale
{
    private const ulong NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Creates a scale from its two fields.</summary>
    public PvClockScale(uint multiplier, sbyte shift)
    {
        Multiplier = multiplier;
        Shift = shift;
    }

    /// <summary>vcpu_time_info.tsc_to_system_mul.</summary>
    public uint Multiplier { get; }

    /// <summary>vcpu_time_info.tsc_shift.</summary>
    public sbyte Shift { get; }

    /// <summary>The scale for a TSC ticking <paramref name="tscHz"/> times per second (must be non-zero).</summary>
    public static PvClockScale FromFrequency(ulong tscHz)
    {
        if (tscHz == 0) tscHz = 1;
        ulong scaled = tscHz;
        int shift = 0;
        while (scaled > 2 * NanosecondsPerSecond) { scaled >>= 1; shift--; }
        while (scaled <= NanosecondsPerSecond) { scaled <<= 1; shift++; }
        // scaled in (1e9, 2e9]: 1e9 * 2^32 / scaled < 2^32. UInt128 is unavailable in images: 1e9 * 2^32
        // fits 64 bits only after dividing, so split the dividend into (1e9 << 16) << 16.
        ulong high = (NanosecondsPerSecond << 16) / scaled;
        ulong remainder = (NanosecondsPerSecond << 16) % scaled;
        ulong low = (remainder << 16) / scaled;
        return new PvClockScale((uint)((high << 16) + low), (sbyte)shift);
    }

    /// <summary>Nanoseconds for <paramref name="tscDelta"/> ticks, exactly as a guest computes them.</summary>
    public ulong ToNanoseconds(ulong tscDelta)
    {
        ulong delta = Shift >= 0 ? tscDelta << Shift : tscDelta >> -Shift;
        // (delta * mul) >> 32 without 128-bit arithmetic: split delta into 32-bit halves.
        ulong lowProduct = (delta & 0xFFFF_FFFF) * Multiplier;
        ulong highProduct = (delta >> 32) * Multiplier;
        return highProduct + (lowProduct >> 32);
    }
}
