// Why this file exists: one parameter record for domain and per-vCPU get/set, the union of Xen's
// xen_domctl_sched_credit / _credit2 / _rtds (xen/include/public/domctl.h). Each policy reads the fields it owns
// and validates them against Xen's ranges; the others are ignored.
namespace Xen.Sched;

/// <summary>Scheduling parameters of a domain or vCPU.</summary>
public struct SchedParams
{
    /// <summary>Credit/credit2 weight, 1..65535 (default 256).</summary>
    public int Weight;

    /// <summary>Credit/credit2 cap in percent of one CPU, 0 = uncapped, at most 100 × vCPUs.</summary>
    public int Cap;

    /// <summary>RTDS period in nanoseconds (default 10 ms).</summary>
    public long Period;

    /// <summary>RTDS budget in nanoseconds (default 4 ms), at most <see cref="Period"/>.</summary>
    public long Budget;

    /// <summary>RTDS extratime: may run beyond its budget when a CPU would otherwise idle.</summary>
    public bool ExtraTime;

    /// <summary>Parameters with every field set to Xen's default.</summary>
    public static SchedParams Default => new SchedParams
    {
        Weight = 256,
        Cap = 0,
        Period = 10 * SchedTime.Millisecond,
        Budget = 4 * SchedTime.Millisecond,
        ExtraTime = false,
    };
}
