using Xen.Arch.X86.Time;

namespace Xen.Arch.X86.Tests.Time;

public sealed class TscCalibrationTests
{
    [Theory]
    [InlineData(100u, 200u, 100u)]
    [InlineData(0xFFFFF0u, 0x10u, 0x20u)]        // wrapped once
    [InlineData(0x12FFFFF0u, 0x13000010u, 0x20u)] // garbage above bit 23 is ignored
    [InlineData(5u, 5u, 0u)]
    public void PM_timer_ticks_count_in_24_bits_across_a_wrap(uint start, uint end, uint expected) =>
        Assert.Equal(expected, TscCalibration.PmTimerTicks(start, end));

    [Theory]
    [InlineData(2_000_000_000UL)]
    [InlineData(3_600_000_000UL)]
    [InlineData(1_000_000_000UL)]
    [InlineData(2_893_412_345UL)]
    public void Frequency_from_10_ms_of_PM_timer_is_within_a_tick(ulong hz)
    {
        const uint pmTicks = 35_795; // ~10 ms
        ulong tscTicks = hz * pmTicks / TscCalibration.PmTimerHz;
        ulong measured = TscCalibration.FrequencyFromPmTimer(tscTicks, pmTicks);
        ulong error = measured > hz ? measured - hz : hz - measured;
        Assert.True(error <= TscCalibration.PmTimerHz / pmTicks + 1, $"{measured} for {hz}");
    }

    [Fact]
    public void Frequency_math_does_not_overflow_for_long_measurements()
    {
        // 20 minutes at 4 GHz against 20 minutes of PM ticks (more than one wrap's worth is impossible to count,
        // but the arithmetic must hold for any caller).
        ulong tsc = 4_000_000_000UL * 1200;
        uint pm = uint.MaxValue;
        ulong expected = (ulong)((System.UInt128)tsc * TscCalibration.PmTimerHz / pm);
        Assert.InRange(TscCalibration.FrequencyFromPmTimer(tsc, pm), expected - 1, expected + 1);
        Assert.Equal(0UL, TscCalibration.FrequencyFromPmTimer(12345, 0));
    }

    [Fact]
    public void Cpuid_leaves_give_the_nominal_frequency_or_nothing()
    {
        // Skylake-style: crystal 24 MHz, ratio 300/2 → 3.6 GHz.
        Assert.Equal(3_600_000_000UL, TscCalibration.FrequencyFromCpuid15(2, 300, 24_000_000));
        Assert.Equal(0UL, TscCalibration.FrequencyFromCpuid15(2, 300, 0)); // crystal not enumerated
        Assert.Equal(0UL, TscCalibration.FrequencyFromCpuid15(0, 300, 24_000_000));
        Assert.Equal(2_100_000_000UL, TscCalibration.FrequencyFromCpuid16(2100));
        Assert.Equal(2_100_000_000UL, TscCalibration.FrequencyFromCpuid16(0xFFFF_0000 | 2100)); // bits 31:16 reserved
    }

    [Fact]
    public void The_PM_timer_wins_then_cpuid_15_then_16()
    {
        Assert.Equal(2UL, TscCalibration.Choose(2, 3, 4, out TscSource s));
        Assert.Equal(TscSource.PmTimer, s);
        Assert.Equal(3UL, TscCalibration.Choose(0, 3, 4, out s));
        Assert.Equal(TscSource.Cpuid15, s);
        Assert.Equal(4UL, TscCalibration.Choose(0, 0, 4, out s));
        Assert.Equal(TscSource.Cpuid16, s);
        Assert.Equal(0UL, TscCalibration.Choose(0, 0, 0, out s));
        Assert.Equal(TscSource.None, s);
    }
}
