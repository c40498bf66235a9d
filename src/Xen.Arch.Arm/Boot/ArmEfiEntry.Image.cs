// UEFI + ACPI (SBBR) entry of the arm64 image: the firmware (EDK2's QEMU_EFI.fd, or a server's UEFI) loads
// xen.efi at its link address (Start.s's PE headers) and calls XenArmEfiMain(ImageHandle, SystemTable) with
// AAPCS64 — the ABI ilc emits — on its own stack, MMU and caches on. The sequence:
//   1. console through ConOut, banner `(aarch64, uefi)`, require EL2 (else return EFI_UNSUPPORTED: the
//      firmware runs at EL1, e.g. QEMU without virtualization=on, and a hypervisor cannot start there);
//   2. the ACPI 2.0 RSDP from the configuration table (EFI_SYSTEM_TABLE.NumberOfTableEntries +104,
//      ConfigurationTable +112; entries {EFI_GUID, void*} of 24 bytes; UEFI 2.x §4.6), load options;
//   3. GetMemoryMap (+56) and ExitBootServices (+232) of EFI_BOOT_SERVICES (+96), retried once if the map
//      changed in between (UEFI 2.x §7.4);
//   4. console to the PL011, memory map converted, ACPI read (RSDP → XSDT → MADT/GTDT/SPCR), all into statics;
//   5. EfiEntry.s leaves the firmware's stack, page tables and vectors (MMU off, as a raw-Image boot starts)
//      and calls XenArmEfiContinue, which prints the ACPI lines and runs the boot shared with the DTB path.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using Xen.Arch.Arm.Acpi;
using Xen.Arch.Arm.Hardware;
using Xen.Core.Boot;
using Xen.Runtime.Diagnostics;
using Xen.Runtime.Memory;
using Xen.Runtime.Text;

namespace Xen.Arch.Arm.Boot;

internal static unsafe class ArmEfiEntry
{
    private const ulong EfiUnsupported = 0x8000000000000003UL;
    private const ulong EfiLoadError = 0x8000000000000001UL;
    private const int MapBufferSize = 32 * 1024;
    private const int CommandLineCapacity = 1024;

#pragma warning disable CS0169, CS0649 // only reached through fixed-buffer pointers
    private static EfiBuffers s_buffers;
#pragma warning restore CS0169, CS0649
    private static MemoryMap s_map;
    private static AcpiPlatform s_acpi;
    private static AcpiStatus s_acpiStatus;
    private static ulong s_rsdp;
    private static int s_commandLineLength;
    private static int s_efiDescriptors;

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_efi_leave_firmware")] private static extern void LeaveFirmware();

    /// <summary>The platform the ACPI tables described (valid after a UEFI boot's ExitBootServices).</summary>
    internal static ref AcpiPlatform Platform => ref s_acpi;

    [RuntimeExport("XenArmEfiMain")]
    private static ulong Main(void* imageHandle, byte* systemTable)
    {
        ArmBoot.EarlyInit();
        EfiConsole.Attach(systemTable);
        DebugConsole.SetSink(&EfiConsole.Write);
        BootLog.Banner("aarch64", "uefi", BuildInfo.Id);
        ulong el = (SystemRegisters.CurrentEl() >> 2) & 3;
        if (el != 2)
        {
            DebugConsole.Write("uefi: the firmware started us at EL");
            DebugConsole.WriteDecimal(el);
            DebugConsole.WriteLine("; the hypervisor needs EL2 (QEMU: -M virt,virtualization=on). Returning to the firmware.");
            return EfiUnsupported;
        }
        s_rsdp = FindAcpi20Table(systemTable);
        DebugConsole.Write("uefi: entered at EL2, image at ");
        DebugConsole.WriteHex(SystemRegisters.ImageBase(), 16);
        DebugConsole.Write(", ACPI 2.0 RSDP at ");
        DebugConsole.WriteHex(s_rsdp, 16);
        DebugConsole.WriteLine();
        byte* bootServices = *(byte**)(systemTable + 96);
        s_commandLineLength = ReadLoadOptions(imageHandle, bootServices);

        var getMemoryMap = (delegate* unmanaged<ulong*, byte*, ulong*, ulong*, uint*, ulong>)(*(void**)(bootServices + 56));
        var exitBootServices = (delegate* unmanaged<void*, ulong, ulong>)(*(void**)(bootServices + 232));
        ulong mapSize = 0, mapKey, descriptorSize = 0;
        uint descriptorVersion;
        ulong status = 1;
        fixed (byte* buffer = s_buffers.Map)
        {
            for (int attempt = 0; attempt < 2 && status != 0; attempt++)
            {
                mapSize = MapBufferSize;
                if (getMemoryMap(&mapSize, buffer, &mapKey, &descriptorSize, &descriptorVersion) != 0)
                {
                    DebugConsole.WriteLine("uefi: GetMemoryMap failed");
                    return EfiLoadError;
                }
                status = exitBootServices(imageHandle, mapKey);
            }
            if (status != 0)
            {
                DebugConsole.WriteLine("uefi: ExitBootServices failed");
                return EfiLoadError;
            }

            // Boot services are gone: no more ConOut. The firmware's identity map is still live.
            DebugConsole.SetSink(&Pl011.Write);
            s_efiDescriptors = EfiMemoryMap.Convert(new ReadOnlySpan<byte>(buffer, (int)mapSize), (int)descriptorSize, ref s_map);
        }
        if (s_efiDescriptors < 0) Panic.Fail(PanicReason.Boot, "the UEFI memory map is malformed or too large", (nuint)descriptorSize);
        fixed (MemoryMap* map = &s_map)
        {
            var memory = new PhysicalAcpiMemory(map);
            s_acpiStatus = s_rsdp == 0 ? AcpiStatus.Unreadable : AcpiTables.Read(ref memory, s_rsdp, ref s_acpi);
        }
        LeaveFirmware();
        return EfiLoadError; // not reached: LeaveFirmware continues in XenArmEfiContinue
    }

