using Xen.Core.Time;

namespace Xen.Core.Tests.Time;

public sealed class PvClockScaleTests
{
    [Theory]
    [InlineData(1_000_000_000UL)]
    [InlineData(2_000_000_000UL)]
    [InlineData(2_399_987_000UL)]
    [InlineData(3_600_000_000UL)]
    [InlineData(100_000_000UL)]
    [InlineData(19_200_000UL)]
    public void One_second_of_ticks_converts_to_one_second_within_a_nanosecond_per_tick_ppb(ulong hz)
    {
        PvClockScale scale = PvClockScale.FromFrequency(hz);
        Assert.True(scale.Multiplier >= 1u << 31, "multiplier keeps 31+ significant bits");
        ulong ns = scale.ToNanoseconds(hz);
        Assert.InRange((long)ns, 1_000_000_000L - 2, 1_000_000_000L);
        Assert.InRange((long)scale.ToNanoseconds(hz * 3600), 3_600_000_000_000L - 4000, 3_600_000_000_000L);
    }

    [Fact]
    public void Guest_formula_matches_128_bit_reference()
    {
        PvClockScale scale = PvClockScale.FromFrequency(2_399_987_000);
        foreach (ulong delta in new ulong[] { 0, 1, 12345, 1UL << 32, (1UL << 40) + 77, 1UL << 50 })
        {
            ulong shifted = scale.Shift >= 0 ? delta << scale.Shift : delta >> -scale.Shift;
            UInt128 reference = ((UInt128)shifted * scale.Multiplier) >> 32;
            Assert.Equal((ulong)reference, scale.ToNanoseconds(delta));
        }
    }

    [Fact]
    public void Fast_tsc_gets_a_negative_shift_and_slow_tsc_a_positive_one()
    {
        Assert.Equal(-1, PvClockScale.FromFrequency(3_000_000_000).Shift);
        Assert.Equal(0, PvClockScale.FromFrequency(1_500_000_000).Shift);
        Assert.Equal(4, PvClockScale.FromFrequency(100_000_000).Shift);
    }
}
