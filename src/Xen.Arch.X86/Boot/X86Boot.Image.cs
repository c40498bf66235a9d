// The x86-64 boot sequence after the entry stubs, shared by the PVH and UEFI paths (shared/DESIGN.md §6):
// console → banner → memory map → page allocator and heap → module initialisation (statics) → own page
// tables and descriptor tables → command-line actions → power off.
using Xen.Arch.X86.Hardware;
using Xen.Arch.X86.Interrupts;
using Xen.Arch.X86.Paging;
using Xen.Core.Boot;
using Xen.Runtime;
using Xen.Runtime.Diagnostics;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Arch.X86.Boot;

internal static unsafe class X86Boot
{
    /// <summary>PVH entry: console, power-off hook, symbols, and our GDT/IDT at once (interrupts are off).</summary>
    internal static void EarlyInit()
    {
        EarlyConsole();
        InstallDescriptorTables();
    }

    /// <summary>A console, panics that power off, and symbols for crash dumps: safe while firmware still owns the
    /// CPU's descriptor tables.</summary>
    internal static void EarlyConsole()
    {
        SerialPort.Initialize();
        DebugConsole.SetSink(&SerialPort.Write);
        Platform.SetPowerOff(&PowerControl.PowerOff);
        byte* symtab = Cpu.SymbolTableStart();
        SymbolTable.Initialize(symtab, (ulong)(Cpu.SymbolTableLimit() - symtab), Cpu.ImageBase());
    }

    /// <summary>Takes the CPU from the firmware: interrupts off, our GDT and our exception IDT. On UEFI this must wait
    /// until ExitBootServices: boot services re-enable interrupts (RestoreTPL), and the firmware timer (vector 0x40)
    /// would then hit a missing gate in our 32-entry IDT.</summary>
    internal static void InstallDescriptorTables()
    {
        Cpu.DisableInterrupts();
        Cpu.LoadGdt();
        ExceptionHandler.Install();
    }

    /// <summary>Size of the loaded image from its PE header (SizeOfImage), which both loaders map at ImageBase.</summary>
    internal static ulong ImageSize()
    {
        byte* image = (byte*)Cpu.ImageBase();
        int pe = *(int*)(image + 0x3C);
        return *(uint*)(image + pe + 24 + 56);
    }

    /// <summary>Runs the rest of boot with a filled memory map; never returns.</summary>
    internal static void Run(ref MemoryMap map, CommandLine commandLine) => Run(ref map, commandLine, default);

    /// <summary>Runs the rest of boot; <paramref name="module"/> is the first PVH boot module (Address 0 if none),
    /// booted as domain 1. Never returns.</summary>
    internal static void Run(ref MemoryMap map, CommandLine commandLine, PvhModule module)
    {
        map.Reserve(0, 1UL << 20); // real-mode area, BIOS data, option ROMs
        map.Reserve(Cpu.ImageBase(), ImageSize());
        PhysicalPageAllocator* pages = RuntimeBootstrap.Start(map, Cpu.ModulesStart(), Cpu.ModulesEnd());

        ulong cr3 = HostPageTables.Build(pages, map.HighestRamAddress);
        if (cr3 == 0) Panic.Fail(PanicReason.OutOfMemory, "no pages for the host page tables", 0);
        Cpu.WriteCr3(cr3);
        RuntimeBootstrap.ReportPaging("host tables", cr3, HostPageTables.IsMapped(cr3, 0));

        int status = BootActions.Run(commandLine);
        if (module.Address != 0 || commandLine.Has("guests"))
            status |= RunGuests(module, map.HighestRamAddress, commandLine);
        DebugConsole.WriteLine("Xen# halting");
        Platform.Stop(status);
    }

    private static int RunGuests(PvhModule module, ulong ramEnd, CommandLine commandLine)
    {
        if (module.Address == 0 || module.Size == 0 || module.Size > int.MaxValue)
        {
            DebugConsole.WriteLine("guests: no usable boot module (QEMU: -initrd <kernel.elf>)");
            return 6;
        }
        DebugConsole.Write("guests: boot module at ");
        DebugConsole.WriteHex(module.Address);
        DebugConsole.Write(", ");
        DebugConsole.WriteDecimal(module.Size);
        DebugConsole.WriteLine(" bytes");
        byte* cmdline = (byte*)module.CommandLineAddress;
        int length = 0;
        while (cmdline != null && length < 1024 && cmdline[length] != 0) length++;
        return Boot.GuestLauncher.Run((byte*)module.Address, module.Size, cmdline, length, BuildInfo.Id, ramEnd, commandLine);
    }
}
