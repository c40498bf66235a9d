using System.Text;
using Xen.Core.Boot;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Core.Tests;

public sealed unsafe class BootLogTests
{
    private static readonly StringBuilder s_out = new();

    private static void Capture(byte b) => s_out.Append((char)b);

    [Fact]
    public void Banner_and_memory_map_lines_have_the_documented_format()
    {
        s_out.Clear();
        DebugConsole.SetSink(&Capture);
        try
        {
            BootLog.Banner("x86_64", "pvh", "abc123");
            var map = new MemoryMap();
            map.Add(0, 0x9FC00, MemoryKind.Usable);
            map.Add(0x100000, 0x7F00000, MemoryKind.Usable);
            map.Add(0xFEC00000, 0x1000, MemoryKind.Reserved);
            BootLog.MemoryMap(map);
        }
        finally { DebugConsole.SetSink(null); }
        Assert.Equal(
            "Xen# 0.1.0 (x86_64, pvh) build abc123\n" +
            "memmap: [0x0000000000000000-0x000000000009fbff] usable\n" +
            "memmap: [0x0000000000100000-0x0000000007ffffff] usable\n" +
            "memmap: [0x00000000fec00000-0x00000000fec00fff] reserved\n" +
            "memmap: 127 MiB usable\n", s_out.ToString());
    }
}
