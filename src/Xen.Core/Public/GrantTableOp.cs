// grant_table_op (hypercall 20): sub-ops, flags, status codes and argument layouts, from
// xen/include/public/grant_table.h (Xen 4.7) and memory.h (XENMAPIDX_grant_table_status). Offsets are for the
// 64-bit ABI; the 32-bit (compat) ABI differs only where a structure holds a guest handle, an unsigned long or
// a xen_pfn_t (4 bytes there; uint64_t fields are 4-byte aligned on i386, which changes nothing below).
namespace Xen.Core.Public;

/// <summary>GNTTABOP_*, GTF_*, GNTMAP_*, GNTCOPY_*, GNTST_* and structure sizes/offsets.</summary>
public static class GrantTableOp
{
#pragma warning disable CS1591 // grant_table.h names
    public const int MapGrantRef = 0;
    public const int UnmapGrantRef = 1;
    public const int SetupTable = 2;
    public const int DumpTable = 3;
    public const int Transfer = 4;
    public const int Copy = 5;
    public const int QuerySize = 6;
    public const int UnmapAndReplace = 7;
    public const int SetVersion = 8;
    public const int GetStatusFrames = 9;
    public const int GetVersion = 10;
    public const int SwapGrantRef = 11;

    // grant_entry flags (GTF_*): type in bits 0-1, then sub-flags.
    public const ushort GtfInvalid = 0;
    public const ushort GtfPermitAccess = 1;
    public const ushort GtfAcceptTransfer = 2;
    public const ushort GtfTransitive = 3;
    public const ushort GtfTypeMask = 3;
    public const ushort GtfReadonly = 1 << 2;
    public const ushort GtfReading = 1 << 3;
    public const ushort GtfWriting = 1 << 4;
    public const ushort GtfPwt = 1 << 5;
    public const ushort GtfPcd = 1 << 6;
    public const ushort GtfPat = 1 << 7;
    public const ushort GtfSubPage = 1 << 8;

    // gnttab_map_grant_ref.flags (GNTMAP_*).
    public const uint GntmapDeviceMap = 1 << 0;
    public const uint GntmapHostMap = 1 << 1;
    public const uint GntmapReadonly = 1 << 2;
    public const uint GntmapApplicationMap = 1 << 3;
    public const uint GntmapContainsPte = 1 << 4;
    public const uint GntmapCanFail = 1 << 5;

    // gnttab_copy.flags (GNTCOPY_*).
    public const ushort GntcopySourceGref = 1 << 0;
    public const ushort GntcopyDestGref = 1 << 1;
    public const ushort GntcopyCanFail = 1 << 2;

    // Status codes (GNTST_*), all negative but okay.
    public const short Okay = 0;
    public const short GeneralError = -1;
    public const short BadDomain = -2;
    public const short BadGntref = -3;
    public const short BadHandle = -4;
    public const short BadVirtAddr = -5;
    public const short BadDevAddr = -6;
    public const short NoDeviceSpace = -7;
    public const short PermissionDenied = -8;
    public const short BadPage = -9;
    public const short BadCopyArg = -10;
    public const short AddressTooBig = -11;
    public const short Eagain = -12;
#pragma warning restore CS1591

    /// <summary>GNTTABOP_CONTINUATION_ARG_SHIFT (common/grant_table.c): the sub-op is cmd's low 12 bits; a guest
    /// must pass zero above them (Xen keeps them for its own continuations) or gets -EINVAL.</summary>
    public const int ContinuationShift = 12;
    /// <summary>GNTTABOP_CMD_MASK.</summary>
    public const uint CommandMask = (1u << ContinuationShift) - 1;

    /// <summary>XENMAPIDX_grant_table_status (memory.h): bit 31 of add_to_physmap's idx selects a v2 status frame.</summary>
    public const ulong MapIdxGrantTableStatus = 1UL << 31;

    /// <summary>sizeof(grant_entry_v1): flags u16 @0, domid u16 @2, frame u32 @4.</summary>
    public const int EntryV1Size = 8;
    /// <summary>sizeof(grant_entry_v2): hdr (flags @0, domid @2); full_page: frame u64 @8; sub_page: page_off u16 @4,
    /// length u16 @6, frame @8; transitive: trans_domid @4, gref @8.</summary>
    public const int EntryV2Size = 16;
    /// <summary>sizeof(grant_status_t): the v2 per-entry GTF_reading/GTF_writing word in the status frames.</summary>
    public const int StatusSize = 2;
    /// <summary>GNTTAB_NR_RESERVED_ENTRIES: entries 0-7 belong to the toolstack (console, xenstore) and survive a version change.</summary>
    public const int ReservedEntries = 8;

    // struct gnttab_map_grant_ref: host_addr u64 @0, flags u32 @8, ref u32 @12, dom u16 @16, status i16 @18,
    // handle u32 @20, dev_bus_addr u64 @24 (32 bytes, same in compat).
    /// <summary>sizeof(struct gnttab_map_grant_ref).</summary>
    public const int MapSize = 32;
    // struct gnttab_unmap_grant_ref: host_addr u64 @0, dev_bus_addr u64 @8, handle u32 @16, status i16 @20 (24).
    /// <summary>sizeof(struct gnttab_unmap_grant_ref).</summary>
    public const int UnmapSize = 24;
    // struct gnttab_setup_table: dom u16 @0, nr_frames u32 @4, status i16 @8, frame_list handle @16 (24 bytes);
    // compat: frame_list @12 (16 bytes). frame_list holds unsigned longs: 8 bytes, compat 4.
    /// <summary>sizeof(struct gnttab_setup_table).</summary>
    public const int SetupTableSize = 24;
    /// <summary>sizeof(struct compat_setup_table).</summary>
    public const int SetupTableCompatSize = 16;
    // struct gnttab_query_size: dom u16 @0, nr_frames u32 @4, max_nr_frames u32 @8, status i16 @12 (16 bytes).
    /// <summary>sizeof(struct gnttab_query_size).</summary>
    public const int QuerySizeSize = 16;
    // struct gnttab_copy: source {union {ref u32 | gmfn xen_pfn_t} @0, domid u16 @8, offset u16 @10} @0,
    // dest @16, len u16 @32, flags u16 @34, status i16 @36 (40 bytes). compat (xen_pfn_t 4 bytes): source @0
    // {u @0, domid @4, offset @6}, dest @8, len @16, flags @18, status @20 (24 bytes).
    /// <summary>sizeof(struct gnttab_copy).</summary>
    public const int CopySize = 40;
    /// <summary>sizeof(struct compat_gnttab_copy).</summary>
    public const int CopyCompatSize = 24;
    // struct gnttab_set_version: version u32 @0.
    /// <summary>sizeof(struct gnttab_set_version).</summary>
    public const int SetVersionSize = 4;
    // struct gnttab_get_status_frames: nr_frames u32 @0, dom u16 @4, status i16 @6, frame_list handle @8
    // (16 bytes; compat 12). frame_list holds uint64_t in both ABIs.
    /// <summary>sizeof(struct gnttab_get_status_frames).</summary>
    public const int GetStatusFramesSize = 16;
    /// <summary>sizeof(struct compat_get_status_frames).</summary>
    public const int GetStatusFramesCompatSize = 12;
    // struct gnttab_get_version: dom u16 @0, pad u16 @2, version u32 @4 (8 bytes).
    /// <summary>sizeof(struct gnttab_get_version).</summary>
    public const int GetVersionSize = 8;
}
