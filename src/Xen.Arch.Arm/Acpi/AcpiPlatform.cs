// What boot takes from the ACPI tables on an SBBR (UEFI + ACPI) machine: the same platform facts the
// device-tree path reads — interrupt controller bases, the CPUs, the timer interrupts and the console — so
// the rest of boot does not care which firmware interface described the machine. Fixed-size, no references:
// it is filled before the heap exists.
namespace Xen.Arch.Arm.Acpi;

/// <summary>The platform description read from RSDP → XSDT → MADT, GTDT, SPCR.</summary>
public unsafe struct AcpiPlatform
{
    /// <summary>CPUs recorded; more enabled GICCs than this are counted in <see cref="CpuCount"/> only.</summary>
    public const int MaxCpus = 64;

    /// <summary>Redistributor ranges recorded.</summary>
    public const int MaxRedistributorRanges = 4;

    /// <summary>RSDP revision (2 for ACPI 2.0+).</summary>
    public byte RsdpRevision;

    /// <summary>The XSDT's physical address.</summary>
    public ulong Xsdt;

    /// <summary>Tables the XSDT lists.</summary>
    public int TableCount;

    /// <summary>The RSDP's OEM ID (6 ASCII bytes, little-endian in the low 48 bits; "BOCHS " on QEMU).</summary>
    public ulong OemId;

    /// <summary>Signature (little-endian u32) of the table an error refers to, 0 if none.</summary>
    public uint FailedSignature;

    /// <summary>Physical address of the structure an error refers to.</summary>
    public ulong FailedAddress;

    // ---- MADT (ACPI 6.5 §5.2.12) ----

    /// <summary>GIC architecture version from the GICD entry (1-4; 0 = "discover from the hardware").</summary>
    public byte GicVersion;

    /// <summary>GIC distributor base (GICD structure, type 0xC).</summary>
    public ulong GicdBase;

    /// <summary>Redistributor discovery ranges (GICR structures, type 0xE).</summary>
    public fixed ulong GicrBase[MaxRedistributorRanges];

    /// <summary>Lengths of the ranges in <see cref="GicrBase"/>.</summary>
    public fixed uint GicrLength[MaxRedistributorRanges];

    /// <summary>Number of GICR ranges recorded.</summary>
    public int GicrRanges;

    /// <summary>First GIC ITS base (type 0xF), 0 if none.</summary>
    public ulong GicItsBase;

    /// <summary>Enabled (or online-capable) CPUs: GICC structures (type 0xB).</summary>
    public int CpuCount;

    /// <summary>MPIDR affinity of each recorded CPU, in MADT order (the boot CPU is not necessarily first).</summary>
    public fixed ulong Mpidr[MaxCpus];

    /// <summary>Per-CPU redistributor base of the first GICC (used when there are no GICR ranges), 0 if none.</summary>
    public ulong GiccRedistributorBase;

    /// <summary>GICv2 CPU interface, virtual CPU interface and hypervisor interface of the first GICC (0 on GICv3 without legacy).</summary>
    public ulong GiccCpuInterfaceBase, GiccVirtualBase, GiccHypervisorBase;

    /// <summary>The virtual GIC maintenance interrupt (GSIV) of the first GICC.</summary>
    public uint VgicMaintenanceGsiv;

    // ---- GTDT (ACPI 6.5 §5.2.25) ----

    /// <summary>True once a GTDT was read.</summary>
    public bool HasGtdt;

    /// <summary>Generic timer interrupts (GSIVs, PPIs on a GIC): secure EL1, non-secure EL1, virtual EL1, non-secure EL2.</summary>
    public uint SecureEl1TimerGsiv, El1TimerGsiv, VirtualTimerGsiv, El2TimerGsiv;

    /// <summary>The GTDT flags of the same four timers (bit 0 edge-triggered, bit 1 active-low, bit 2 always-on).</summary>
    public uint SecureEl1TimerFlags, El1TimerFlags, VirtualTimerFlags, El2TimerFlags;

    /// <summary>The virtual EL2 timer GSIV (GTDT revision 3+, ACPI 6.3), 0 if absent.</summary>
    public uint VirtualEl2TimerGsiv;

    // ---- SPCR (Microsoft SPCR specification; interface types from the DBG2 specification) ----

    /// <summary>True once an SPCR was read.</summary>
    public bool HasSpcr;

    /// <summary>Serial interface type: 3 = ARM PL011, 0xE = SBSA generic UART (32-bit access), 0 = 16550, ...</summary>
    public byte ConsoleType;

    /// <summary>GAS address space of the console registers (0 = system memory, i.e. MMIO).</summary>
    public byte ConsoleAddressSpace;

    /// <summary>The console's register base.</summary>
    public ulong ConsoleBase;

    /// <summary>The console's interrupt (GSIV), 0 if none.</summary>
    public uint ConsoleGsiv;

    /// <summary>Configured baud rate in bits/s (0 = "as is" — the firmware's setting).</summary>
    public uint ConsoleBaud;
}
