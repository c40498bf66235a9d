// Why this file exists: the boot-time knobs of the policies, with Xen's defaults and ranges
// (docs/misc/xen-command-line: sched_ratelimit_us, sched_credit_tslice_ms, credit2_runqueue,
// credit2_migrate_resist; xen/include/public/sysctl.h: XEN_SYSCTL_CSCHED_TSLICE_MIN/MAX,
// XEN_SYSCTL_SCHED_RATELIMIT_MIN/MAX).
using Xen.Sched.Topology;

namespace Xen.Sched;

/// <summary>Start-up options shared by the policies.</summary>
public struct SchedulerOptions
{
    /// <summary>XEN_SYSCTL_SCHED_RATELIMIT_MIN: 100 µs.</summary>
    public const long RatelimitMin = 100 * SchedTime.Microsecond;
    /// <summary>XEN_SYSCTL_SCHED_RATELIMIT_MAX: 500000 µs.</summary>
    public const long RatelimitMax = 500_000 * SchedTime.Microsecond;
    /// <summary>XEN_SYSCTL_CSCHED_TSLICE_MIN: 1 ms.</summary>
    public const long TsliceMin = 1 * SchedTime.Millisecond;
    /// <summary>XEN_SYSCTL_CSCHED_TSLICE_MAX: 1000 ms.</summary>
    public const long TsliceMax = 1000 * SchedTime.Millisecond;

    /// <summary>sched_ratelimit_us: minimum run time before preemption; 0 disables. Default 1000 µs.</summary>
    public long Ratelimit;

    /// <summary>sched_credit_tslice_ms for credit. Default 30 ms.</summary>
    public long CreditTimeslice;

    /// <summary>credit2_runqueue: which CPUs share a runqueue. Xen 4.7 default: socket.</summary>
    public TopologyLevel Credit2Runqueue;

    /// <summary>credit2_migrate_resist: credit advantage a vCPU from another CPU needs to displace the current one. Default 500 µs.</summary>
    public long Credit2MigrateResist;

    /// <summary>credit2_load_window_shift: the load average window is 2^shift ns. Default 30 (LOADAVG_WINDOW_SHIFT).</summary>
    public int Credit2LoadWindowShift;

    /// <summary>Xen's defaults.</summary>
    public static SchedulerOptions Default => new SchedulerOptions
    {
        Ratelimit = 1000 * SchedTime.Microsecond,
        CreditTimeslice = 30 * SchedTime.Millisecond,
        Credit2Runqueue = TopologyLevel.Socket,
        Credit2MigrateResist = 500 * SchedTime.Microsecond,
        Credit2LoadWindowShift = 30,
    };

    /// <summary>Checks every field against Xen's ranges.</summary>
    /// <returns><see cref="SchedError.InvalidArgument"/> on the first violation.</returns>
    public readonly SchedError Validate()
    {
        if (Ratelimit != 0 && (Ratelimit < RatelimitMin || Ratelimit > RatelimitMax))
        {
            return SchedError.InvalidArgument;
        }

        if (CreditTimeslice < TsliceMin || CreditTimeslice > TsliceMax || Ratelimit > CreditTimeslice)
        {
            return SchedError.InvalidArgument;
        }

        if (Credit2MigrateResist < 0 || Credit2LoadWindowShift < 4 || Credit2LoadWindowShift > 40)
        {
            return SchedError.InvalidArgument;
        }

        if (Credit2Runqueue < TopologyLevel.Cpu || Credit2Runqueue > TopologyLevel.All)
        {
            return SchedError.InvalidArgument;
        }

        return SchedError.None;
    }
}
