// The time seam (shared/DESIGN.md §5): Xen's NOW() — monotonic nanoseconds since boot — plus what a guest
// needs to extrapolate it on its own (xen.h "Current system time": system_time + scaled(tsc - tsc_timestamp)).
// The arch layer implements it over its free-running counter (x86: the TSC calibrated at boot; Arm: CNTVCT).
// System time must be derived from the very counter and scale the guest is given, otherwise the guest's
// clock and the hypervisor's timers drift apart.
namespace Xen.Core.Time;

/// <summary>The host's monotonic clock and its counter → nanoseconds scale.</summary>
public interface IHostClock
{
    /// <summary>Nanoseconds since boot (Xen's system time, NOW()); never decreases.</summary>
    ulong NowNanoseconds { get; }

    /// <summary>Reads the counter once and the system time at that same reading.</summary>
    void Sample(out ulong counter, out ulong systemTimeNanoseconds);

    /// <summary>The counter → nanoseconds scale published as tsc_to_system_mul / tsc_shift.</summary>
    PvClockScale Scale { get; }

    /// <summary>True if the counter runs at a constant rate and is synchronised across CPUs
    /// (XEN_PVCLOCK_TSC_STABLE_BIT).</summary>
    bool CounterIsStable { get; }

    /// <summary>Seconds since the Unix epoch at system time 0 (published as wc_sec/wc_sec_hi).</summary>
    ulong WallClockSecondsAtBoot { get; }

    /// <summary>Nanoseconds part of the wallclock at system time 0 (wc_nsec).</summary>
    uint WallClockNanosecondsAtBoot { get; }
}
