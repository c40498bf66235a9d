// Why this file exists: the one interface every policy implements, shaped after Xen's struct scheduler
// operations (xen/common/sched/private.h): insert/remove, wake/sleep/yield, pick_cpu, do_schedule,
// context_saved, migrate, adjust (domain params), adjust per-vCPU, dump. All methods are allocation-free
// except the insert ones, and report errors as SchedError values.
namespace Xen.Sched;

/// <summary>A scheduling policy instance serving one cpupool.</summary>
public interface IScheduler
{
    /// <summary>Which policy this is.</summary>
    SchedulerKind Kind { get; }

    /// <summary>Connects the policy to the code that runs it (tickles). Call once before any scheduling.</summary>
    /// <param name="host">Callback receiver.</param>
    void AttachHost(ISchedulerHost host);

    /// <summary>Registers a domain with default parameters (Xen alloc_domdata). Allocates.</summary>
    /// <param name="domain">Domain.</param>
    /// <returns>Error value.</returns>
    SchedError InsertDomain(SchedDomain domain);

    /// <summary>Unregisters a domain; all its vCPUs must have been removed.</summary>
    /// <param name="domain">Domain.</param>
    /// <returns>Error value.</returns>
    SchedError RemoveDomain(SchedDomain domain);

    /// <summary>Adds a vCPU of an inserted domain, initially blocked (Xen insert_unit). Allocates.</summary>
    /// <param name="vcpu">vCPU.</param>
    /// <param name="now">Current time, ns.</param>
    /// <returns>Error value.</returns>
    SchedError InsertVcpu(SchedVcpu vcpu, long now);

    /// <summary>Removes a vCPU that is not running (Xen remove_unit).</summary>
    /// <param name="vcpu">vCPU.</param>
    /// <param name="now">Current time, ns.</param>
    /// <returns>Error value.</returns>
    SchedError RemoveVcpu(SchedVcpu vcpu, long now);

    /// <summary>The vCPU became runnable; the policy queues it and tickles a CPU if it should preempt.</summary>
    /// <param name="vcpu">vCPU.</param>
    /// <param name="now">Current time, ns.</param>
    void Wake(SchedVcpu vcpu, long now);

    /// <summary>The vCPU blocks; if it is running, its CPU is tickled to pick someone else.</summary>
    /// <param name="vcpu">vCPU.</param>
    /// <param name="now">Current time, ns.</param>
    void Sleep(SchedVcpu vcpu, long now);

    /// <summary>The running vCPU offers its CPU to others of equal standing (SCHEDOP_yield).</summary>
    /// <param name="vcpu">vCPU.</param>
    /// <param name="now">Current time, ns.</param>
    void Yield(SchedVcpu vcpu, long now);

    /// <summary>Chooses the CPU a waking vCPU should be queued on (always inside its hard affinity).</summary>
    /// <param name="vcpu">vCPU.</param>
    /// <param name="now">Current time, ns.</param>
    /// <returns>CPU number.</returns>
    int PickCpu(SchedVcpu vcpu, long now);

    /// <summary>Accounts the time the current vCPU of <paramref name="cpu"/> ran and chooses the next one.</summary>
    /// <param name="cpu">Physical CPU number.</param>
    /// <param name="now">Current time, ns.</param>
    /// <returns>Next vCPU (or idle) and its time slice.</returns>
    ScheduleDecision DoSchedule(int cpu, long now);

    /// <summary>The context switch decided by <see cref="DoSchedule"/> completed (Xen context_saved).</summary>
    /// <param name="cpu">Physical CPU number.</param>
    /// <param name="previous">vCPU switched out, or null for idle.</param>
    /// <param name="now">Current time, ns.</param>
    void ContextSaved(int cpu, SchedVcpu? previous, long now);

    /// <summary>Moves a vCPU that is not running to <paramref name="cpu"/> (Xen migrate).</summary>
    /// <param name="vcpu">vCPU.</param>
    /// <param name="cpu">Destination CPU, must be in the hard affinity and the pool.</param>
    /// <param name="now">Current time, ns.</param>
    /// <returns>Error value.</returns>
    SchedError Migrate(SchedVcpu vcpu, int cpu, long now);

    /// <summary>Replaces the affinity masks (xl vcpu-pin). Masks are copied; no allocation.</summary>
    /// <param name="vcpu">vCPU.</param>
    /// <param name="hard">New hard affinity; must intersect the pool.</param>
    /// <param name="soft">New soft affinity.</param>
    /// <param name="now">Current time, ns.</param>
    /// <returns>Error value.</returns>
    SchedError SetAffinity(SchedVcpu vcpu, Topology.CpuMask hard, Topology.CpuMask soft, long now);

    /// <summary>Reads domain parameters (XEN_DOMCTL_SCHEDOP_getinfo).</summary>
    /// <param name="domain">Domain.</param>
    /// <param name="parameters">Receives the parameters.</param>
    /// <returns>Error value.</returns>
    SchedError GetDomainParams(SchedDomain domain, out SchedParams parameters);

    /// <summary>Validates and applies domain parameters to the domain and all its vCPUs (XEN_DOMCTL_SCHEDOP_putinfo).</summary>
    /// <param name="domain">Domain.</param>
    /// <param name="parameters">New parameters.</param>
    /// <returns>Error value; nothing changes on error.</returns>
    SchedError SetDomainParams(SchedDomain domain, in SchedParams parameters);

    /// <summary>Reads per-vCPU parameters (XEN_DOMCTL_SCHEDOP_getvcpuinfo).</summary>
    /// <param name="vcpu">vCPU.</param>
    /// <param name="parameters">Receives the parameters.</param>
    /// <returns>Error value.</returns>
    SchedError GetVcpuParams(SchedVcpu vcpu, out SchedParams parameters);

    /// <summary>Validates and applies per-vCPU parameters (XEN_DOMCTL_SCHEDOP_putvcpuinfo).</summary>
    /// <param name="vcpu">vCPU.</param>
    /// <param name="parameters">New parameters.</param>
    /// <returns>Error value; nothing changes on error.</returns>
    SchedError SetVcpuParams(SchedVcpu vcpu, in SchedParams parameters);

    /// <summary>Earliest time the policy's own timer must fire (accounting, replenishment, frame switch); <see cref="SchedTime.Never"/> if none.</summary>
    long NextTimer { get; }

    /// <summary>Runs the policy timer; call when <see cref="NextTimer"/> is reached.</summary>
    /// <param name="now">Current time, ns.</param>
    void OnTimer(long now);

    /// <summary>Dumps the policy state (Xen dump_settings/dump_cpu_state).</summary>
    /// <param name="writer">Receiver.</param>
    void Dump(ISchedDumpWriter writer);
}
