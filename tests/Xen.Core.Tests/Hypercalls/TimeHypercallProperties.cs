// Property: whatever a guest passes to vcpu_op, sched_op, set_timer_op or the control hypercalls — any
// command, vCPU id, pointer, and any bytes behind the pointer — the handlers answer with a number and never
// throw (a throw panics the hypervisor in images), and timers fire without throwing afterwards.
using CsCheck;
using Xen.Core.Hypercalls;
using Xen.Core.Public;
using Xen.Core.Tests.Time;

namespace Xen.Core.Tests.Hypercalls;

public sealed class TimeHypercallProperties
{
    private static readonly int[] s_numbers =
    [
        HypercallNumber.VcpuOp, HypercallNumber.SchedOp, HypercallNumber.SetTimerOp, HypercallNumber.PhysdevOp,
        HypercallNumber.Sysctl, HypercallNumber.Domctl, HypercallNumber.PlatformOp,
    ];

    private static readonly Gen<ulong> s_word = Gen.OneOf(
        Gen.ULong, Gen.ULong[0, 16], Gen.Const(0x1000UL), Gen.Const(0x7FFF_FFF8UL), Gen.Const(ulong.MaxValue),
        Gen.ULong[0, 0x100000]);

    [Fact]
    public void Random_time_hypercalls_never_throw()
    {
        Gen.Select(Gen.Int[0, s_numbers.Length - 1], s_word, s_word, s_word, Gen.Byte.Array[192], Gen.Bool, Gen.ULong[0, 1UL << 40])
            .Sample((n, a0, a1, a2, memory, compat, now) =>
            {
                using var w = new TimeWorld();
                w.Backends[0].UnmappedLinearFrom = 0x40000;
                w.Clock.Now = now;
                w.Put(TimeWorld.Arg, memory);
                var args = new HypercallArgs((ulong)s_numbers[n], a0, a1, a2) { IsCompat = compat };
                long rc = w.Dispatcher.Dispatch(w.V0, args);
                Assert.True(rc >= -XenErrno.ETIMEDOUT, $"rc {rc}");
                w.Timers.FireExpired(now + (1UL << 41));
                w.Timers.OnScheduled(w.V0);
                _ = w.Timers.NextDeadline;
            }, iter: 300);
    }
}
