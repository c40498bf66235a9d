using System.Text;
using Xen.Runtime.Text;

namespace Xen.Runtime.Tests;

[Collection("DebugConsole")] // the console sink is process-wide
public sealed unsafe class ConsoleAndFormattingTests : IDisposable
{
    [ThreadStatic] private static StringBuilder? s_captured;

    private static void Capture(byte b) => (s_captured ??= new StringBuilder()).Append((char)b);

    public ConsoleAndFormattingTests()
    {
        s_captured = new StringBuilder();
        DebugConsole.SetSink(&Capture);
    }

    [Theory]
    [InlineData(0UL, 1, "0")]
    [InlineData(0xABCUL, 1, "abc")]
    [InlineData(0x10UL, 16, "0000000000000010")]
    [InlineData(ulong.MaxValue, 4, "ffffffffffffffff")]
    public void Hex_formatting_pads_and_never_truncates(ulong value, int digits, string expected)
    {
        Span<char> buffer = stackalloc char[16];
        int n = Formatting.FormatHex(value, digits, buffer);
        Assert.Equal(expected, buffer[..n].ToString());
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-1L, "-1")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void Decimal_formatting_covers_the_whole_range(long value, string expected)
    {
        Span<char> buffer = stackalloc char[20];
        int n = Formatting.FormatDecimal(value, buffer);
        Assert.Equal(expected, buffer[..n].ToString());
    }

    [Fact]
    public void Console_writes_ascii_and_replaces_the_rest()
    {
        DebugConsole.Write("Xen# é ");
        DebugConsole.WriteHex(0x2A, 4);
        DebugConsole.Write(' ');
        DebugConsole.WriteDecimal(-7L);
        DebugConsole.WriteLine();
        Assert.Equal("Xen# ? 0x002a -7\n", s_captured!.ToString());
    }

    public void Dispose() => DebugConsole.SetSink(null);
}
