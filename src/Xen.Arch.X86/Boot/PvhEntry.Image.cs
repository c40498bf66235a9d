// Managed side of the PVH entry: PvhEntry.s switched to long mode and calls XenPvhMain(hvm_start_info*).
using System.Runtime;
using Xen.Core.Boot;
using Xen.Runtime.Diagnostics;
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Boot;

internal static unsafe class PvhEntry
{
    [RuntimeExport("XenPvhMain")]
    private static void Main(byte* startInfo)
    {
        X86Boot.EarlyInit();
        BootLog.Banner("x86_64", "pvh", BuildInfo.Id);
        var info = new PvhStartInfo(startInfo);
        if (!info.IsValid) Panic.Fail(PanicReason.Boot, "PVH start info magic mismatch", 0);
        MemoryMap map = default;
        if (info.FillMemoryMap(ref map) == 0) Panic.Fail(PanicReason.Boot, "PVH start info has no memory map", 0);
        // Keep what the loader handed us out of the allocator: start info, module list, modules.
        map.Reserve((ulong)startInfo & ~0xFFFUL, 4096);
        map.Reserve(info.MemoryMapAddress & ~0xFFFUL, 4096);
        if (info.ModuleCount > 0) map.Reserve(info.ModuleListAddress & ~0xFFFUL, 4096);
        for (uint i = 0; i < info.ModuleCount; i++)
        {
            var module = info.Module(i);
            map.Reserve(module.Address & ~0xFFFUL, module.Size + (module.Address & 0xFFF));
        }
        CommandLine commandLine = CommandLine.FromCString((byte*)info.CommandLineAddress);
        X86Boot.Run(ref map, commandLine, info.ModuleCount > 0 ? info.Module(0) : default);
    }
}
