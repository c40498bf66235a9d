// Why: a PAGE_DATA PFN entry packs the page type in bits 63-60, reserved bits 59-52 and the PFN in
// bits 51-0 (libxc-migration-stream.pandoc "PAGE_DATA"; PAGE_DATA_PFN_MASK in xg_sr_stream_format.h).
namespace Xen.Migration.Libxc;

/// <summary>Packing and unpacking of 64-bit PAGE_DATA PFN entries.</summary>
public static class PfnEntry
{
    /// <summary>Mask of the PFN field (bits 51-0).</summary>
    public const ulong PfnMask = 0x000F_FFFF_FFFF_FFFFUL;

    /// <summary>Mask of the reserved bits 59-52.</summary>
    public const ulong ReservedMask = 0x0FF0_0000_0000_0000UL;

    /// <summary>Shift of the type nibble.</summary>
    public const int TypeShift = 60;

    /// <summary>Packs a PFN and its type.</summary>
    public static ulong Create(ulong pfn, PageType type) => (pfn & PfnMask) | ((ulong)type << TypeShift);

    /// <summary>The PFN of an entry.</summary>
    public static ulong Pfn(ulong entry) => entry & PfnMask;

    /// <summary>The type nibble of an entry.</summary>
    public static PageType Type(ulong entry) => (PageType)(entry >> TypeShift);

    /// <summary>True if the type value is one of the defined XEN_DOMCTL_PFINFO_* values.</summary>
    public static bool IsKnownType(PageType type) => (byte)type <= 0x4 || ((byte)type >= 0x9 && (byte)type <= 0xF);

    /// <summary>BROKEN, XALLOC and XTAB entries carry no page data in the stream.</summary>
    public static bool HasData(PageType type) => type < PageType.Broken;
}
