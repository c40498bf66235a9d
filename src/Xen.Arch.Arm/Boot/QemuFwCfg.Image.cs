// QEMU's firmware configuration device on the Arm virt machine (QEMU docs/specs/fw_cfg.rst; base from
// hw/arm/virt.c's memory map, VIRT_FW_CFG = 0x09020000): MMIO data register at +0 (a byte stream; 8-bit reads
// return the next byte), 16-bit big-endian selector at +8. A UEFI boot under QEMU gets its command line from
// the file `opt/org.xensharp/cmdline` (`-fw_cfg name=opt/org.xensharp/cmdline,string=...`), as on x86.
// The file directory (selector 0x19) is big-endian: u32 count, then 64-byte entries
// {u32 size, u16 select, u16 reserved, char name[56]}. Only probed when the ACPI tables say the machine is
// QEMU (OEM ID "BOCHS "): on other hardware the address may be anything.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Xen.Arch.Arm.Boot;

internal static unsafe class QemuFwCfg
{
    private const ulong Base = 0x09020000;
    private const ulong Data = Base + 0;
    private const ulong Selector = Base + 8;
    private const ushort SignatureKey = 0x0000, DirectoryKey = 0x0019;

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_efi_mmio_read8")] private static extern byte Read8(ulong address);
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("*", "xen_efi_mmio_write16")] private static extern void Write16(ulong address, ushort value);

    /// <summary>Copies the named file into <paramref name="buffer"/>; returns its length, or 0 if absent.</summary>
    internal static int ReadFile(string name, byte* buffer, int capacity)
    {
        Select(SignatureKey);
        if (Read8(Data) != 'Q' || Read8(Data) != 'E' || Read8(Data) != 'M' || Read8(Data) != 'U') return 0;
        Select(DirectoryKey);
        uint count = ReadBigEndian32();
        for (uint i = 0; i < count && i < 4096; i++)
        {
            uint size = ReadBigEndian32();
            ushort select = (ushort)(Read8(Data) << 8 | Read8(Data));
            Read8(Data);
            Read8(Data);
            bool match = true;
            for (int c = 0; c < 56; c++)
            {
                byte b = Read8(Data);
                char expected = c < name.Length ? name[c] : '\0';
                if (b != expected) match = false;
            }
            if (!match) continue;
            int length = size < (uint)capacity ? (int)size : capacity;
            Select(select);
            for (int b = 0; b < length; b++) buffer[b] = Read8(Data);
            while (length > 0 && buffer[length - 1] == 0) length--;
            return length;
        }
        return 0;
    }

    // The selector is big-endian: store the byte-swapped key with a little-endian 16-bit write.
    private static void Select(ushort key) => Write16(Selector, (ushort)(key << 8 | key >> 8));

    private static uint ReadBigEndian32()
    {
        uint value = 0;
        for (int i = 0; i < 4; i++) value = value << 8 | Read8(Data);
        return value;
    }
}
