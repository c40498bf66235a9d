using Xen.Arch.X86.Time;

namespace Xen.Arch.X86.Tests.Time;

public sealed class TscClockTests
{
    private sealed class FakeTsc : ITscReader
    {
        public ulong Value;
        public ulong Read() => Value;
    }

    [Theory]
    [InlineData(2_000_000_000UL)]
    [InlineData(3_579_545_000UL)]
    [InlineData(800_000_000UL)]
    public void System_time_is_the_TSC_since_boot_through_the_published_scale(ulong hz)
    {
        var tsc = new FakeTsc { Value = 1_000_000 };
        var clock = new TscClock(tsc, hz, 1_000_000, 1_700_000_000, 0, stable: true);
        Assert.Equal(0UL, clock.NowNanoseconds);
        tsc.Value += hz; // one second
        ulong ns = clock.NowNanoseconds;
        Assert.InRange(ns, 999_999_990UL, 1_000_000_010UL);
        clock.Sample(out ulong counter, out ulong now);
        Assert.Equal(tsc.Value, counter);
        Assert.Equal(clock.Scale.ToNanoseconds(counter - 1_000_000), now); // what a guest computes from pvclock
        Assert.Equal(1_700_000_000UL, clock.WallClockSecondsAtBoot);
        Assert.True(clock.CounterIsStable);
    }

    [Fact]
    public void Time_never_goes_backwards_even_if_the_counter_does()
    {
        var tsc = new FakeTsc { Value = 5_000_000 };
        var clock = new TscClock(tsc, 1_000_000_000, 1_000_000, 0, 0, stable: false);
        ulong t1 = clock.NowNanoseconds;
        tsc.Value = 4_000_000; // another CPU's TSC lagging
        Assert.Equal(t1, clock.NowNanoseconds);
        tsc.Value = 10; // before system time 0
        Assert.Equal(t1, clock.NowNanoseconds);
    }

    [Theory]
    [InlineData(2_000_000_000UL, 5_000_000UL)]
    [InlineData(2_893_000_000UL, 123_456_789_012UL)]
    [InlineData(1_000_000_000UL, 1UL)]
    public void TscAt_inverts_the_scale_to_within_a_few_ticks(ulong hz, ulong ns)
    {
        var tsc = new FakeTsc();
        var clock = new TscClock(tsc, hz, 777, 0, 0, stable: true);
        tsc.Value = clock.TscAt(ns);
        ulong back = clock.NowNanoseconds;
        Assert.InRange((long)back - (long)ns, -3L, 3L);
    }
}
