// The Arm PL011 UART on QEMU's virt machine (MMIO base 0x09000000, from the DTB's /pl011@9000000 node and
// hw/arm/virt.c's memory map): the hypervisor console. QEMU's `-serial stdio` connects it. QEMU leaves it
// enabled at reset, so transmit only polls the flag register: FR (offset 0x18) bit 5 TXFF = transmit FIFO
// full; then writes DR (offset 0x00) (PL011 TRM, DDI 0183, 3.3.1 and 3.3.3).
namespace Xen.Arch.Arm.Hardware;

/// <summary>The PL011 console.</summary>
internal static class Pl011
{
    private const ulong Base = 0x09000000;
    private const ulong DataRegister = Base + 0x00;
    private const ulong FlagRegister = Base + 0x18;
    private const uint TransmitFifoFull = 1 << 5, ReceiveFifoEmpty = 1 << 4;

    /// <summary>Takes one received byte if the receive FIFO holds one (FR bit 4 RXFE clear).</summary>
    internal static bool TryRead(out byte value)
    {
        value = 0;
        if ((SystemRegisters.MmioRead32(FlagRegister) & ReceiveFifoEmpty) != 0) return false;
        value = (byte)SystemRegisters.MmioRead32(DataRegister);
        return true;
    }

    /// <summary>Sends one byte, translating LF to CR LF for terminals.</summary>
    internal static void Write(byte value)
    {
        if (value == (byte)'\n') Send((byte)'\r');
        Send(value);
    }

    private static void Send(byte value)
    {
        // Bounded wait: a wedged UART must not hang a panic path forever.
        for (int spin = 0; spin < 100000 && (SystemRegisters.MmioRead32(FlagRegister) & TransmitFifoFull) != 0; spin++) { }
        SystemRegisters.MmioWrite32(DataRegister, value);
    }
}
