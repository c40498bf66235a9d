// How the ACPI reader reaches physical memory. In the image the tables are read in place (identity map),
// but only inside the firmware's memory map, so a wild pointer in a table is an error instead of a fault;
// hosted tests hand in byte arrays. A struct implementing it keeps the reader allocation- and dispatch-free
// (the generic reader is specialised per implementation).
using System;

namespace Xen.Arch.Arm.Acpi;

/// <summary>Read access to the physical memory holding the ACPI tables.</summary>
public interface IAcpiMemory
{
    /// <summary>Gives the <paramref name="length"/> bytes at physical <paramref name="address"/>, or false when
    /// any of them is outside readable memory (or the range wraps).</summary>
    bool TryMap(ulong address, uint length, out ReadOnlySpan<byte> bytes);
}
