// Managed side of the arm64 entry: Start.s calls XenArmMain(dtb) at EL2 with a stack, .bss zeroed and the
// vectors installed. x0 carries the DTB's physical address for a raw Image boot; QEMU's ELF boot passes 0
// and places the DTB at the start of RAM (hw/arm/boot.c; shared/notes/toolchain-arm64.md), so 0 means
// "look for the FDT magic at 0x40000000".
using System;
using System.Runtime;
using Xen.Arch.Arm.Hardware;
using Xen.Core.Boot;
using Xen.Runtime.Diagnostics;
using Xen.Runtime.Memory;

namespace Xen.Arch.Arm.Boot;

internal static unsafe class ArmEntry
{
    private const ulong VirtRamBase = 0x40000000;

    [RuntimeExport("XenArmMain")]
    private static void Main(ulong dtb)
    {
        ArmBoot.EarlyInit();
        BootLog.Banner("aarch64", "dtb", BuildInfo.Id);
        ulong address = dtb != 0 ? dtb : VirtRamBase;
        // The spec requires 8-byte alignment (Devicetree Specification §5.1).
        int size = 0;
        if ((address & 7) != 0 || !DeviceTree.TryReadTotalSize(new ReadOnlySpan<byte>((void*)address, 8), out size))
            Panic.Fail(PanicReason.Boot, "no device tree (x0 = 0 and no FDT magic at 0x40000000, or a bad x0)", (nuint)address);
        DeviceTreeStatus status = DeviceTree.Open(new ReadOnlySpan<byte>((void*)address, size), out DeviceTree tree);
        if (status != DeviceTreeStatus.Ok) Panic.Fail(PanicReason.Boot, DeviceTree.StatusName(status), (nuint)address);

        MemoryMap map = default;
        status = tree.Read(ref map, out DeviceTreeInfo info);
        if (status != DeviceTreeStatus.Ok) Panic.Fail(PanicReason.Boot, DeviceTree.StatusName(status), (nuint)address);
        var commandLine = new CommandLine(info.BootArgs);
        if (commandLine.Has("semihosting")) Psci.EnableSemihostingExit();
        if (info.GicDistributor != 0) HostGic.Configure(info.GicDistributor, info.GicRedistributor);

        // Keep what the loader handed us out of the allocator: firmware reservations, the DTB, the initrd.
        status = tree.ReserveBlocks(ref map, out _);
        if (status != DeviceTreeStatus.Ok) Panic.Fail(PanicReason.Boot, DeviceTree.StatusName(status), (nuint)address);
        ReservePages(ref map, address, address + (ulong)size);
        if (info.InitrdEnd > info.InitrdStart) ReservePages(ref map, info.InitrdStart, info.InitrdEnd);
        ArmBoot.Run(ref map, commandLine, info.InitrdStart, info.InitrdEnd > info.InitrdStart ? info.InitrdEnd - info.InitrdStart : 0);
    }

    // Whole pages: the allocator hands out pages, so a partly used page is a used page.
    private static void ReservePages(ref MemoryMap map, ulong start, ulong end)
    {
        ulong first = start & ~0xFFFUL;
        ulong last = (end + 0xFFF) & ~0xFFFUL;
        if (last > first) map.Reserve(first, last - first);
    }
}
