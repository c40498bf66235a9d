// The fixed lines every boot prints, in a format the boot tests (and people) read: the banner first, then
// the memory map, one range per line.
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Core.Boot;

/// <summary>Boot-time console lines.</summary>
public static class BootLog
{
    /// <summary>The product version printed in the banner.</summary>
    public const string Version = "0.1.0";

    /// <summary>Prints <c>Xen# 0.1.0 (arch, boot protocol) build id</c>.</summary>
    public static void Banner(string arch, string bootProtocol, string buildId)
    {
        DebugConsole.Write("Xen# ");
        DebugConsole.Write(Version);
        DebugConsole.Write(" (");
        DebugConsole.Write(arch);
        DebugConsole.Write(", ");
        DebugConsole.Write(bootProtocol);
        DebugConsole.Write(") build ");
        DebugConsole.WriteLine(buildId);
    }

    /// <summary>Prints each range as <c>memmap: [first-last] kind</c> and a usable-RAM total.</summary>
    public static void MemoryMap(in MemoryMap map)
    {
        for (int i = 0; i < map.Count; i++)
        {
            MemoryRange r = map[i];
            DebugConsole.Write("memmap: [");
            DebugConsole.WriteHex(r.Base, 16);
            DebugConsole.Write('-');
            DebugConsole.WriteHex(r.End - 1, 16);
            DebugConsole.Write("] ");
            DebugConsole.WriteLine(Xen.Runtime.Memory.MemoryMap.KindName(r.Kind));
        }
        DebugConsole.Write("memmap: ");
        DebugConsole.WriteDecimal(map.TotalOf(MemoryKind.Usable) / (1024 * 1024));
        DebugConsole.WriteLine(" MiB usable");
    }
}
