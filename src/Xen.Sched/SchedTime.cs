// Why this file exists: Xen keeps time as s_time_t, signed nanoseconds since boot (xen/include/xen/time.h);
// we do the same with long, and these helpers mirror Xen's MICROSECS()/MILLISECS()/SECONDS() macros.
namespace Xen.Sched;

/// <summary>Time constants and conversions. All scheduler times are nanoseconds held in a <see cref="long"/>.</summary>
public static class SchedTime
{
    /// <summary>One microsecond in nanoseconds.</summary>
    public const long Microsecond = 1_000;
    /// <summary>One millisecond in nanoseconds.</summary>
    public const long Millisecond = 1_000_000;
    /// <summary>One second in nanoseconds.</summary>
    public const long Second = 1_000_000_000;
    /// <summary>"No deadline": used for run lengths and timers that never expire.</summary>
    public const long Never = long.MaxValue;

    /// <summary>Converts microseconds to nanoseconds (Xen's MICROSECS()).</summary>
    /// <param name="us">Microseconds.</param>
    /// <returns>Nanoseconds.</returns>
    public static long Micros(long us) => us * Microsecond;

    /// <summary>Converts milliseconds to nanoseconds (Xen's MILLISECS()).</summary>
    /// <param name="ms">Milliseconds.</param>
    /// <returns>Nanoseconds.</returns>
    public static long Millis(long ms) => ms * Millisecond;
}
