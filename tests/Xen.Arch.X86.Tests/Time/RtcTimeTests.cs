using Xen.Arch.X86.Time;

namespace Xen.Arch.X86.Tests.Time;

public sealed class RtcTimeTests
{
    private const byte Bcd24 = RtcTime.StatusB24Hour;
    private const byte Binary24 = RtcTime.StatusB24Hour | RtcTime.StatusBBinary;

    [Fact]
    public void Bcd_registers_decode_to_unix_seconds()
    {
        // 2026-11-26 13:15:41 UTC
        long expected = new DateTimeOffset(2026, 11, 26, 13, 15, 41, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Equal(expected, RtcTime.ToUnixSeconds(0x41, 0x15, 0x13, 0x26, 0x11, 0x26, 0x20, Bcd24));
        Assert.Equal(expected, RtcTime.ToUnixSeconds(41, 15, 13, 26, 11, 26, 20, Binary24));
        Assert.Equal(expected, RtcTime.ToUnixSeconds(0x41, 0x15, 0x13, 0x26, 0x11, 0x26, 0, Bcd24)); // no century register
    }

    [Theory]
    [InlineData(0x12, 0)]          // 12 AM → 00
    [InlineData(0x92, 12)]         // 12 PM → 12
    [InlineData(0x81, 13)]         // 1 PM
    [InlineData(0x11, 11)]         // 11 AM
    public void Twelve_hour_mode_maps_pm_and_midnight(byte hour, int expectedHour)
    {
        long midnight = RtcTime.ToUnixSeconds(0, 0, 0x12, 0x01, 0x01, 0x00, 0x20, 0);
        Assert.Equal(midnight + expectedHour * 3600L, RtcTime.ToUnixSeconds(0, 0, hour, 0x01, 0x01, 0x00, 0x20, 0));
        Assert.Equal(946_684_800L, midnight); // 2000-01-01
    }

    [Fact]
    public void Calendar_matches_the_BCL_over_four_centuries()
    {
        for (var d = new DateTime(1900, 1, 1); d.Year < 2300; d = d.AddDays(17))
            Assert.Equal(new DateTimeOffset(d, TimeSpan.Zero).ToUnixTimeSeconds() / 86400, RtcTime.DaysFromCivil(d.Year, d.Month, d.Day));
    }

    [Theory]
    [InlineData(60, 0, 0, 1, 1, 0)]
    [InlineData(0, 60, 0, 1, 1, 0)]
    [InlineData(0, 0, 24, 1, 1, 0)]
    [InlineData(0, 0, 0, 0, 1, 0)]
    [InlineData(0, 0, 0, 32, 1, 0)]
    [InlineData(0, 0, 0, 1, 13, 0)]
    [InlineData(0, 0, 0, 1, 0, 0)]
    [InlineData(0, 0, 0, 1, 1, 100)]
    public void Out_of_range_registers_are_rejected(byte s, byte m, byte h, byte d, byte mo, byte y) =>
        Assert.Equal(-1, RtcTime.ToUnixSeconds(s, m, h, d, mo, y, 20, Binary24));
}
