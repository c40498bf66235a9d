// The boot lines describing what the ACPI tables said, e.g. on QEMU virt (gic-version=3):
//   acpi: RSDP rev 2, OEM BOCHS, XSDT 0x... with 8 tables
//   acpi: MADT: GICv3, GICD 0x0000000008000000, GICR 0x00000000080a0000+0xf60000, 2 CPUs (MPIDR 0x0 0x1)
//   acpi: GTDT: timer GSIVs EL1 30, virtual 27, EL2 26, secure EL1 29
//   acpi: SPCR: PL011 at 0x0000000009000000, GSIV 33, 115200 baud
using Xen.Runtime.Text;

namespace Xen.Arch.Arm.Acpi;

/// <summary>Prints an <see cref="AcpiPlatform"/>.</summary>
public static unsafe class AcpiLog
{
    /// <summary>Prints the RSDP, MADT, GTDT and SPCR lines.</summary>
    public static void Print(in AcpiPlatform p)
    {
        DebugConsole.Write("acpi: RSDP rev ");
        DebugConsole.WriteDecimal((ulong)p.RsdpRevision);
        DebugConsole.Write(", OEM ");
        for (int i = 0; i < 6; i++)
        {
            byte c = (byte)(p.OemId >> (i * 8));
            if (c > 32 && c < 127) DebugConsole.Write((char)c);
        }
        DebugConsole.Write(", XSDT ");
        DebugConsole.WriteHex(p.Xsdt);
        DebugConsole.Write(" with ");
        DebugConsole.WriteDecimal((long)p.TableCount);
        DebugConsole.WriteLine(" tables");

        DebugConsole.Write("acpi: MADT: GICv");
        if (p.GicVersion == 0) DebugConsole.Write('?');
        else DebugConsole.WriteDecimal((ulong)p.GicVersion);
        DebugConsole.Write(", GICD ");
        DebugConsole.WriteHex(p.GicdBase, 16);
        for (int i = 0; i < p.GicrRanges; i++)
        {
            DebugConsole.Write(", GICR ");
            DebugConsole.WriteHex(p.GicrBase[i], 16);
            DebugConsole.Write("+");
            DebugConsole.WriteHex(p.GicrLength[i]);
        }
        if (p.GicrRanges == 0 && p.GiccRedistributorBase != 0)
        {
            DebugConsole.Write(", per-CPU GICR from ");
            DebugConsole.WriteHex(p.GiccRedistributorBase, 16);
        }
        if (p.GiccCpuInterfaceBase != 0)
        {
            DebugConsole.Write(", GICC ");
            DebugConsole.WriteHex(p.GiccCpuInterfaceBase, 16);
        }
        if (p.GicItsBase != 0)
        {
            DebugConsole.Write(", ITS ");
            DebugConsole.WriteHex(p.GicItsBase, 16);
        }
        DebugConsole.Write(", ");
        DebugConsole.WriteDecimal((long)p.CpuCount);
        DebugConsole.Write(p.CpuCount == 1 ? " CPU (MPIDR" : " CPUs (MPIDR");
        int shown = p.CpuCount < AcpiPlatform.MaxCpus ? p.CpuCount : AcpiPlatform.MaxCpus;
        for (int i = 0; i < shown && i < 8; i++)
        {
            DebugConsole.Write(" ");
            DebugConsole.WriteHex(p.Mpidr[i]);
        }
        if (shown > 8) DebugConsole.Write(" ...");
        DebugConsole.WriteLine(")");

        DebugConsole.Write("acpi: GTDT: timer GSIVs EL1 ");
        DebugConsole.WriteDecimal((ulong)p.El1TimerGsiv);
        DebugConsole.Write(", virtual ");
        DebugConsole.WriteDecimal((ulong)p.VirtualTimerGsiv);
        DebugConsole.Write(", EL2 ");
        DebugConsole.WriteDecimal((ulong)p.El2TimerGsiv);
        DebugConsole.Write(", secure EL1 ");
        DebugConsole.WriteDecimal((ulong)p.SecureEl1TimerGsiv);
        if (p.VirtualEl2TimerGsiv != 0)
        {
            DebugConsole.Write(", virtual EL2 ");
            DebugConsole.WriteDecimal((ulong)p.VirtualEl2TimerGsiv);
        }
        DebugConsole.WriteLine();

        if (!p.HasSpcr)
        {
            DebugConsole.WriteLine("acpi: SPCR: none (console stays on the PL011 at 0x9000000)");
            return;
        }
        DebugConsole.Write("acpi: SPCR: ");
        DebugConsole.Write(ConsoleTypeName(p.ConsoleType));
        DebugConsole.Write(p.ConsoleAddressSpace == 0 ? " at " : " in I/O space at ");
        DebugConsole.WriteHex(p.ConsoleBase, 16);
        DebugConsole.Write(", GSIV ");
        DebugConsole.WriteDecimal((ulong)p.ConsoleGsiv);
        if (p.ConsoleBaud != 0)
        {
            DebugConsole.Write(", ");
            DebugConsole.WriteDecimal((ulong)p.ConsoleBaud);
            DebugConsole.Write(" baud");
        }
        DebugConsole.WriteLine();
    }

    /// <summary>DBG2 serial interface subtypes (DBG2 specification, Table 3).</summary>
    public static string ConsoleTypeName(byte type) => type switch
    {
        0x00 => "16550",
        0x01 => "16550-compatible",
        0x03 => "PL011",
        0x0D => "SBSA UART (2.x)",
        0x0E => "SBSA UART",
        0x12 => "16550 (GAS)",
        _ => "serial type ?",
    };
}
