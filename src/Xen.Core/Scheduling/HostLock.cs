// The hypervisor's one big lock. Locking policy (read this before adding a lock): every physical CPU holds
// it while it touches shared hypervisor state — domains, event channels, grant tables, the scheduler, the
// console, the object heap — and drops it only around the guest's own execution (VMRUN / ERET to EL1) and
// while idling. Guests therefore run in parallel on every CPU, while exit handling is serialised. That is
// coarser than Xen's per-domain and per-channel locks, but exit handling is a few microseconds against
// milliseconds of guest time, and it makes every handler in Xen.Core SMP-safe without its own locking.
// State shared with guests (shared_info bitmaps, rings) still needs atomics: guests do not take this lock.
using Xen.Runtime.Threading;

namespace Xen.Core.Scheduling;

/// <summary>The global hypervisor lock (see the file comment for the policy).</summary>
public static class HostLock
{
    private static TicketLock s_lock;

    /// <summary>Takes the lock (spins).</summary>
    public static void Acquire() => s_lock.Acquire();

    /// <summary>Releases the lock; only the holder may call it.</summary>
    public static void Release() => s_lock.Release();

    /// <summary>Releases the lock if some CPU holds it, returning whether it did. For the arch backends around
    /// guest execution: the run loop calls them with the lock held, unit tests without.</summary>
    public static bool ReleaseIfHeld()
    {
        if (!s_lock.IsHeld) return false;
        s_lock.Release();
        return true;
    }

    /// <summary>True while a CPU holds the lock.</summary>
    public static bool IsHeld => s_lock.IsHeld;
}
