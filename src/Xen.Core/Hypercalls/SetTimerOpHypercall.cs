// __HYPERVISOR_set_timer_op (15): set_timer_op(uint64_t timeout) — the calling vCPU's single-shot timer at
// absolute system time `timeout` (x86-64: one register; x86-32: low word, high word). Xen's do_set_timer_op:
// 0 stops the timer; a negative timeout, or one more than 2^50 ns (~13 days) ahead, is Linux's jiffies
// wrap and is replaced by "100 ms from now"; anything else arms the timer (a past time fires at once).
using Xen.Core.Domains;
using Xen.Core.Public;
using Xen.Core.Time;

namespace Xen.Core.Hypercalls;

/// <summary>set_timer_op.</summary>
public sealed class SetTimerOpHypercall : IHypercallHandler
{
    private const ulong HundredMilliseconds = 100_000_000;
    private readonly TimerQueue? _timers;

    /// <summary>Creates the handler over <paramref name="timers"/> (null: -ENOSYS).</summary>
    public SetTimerOpHypercall(TimerQueue? timers) { _timers = timers; }

    /// <inheritdoc />
    public long Invoke(Vcpu caller, in HypercallArgs args)
    {
        if (_timers is null) return -XenErrno.ENOSYS;
        ulong timeout = args.IsCompat ? (uint)args.Arg0 | (ulong)(uint)args.Arg1 << 32 : args.Arg0;
        if (timeout == 0)
        {
            _timers.StopSingleShot(caller);
            return 0;
        }
        ulong now = _timers.Now;
        long offset = (long)(timeout - now);
        if ((long)timeout < 0 || (offset > 0 && (offset >> 50) != 0))
            _timers.SetSingleShot(caller, now + HundredMilliseconds);
        else
            _timers.SetSingleShot(caller, timeout);
        return 0;
    }
}
