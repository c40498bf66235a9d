// Why this file exists: ARINC653 is configured by a whole-schedule sysctl (XEN_SYSCTL_SCHEDOP_putinfo with
// xen_sysctl_arinc653_schedule) rather than per-domain parameters, so it gets its own small interface.
namespace Xen.Sched.Policies.Arinc653;

/// <summary>An ARINC653 scheduler: cyclic major frame of fixed minor frames.</summary>
public interface IArinc653Scheduler : IScheduler
{
    /// <summary>ARINC653_MAX_DOMAINS_PER_SCHEDULE: at most 64 minor frames.</summary>
    public const int MaxEntries = 64;

    /// <summary>Replaces the schedule; it starts with a new major frame at the next decision.</summary>
    /// <param name="majorFrame">Major frame length, ns; at least the sum of the run times.</param>
    /// <param name="entries">Minor frames, in order (copied).</param>
    /// <param name="count">Number of entries used, 1..64.</param>
    /// <returns>InvalidArgument for empty/oversized schedules, non-positive run times or a too-short major frame.</returns>
    SchedError SetSchedule(long majorFrame, Arinc653Entry[] entries, int count);

    /// <summary>Major frame length, ns.</summary>
    long MajorFrame { get; }
}
