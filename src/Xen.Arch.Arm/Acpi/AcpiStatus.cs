// Outcomes of reading the firmware's ACPI tables. The tables come from outside the hypervisor (firmware,
// possibly buggy or hostile), so every defect is a value the boot reports — never an exception, a fault or
// an out-of-bounds read.
namespace Xen.Arch.Arm.Acpi;

/// <summary>Result of <see cref="AcpiTables.Read{TMemory}"/>.</summary>
public enum AcpiStatus
{
    /// <summary>Success.</summary>
    Ok = 0,
    /// <summary>The RSDP (or a table it leads to) is not in readable memory.</summary>
    Unreadable,
    /// <summary>The RSDP's signature is not "RSD PTR ".</summary>
    BadRsdpSignature,
    /// <summary>The RSDP's 20-byte checksum or its extended checksum does not sum to zero.</summary>
    BadRsdpChecksum,
    /// <summary>An ACPI 1.0 RSDP (revision &lt; 2) or a zero XSDT address: SBBR requires the XSDT.</summary>
    NoXsdt,
    /// <summary>The XSDT's signature is not "XSDT".</summary>
    BadXsdtSignature,
    /// <summary>A table's length is shorter than its fixed part or longer than this reader accepts.</summary>
    BadLength,
    /// <summary>A table's bytes do not sum to zero.</summary>
    BadChecksum,
    /// <summary>A MADT interrupt-controller structure is truncated, runs past the table, or repeats the GICD.</summary>
    BadMadtEntry,
    /// <summary>The XSDT lists no MADT ("APIC"), which SBBR requires.</summary>
    NoMadt,
    /// <summary>The MADT has no GIC distributor, or a GICv3+ with no redistributor (GICR or GICC field).</summary>
    NoGic,
    /// <summary>The MADT lists no enabled GICC (no CPU to run on).</summary>
    NoCpus,
    /// <summary>The XSDT lists no GTDT, which SBBR requires (the generic timer's interrupts).</summary>
    NoGtdt,
}

/// <summary>Names for <see cref="AcpiStatus"/> values, for boot messages.</summary>
public static class AcpiStatusNames
{
    /// <summary>A short description of <paramref name="status"/>.</summary>
    public static string Of(AcpiStatus status) => status switch
    {
        AcpiStatus.Ok => "ok",
        AcpiStatus.Unreadable => "ACPI table outside readable memory",
        AcpiStatus.BadRsdpSignature => "bad RSDP signature",
        AcpiStatus.BadRsdpChecksum => "bad RSDP checksum",
        AcpiStatus.NoXsdt => "no XSDT (ACPI 1.0 RSDP or zero XSDT address)",
        AcpiStatus.BadXsdtSignature => "bad XSDT signature",
        AcpiStatus.BadLength => "ACPI table length out of bounds",
        AcpiStatus.BadChecksum => "ACPI table checksum mismatch",
        AcpiStatus.BadMadtEntry => "malformed MADT entry",
        AcpiStatus.NoMadt => "no MADT",
        AcpiStatus.NoGic => "MADT describes no usable GIC (distributor/redistributor)",
        AcpiStatus.NoCpus => "MADT lists no enabled CPU",
        AcpiStatus.NoGtdt => "no GTDT",
        _ => "unknown ACPI status",
    };
}
