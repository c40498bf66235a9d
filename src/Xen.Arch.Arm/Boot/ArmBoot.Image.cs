// The AArch64 boot sequence after Start.s, mirroring the x86 one (shared/DESIGN.md §6):
// console → banner → memory map (DTB) → page allocator and heap → module initialisation (statics) → own
// EL2 page tables with page 0 unmapped → command-line actions → boot domain (guests) → power off.
using Xen.Arch.Arm.Hardware;
using Xen.Arch.Arm.Paging;
using Xen.Core.Boot;
using Xen.Runtime;
using Xen.Runtime.Diagnostics;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Arch.Arm.Boot;

internal static unsafe class ArmBoot
{
    /// <summary>First thing after the entry stub: a console, panics that power off, and symbols for crash
    /// dumps. Start.s already installed the exception vectors.</summary>
    internal static void EarlyInit()
    {
        DebugConsole.SetSink(&Pl011.Write);
        Platform.SetPowerOff(&Psci.PowerOff);
        byte* symtab = SystemRegisters.SymbolTableStart();
        SymbolTable.Initialize(symtab, (ulong)(SystemRegisters.SymbolTableLimit() - symtab), SystemRegisters.ImageBase());
    }

    /// <summary>Runs the rest of boot with a filled memory map and the boot module (initrd, size 0 if none); never returns.</summary>
    internal static void Run(ref MemoryMap map, CommandLine commandLine, ulong module, ulong moduleSize)
    {
        map.Reserve(SystemRegisters.ImageBase(), SystemRegisters.ImageEnd() - SystemRegisters.ImageBase());
        PhysicalPageAllocator* pages = RuntimeBootstrap.Start(map, SystemRegisters.ModulesStart(), SystemRegisters.ModulesEnd());

        ulong root = El2PageTables.Build(pages, map.HighestRamAddress);
        if (root == 0) Panic.Fail(PanicReason.OutOfMemory, "no pages for the EL2 page tables", 0);
        El2Mmu.Enable(root);
        RuntimeBootstrap.ReportPaging("EL2 tables", root, El2PageTables.IsMapped(root, 0));

        int status = BootActions.Run(commandLine);
        if (moduleSize != 0 || commandLine.Has("guests"))
            status |= Virtualization.ArmGuestLauncher.Run(module, moduleSize, BuildInfo.Id, commandLine);
        DebugConsole.WriteLine("Xen# halting");
        Platform.Stop(status);
    }
}
