// Why this file exists: the scheduler-visible life cycle of a vCPU (Xen's RUNSTATE_* without "offline" detail).
namespace Xen.Sched;

/// <summary>State of a vCPU as seen by the scheduler.</summary>
public enum VcpuRunState
{
    /// <summary>Not inserted into a scheduler.</summary>
    Offline,
    /// <summary>Waiting for an event (Xen RUNSTATE_blocked).</summary>
    Blocked,
    /// <summary>Wants a CPU (Xen RUNSTATE_runnable).</summary>
    Runnable,
    /// <summary>Currently chosen by do-schedule on <see cref="SchedVcpu.Processor"/> (Xen RUNSTATE_running).</summary>
    Running,
}
