// Why this file exists: credit (credit1) constants, from xen/common/sched/credit.c (CSCHED_DEFAULT_WEIGHT,
// CSCHED_PRI_*, CSCHED_TICKS_PER_TSLICE) and xen/include/public/sysctl.h. Credits here are nanoseconds of
// CPU time (Xen counts CSCHED_CREDITS_PER_MSEC = 10 per ms; only the ratio matters).
namespace Xen.Sched.Policies.Credit;

/// <summary>credit constants.</summary>
internal static class CreditConstants
{
    /// <summary>CSCHED_DEFAULT_WEIGHT.</summary>
    public const int DefaultWeight = 256;
    /// <summary>Smallest weight.</summary>
    public const int MinWeight = 1;
    /// <summary>Largest weight (16-bit ABI field).</summary>
    public const int MaxWeight = 65535;
    /// <summary>CSCHED_PRI_TS_BOOST: woken from sleep with credit left — runs before everyone else.</summary>
    public const int PrioBoost = 0;
    /// <summary>CSCHED_PRI_TS_UNDER: has credit.</summary>
    public const int PrioUnder = 1;
    /// <summary>CSCHED_PRI_TS_OVER: overdrawn.</summary>
    public const int PrioOver = 2;
    /// <summary>Number of priority classes with runqueues.</summary>
    public const int Priorities = 3;
}
