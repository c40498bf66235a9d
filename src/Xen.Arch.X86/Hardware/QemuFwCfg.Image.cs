// QEMU's firmware configuration device (docs/specs/fw_cfg.rst in QEMU): on x86 a 16-bit selector port 0x510
// and an 8-bit data port 0x511. We read one file, `opt/org.xensharp/cmdline`, so a UEFI boot under QEMU can
// get a command line without a UEFI shell: `-fw_cfg name=opt/org.xensharp/cmdline,string="selftest"`.
// The file directory (selector 0x19) is big-endian: u32 count, then 64-byte entries
// {u32 size, u16 select, u16 reserved, char name[56]}.
namespace Xen.Arch.X86.Hardware;

internal static unsafe class QemuFwCfg
{
    private const ushort SelectorPort = 0x510;
    private const ushort DataPort = 0x511;
    private const ushort SignatureSelector = 0x0000;
    private const ushort DirectorySelector = 0x0019;

    /// <summary>Copies the named file into <paramref name="buffer"/>; returns its length, or 0 if absent.</summary>
    internal static int ReadFile(string name, byte* buffer, int capacity)
    {
        Cpu.OutWord(SelectorPort, SignatureSelector);
        if (Cpu.InByte(DataPort) != 'Q' || Cpu.InByte(DataPort) != 'E' || Cpu.InByte(DataPort) != 'M' || Cpu.InByte(DataPort) != 'U')
            return 0;
        Cpu.OutWord(SelectorPort, DirectorySelector);
        uint count = ReadBigEndian32();
        for (uint i = 0; i < count && i < 4096; i++)
        {
            uint size = ReadBigEndian32();
            ushort select = (ushort)(Cpu.InByte(DataPort) << 8 | Cpu.InByte(DataPort));
            Cpu.InByte(DataPort);
            Cpu.InByte(DataPort);
            bool match = true;
            for (int c = 0; c < 56; c++)
            {
                byte b = Cpu.InByte(DataPort);
                char expected = c < name.Length ? name[c] : '\0';
                if (b != expected) match = false;
            }
            if (!match) continue;
            int length = size < (uint)capacity ? (int)size : capacity;
            Cpu.OutWord(SelectorPort, select);
            for (int b = 0; b < length; b++) buffer[b] = Cpu.InByte(DataPort);
            while (length > 0 && buffer[length - 1] == 0) length--; // `string=` values carry no NUL, files may
            return length;
        }
        return 0;
    }

    /// <summary>FW_CFG_NB_CPUS (selector 0x05, little-endian u16): the CPUs QEMU was started with (-smp); 0 when
    /// there is no fw_cfg device.</summary>
    internal static int CpuCount()
    {
        Cpu.OutWord(SelectorPort, SignatureSelector);
        if (Cpu.InByte(DataPort) != 'Q' || Cpu.InByte(DataPort) != 'E' || Cpu.InByte(DataPort) != 'M' || Cpu.InByte(DataPort) != 'U')
            return 0;
        Cpu.OutWord(SelectorPort, 0x05);
        return Cpu.InByte(DataPort) | Cpu.InByte(DataPort) << 8;
    }

    private static uint ReadBigEndian32()
    {
        uint value = 0;
        for (int i = 0; i < 4; i++) value = value << 8 | Cpu.InByte(DataPort);
        return value;
    }
}
