// One PT_LOAD: file bytes [FileOffset, +FileSize) go to guest-physical [PhysicalAddress, +FileSize), and
// the rest up to MemorySize is zero (bss).
namespace Xen.Core.Domains.Builder;

/// <summary>A loadable segment.</summary>
public struct ElfSegment
{
    /// <summary>p_offset.</summary>
    public ulong FileOffset;
    /// <summary>p_filesz.</summary>
    public ulong FileSize;
    /// <summary>p_paddr: where PVH loads it.</summary>
    public ulong PhysicalAddress;
    /// <summary>p_memsz.</summary>
    public ulong MemorySize;
}
