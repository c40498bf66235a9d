// Why this file exists: RTDS defaults and limits, from xen/common/sched/rt.c (RTDS_DEFAULT_PERIOD/BUDGET,
// RTDS_MIN_PERIOD, RTDS_MIN_BUDGET, RTDS_MAX_PERIOD = STIME_DELTA_MAX).
namespace Xen.Sched.Policies.Rtds;

/// <summary>RTDS constants.</summary>
internal static class RtdsConstants
{
    /// <summary>RTDS_DEFAULT_PERIOD: 10 ms.</summary>
    public const long DefaultPeriod = 10 * SchedTime.Millisecond;
    /// <summary>RTDS_DEFAULT_BUDGET: 4 ms.</summary>
    public const long DefaultBudget = 4 * SchedTime.Millisecond;
    /// <summary>RTDS_MIN_PERIOD: 10 µs (shorter periods make scheduling overhead dominate).</summary>
    public const long MinPeriod = 10 * SchedTime.Microsecond;
    /// <summary>RTDS_MIN_BUDGET: 10 µs.</summary>
    public const long MinBudget = 10 * SchedTime.Microsecond;
    /// <summary>RTDS_MAX_PERIOD: STIME_DELTA_MAX, so that now + period cannot overflow s_time_t.</summary>
    public const long MaxPeriod = long.MaxValue / 4;
}
