// Why this file exists: names the five policies so hosts can choose one at start-up, as Xen's sched= option does.
namespace Xen.Sched;

/// <summary>The scheduling policies this package implements (Xen's <c>sched=</c> command-line values).</summary>
public enum SchedulerKind
{
    /// <summary><c>sched=credit</c>: proportional share with weight, cap and boost.</summary>
    Credit,
    /// <summary><c>sched=credit2</c>: per-runqueue credit with load balancing.</summary>
    Credit2,
    /// <summary><c>sched=rtds</c>: global EDF over deferrable servers.</summary>
    Rtds,
    /// <summary><c>sched=null</c>: static 1:1 vCPU to pCPU assignment.</summary>
    Null,
    /// <summary><c>sched=arinc653</c>: fixed cyclic schedule of minor frames.</summary>
    Arinc653,
}
