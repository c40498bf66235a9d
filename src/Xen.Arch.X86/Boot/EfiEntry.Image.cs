// UEFI entry (OVMF or real firmware): EfiMain(ImageHandle, SystemTable) with the Microsoft x64 ABI, which is
// what ilc emits for this image. The command line comes from the loaded-image protocol's LoadOptions (a UEFI
// shell or boot entry passes them) or, under QEMU, from fw_cfg; then we take the memory map, exit boot
// services and continue with the common boot.
// Offsets from the UEFI 2.x specification: EFI_SYSTEM_TABLE.BootServices +96; EFI_BOOT_SERVICES:
// GetMemoryMap +56, HandleProtocol +152, ExitBootServices +232; EFI_LOADED_IMAGE_PROTOCOL: LoadOptionsSize +48,
// LoadOptions +56.
using System.Runtime;
using Xen.Core.Boot;
using Xen.Runtime.Diagnostics;
using Xen.Runtime.Memory;

namespace Xen.Arch.X86.Boot;

internal static unsafe class EfiEntry
{
    private const int MapBufferSize = 32 * 1024;
#pragma warning disable CS0169, CS0649 // only reached through fixed-buffer pointers
    private static EfiBuffers s_buffers;
#pragma warning restore CS0169, CS0649

    [RuntimeExport("EfiMain")]
    private static ulong Main(void* imageHandle, byte* systemTable)
    {
        // The firmware keeps its GDT/IDT (and its timer interrupt) until ExitBootServices; see InstallDescriptorTables.
        X86Boot.EarlyConsole();
        BootLog.Banner("x86_64", "uefi", BuildInfo.Id);
        byte* bootServices = *(byte**)(systemTable + 96);
        int commandLineLength = ReadLoadOptions(imageHandle, bootServices);
        if (commandLineLength == 0)
            fixed (byte* text = s_buffers.CommandLine)
                commandLineLength = Hardware.QemuFwCfg.ReadFile("opt/org.xensharp/cmdline", text, EfiBuffers.CommandLineCapacity);

        var getMemoryMap = (delegate* unmanaged<ulong*, byte*, ulong*, ulong*, uint*, ulong>)(*(void**)(bootServices + 56));
        var exitBootServices = (delegate* unmanaged<void*, ulong, ulong>)(*(void**)(bootServices + 232));
        ulong mapSize, mapKey, descriptorSize;
        uint descriptorVersion;
        fixed (byte* buffer = s_buffers.Map)
        {
            // ExitBootServices fails if the map changed since GetMemoryMap; retry once with a fresh map.
            ulong status = 1;
            for (int attempt = 0; attempt < 2 && status != 0; attempt++)
            {
                mapSize = MapBufferSize;
                if (getMemoryMap(&mapSize, buffer, &mapKey, &descriptorSize, &descriptorVersion) != 0)
                    Panic.Fail(PanicReason.Boot, "GetMemoryMap failed", 0);
                status = exitBootServices(imageHandle, mapKey);
                if (status == 0) return Continue(buffer, mapSize, descriptorSize, commandLineLength);
            }
            Panic.Fail(PanicReason.Boot, "ExitBootServices failed", 0);
        }
        return 1;
    }

    private static ulong Continue(byte* map, ulong mapSize, ulong descriptorSize, int commandLineLength)
    {
        X86Boot.InstallDescriptorTables();
        MemoryMap memory = default;
        for (ulong at = 0; at + descriptorSize <= mapSize; at += descriptorSize)
        {
            byte* d = map + at;
            memory.Add(*(ulong*)(d + 8), *(ulong*)(d + 24) * 4096, FromEfiType(*(uint*)d));
        }
        fixed (byte* text = s_buffers.CommandLine)
            X86Boot.Run(ref memory, new CommandLine(new System.ReadOnlySpan<byte>(text, commandLineLength)));
        return 0;
    }

    /// <summary>Copies the UCS-2 load options into ASCII; returns their length (0 when there are none).</summary>
    private static int ReadLoadOptions(void* imageHandle, byte* bootServices)
    {
        // EFI_LOADED_IMAGE_PROTOCOL_GUID 5B1B31A1-9562-11d2-8E3F-00A0C969723B
        byte* guid = stackalloc byte[16];
        *(uint*)guid = 0x5B1B31A1;
        *(ushort*)(guid + 4) = 0x9562;
        *(ushort*)(guid + 6) = 0x11D2;
        guid[8] = 0x8E; guid[9] = 0x3F; guid[10] = 0x00; guid[11] = 0xA0; guid[12] = 0xC9; guid[13] = 0x69; guid[14] = 0x72; guid[15] = 0x3B;
        var handleProtocol = (delegate* unmanaged<void*, byte*, byte**, ulong>)(*(void**)(bootServices + 152));
        byte* loadedImage = null;
        if (handleProtocol(imageHandle, guid, &loadedImage) != 0 || loadedImage == null) return 0;
        uint size = *(uint*)(loadedImage + 48);
        char* options = *(char**)(loadedImage + 56);
        if (options == null) return 0;
        int length = 0;
        fixed (byte* text = s_buffers.CommandLine)
            for (uint i = 0; i < size / 2 && length < EfiBuffers.CommandLineCapacity && options[i] != 0; i++)
                text[length++] = options[i] < 0x80 ? (byte)options[i] : (byte)'?';
        return length;
    }

    private static MemoryKind FromEfiType(uint type) => type switch
    {
        7 => MemoryKind.Usable,                 // EfiConventionalMemory
        9 => MemoryKind.AcpiReclaimable,        // EfiACPIReclaimMemory
        10 => MemoryKind.AcpiNvs,               // EfiACPIMemoryNVS
        8 => MemoryKind.Unusable,               // EfiUnusableMemory
        // Loader and boot-services ranges still hold our stack and the firmware's page tables until we
        // switch; keep them out of the allocator.
        _ => MemoryKind.Reserved,
    };

    private struct EfiBuffers
    {
        internal const int CommandLineCapacity = 1024;
        internal fixed byte Map[MapBufferSize];
        internal fixed byte CommandLine[CommandLineCapacity];
    }
}
