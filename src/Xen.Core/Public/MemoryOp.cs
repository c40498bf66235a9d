// memory_op (hypercall 12) sub-operations and argument layouts (xen/include/public/memory.h). The command
// word carries the sub-op in its low MEMOP_EXTENT_SHIFT (6) bits and a continuation start extent above them.
namespace Xen.Core.Public;

/// <summary>XENMEM_* numbers and structure offsets.</summary>
public static class MemoryOp
{
#pragma warning disable CS1591 // memory.h names
    public const int IncreaseReservation = 0;
    public const int DecreaseReservation = 1;
    public const int MaximumRamPage = 2;
    public const int CurrentReservation = 3;
    public const int MaximumReservation = 4;
    public const int PopulatePhysmap = 6;
    public const int AddToPhysmap = 7;
    public const int MemoryMap = 9;
    public const int MachineMemoryMap = 10;
    public const int MaximumGpfn = 14;
#pragma warning restore CS1591

    /// <summary>MEMOP_EXTENT_SHIFT: the sub-op is cmd &amp; ((1 &lt;&lt; 6) - 1), the start extent cmd &gt;&gt; 6.</summary>
    public const int ExtentShift = 6;

    /// <summary>MEMOP_CMD_MASK.</summary>
    public const ulong CommandMask = (1UL << ExtentShift) - 1;

    /// <summary>XENMAPSPACE_shared_info: idx 0 names the domain's shared_info page.</summary>
    public const uint MapSpaceSharedInfo = 0;
    /// <summary>XENMAPSPACE_grant_table.</summary>
    public const uint MapSpaceGrantTable = 1;

    /// <summary>DOMID_SELF (xen.h): "the calling domain".</summary>
    public const ushort DomidSelf = 0x7FF0;

    // struct xen_add_to_physmap, 64-bit: domid_t domid @0, uint16_t size @2, unsigned int space @4,
    // xen_ulong_t idx @8, xen_pfn_t gpfn @16 (24 bytes). 32-bit (compat): idx @8 and gpfn @12 are 4 bytes.
    /// <summary>sizeof(struct xen_add_to_physmap) for 64-bit callers.</summary>
    public const int AddToPhysmapSize = 24;
    /// <summary>sizeof(struct compat_add_to_physmap).</summary>
    public const int AddToPhysmapCompatSize = 16;

    // struct xen_memory_map: unsigned int nr_entries @0, XEN_GUEST_HANDLE(void) buffer @8 (64-bit) / @4
    // (compat). Entries have the BIOS E820 format: u64 addr, u64 size, u32 type, packed to 20 bytes.
    /// <summary>sizeof(struct xen_memory_map) for 64-bit callers.</summary>
    public const int MemoryMapSize = 16;
    /// <summary>sizeof(struct compat_memory_map).</summary>
    public const int MemoryMapCompatSize = 8;
    /// <summary>Bytes per E820 entry.</summary>
    public const int E820EntrySize = 20;
    /// <summary>E820 type 1: usable RAM.</summary>
    public const uint E820Ram = 1;
    /// <summary>E820 type 2: reserved.</summary>
    public const uint E820Reserved = 2;
}
