// Why this file exists: one credit2 runqueue (Xen's struct csched2_runqueue_data): the CPUs sharing it, a
// credit-ordered queue of runnable vCPUs, the reset epoch and the load average used for balancing.
//
// Credit resets are lazy: instead of touching every vCPU when the best candidate runs out of credit
// (Xen's reset_credit, O(n)), the runqueue bumps Epoch; a vCPU's effective credit is
// min(credit + (Epoch - its epoch) * CREDIT_INIT, CREDIT_INIT + CARRYOVER_MAX), which is what repeated
// resets give. That map is monotone, so heap order by (credit - epoch * CREDIT_INIT) stays valid.
using Xen.Sched.Collections;
using Xen.Sched.Topology;

namespace Xen.Sched.Policies.Credit2;

/// <summary>A credit2 runqueue.</summary>
internal sealed class Credit2Runqueue
{
    public Credit2Runqueue(int id, int cpuCount, int vcpuCapacity)
    {
        Id = id;
        Cpus = new CpuMask(cpuCount);
        Queue = new SlotHeap(vcpuCapacity);
    }

    public int Id { get; }

    /// <summary>CPUs served by this runqueue.</summary>
    public CpuMask Cpus { get; }

    /// <summary>Runnable, not running, not parked vCPUs keyed by credit - epoch * CREDIT_INIT.</summary>
    public SlotHeap Queue { get; }

    /// <summary>Number of credit resets so far.</summary>
    public long Epoch { get; set; }

    /// <summary>vCPUs assigned here that are runnable or running (instantaneous load).</summary>
    public int Active { get; set; }

    /// <summary>Exponentially decayed average of <see cref="Active"/>, fixed point with LoadPrecisionShift bits.</summary>
    public long AverageLoad { get; set; }

    /// <summary>Last time <see cref="AverageLoad"/> was updated.</summary>
    public long LoadUpdated { get; set; }

    /// <summary>Earliest time this runqueue balances again.</summary>
    public long NextBalance { get; set; }

    /// <summary>Folds the time since the last update into the average (window 2^shift ns).</summary>
    public void UpdateLoad(long now, int windowShift)
    {
        long dt = now - LoadUpdated;
        if (dt <= 0)
        {
            return;
        }

        long window = 1L << windowShift;
        if (dt > window)
        {
            dt = window;
        }

        long target = (long)Active << Credit2Constants.LoadPrecisionShift;
        AverageLoad += (target - AverageLoad) * dt >> windowShift;
        LoadUpdated = now;
    }
}
