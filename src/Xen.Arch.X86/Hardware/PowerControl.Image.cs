// Powering QEMU off with a status. Clean shutdown (status 0) uses ACPI S5 through the ICH9/PIIX4 PM1a control
// register at I/O 0x604 (the PM base firmware programs on QEMU's q35 and pc machines; SLP_TYP=0, SLP_EN=bit 13):
// QEMU then exits with status 0. Any other status goes through the isa-debug-exit device at 0xF4
// (`-device isa-debug-exit,iobase=0xf4,iosize=0x04`), which makes QEMU exit with (value << 1) | 1.
namespace Xen.Arch.X86.Hardware;

/// <summary>Machine power control.</summary>
internal static class PowerControl
{
    private const ushort DebugExitPort = 0xF4;
    private const ushort Pm1aControl = 0x604;

    /// <summary>Stops the machine; never returns.</summary>
    internal static void PowerOff(int status)
    {
        Cpu.DisableInterrupts();
        if (status == 0) Cpu.OutWord(Pm1aControl, 0x2000);
        else Cpu.OutDword(DebugExitPort, (uint)status);
        // Neither device present (real hardware): stop here.
        while (true) Cpu.Halt();
    }
}
