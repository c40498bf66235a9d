// Why this file exists: the single entry point that builds a policy instance for a cpupool from its kind and
// start-up options (Xen's scheduler_alloc + init), validating options first so errors are values.
using Xen.Sched.Policies.Arinc653;
using Xen.Sched.Policies.Credit;
using Xen.Sched.Policies.Credit2;
using Xen.Sched.Policies.Null;
using Xen.Sched.Policies.Rtds;
using Xen.Sched.Topology;

namespace Xen.Sched;

/// <summary>Creates scheduler instances.</summary>
public static class SchedulerFactory
{
    /// <summary>Creates a policy serving the CPUs of <paramref name="poolCpus"/>.</summary>
    /// <param name="kind">Policy.</param>
    /// <param name="topology">Machine topology.</param>
    /// <param name="poolCpus">CPUs of the cpupool (copied); must be non-empty and inside the topology.</param>
    /// <param name="options">Start-up options.</param>
    /// <param name="scheduler">Receives the instance, or null on error.</param>
    /// <returns>Error value.</returns>
    public static SchedError Create(SchedulerKind kind, CpuTopology topology, CpuMask poolCpus, in SchedulerOptions options, out IScheduler? scheduler)
    {
        scheduler = null;
        SchedError rc = options.Validate();
        if (rc != SchedError.None)
        {
            return rc;
        }

        int first = poolCpus.First();
        if (first < 0 || first >= topology.CpuCount)
        {
            return SchedError.InvalidArgument;
        }

        switch (kind)
        {
            case SchedulerKind.Credit2:
                scheduler = new Credit2Scheduler(topology, poolCpus, options);
                return SchedError.None;
            case SchedulerKind.Credit:
                scheduler = new CreditScheduler(topology, poolCpus, options);
                return SchedError.None;
            case SchedulerKind.Null:
                scheduler = new NullScheduler(topology, poolCpus);
                return SchedError.None;
            case SchedulerKind.Arinc653:
                scheduler = new Arinc653Scheduler(topology, poolCpus);
                return SchedError.None;
            case SchedulerKind.Rtds:
                scheduler = new RtdsScheduler(topology, poolCpus);
                return SchedError.None;
            default:
                return SchedError.InvalidArgument;
        }
    }

    /// <summary>Creates a policy serving every CPU of the topology.</summary>
    /// <param name="kind">Policy.</param>
    /// <param name="topology">Machine topology.</param>
    /// <param name="options">Start-up options.</param>
    /// <param name="scheduler">Receives the instance, or null on error.</param>
    /// <returns>Error value.</returns>
    public static SchedError Create(SchedulerKind kind, CpuTopology topology, in SchedulerOptions options, out IScheduler? scheduler)
    {
        CpuMask all = new CpuMask(topology.CpuCount);
        all.SetAll();
        return Create(kind, topology, all, options, out scheduler);
    }
}
