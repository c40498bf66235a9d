using System.Text;
using Xen.Core.Boot;

namespace Xen.Core.Tests;

public sealed unsafe class CommandLineTests
{
    private static CommandLine Of(string text) => new(Encoding.ASCII.GetBytes(text));

    [Fact]
    public void Bare_words_and_values_are_found_exactly()
    {
        CommandLine line = Of("  selftest console=com1   panic=throw ");
        Assert.True(line.Has("selftest"));
        Assert.True(line.Has("console"));
        Assert.True(line.TryGetValue("panic", out ReadOnlySpan<byte> value));
        Assert.Equal("throw", Encoding.ASCII.GetString(value));
        Assert.False(line.Has("self"));       // prefixes do not match
        Assert.False(line.Has("selftests"));
        Assert.False(line.TryGetValue("selftest", out _)); // a bare word has no value
    }

    [Fact]
    public void Numbers_are_decimal_and_bounded()
    {
        CommandLine line = Of("guests=3 vcpus=2x big=99999999999999999999 max=17 empty=");
        Assert.True(line.TryGetNumber("guests", 16, out ulong guests));
        Assert.Equal(3UL, guests);
        Assert.False(line.TryGetNumber("vcpus", 16, out _));  // not a number
        Assert.False(line.TryGetNumber("big", ulong.MaxValue, out _)); // too long to be one
        Assert.False(line.TryGetNumber("max", 16, out _));    // above the bound
        Assert.False(line.TryGetNumber("empty", 16, out _));
        Assert.False(line.TryGetNumber("absent", 16, out _));
    }

    [Fact]
    public void Empty_and_missing_command_lines_have_nothing()
    {
        Assert.False(Of("").Has("selftest"));
        Assert.False(CommandLine.FromCString(null).Has("selftest"));
    }

    [Fact]
    public void C_strings_stop_at_the_nul_or_the_limit()
    {
        byte[] raw = Encoding.ASCII.GetBytes("fault\0selftest");
        fixed (byte* p = raw)
        {
            Assert.True(CommandLine.FromCString(p).Has("fault"));
            Assert.False(CommandLine.FromCString(p).Has("selftest"));
            Assert.Equal(3, CommandLine.FromCString(p, maxLength: 3).Text.Length);
        }
    }
}
