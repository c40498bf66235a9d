// 16550 UART on COM1 (I/O port 0x3F8): the hypervisor console. QEMU's `-serial stdio` connects it.
// Programmed for 115200 8N1 with FIFOs; transmit polls LSR.THRE (bit 5) before each byte.
namespace Xen.Arch.X86.Hardware;

/// <summary>The COM1 console.</summary>
internal static class SerialPort
{
    private const ushort Com1 = 0x3F8;

    /// <summary>Programs the UART.</summary>
    internal static void Initialize()
    {
        Cpu.OutByte(Com1 + 1, 0x00); // IER: no interrupts
        Cpu.OutByte(Com1 + 3, 0x80); // LCR: DLAB on
        Cpu.OutByte(Com1 + 0, 0x01); // divisor 1 = 115200 baud
        Cpu.OutByte(Com1 + 1, 0x00);
        Cpu.OutByte(Com1 + 3, 0x03); // 8N1, DLAB off
        Cpu.OutByte(Com1 + 2, 0xC7); // FIFO on, cleared, 14-byte threshold
        Cpu.OutByte(Com1 + 4, 0x03); // DTR | RTS
    }

    /// <summary>Sends one byte, translating LF to CR LF for terminals.</summary>
    internal static void Write(byte value)
    {
        if (value == (byte)'\n') Send((byte)'\r');
        Send(value);
    }

    private static void Send(byte value)
    {
        for (int spin = 0; spin < 100000 && (Cpu.InByte(Com1 + 5) & 0x20) == 0; spin++) { }
        Cpu.OutByte(Com1, value);
    }
}
