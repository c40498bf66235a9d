// GNTTABOP_copy for one element (Xen 4.7 gnttab_copy_one): each side is either a grant reference of a foreign
// (or our own) domain (GNTCOPY_source_gref / GNTCOPY_dest_gref) or a frame of the caller itself, which must then
// be named with DOMID_SELF. Source grants are pinned read-only, destination grants writable, for the copy only.
// Checks, in Xen's order: domains (permission_denied, bad_domain), source then destination frame (bad_gntref,
// general_error, bad_page), then the byte range (bad_copy_arg beyond the page, general_error outside a sub-page
// grant). The copy is a memmove, so a copy within one page may overlap.
using System;
using Xen.Core.Domains;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Grants;

/// <summary>One side of a grant copy, as decoded from struct gnttab_copy.</summary>
public struct GrantCopySide
{
    /// <summary>The grant reference (a gref side) or the caller's guest frame (a gmfn side).</summary>
    public ulong RefOrGmfn;
    /// <summary>The domain the side belongs to (DOMID_SELF for the caller).</summary>
    public ushort Domid;
    /// <summary>Byte offset in the page.</summary>
    public ushort Offset;
    /// <summary>Unused (keeps the struct free of padding, which ilc's field-helper for padded structs needs).</summary>
    public uint Spare;
}

/// <summary>Grant copy.</summary>
public static unsafe class GrantCopy
{
    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="source"/> to <paramref name="dest"/> for
    /// <paramref name="caller"/>; <paramref name="flags"/> holds GNTCOPY_*. Returns a GNTST_* status.</summary>
    public static short Copy(Domain caller, DomainTable? domains, in GrantCopySide source, in GrantCopySide dest, ushort length, ushort flags)
    {
        bool sourceGref = (flags & GrantTableOp.GntcopySourceGref) != 0;
        bool destGref = (flags & GrantTableOp.GntcopyDestGref) != 0;
        short rc = Lookup(caller, domains, source.Domid, sourceGref, out Domain? sourceDomain);
        if (rc != GrantTableOp.Okay) return rc;
        rc = Lookup(caller, domains, dest.Domid, destGref, out Domain? destDomain);
        if (rc != GrantTableOp.Okay) return rc;
        rc = Claim(caller, sourceDomain!, source, sourceGref, readOnly: true, out ulong sourcePage, out ushort sourceStart, out ushort sourceLength);
        if (rc != GrantTableOp.Okay) return rc;
        rc = Claim(caller, destDomain!, dest, destGref, readOnly: false, out ulong destPage, out ushort destStart, out ushort destLength);
        if (rc == GrantTableOp.Okay)
        {
            if (source.Offset + length > (int)P2m.PageSize || dest.Offset + length > (int)P2m.PageSize)
                rc = GrantTableOp.BadCopyArg;
            else if (source.Offset < sourceStart || source.Offset + length > sourceStart + sourceLength ||
                     dest.Offset < destStart || dest.Offset + length > destStart + destLength)
                rc = GrantTableOp.GeneralError; // outside a sub-page grant
            else
                new ReadOnlySpan<byte>((byte*)sourcePage + source.Offset, length).CopyTo(new Span<byte>((byte*)destPage + dest.Offset, length));
            if (destGref) destDomain!.GrantTable!.Unpin((uint)dest.RefOrGmfn, readOnly: false);
        }
        if (sourceGref) sourceDomain!.GrantTable!.Unpin((uint)source.RefOrGmfn, readOnly: true);
        return rc;
    }

    // Only DOMID_SELF may name plain frames; a gref side may name any existing domain (or DOMID_SELF).
    private static short Lookup(Domain caller, DomainTable? domains, ushort domid, bool gref, out Domain? domain)
    {
        domain = null;
        if (domid != MemoryOp.DomidSelf && !gref) return GrantTableOp.PermissionDenied;
        domain = domid == MemoryOp.DomidSelf || domid == caller.Id ? caller : domains?.Find(domid);
        return domain is null ? GrantTableOp.BadDomain : GrantTableOp.Okay;
    }

    private static short Claim(Domain caller, Domain owner, in GrantCopySide side, bool gref, bool readOnly,
        out ulong page, out ushort start, out ushort length)
    {
        page = 0; start = 0; length = 0;
        if (gref)
        {
            GrantTable? table = owner.GrantTable;
            if (table is null) return GrantTableOp.GeneralError; // never set up
            return table.Pin((uint)side.RefOrGmfn, caller.Id, readOnly, forMap: false, out page, out start, out length);
        }
        // A frame of the caller: its own memory (not a hole, not a page mapped from elsewhere), writable for a destination.
        P2m p2m = owner.P2m;
        ulong gfn = side.RefOrGmfn;
        if (gfn >= p2m.PageCount || p2m.IsForeign(gfn) || !p2m.TryTranslate(gfn * P2m.PageSize, out page)) return GrantTableOp.BadPage;
        length = (ushort)P2m.PageSize;
        return GrantTableOp.Okay;
    }
}
