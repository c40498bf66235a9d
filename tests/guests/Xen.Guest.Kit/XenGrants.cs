// Guest-side grant tables (xen/include/public/grant_table.h, memory.h), written from Xen's headers independently
// of the hypervisor's own definitions: show our grant frame with XENMEM_add_to_physmap(XENMAPSPACE_grant_table),
// publish v1 entries by the header's ordering rule (domid and frame, write barrier, then flags), end access with
// a compare-exchange that fails while the peer still has the grant in use, and map/unmap/copy a peer's grants.
// This is an auto-translated (PVH) guest, so map_grant_ref's host_addr is a guest-physical address of ours.
using System.Threading;

namespace Xen.Guest.Kit;

/// <summary>Grant-table calls for test guests (64-bit layouts).</summary>
internal static unsafe class XenGrants
{
    internal const int GrantTableOp = 20, MemoryOp = 12, XenMemAddToPhysmap = 7;
    internal const uint MapSpaceGrantTable = 1;
    internal const int MapGrantRef = 0, UnmapGrantRef = 1, Copy = 5, QuerySize = 6, SetVersion = 8;
    internal const ushort GtfPermitAccess = 1, GtfReadonly = 1 << 2, GtfReading = 1 << 3, GtfWriting = 1 << 4;
    internal const uint GntmapHostMap = 1 << 1, GntmapReadonly = 1 << 2;
    internal const ushort GntcopySourceGref = 1, GntcopyDestGref = 2;
    internal const short Okay = 0, GeneralError = -1, BadDomain = -2, BadGntref = -3, BadHandle = -4;
    internal const ushort DomidSelf = 0x7FF0;

    /// <summary>GNTTABOP_query_size for ourselves: the GNTST status; frames in use and the maximum.</summary>
    internal static long QuerySizeSelf(out uint frames, out uint maxFrames)
    {
        uint* a = stackalloc uint[4];
        a[0] = DomidSelf; a[1] = 0; a[2] = 0; a[3] = 0xFFFFu << 16; // status poisoned
        long rc = Xen.Call(GrantTableOp, QuerySize, (ulong)a, 1);
        frames = a[1];
        maxFrames = a[2];
        return rc != 0 ? rc : (short)(a[3] & 0xFFFF);
    }

    /// <summary>XENMEM_add_to_physmap(XENMAPSPACE_grant_table, <paramref name="index"/>) at our frame <paramref name="gfn"/>.</summary>
    internal static long MapGrantFrame(ulong index, ulong gfn)
    {
        ulong* a = stackalloc ulong[3];
        a[0] = DomidSelf | (ulong)MapSpaceGrantTable << 32; // domid @0, size @2, space @4
        a[1] = index;
        a[2] = gfn;
        return Xen.Call(MemoryOp, XenMemAddToPhysmap, (ulong)a);
    }

    /// <summary>Publishes v1 entry <paramref name="gref"/> in our grant frame at <paramref name="table"/>: <paramref name="domid"/>
    /// may access our frame <paramref name="gfn"/> (read-only if asked).</summary>
    internal static void GrantAccess(byte* table, uint gref, ushort domid, ulong gfn, bool readOnly)
    {
        byte* entry = table + gref * 8;
        *(ushort*)(entry + 2) = domid;
        *(uint*)(entry + 4) = (uint)gfn;
        Interlocked.MemoryBarrier(); // the flags make the entry valid: everything else must be visible first
        *(ushort*)entry = (ushort)(GtfPermitAccess | (readOnly ? GtfReadonly : 0));
    }

    /// <summary>The flags word of v1 entry <paramref name="gref"/> (including Xen's GTF_reading/GTF_writing).</summary>
    internal static ushort Flags(byte* table, uint gref) => (ushort)Volatile.Read(ref *(uint*)(table + gref * 8));

    /// <summary>Revokes an unused entry: true if it was not in use and is now invalid (the header's CMPXCHG rule).</summary>
    internal static bool EndAccess(byte* table, uint gref)
    {
        uint* word = (uint*)(table + gref * 8); // flags | domid << 16
        uint seen = Volatile.Read(ref *word);
        if ((seen & (GtfReading | GtfWriting)) != 0) return false;
        return Interlocked.CompareExchange(ref *word, seen & 0xFFFF0000u, seen) == seen;
    }

    /// <summary>GNTTABOP_map_grant_ref of (<paramref name="dom"/>, <paramref name="gref"/>) at our guest-physical
    /// <paramref name="gpa"/>: the GNTST status (or a negative errno from the call); the handle on success.</summary>
    internal static long Map(ushort dom, uint gref, ulong gpa, bool readOnly, out uint handle)
    {
        ulong* a = stackalloc ulong[4];
        a[0] = gpa;                                                        // host_addr
        a[1] = (GntmapHostMap | (readOnly ? GntmapReadonly : 0)) | (ulong)gref << 32; // flags @8, ref @12
        a[2] = dom | 0xFFFFUL << 16;                                       // dom @16, status @18 poisoned
        a[3] = 0;                                                          // dev_bus_addr
        long rc = Xen.Call(GrantTableOp, MapGrantRef, (ulong)a, 1);
        handle = (uint)(a[2] >> 32);
        return rc != 0 ? rc : (short)(a[2] >> 16);
    }

    /// <summary>GNTTABOP_unmap_grant_ref of <paramref name="handle"/> mapped at <paramref name="gpa"/>: the GNTST status.</summary>
    internal static long Unmap(ulong gpa, uint handle)
    {
        ulong* a = stackalloc ulong[3];
        a[0] = gpa;
        a[1] = 0;
        a[2] = handle | 0xFFFFUL << 32; // handle @16, status @20 poisoned
        long rc = Xen.Call(GrantTableOp, UnmapGrantRef, (ulong)a, 1);
        return rc != 0 ? rc : (short)(a[2] >> 32);
    }

    /// <summary>GNTTABOP_copy of <paramref name="length"/> bytes; each side is a grant ref of its domain (with the
    /// GNTCOPY flag) or one of our frames (DOMID_SELF). The GNTST status.</summary>
    internal static long CopyBytes(ulong source, ushort sourceDom, ushort sourceOffset, ulong dest, ushort destDom, ushort destOffset,
        ushort length, ushort flags)
    {
        ulong* a = stackalloc ulong[5];
        a[0] = source;
        a[1] = sourceDom | (ulong)sourceOffset << 16;
        a[2] = dest;
        a[3] = destDom | (ulong)destOffset << 16;
        a[4] = length | (ulong)flags << 16 | 0xFFFFUL << 32; // len @32, flags @34, status @36 poisoned
        long rc = Xen.Call(GrantTableOp, Copy, (ulong)a, 1);
        return rc != 0 ? rc : (short)(a[4] >> 32);
    }
}
