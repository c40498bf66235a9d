// Grant entries as the guest wrote them, and pinning them (Xen 4.7 _set_status_v1/_v2, unmap's flag clearing).
// The granting guest may rewrite an entry at any moment, so the protocol from grant_table.h is followed:
//  v1: read flags+domid as one 32-bit word, validate that copy, then compare-exchange it with GTF_reading
//      (and GTF_writing) added; a guest that keeps changing the word makes the exchange fail, and after 4 retries
//      the pin fails (a guest must not be able to livelock the hypervisor).
//  v2: the in-use bits live in the separate status frames: set them, full barrier, then read the header again
//      and back out if the entry changed under us (the guest revokes by clearing flags, then checks status).
// Once pinned, the active entry (not the guest's copy) decides what the grantee gets.
using System.Threading;
using Xen.Core.Memory;
using Xen.Core.Public;

namespace Xen.Core.Grants;

public sealed unsafe partial class GrantTable
{
    private const uint InUseBits = GrantTableOp.GtfReading | GrantTableOp.GtfWriting;
    private const uint MaxPinsPerKind = 128; // Xen refuses a pin when any 8-bit pin counter has its top bit set

    /// <summary>Pins <paramref name="gref"/> for <paramref name="grantee"/>: validates the entry (permit_access, the
    /// grantee's domid, GTF_readonly for writable pins; <paramref name="forMap"/> refuses sub-page grants), marks it
    /// GTF_reading/GTF_writing and resolves its frame. Returns GNTST_okay with the host page and the accessible byte
    /// range, or the GNTST_* failure with nothing pinned.</summary>
    internal short Pin(uint gref, ushort grantee, bool readOnly, bool forMap, out ulong hostPage, out ushort start, out ushort length)
    {
        hostPage = 0; start = 0; length = 0;
        if (Version == 0) return GrantTableOp.GeneralError; // "remote grant table not yet set up"
        if (gref >= EntryCount) return GrantTableOp.BadGntref;
        ref ActiveEntry act = ref Active(gref);
        bool pinned = act.IsPinned;
        if (pinned && (act.Domid != grantee || act.ReadPins >= MaxPinsPerKind || act.WritePins >= MaxPinsPerKind ||
            (forMap && act.Length != P2m.PageSize)))
            return GrantTableOp.GeneralError;
        if (!pinned || (!readOnly && act.WritePins == 0))
        {
            short rc = Version == 1 ? SetStatusV1(gref, grantee, readOnly, forMap, pinned) : SetStatusV2(gref, grantee, readOnly, forMap, pinned);
            if (rc != GrantTableOp.Okay) return rc;
            if (!pinned)
            {
                rc = Resolve(gref, ref act);
                if (rc != GrantTableOp.Okay)
                {
                    ClearFlag(gref, readOnly ? GrantTableOp.GtfReading : InUseBits);
                    return rc;
                }
                act.Domid = grantee;
            }
        }
        if (readOnly) act.ReadPins++; else act.WritePins++;
        hostPage = act.HostPage;
        start = act.Start;
        length = act.Length;
        return GrantTableOp.Okay;
    }

    /// <summary>Drops one pin taken by <see cref="Pin"/>: the last writer clears GTF_writing, the last pin GTF_reading.</summary>
    internal void Unpin(uint gref, bool readOnly)
    {
        ref ActiveEntry act = ref Active(gref);
        if (readOnly) { if (act.ReadPins > 0) act.ReadPins--; }
        else if (act.WritePins > 0) act.WritePins--;
        if (!readOnly && act.WritePins == 0) ClearFlag(gref, GrantTableOp.GtfWriting);
        if (!act.IsPinned) ClearFlag(gref, GrantTableOp.GtfReading);
    }

    /// <summary>True if <paramref name="gref"/> is pinned (mapped or being copied).</summary>
    public bool IsPinned(uint gref) => gref < _frames * EntriesPerFrameV1 && Active(gref).IsPinned;

    /// <summary>The flags word the guest sees for <paramref name="gref"/> (v1: the entry's flags; v2: flags with the
    /// status frame's in-use bits folded in). For diagnostics and tests.</summary>
    public ushort GuestFlags(uint gref) =>
        gref >= EntryCount ? (ushort)0 : (ushort)(Header(gref) | (Version == 2 ? *StatusWord(gref) : 0u));

    internal ref ActiveEntry Active(uint gref) => ref _active[gref / EntriesPerFrameV1]![gref % EntriesPerFrameV1];

    // flags (low 16 bits) and domid (high 16 bits) of an entry, read once; same place in v1 and v2.
    private uint Header(uint gref) => Volatile.Read(ref *HeaderWord(gref));

    private uint* HeaderWord(uint gref) => Version == 1
        ? (uint*)(_shared[gref / EntriesPerFrameV1] + gref % EntriesPerFrameV1 * GrantTableOp.EntryV1Size)
        : (uint*)(_shared[gref / EntriesPerFrameV2] + gref % EntriesPerFrameV2 * GrantTableOp.EntryV2Size);

    // v1: frame u32 @4; v2 full_page/sub_page: frame u64 @8.
    private ulong FrameOf(uint gref) => Version == 1
        ? Volatile.Read(ref *(HeaderWord(gref) + 1))
        : Volatile.Read(ref *(ulong*)((byte*)HeaderWord(gref) + 8));

