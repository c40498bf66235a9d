// The PVH boot start info block (xen/include/public/arch-x86/hvm/start_info.h), as the domain builder
// writes it into guest memory. All fields little-endian:
//   struct hvm_start_info { u32 magic, version, flags, nr_modules; u64 modlist_paddr, cmdline_paddr,
//                           rsdp_paddr; u64 memmap_paddr; u32 memmap_entries; u32 reserved; }  (56 bytes)
//   struct hvm_modlist_entry { u64 paddr, size, cmdline_paddr, reserved; }                    (32 bytes)
//   struct hvm_memmap_table_entry { u64 addr, size; u32 type, reserved; }                    (24 bytes)
namespace Xen.Core.Public;

/// <summary>Offsets and constants of hvm_start_info and its tables.</summary>
public static class HvmStartInfoLayout
{
#pragma warning disable CS1591 // field names are start_info.h's
    public const uint Magic = 0x336ec578;
    public const uint CurrentVersion = 1;
    public const int Size = 56;
    public const int MagicOffset = 0, VersionOffset = 4, FlagsOffset = 8, ModuleCountOffset = 12;
    public const int ModuleListOffset = 16, CommandLineOffset = 24, RsdpOffset = 32;
    public const int MemoryMapOffset = 40, MemoryMapEntriesOffset = 48;
    public const int ModuleEntrySize = 32;
    public const int MemoryMapEntrySize = 24;

    /// <summary>XEN_HVM_MEMMAP_TYPE_* (E820 numbering).</summary>
    public const uint MemoryTypeRam = 1, MemoryTypeReserved = 2, MemoryTypeAcpi = 3, MemoryTypeNvs = 4,
        MemoryTypeUnusable = 5, MemoryTypeDisabled = 6, MemoryTypePmem = 7;
#pragma warning restore CS1591
}
