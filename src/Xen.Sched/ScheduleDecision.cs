// Why this file exists: do-schedule's result, like Xen's struct task_slice: who runs next and for how long.
namespace Xen.Sched;

/// <summary>Result of <see cref="IScheduler.DoSchedule"/>: the vCPU to run and how long it may run.</summary>
public readonly struct ScheduleDecision
{
    /// <summary>Creates a decision.</summary>
    /// <param name="next">vCPU to run, or null to idle the CPU.</param>
    /// <param name="runFor">Nanoseconds until the scheduler wants to be called again; <see cref="SchedTime.Never"/> for no timer.</param>
    public ScheduleDecision(SchedVcpu? next, long runFor)
    {
        Next = next;
        RunFor = runFor;
    }

    /// <summary>vCPU to run; null means the CPU idles until tickled or the timer fires.</summary>
    public SchedVcpu? Next { get; }

    /// <summary>Time slice in nanoseconds (Xen's task_slice.time); <see cref="SchedTime.Never"/> when unbounded.</summary>
    public long RunFor { get; }
}
