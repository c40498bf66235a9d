// Outcomes of reading a flattened device tree. The DTB comes from outside the hypervisor (firmware, a boot
// loader, QEMU), so every defect is a value the caller reports, never an exception or an out-of-bounds read.
namespace Xen.Arch.Arm.Boot;

/// <summary>Result of a <see cref="DeviceTree"/> operation.</summary>
public enum DeviceTreeStatus
{
    /// <summary>Success.</summary>
    Ok = 0,
    /// <summary>Shorter than the header, or shorter than the header's totalsize.</summary>
    Truncated,
    /// <summary>The first word is not 0xd00dfeed.</summary>
    BadMagic,
    /// <summary>A format version this reader cannot read (needs version ≥ 16, last compatible ≤ 17).</summary>
    UnsupportedVersion,
    /// <summary>A header offset or size points outside the blob or is misaligned.</summary>
    BadHeader,
    /// <summary>The structure block's token stream is malformed (unknown token, unbalanced nodes, overrun).</summary>
    BadStructure,
    /// <summary>A property's name offset or value is malformed.</summary>
    BadProperty,
    /// <summary>#address-cells or #size-cells is outside 1-2 where a memory node needs them.</summary>
    BadCells,
    /// <summary>The memory reservation block runs past the blob or lacks its terminator.</summary>
    BadReservation,
    /// <summary>A memory range wraps around the address space or overlaps another memory range.</summary>
    BadMemoryRange,
    /// <summary>More ranges than the memory map holds.</summary>
    MemoryMapFull,
    /// <summary>No /memory node with a non-empty reg property.</summary>
    NoMemory,
}
