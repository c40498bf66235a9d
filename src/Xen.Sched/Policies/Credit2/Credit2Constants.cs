// Why this file exists: credit2's tuning constants, with the values of xen/common/sched/credit2.c
// (CSCHED2_* macros) and xen/include/public/domctl.h. Facts only; the algorithm is ours.
namespace Xen.Sched.Policies.Credit2;

/// <summary>credit2 constants (Xen 4.7 values unless noted).</summary>
internal static class Credit2Constants
{
    /// <summary>CSCHED2_DEFAULT_WEIGHT.</summary>
    public const int DefaultWeight = 256;
    /// <summary>Smallest weight accepted by XEN_DOMCTL_SCHEDOP_putinfo.</summary>
    public const int MinWeight = 1;
    /// <summary>Largest weight (the field is 16-bit in the ABI).</summary>
    public const int MaxWeight = 65535;
    /// <summary>CSCHED2_CREDIT_INIT: credit given at each reset, 10 ms.</summary>
    public const long CreditInit = 10 * SchedTime.Millisecond;
    /// <summary>CSCHED2_MIN_TIMER: shortest slice, 500 µs.</summary>
    public const long MinTimer = 500 * SchedTime.Microsecond;
    /// <summary>CSCHED2_MAX_TIMER in Xen 4.7: longest slice, 2 ms.</summary>
    public const long MaxTimer = 2 * SchedTime.Millisecond;
    /// <summary>CSCHED2_CARRYOVER_MAX: credit kept across a reset beyond CREDIT_INIT (= MIN_TIMER).</summary>
    public const long CarryoverMax = MinTimer;
    /// <summary>Period of the cap budget replenishment (CSCHED2_BDGT_REPL_PERIOD default, 10 ms; caps arrived in Xen 4.10).</summary>
    public const long CapPeriod = 10 * SchedTime.Millisecond;
    /// <summary>Fixed-point unit of one vCPU of load (LOADAVG_PRECISION_SHIFT = 18).</summary>
    public const int LoadPrecisionShift = 18;
    /// <summary>How often a runqueue considers balancing (our choice; Xen balances from its schedule path).</summary>
    public const long BalanceInterval = 2 * SchedTime.Millisecond;
    /// <summary>Maximum vCPUs inspected per balancing attempt, bounding its cost.</summary>
    public const int BalanceScanLimit = 16;
}
