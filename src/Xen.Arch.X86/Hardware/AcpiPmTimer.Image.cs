// The ACPI power-management timer (ACPI spec §4.8.2.1): a free-running 24-bit counter at 3.579545 MHz,
// independent of CPU speed — under QEMU TCG the TSC and the APIC timer run at host-dependent rates, so
// this is the reference for delays during CPU bring-up and for calibrating the APIC timer. On QEMU's q35
// the firmware puts the ICH9 PM block at 0x600 (the same block PowerControl uses for S5), so PM_TMR is 0x608.
namespace Xen.Arch.X86.Hardware;

internal static class AcpiPmTimer
{
    /// <summary>The PM timer's frequency in Hz.</summary>
    internal const uint Frequency = 3579545;

    private const ushort Port = 0x608;
    private const uint Mask = 0xFFFFFF;

    /// <summary>True if the port reads like a running timer (an empty port reads all ones).</summary>
    internal static bool IsPresent
    {
        get
        {
            uint a = Cpu.InDword(Port);
            if (a == 0xFFFFFFFF) return false;
            for (int i = 0; i < 100000; i++)
                if (Cpu.InDword(Port) != a) return true;
            return false;
        }
    }

    /// <summary>The current 24-bit count.</summary>
    internal static uint Read() => Cpu.InDword(Port) & Mask;

    /// <summary>Spins for at least <paramref name="microseconds"/> (≤ 4 s, the counter's wrap period).</summary>
    internal static void Delay(uint microseconds)
    {
        uint wanted = (uint)((ulong)microseconds * Frequency / 1000000);
        uint start = Read();
        while (((Read() - start) & Mask) < wanted) Cpu.Pause();
    }
}
