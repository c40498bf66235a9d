// SCHEDOP_watchdog (xen/include/public/sched.h, xen/common/schedule.c domain_watchdog): a domain may run
// NR_DOMAIN_WATCHDOG_TIMERS (2) watchdogs. id 0 allocates one and returns its id (1-based) or -EEXIST when
// both are taken; id n re-arms watchdog n with a new timeout in seconds, or frees it with timeout 0; an id not
// in use is -EEXIST, an id above 2 -EINVAL. When one expires the domain shuts down with SHUTDOWN_watchdog.
using Xen.Core.Public;

namespace Xen.Core.Time;

/// <summary>The watchdog timers of one domain.</summary>
public sealed class DomainWatchdog
{
    /// <summary>NR_DOMAIN_WATCHDOG_TIMERS.</summary>
    public const int Count = 2;

    private const ulong NanosecondsPerSecond = 1_000_000_000;

    private ulong _deadline0 = VcpuTimers.Disarmed, _deadline1 = VcpuTimers.Disarmed;
    private bool _used0, _used1;

    /// <summary>The earliest armed watchdog deadline, or <see cref="VcpuTimers.Disarmed"/>.</summary>
    public ulong NextDeadline => _deadline0 < _deadline1 ? _deadline0 : _deadline1;

    /// <summary>SCHEDOP_watchdog(<paramref name="id"/>, <paramref name="timeoutSeconds"/>) at <paramref name="now"/>:
    /// the new id (≥ 1), 0, or -errno.</summary>
    public long Set(uint id, uint timeoutSeconds, ulong now)
    {
        if (id > Count) return -XenErrno.EINVAL;
        ulong deadline = now + timeoutSeconds * NanosecondsPerSecond; // at most ~4.3e18: no overflow near boot
        if (id == 0)
        {
            if (!_used0) { _used0 = true; _deadline0 = deadline; return 1; }
            if (!_used1) { _used1 = true; _deadline1 = deadline; return 2; }
            return -XenErrno.EEXIST;
        }
        if (id == 1 ? !_used0 : !_used1) return -XenErrno.EEXIST;
        bool free = timeoutSeconds == 0;
        if (id == 1) { _used0 = !free; _deadline0 = free ? VcpuTimers.Disarmed : deadline; }
        else { _used1 = !free; _deadline1 = free ? VcpuTimers.Disarmed : deadline; }
        return 0;
    }

    /// <summary>True (once per expiry) if a watchdog's deadline is at or before <paramref name="now"/>.</summary>
    public bool Expired(ulong now)
    {
        if (_deadline0 <= now) { _deadline0 = VcpuTimers.Disarmed; return true; }
        if (_deadline1 <= now) { _deadline1 = VcpuTimers.Disarmed; return true; }
        return false;
    }
}