    [RuntimeExport("XenArmEfiContinue")]
    private static void Continue()
    {
        DebugConsole.Write("uefi: left boot services; ");
        DebugConsole.WriteDecimal((long)s_efiDescriptors);
        DebugConsole.WriteLine(" memory descriptors, MMU off, own vectors and stack");
        if (s_rsdp == 0) Panic.Fail(PanicReason.Boot, "no ACPI 2.0 table in the UEFI configuration table", 0);
        if (s_acpiStatus != AcpiStatus.Ok)
        {
            DebugConsole.Write("acpi: failed at table ");
            WriteSignature(s_acpi.FailedSignature);
            DebugConsole.Write(" at ");
            DebugConsole.WriteHex(s_acpi.FailedAddress, 16);
            DebugConsole.WriteLine();
            Panic.Fail(PanicReason.Boot, AcpiStatusNames.Of(s_acpiStatus), (nuint)s_acpi.FailedAddress);
        }
        AcpiLog.Print(in s_acpi);
        // The same host GIC description the DTB path gives (its arm,gic-v3 node): GICD + the first GICR range,
        // or the first CPU's own GICR base when the MADT lists no ranges.
        if (s_acpi.GicVersion >= 3 || s_acpi.GicVersion == 0)
            HostGic.Configure(s_acpi.GicdBase, s_acpi.GicrRanges > 0 ? s_acpi.GicrBase[0] : s_acpi.GiccRedistributorBase);

        // QEMU's fw_cfg carries the command line when the firmware passed no load options.
        fixed (byte* text = s_buffers.CommandLine)
        {
            if (s_commandLineLength == 0 && s_acpi.OemId == QemuOemId) s_commandLineLength = QemuFwCfg.ReadFile("opt/org.xensharp/cmdline", text, CommandLineCapacity);
            var commandLine = new CommandLine(new ReadOnlySpan<byte>(text, s_commandLineLength));
            if (commandLine.Has("semihosting")) Psci.EnableSemihostingExit();
            ArmBoot.Run(ref s_map, commandLine, 0, 0);
        }
    }

    // "BOCHS " — the OEM ID QEMU writes into its ACPI tables (hw/acpi/aml-build.c ACPI_BUILD_APPNAME6).
    private const ulong QemuOemId = 0x205348434F42;

    private static void WriteSignature(uint signature)
    {
        if (signature == 0) { DebugConsole.Write("RSDP/XSDT entry"); return; }
        for (int i = 0; i < 4; i++)
        {
            byte c = (byte)(signature >> (i * 8));
            DebugConsole.Write(c >= 32 && c < 127 ? (char)c : '?');
        }
    }

    /// <summary>The ACPI 2.0+ RSDP from the configuration table (EFI_ACPI_20_TABLE_GUID
    /// 8868E871-E4F1-11D3-BC22-0080C73C8881), or 0.</summary>
    private static ulong FindAcpi20Table(byte* systemTable)
    {
        ulong count = *(ulong*)(systemTable + 104);
        byte* entries = *(byte**)(systemTable + 112);
        if (entries == null) return 0;
        for (ulong i = 0; i < count && i < 256; i++)
        {
            byte* e = entries + i * 24;
            if (*(uint*)e == 0x8868E871 && *(ushort*)(e + 4) == 0xE4F1 && *(ushort*)(e + 6) == 0x11D3
                && e[8] == 0xBC && e[9] == 0x22 && e[10] == 0x00 && e[11] == 0x80 && e[12] == 0xC7 && e[13] == 0x3C && e[14] == 0x88 && e[15] == 0x81)
                return *(ulong*)(e + 16);
        }
        return 0;
    }

    /// <summary>Copies the UCS-2 load options (EFI_LOADED_IMAGE_PROTOCOL LoadOptionsSize +48, LoadOptions +56)
    /// as ASCII; 0 when there are none or they are not text (boot managers may pass binary data).</summary>
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
            for (uint i = 0; i < size / 2 && length < CommandLineCapacity && options[i] != 0; i++)
            {
                if (options[i] < 32 || options[i] >= 127) return 0;
                text[length++] = (byte)options[i];
            }
        return length;
    }

    private struct EfiBuffers
    {
        internal fixed byte Map[MapBufferSize];
        internal fixed byte CommandLine[CommandLineCapacity];
    }
}