    // The word holding GTF_reading/GTF_writing: the v1 entry's flags, or the v2 grant_status_t.
    private ushort* StatusWord(uint gref) => Version == 1
        ? (ushort*)HeaderWord(gref)
        : (ushort*)(_status[gref / StatusPerFrame] + gref % StatusPerFrame * GrantTableOp.StatusSize);

    private short SetStatusV1(uint gref, ushort grantee, bool readOnly, bool forMap, bool pinned)
    {
        uint mask = GrantTableOp.GtfTypeMask | (forMap ? GrantTableOp.GtfSubPage : 0u);
        uint* word = HeaderWord(gref);
        uint seen = Volatile.Read(ref *word);
        for (int retries = 0; ; retries++)
        {
            if (!pinned && ((seen & mask) != GrantTableOp.GtfPermitAccess || seen >> 16 != grantee))
                return GrantTableOp.GeneralError; // bad type or domid (this also covers a revoked entry)
            uint wanted = seen | GrantTableOp.GtfReading;
            if (!readOnly)
            {
                if ((seen & GrantTableOp.GtfReadonly) != 0) return GrantTableOp.GeneralError; // write-pin of a r/o grant
                wanted |= GrantTableOp.GtfWriting;
            }
            uint before = Interlocked.CompareExchange(ref *word, wanted, seen);
            if (before == seen) return GrantTableOp.Okay;
            if (retries == 4) return GrantTableOp.GeneralError; // the guest keeps changing the entry
            seen = before;
        }
    }

    private short SetStatusV2(uint gref, ushort grantee, bool readOnly, bool forMap, bool pinned)
    {
        // Transitive grants are not supported: only permit_access entries can be pinned.
        uint mask = GrantTableOp.GtfTypeMask | (forMap ? GrantTableOp.GtfSubPage : 0u);
        uint seen = Header(gref);
        if (!pinned && ((seen & mask) != GrantTableOp.GtfPermitAccess || seen >> 16 != grantee)) return GrantTableOp.GeneralError;
        if (!readOnly && (seen & GrantTableOp.GtfReadonly) != 0) return GrantTableOp.GeneralError;
        SetFlag(gref, readOnly ? GrantTableOp.GtfReading : InUseBits);
        Interlocked.MemoryBarrier(); // the guest must see the status before we look at the entry again
        seen = Header(gref);
        if (!pinned)
        {
            if ((seen & mask) != GrantTableOp.GtfPermitAccess || seen >> 16 != grantee || (!readOnly && (seen & GrantTableOp.GtfReadonly) != 0))
            {
                ClearFlag(gref, InUseBits);
                return GrantTableOp.GeneralError; // the entry changed while we pinned it
            }
        }
        else if ((seen & GrantTableOp.GtfReadonly) != 0)
        {
            ClearFlag(gref, GrantTableOp.GtfWriting); // made read-only under a write upgrade
            return GrantTableOp.GeneralError;
        }
        return GrantTableOp.Okay;
    }

    // First pin: the entry's frame is a gfn of the granter (auto-translated guests); it must be the granter's own
    // memory (not a hole, not a page the granter itself has mapped from elsewhere) — else GNTST_bad_page.
    private short Resolve(uint gref, ref ActiveEntry act)
    {
        uint header = Header(gref);
        ulong gfn = FrameOf(gref);
        ushort start = 0, length = (ushort)P2m.PageSize;
        if (Version == 2 && (header & GrantTableOp.GtfSubPage) != 0)
        {
            uint sub = Volatile.Read(ref *(HeaderWord(gref) + 1)); // page_off u16 @4, length u16 @6, read at once
            start = (ushort)sub;
            length = (ushort)(sub >> 16);
            if (start > P2m.PageSize || length > P2m.PageSize - start) return GrantTableOp.GeneralError;
        }
        P2m p2m = Owner.P2m;
        if (gfn >= p2m.PageCount || p2m.IsForeign(gfn) || !p2m.TryTranslate(gfn * P2m.PageSize, out ulong host))
            return GrantTableOp.BadPage;
        act.Gfn = gfn;
        act.HostPage = host;
        act.Start = start;
        act.Length = length;
        return GrantTableOp.Okay;
    }

    private void SetFlag(uint gref, uint bits) => UpdateStatus(StatusWord(gref), bits, set: true);

    private void ClearFlag(uint gref, uint bits) => UpdateStatus(StatusWord(gref), bits, set: false);

    // Atomic OR/AND on a 16-bit word shared with the guest, done on its aligned 32-bit container (the other half
    // is the v1 domid or the neighbouring v2 status, which the atomic operation leaves as it is).
    private static void UpdateStatus(ushort* word, uint bits, bool set)
    {
        int shift = (int)((ulong)word & 2) * 8;
        ref uint container = ref *(uint*)((ulong)word & ~3UL);
        if (set) Interlocked.Or(ref container, bits << shift);
        else Interlocked.And(ref container, ~(bits << shift));
    }

    private void RestoreReserved(uint gref, uint header, ulong frame)
    {
        uint* word = HeaderWord(gref);
        if (Version == 1)
        {
            *(word + 1) = (uint)frame;
            Volatile.Write(ref *word, header);
        }
        else
        {
            *(ulong*)((byte*)word + 8) = frame;
            Volatile.Write(ref *word, header & ~InUseBits);
            *StatusWord(gref) = (ushort)(header & InUseBits);
        }
    }
}
