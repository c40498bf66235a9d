// The arch-neutral middle of every boot: once the platform has a console and a memory map, bring up the
// page allocator and heap, then module initialisation (statics), printing the lines the boot tests read.
// Image-only: it calls the corelib's StartupCodeHelpers, which hosted builds do not have.
using Xen.Runtime.Diagnostics;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Core.Boot;

/// <summary>Allocators and statics from a filled memory map.</summary>
public static unsafe class RuntimeBootstrap
{
    /// <summary>Prints the map, feeds the allocators, initialises ilc's modules (bounds from the platform's
    /// linker symbols) and returns the global page allocator. Panics when boot cannot continue.</summary>
    public static PhysicalPageAllocator* Start(in MemoryMap map, nint* modulesStart, nint* modulesEnd)
    {
        BootLog.MemoryMap(map);
        if (RuntimeState.Initialize(map) == 0) Panic.Fail(PanicReason.Boot, "no usable memory for the page allocator", 0);
        PhysicalPageAllocator* pages = RuntimeState.Pages;
        DebugConsole.Write("pages: ");
        DebugConsole.WriteDecimal(pages->FreePageCount);
        DebugConsole.WriteLine(" free 4 KiB pages");

        int statics = Internal.Runtime.CompilerHelpers.StartupCodeHelpers.InitializeModules(modulesStart, modulesEnd);
        if (statics < 0) Panic.Fail(PanicReason.Boot, "malformed module header from ilc", 0);
        DebugConsole.Write("runtime: ");
        DebugConsole.WriteDecimal((long)statics);
        DebugConsole.WriteLine(" static bases initialised");
        return pages;
    }

    /// <summary>Prints the `paging:` line for the hypervisor's own tables.</summary>
    public static void ReportPaging(string tables, ulong root, bool pageZeroMapped)
    {
        DebugConsole.Write("paging: ");
        DebugConsole.Write(tables);
        DebugConsole.Write(" at ");
        DebugConsole.WriteHex(root);
        DebugConsole.WriteLine(pageZeroMapped ? ", page 0 MAPPED" : ", page 0 unmapped");
    }
}
